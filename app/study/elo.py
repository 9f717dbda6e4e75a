"""Elo-style estimates of learner skill and question difficulty on a logit scale.

The model: a learner of skill s answers a question of difficulty d correctly with probability
1/k + (1 - 1/k) * logistic(s - d) when the question offers k choices (a blind guess is right one
time in k), and logistic(s - d) for a typed answer (k = 0 or None: no guessing floor).
After each answer both estimates move by K times the surprise (outcome minus expectation); K
shrinks as an estimate rests on more answers (Pelánek's uncertainty function K = a / (1 + b·n)).
"""

from __future__ import annotations

import math

K_START = 0.8
K_DECAY = 0.05
K_MIN = 0.05
# Estimates stay within this range so a run of answers cannot push them to absurd values.
LIMIT = 6.0
_PRIOR_CLAMP = 0.05


def logistic(x: float) -> float:
    """1 / (1 + e^-x), computed without overflow."""
    if x >= 0:
        return 1.0 / (1.0 + math.exp(-x))
    z = math.exp(x)
    return z / (1.0 + z)


def guess_floor(n_choices: int | None) -> float:
    """The chance of a blind guess being right: 1/k for k ≥ 2 choices, else 0."""
    return 1.0 / n_choices if n_choices and n_choices >= 2 else 0.0


def expected_success(skill: float, difficulty: float, n_choices: int | None) -> float:
    """The probability of a right answer, with the 1/k guessing floor for k choices."""
    floor = guess_floor(n_choices)
    return floor + (1.0 - floor) * logistic(skill - difficulty)


def update(
    skill: float,
    difficulty: float,
    correct: bool,
    n_choices: int | None,
    *,
    k_learner: float,
    k_item: float,
) -> tuple[float, float]:
    """The learner's skill and the question's difficulty after one answer."""
    surprise = (1.0 if correct else 0.0) - expected_success(skill, difficulty, n_choices)
    return _clamp(skill + k_learner * surprise), _clamp(difficulty - k_item * surprise)


def k_factor(n_answers: int) -> float:
    """How far one answer moves an estimate already based on n_answers answers."""
    return max(K_MIN, K_START / (1.0 + K_DECAY * max(0, n_answers)))


def initial_difficulty(prior: float) -> float:
    """A pack's difficulty estimate in [0, 1] as a logit: the prior is the share who fail.

    0.5 maps to 0 (an average learner succeeds half the time without guessing); the prior is
    clamped to [0.05, 0.95] so no question starts out as certain.
    """
    p = min(1.0 - _PRIOR_CLAMP, max(_PRIOR_CLAMP, prior))
    return math.log(p / (1.0 - p))


def _clamp(value: float) -> float:
    return max(-LIMIT, min(LIMIT, value))
