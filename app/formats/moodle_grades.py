"""Moodle's allowed answer grades: an import with any other fraction is refused by Moodle."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from app.formats.common import fmt_number, weight_of

# question_bank::fraction_options_full(): p/q for q <= 6, p/10, 1/q for q <= 10, 1/20, their
# negatives, none, 100% and -100%; in percent, as GIFT weights and XML fractions write them.
_FRACTIONS = (
    0.9, 0.8333333, 0.8, 0.75, 0.7, 0.6666667, 0.6, 0.5, 0.4, 0.3333333, 0.3, 0.25, 0.2,
    0.1666667, 0.1428571, 0.125, 0.1111111, 0.1, 0.05,
)  # fmt: skip
ALLOWED = (0.0, 100.0, -100.0, *(sign * round(f * 100, 5) for f in _FRACTIONS for sign in (1, -1)))


def allowed(weight: float) -> bool:
    """Whether Moodle accepts this grade (in percent), with Moodle's own slack of 0.001%."""
    return any(abs(weight - grade) < 0.001 for grade in ALLOWED)


def invalid(answers: Iterable[Mapping[str, Any]]) -> list[str]:
    """The weights among these answers that Moodle would refuse, as written ("33")."""
    return [fmt_number(weight_of(a)) for a in answers if not allowed(weight_of(a))]


def nearest(weight: float) -> float:
    """The allowed grade closest to `weight` (what Moodle's 'nearest grade' import picks)."""
    return min(ALLOWED, key=lambda grade: abs(weight - grade))
