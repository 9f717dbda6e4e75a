"""Keep one question type from filling a quiz (plain data, no clock, no randomness).

The chooser aims new questions at a target chance of success, and a blind guess at a
true/false question is right half the time, so a fresh learner is asked true/false questions
almost only. Before choosing, the new questions of a type that already makes up a third of the
learner's last few answers wait, while new questions of a less asked type are there. Reviews
are never held back: their timing is the scheduler's.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from app.study.selection import Candidate

# How many of the learner's latest answers the balance looks at, and the most of them one type
# may take while new questions of other types wait (as a share; at least one question).
WINDOW = 9
SHARE = 1 / 3


def _is_new(candidate: Candidate) -> bool:
    # As the chooser counts them: no card, or a card never reviewed.
    return candidate.card is None or candidate.card.last_review is None


def balance_types(
    candidates: Sequence[Candidate], *, window: int = WINDOW, share: float = SHARE
) -> list[Candidate]:
    """The candidates, less the new questions of types asked more than `share` of the last
    `window` answers when new questions of another type remain."""
    seen = sorted(
        (c for c in candidates if c.last_seen is not None),
        key=lambda c: c.last_seen,
        reverse=True,
    )[:window]
    new_types = {c.type for c in candidates if _is_new(c)}
    if not seen or len(new_types) < 2:
        return list(candidates)
    asked = Counter(c.type for c in seen)
    limit = max(1.0, share * len(seen))
    allowed = {t for t in new_types if asked[t] < limit}
    if not allowed:
        # Every type with new questions has had its share: the least asked ones go on.
        fewest = min(asked[t] for t in new_types)
        allowed = {t for t in new_types if asked[t] == fewest}
    return [c for c in candidates if not _is_new(c) or c.type in allowed]
