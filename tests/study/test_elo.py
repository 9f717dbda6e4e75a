"""Elo estimates with the guessing correction."""

from __future__ import annotations

import math

import pytest

from app.study import elo


@pytest.mark.parametrize(
    "skill, difficulty, k, expected",
    [
        (0, 0, 0, 0.5),
        (0, 0, None, 0.5),
        (0, 0, 4, 0.625),
        (0, 0, 2, 0.75),
        (-50, 0, 4, 0.25),
        (50, 0, 4, 1.0),
    ],
)
def test_expected_success_has_a_guessing_floor(skill, difficulty, k, expected):
    assert elo.expected_success(skill, difficulty, k) == pytest.approx(expected)


def test_right_answer_raises_skill_and_lowers_difficulty():
    skill, difficulty = elo.update(0.0, 0.0, True, 4, k_learner=0.4, k_item=0.2)
    assert skill == pytest.approx(0.4 * 0.375) and difficulty == pytest.approx(-0.2 * 0.375)
    skill, difficulty = elo.update(0.0, 0.0, False, 4, k_learner=0.4, k_item=0.2)
    assert skill < 0 < difficulty


def test_a_right_guess_teaches_less_than_a_right_typed_answer():
    guessed, _ = elo.update(0.0, 0.0, True, 4, k_learner=1, k_item=1)
    typed, _ = elo.update(0.0, 0.0, True, 0, k_learner=1, k_item=1)
    assert guessed < typed


def test_estimates_stay_bounded():
    assert elo.update(0.0, 0.0, True, 0, k_learner=100, k_item=100) == (elo.LIMIT, -elo.LIMIT)


def test_k_shrinks_with_answers_but_not_below_the_minimum():
    values = [elo.k_factor(n) for n in (0, 1, 10, 100, 10_000)]
    assert values == sorted(values, reverse=True)
    assert values[0] == elo.K_START and values[-1] == elo.K_MIN


@pytest.mark.parametrize(
    "prior, expected", [(0.5, 0.0), (0.0, math.log(0.05 / 0.95)), (1.0, math.log(0.95 / 0.05))]
)
def test_initial_difficulty(prior, expected):
    assert elo.initial_difficulty(prior) == pytest.approx(expected)


def test_initial_difficulty_is_increasing():
    values = [elo.initial_difficulty(p / 10) for p in range(11)]
    assert values == sorted(values)


def test_logistic_does_not_overflow():
    assert elo.logistic(-1000) == 0.0 and elo.logistic(1000) == 1.0
