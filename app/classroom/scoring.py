"""Points for an answer, and the seed of the order each student sees the choices in.

Accuracy earns ACCURACY_POINTS; with the speed bonus on, a right answer also earns up to
SPEED_POINTS, falling linearly to nothing at the time limit. A wrong answer earns nothing, however
fast. Scores are always recomputed as a sum of stored points, so nothing here keeps state.
"""

from __future__ import annotations

from collections.abc import Sequence

ACCURACY_POINTS = 1000
SPEED_POINTS = 500


def points(correct: bool, elapsed_ms: int | None, limit_ms: int | None, speed_bonus: bool) -> int:
    """The points one answer earns."""
    if not correct:
        return 0
    if not speed_bonus or not limit_ms or elapsed_ms is None:
        return ACCURACY_POINTS
    share_left = 1.0 - min(max(elapsed_ms, 0), limit_ms) / limit_ms
    return ACCURACY_POINTS + round(SPEED_POINTS * share_left)


def shuffle_seed(session_seed: str, player_id: int, question_id: int) -> str:
    """The seed for one student's view of one question in one session."""
    return f"{session_seed}:{player_id}:{question_id}"


def elapsed_ms(opened_ms: int, answered_ms: int) -> int:
    """Milliseconds between a question opening and the answer arriving (never negative)."""
    return max(0, answered_ms - opened_ms)


def streak(results: Sequence[bool | None]) -> int:
    """Right answers in a row at the end of `results` (one per question in order; None for a
    question left unanswered, which breaks a streak as a wrong answer does)."""
    count = 0
    for correct in reversed(results):
        if not correct:
            break
        count += 1
    return count
