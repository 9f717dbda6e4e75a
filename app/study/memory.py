"""A learner's own memory model for the adaptive quiz, fitted online from their answers.

FSRS's default parameters describe an average Anki user; a learner may forget much faster or
slower, and may (or may not) learn as much from a wrong answer followed by its correction as
from a right one. So the quiz predicts recall with a half-life regression (Settles and Meeder,
2016): recall after t days is 2^(-t/h), the half-life h = exp(w · x) with features x of the
card (FSRS's stability, the number of reviews, the number of lapses), and the weights w are
fitted to this learner by a step of gradient descent on the log loss after each answer to a
reviewed question. The starting weights reproduce FSRS's own prediction at its interval.

FSRS stays the scheduler of record (due dates, flashcards); this model only orders the quiz.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime

from app.study.scheduling import CardState

# h = 6.6·S makes 2^(-S/h) = 0.9, FSRS's recall at its stability; the other features start at 0.
PRIOR_WEIGHTS = (math.log(1.0 / math.log2(1.0 / 0.9)), 1.0, 0.0, 0.0)
LEARNING_RATE = 0.05
# Pull towards the prior, so a few answers cannot swing the weights to extremes.
SHRINKAGE = 0.002
_MIN_RECALL = 1e-4
_WEIGHT_LIMIT = 8.0
_DAY_SECONDS = 86_400.0


@dataclass(frozen=True)
class MemoryFit:
    """One learner's half-life regression weights and how many answers they rest on."""

    weights: tuple[float, ...] = PRIOR_WEIGHTS
    answers: int = 0


def features(stability: float, reps: int, lapses: int) -> tuple[float, ...]:
    """The card's features: a constant, log FSRS stability, log reviews, log lapses."""
    return (1.0, math.log(max(stability, 1e-3)), math.log1p(reps), math.log1p(lapses))


def half_life(fit: MemoryFit, stability: float, reps: int, lapses: int) -> float:
    """The predicted half-life in days of a card with these FSRS values."""
    x = features(stability, reps, lapses)
    z = sum(w * v for w, v in zip(fit.weights, x, strict=True))
    return math.exp(max(-_WEIGHT_LIMIT, min(_WEIGHT_LIMIT, z)))


def recall(fit: MemoryFit, stability: float, reps: int, lapses: int, days: float) -> float:
    """The predicted recall probability `days` after the last review."""
    return max(_MIN_RECALL, 2.0 ** (-max(0.0, days) / half_life(fit, stability, reps, lapses)))


def card_recall(fit: MemoryFit, card: CardState, now: datetime) -> float:
    """The predicted recall of a reviewed card now (0 for a card never reviewed)."""
    if card.last_review is None or card.stability is None:
        return 0.0
    days = (now - card.last_review).total_seconds() / _DAY_SECONDS
    return recall(fit, card.stability, card.reps, card.lapses, days)


def update(
    fit: MemoryFit, card: CardState, now: datetime, correct: bool, n_choices: int
) -> MemoryFit:
    """The weights after one answer to a reviewed card (`card` as it was before the answer);
    n_choices is 0 for a typed answer (no lucky guess)."""
    if card.last_review is None or card.stability is None:
        return fit
    x = features(card.stability, card.reps, card.lapses)
    days = max(0.0, (now - card.last_review).total_seconds() / _DAY_SECONDS)
    h = half_life(fit, card.stability, card.reps, card.lapses)
    p = max(_MIN_RECALL, 2.0 ** (-days / h))
    floor = 1.0 / n_choices if n_choices >= 2 else 0.0
    shown = floor + (1.0 - floor) * p
    shown = min(1.0 - _MIN_RECALL, max(_MIN_RECALL, shown))
    # d(log loss)/d(shown), times d(shown)/dp, times dp/dz where z = w·x = log h.
    d_shown = (shown - (1.0 if correct else 0.0)) / (shown * (1.0 - shown))
    d_z = d_shown * (1.0 - floor) * p * math.log(2.0) * days / h
    weights = tuple(
        max(-_WEIGHT_LIMIT, min(_WEIGHT_LIMIT, w - LEARNING_RATE * d_z * v - SHRINKAGE * (w - w0)))
        for w, v, w0 in zip(fit.weights, x, PRIOR_WEIGHTS, strict=True)
    )
    return MemoryFit(weights, fit.answers + 1)
