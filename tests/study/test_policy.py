"""The worth of asking a question now: expected gain in recall over the coming days."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from app.study import policy
from app.study import scheduling as sch

NOW = datetime(2025, 3, 10, 12, 0, tzinfo=UTC)


def reviewed(days_ago: float, rating: int = sch.GOOD) -> sch.CardState:
    when = NOW - timedelta(days=days_ago)
    state, _ = sch.review(sch.new_card(when), rating, when, steps=False)
    return state


def test_fsrs_curve_is_point_nine_at_the_stability_and_falls():
    assert policy.fsrs_recall(0.0, 2.0) == pytest.approx(1.0)
    assert policy.fsrs_recall(2.0, 2.0) == pytest.approx(0.9)
    assert policy.fsrs_recall(10.0, 2.0) < policy.fsrs_recall(3.0, 2.0)


def test_calibration_shifts_on_the_logit_scale():
    assert policy.calibrated(0.5, 0.0) == pytest.approx(0.5)
    assert policy.calibrated(0.9, -2.0) < 0.9 < policy.calibrated(0.9, 1.0)


def test_next_stabilities_match_the_fsrs_package():
    card = reviewed(3)
    right, wrong = policy.next_stabilities(card, NOW)
    after_right, _ = sch.review(card, sch.GOOD, NOW, steps=False)
    after_wrong, _ = sch.review(card, sch.AGAIN, NOW, steps=False)
    assert right == pytest.approx(after_right.stability, rel=1e-6)
    assert wrong == pytest.approx(after_wrong.stability, rel=1e-6)


def test_same_day_review_uses_the_short_term_formula():
    card = reviewed(0.1)
    right, wrong = policy.next_stabilities(card, NOW)
    after_right, _ = sch.review(card, sch.GOOD, NOW, steps=False)
    assert right == pytest.approx(after_right.stability, rel=1e-6)
    assert wrong < card.stability <= right


def test_new_question_gains_less_the_more_the_learner_already_knows():
    recall = policy.fsrs_calibrated(0.0)
    gains = [policy.new_gain(known, recall) for known in (0.0, 0.5, 0.99)]
    assert gains[0] > gains[1] > gains[2] >= 0.0


def test_a_faded_card_gains_more_than_a_fresh_one():
    recall = policy.fsrs_calibrated(-2.0)
    fresh, fresh_recall = policy.review_gain(reviewed(0.2), NOW, recall)
    faded, faded_recall = policy.review_gain(reviewed(6), NOW, recall)
    assert faded_recall < fresh_recall and faded > fresh


def test_a_learner_who_forgets_faster_gains_more_from_a_review():
    card = reviewed(2)
    slow, _ = policy.review_gain(card, NOW, policy.fsrs_calibrated(0.0))
    fast, _ = policy.review_gain(card, NOW, policy.fsrs_calibrated(-2.0))
    assert fast > slow
