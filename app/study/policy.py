"""What asking a question now is worth: the expected gain in the learner's recall ahead.

Quire's goal for a learner is that they recall as much of what they study as possible, a
question never studied counting as what they already knew. Asking a question resets its memory
(a right answer also strengthens it, a wrong one is followed by the answer), so its worth is
the expected recall over the next `horizon` days if asked now, minus the recall expected
without it. That one measure compares a new question (nothing to lose, everything to gain)
with a fading one (worth more the more it has faded, less when it will fade again at once)
and a fresh one (worth almost nothing), so no fixed retention target is needed.

The memory model is FSRS's: its forgetting curve and stability updates with the package's
default parameters, in continuous time. The learner's own speed of forgetting enters as the
memory bias, a shift on the logit scale learned from their answers to reviewed questions.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from datetime import datetime

from fsrs import Scheduler

from app.study import elo
from app.study.scheduling import REVIEW, CardState

HORIZON_DAYS = 3
_R_CLAMP = (0.001, 0.999)
_STABILITY_MIN = 0.001
_DAY_SECONDS = 86_400.0
_W = Scheduler().parameters
_DECAY = -_W[20]
_FACTOR = 0.9 ** (1 / _DECAY) - 1
# FSRS numbers ratings 1..4 (Again..Good..Easy); an automatically graded right answer is Good.
_GOOD, _AGAIN = 3, 1


def fsrs_recall(elapsed_days: float, stability: float) -> float:
    """FSRS's forgetting curve: the recall probability `elapsed_days` after the last review."""
    return (1.0 + _FACTOR * max(0.0, elapsed_days) / stability) ** _DECAY


def calibrated(recall: float, bias: float) -> float:
    """A recall probability shifted by the learner's memory bias on the logit scale."""
    r = min(_R_CLAMP[1], max(_R_CLAMP[0], recall))
    return elo.logistic(math.log(r / (1.0 - r)) + bias)


def elapsed_days(card: CardState, now: datetime) -> float:
    """Days since the card's last review, in continuous time (0 for a card never reviewed)."""
    if card.last_review is None:
        return 0.0
    return max(0.0, (now - card.last_review).total_seconds() / _DAY_SECONDS)


def next_stabilities(card: CardState, now: datetime) -> tuple[float, float]:
    """FSRS's stability after a right (Good) and after a wrong (Again) answer now."""
    if card.stability is None or card.difficulty is None or card.last_review is None:
        return _W[_GOOD - 1], _W[_AGAIN - 1]
    s, d = card.stability, card.difficulty
    days = elapsed_days(card, now)
    if days < 1.0:
        # Same-day review: FSRS's short-term formula, where Good never lowers stability.
        grow = math.exp(_W[17] * (_GOOD - 3 + _W[18])) * s ** -_W[19]
        shrink = math.exp(_W[17] * (_AGAIN - 3 + _W[18])) * s ** -_W[19]
        return s * max(1.0, grow), max(_STABILITY_MIN, s * shrink)
    r = fsrs_recall(days, s)
    success = s * (
        1.0 + math.exp(_W[8]) * (11.0 - d) * s ** -_W[9] * (math.exp(_W[10] * (1.0 - r)) - 1.0)
    )
    forget = _W[11] * d ** -_W[12] * ((s + 1.0) ** _W[13] - 1.0) * math.exp(_W[14] * (1.0 - r))
    forget = min(forget, s / math.exp(_W[17] * _W[18]))
    return max(_STABILITY_MIN, success), max(_STABILITY_MIN, forget)


RecallFn = Callable[[float, int, int, float], float]
"""Predicted recall from (FSRS stability, reviews, lapses, days since the last review)."""


def fsrs_calibrated(bias: float) -> RecallFn:
    """FSRS's forgetting curve shifted by the learner's memory bias, as a recall function."""
    return lambda stability, reps, lapses, days: calibrated(fsrs_recall(days, stability), bias)


def _ahead(recall: RecallFn, stability: float, reps: int, lapses: int, since: float, horizon: int):
    """Summed recall at 1..horizon days from now, the last review `since` days ago."""
    return sum(recall(stability, reps, lapses, since + day) for day in range(1, horizon + 1))


def review_gain(
    card: CardState, now: datetime, recall: RecallFn, horizon: int = HORIZON_DAYS
) -> tuple[float, float]:
    """The mean gain in recall over the horizon from asking a reviewed card now, and its recall."""
    since = elapsed_days(card, now)
    reps, lapses = card.reps, card.lapses
    recall_now = recall(card.stability, reps, lapses, since)
    kept = _ahead(recall, card.stability, reps, lapses, since, horizon)
    s_right, s_wrong = next_stabilities(card, now)
    lapsed = lapses + (card.state == REVIEW)
    asked = recall_now * _ahead(recall, s_right, reps + 1, lapses, 0.0, horizon) + (
        1.0 - recall_now
    ) * _ahead(recall, s_wrong, reps + 1, lapsed, 0.0, horizon)
    return (asked - kept) / horizon, recall_now


def new_gain(known: float, recall: RecallFn, horizon: int = HORIZON_DAYS) -> float:
    """The mean gain in recall over the horizon from a first question, `known` the chance the
    learner already knows the answer (which, unlike a studied answer, is not forgotten)."""
    s_right, s_wrong = _W[_GOOD - 1], _W[_AGAIN - 1]
    asked = known * _ahead(recall, s_right, 1, 0, 0.0, horizon) + (1.0 - known) * _ahead(
        recall, s_wrong, 1, 0, 0.0, horizon
    )
    return max(0.0, asked - known * horizon) / horizon
