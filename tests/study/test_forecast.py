"""The forecast: the reference recall recalibrated by the learner's and every learner's answers."""

from __future__ import annotations

import math
import random

import pytest

from app.study import forecast as fc

ONCE = fc.Card(answers=1, last_right=False, days=1.0)
LATER = fc.Card(answers=4, last_right=True, days=6.0)


def loss(p: float, correct: bool) -> float:
    return -math.log(p if correct else 1.0 - p)


def test_the_prior_is_the_reference_unchanged():
    # Defaults plus a neutral item: the forecast says what the reference says (last wrong, one
    # day: the remaining features carry zero weights).
    for reference in (0.1, 0.5, 0.83):
        assert fc.recall(fc.Forecast(), fc.ItemMemory(), reference, ONCE) == pytest.approx(
            reference
        )
    assert fc.chance(fc.Forecast(), fc.ItemMemory(), 0.6, ONCE, 4) == pytest.approx(0.7)


def test_an_item_others_forget_is_predicted_lower_for_the_next_learner():
    # Earlier learners failed this item at reviews the reference put at 0.7: its pooled offset
    # falls, and a new learner's first review of it is forecast below the reference.
    item = fc.ItemMemory()
    for _ in range(12):
        _, item = fc.learn(fc.Forecast(), item, 0.7, ONCE, 4, correct=False)
    assert item.answers == 12 and item.offset < -0.5
    newcomer = fc.recall(fc.Forecast(), item, 0.7, ONCE)
    assert newcomer < 0.5
    # The step shrinks as the offset rests on more answers.
    _, next_item = fc.learn(fc.Forecast(), item, 0.7, ONCE, 4, correct=False)
    _, first = fc.learn(fc.Forecast(), fc.ItemMemory(), 0.7, ONCE, 4, correct=False)
    assert abs(next_item.offset - item.offset) < abs(first.offset)


def test_a_learner_whose_second_answers_fail_gets_a_lower_forecast_there_only():
    # The reference says 0.5 for cards answered once; this learner recalls a fifth of them
    # (answers are right with a guess one time in four): the learner's `once` weight and bias
    # learn it, and the forecast's log loss there falls below the reference's.
    rng = random.Random(3)
    learner = fc.Forecast()
    items = [fc.ItemMemory() for _ in range(300)]
    for k in range(300):
        right = rng.random() < 0.2 or rng.random() < 0.25
        learner, items[k] = fc.learn(learner, items[k], 0.5, ONCE, 4, right)
    assert learner.once < 0.0
    assert fc.recall(learner, fc.ItemMemory(), 0.5, ONCE) < 0.3
    outcomes = [rng.random() < 0.2 or rng.random() < 0.25 for _ in range(2000)]
    before = sum(loss(fc.chance(fc.Forecast(), fc.ItemMemory(), 0.5, ONCE, 4), y) for y in outcomes)
    after = sum(loss(fc.chance(learner, fc.ItemMemory(), 0.5, ONCE, 4), y) for y in outcomes)
    assert after < before - 0.05 * len(outcomes)


def test_the_learners_last_answer_to_the_card_counts():
    learner = fc.Forecast(last=0.8)
    right = fc.Card(answers=3, last_right=True, days=2.0)
    wrong = fc.Card(answers=3, last_right=False, days=2.0)
    assert (
        fc.recall(learner, fc.ItemMemory(), 0.5, right)
        > 0.5
        > fc.recall(learner, fc.ItemMemory(), 0.5, wrong)
    )


def test_typed_answers_have_no_guessing_floor_and_weights_stay_bounded():
    assert fc.chance(fc.Forecast(), fc.ItemMemory(), 0.6, LATER, 0) == pytest.approx(
        fc.recall(fc.Forecast(), fc.ItemMemory(), 0.6, LATER)
    )
    learner, item = fc.Forecast(), fc.ItemMemory()
    for _ in range(5000):
        learner, item = fc.learn(learner, item, 0.999, LATER, 0, correct=False)
    low, high = fc.SLOPE_RANGE
    assert low <= learner.slope <= high
    assert all(abs(w) <= fc.WEIGHT_LIMIT for w in (learner.bias, learner.last, item.offset))


def test_the_recall_stated_for_a_card_is_the_forecast_once_it_was_reviewed():
    from datetime import UTC, datetime, timedelta

    from app.study import scheduling as sch
    from app.study.learner import LearnerState, calibrated_recall, stated_recall

    now = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
    when = now - timedelta(days=4)
    card, _ = sch.review(sch.new_card(when), sch.GOOD, when)
    learner = LearnerState(forecast_bias=-0.5, forecast_last=0.3)
    item = fc.ItemMemory(offset=-0.4, answers=6)
    reference = calibrated_recall(card, learner, now)
    stated = stated_recall(card, 1, sch.GOOD, learner, item, now)
    weights = fc.Forecast(bias=-0.5, last=0.3)
    assert stated == pytest.approx(fc.recall(weights, item, reference, fc.Card(1, True, 4.0)))
    assert stated < reference
    # With the prior it states the reference; a card never reviewed has only the reference.
    assert stated_recall(card, 1, sch.GOOD, LearnerState(), fc.ItemMemory(), now) == (
        pytest.approx(reference)
    )
    unreviewed = sch.new_card(now)
    assert stated_recall(unreviewed, 0, None, learner, item, now) == calibrated_recall(
        unreviewed, learner, now
    )


def test_a_new_learner_starts_from_where_earlier_learners_went():
    # The mean of earlier learners' weights (bench/README.md: a learner's own reviews move the
    # weights slowly; where earlier learners ended is a better start than the reference).
    earlier = [fc.Forecast(bias=-0.6, last=0.4, elapsed=-0.1), fc.Forecast(bias=-0.2, slope=1.4)]
    start = fc.pooled(earlier)
    assert start == pytest.approx(fc.Forecast(bias=-0.4, slope=1.2, last=0.2, elapsed=-0.05))
    assert fc.pooled([]) == fc.Forecast()


def test_a_learner_whose_items_differ_more_than_the_pooled_offsets_say_trusts_them_more():
    # The pooled offsets are half the items' true effect (a small cohort's few reviews): this
    # learner's `item` weight grows past 1, and items others recall well are forecast higher.
    rng = random.Random(5)
    learner = fc.Forecast()
    said = [fc.ItemMemory(offset=0.75 * sign, answers=40) for sign in (-1, 1)]
    for _ in range(3000):
        k = rng.randrange(2)
        truth = 1.0 / (1.0 + math.exp(-1.5 * (2 * k - 1)))
        right = rng.random() < truth or rng.random() < 0.25
        learner, _ = fc.learn(learner, said[k], 0.5, LATER, 4, right)
    assert learner.item > 1.3
    assert fc.recall(learner, said[1], 0.5, LATER) > fc.recall(fc.Forecast(), said[1], 0.5, LATER)


def test_a_reference_that_says_nothing_loses_its_slope():
    # The reference's logit is noise (the chance is 0.5 whatever it says): the slope falls
    # towards 0, below the old floor of 0.2.
    rng = random.Random(7)
    learner, item = fc.Forecast(), fc.ItemMemory()
    for _ in range(6000):
        right = rng.random() < 0.5
        learner, _ = fc.learn(learner, item, rng.uniform(0.05, 0.95), LATER, 0, right)
    assert learner.slope < 0.2
