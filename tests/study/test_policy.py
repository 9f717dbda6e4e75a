"""The worth of asking a question now: expected gain in recall over the coming days."""

from __future__ import annotations

import math
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


def test_next_difficulty_matches_the_fsrs_package():
    card = reviewed(3)
    for rating in (sch.AGAIN, sch.GOOD):
        after, _ = sch.review(card, rating, NOW, steps=False)
        assert policy.next_difficulty(card.difficulty, rating) == pytest.approx(after.difficulty)
        first, _ = sch.review(sch.new_card(NOW), rating, NOW, steps=False)
        assert policy.next_difficulty(None, rating) == pytest.approx(first.difficulty)


def test_the_memory_model_prior_is_fsrs_unchanged():
    model = policy.MemoryModel()
    for recall in (0.2, 0.5, 0.9):
        assert model.recall(recall, 9.0) == pytest.approx(recall)


def trained(seed: int, draw) -> policy.MemoryModel:
    """A model after 3000 answers of a seeded synthetic learner: `draw(rng, fsrs_r)` gives the
    card's (difficulty, reps, lapses) and the true recall."""
    import random

    rng = random.Random(seed)
    model = policy.MemoryModel()
    for _ in range(3000):
        fsrs_r = rng.uniform(0.5, 0.95)
        difficulty, reps, lapses, truth = draw(rng, fsrs_r)
        outcome = rng.random() < truth
        surprise = outcome - model.recall(fsrs_r, difficulty, reps, lapses)
        model = model.learn(fsrs_r, difficulty, surprise, reps, lapses)
    return model


def test_memory_model_learns_that_failed_cards_are_forgotten_faster():
    # FSRS is right about easy cards (difficulty 2), but cards FSRS rates hard (difficulty 9)
    # are recalled far less often than it predicts.
    def draw(rng, fsrs_r):
        difficulty = rng.choice((2.0, 9.0))
        truth = fsrs_r if difficulty < 5 else policy.calibrated(fsrs_r, -2.5)
        return difficulty, None, 0, truth

    model = trained(7, draw)
    assert model.hardness < -1.0
    # Plain online gradient steps keep some noise, hence the loose bounds (truth 0.20 and 0.75).
    assert model.recall(0.75, 9.0) < 0.4 < 0.65 < model.recall(0.75, 2.0) < 0.9


def test_memory_model_weights_stay_within_their_limits():
    model = policy.MemoryModel()
    for _ in range(1000):
        model = model.learn(0.999, 10.0, -1.0)
    assert policy.SLOPE_RANGE[0] <= model.slope <= policy.SLOPE_RANGE[1]
    assert abs(model.bias) <= policy.WEIGHT_LIMIT and abs(model.hardness) <= policy.WEIGHT_LIMIT


def test_a_learner_who_forgets_hard_cards_recalls_a_failed_card_less():
    card = reviewed(1, sch.AGAIN)
    _, plain = policy.review_gain(card, NOW, policy.fsrs_corrected(policy.MemoryModel()))
    _, hard = policy.review_gain(
        card, NOW, policy.fsrs_corrected(policy.MemoryModel(hardness=-3.0))
    )
    easy_card = reviewed(1, sch.GOOD)
    _, easy = policy.review_gain(
        easy_card, NOW, policy.fsrs_corrected(policy.MemoryModel(hardness=-3.0))
    )
    assert hard < plain - 0.1 and easy > plain


def test_memory_model_learns_that_lapsed_cards_are_forgotten_faster():
    def draw(rng, fsrs_r):
        lapses = rng.choice((0, 4))
        return 5.0, 3, lapses, fsrs_r if lapses == 0 else policy.calibrated(fsrs_r, -2.0)

    model = trained(11, draw)
    assert model.lapse < -0.5
    assert model.recall(0.8, 5.0, 3, 4) < model.recall(0.8, 5.0, 3, 0) - 0.2


def test_unknown_review_count_is_neutral_for_the_practice_weight():
    model = policy.MemoryModel(practice=2.0)
    assert model.recall(0.7, 5.0) == pytest.approx(0.7)
    assert model.recall(0.7, 5.0, reps=9) > 0.7 > model.recall(0.7, 5.0, reps=0)


def test_review_gain_counts_the_review_a_practised_learner_gains_from():
    # With a positive practice weight, one more review raises recall ahead: asking gains more.
    card = reviewed(4)
    plain, _ = policy.review_gain(card, NOW, policy.fsrs_corrected(policy.MemoryModel()))
    practised, _ = policy.review_gain(
        card, NOW, policy.fsrs_corrected(policy.MemoryModel(practice=1.0))
    )
    assert practised > plain


def test_the_first_exposure_scale_is_learned_from_second_exposures():
    # A learner who recalls only 20% of facts a day after first seeing them (FSRS's default
    # first stability says about 0.77 after a wrong first answer, 0.97 after a right one).
    import random

    rng = random.Random(3)
    model = policy.MemoryModel()
    for _ in range(400):
        card = reviewed(1, rng.choice((sch.AGAIN, sch.GOOD)))
        p = model.recall(model.card_fsrs_recall(card, NOW), card.difficulty, card.reps)
        model = model.learn_first(card, NOW, (rng.random() < 0.2) - p)
    assert model.first < -2.0
    # One scale for both first answers (FSRS's flat power curve keeps a right one above 0.2).
    for rating in (sch.AGAIN, sch.GOOD):
        card = reviewed(1, rating)
        assert model.recall(model.card_fsrs_recall(card, NOW), card.difficulty, 1) < 0.5


def test_the_first_exposure_scale_moves_only_cards_seen_once_and_stays_in_range():
    model = policy.MemoryModel(first=-3.0)
    assert model.stability(2.0, 1) == pytest.approx(2.0 * math.exp(-3.0))
    assert model.stability(2.0, 2) == 2.0 and model.stability(2.0, None) == 2.0
    twice, _ = sch.review(reviewed(3), sch.GOOD, NOW - timedelta(days=1), steps=False)
    assert model.learn_first(twice, NOW, -1.0) == model
    for _ in range(2000):
        model = model.learn_first(reviewed(1), NOW, -1.0)
    assert model.first == policy.FIRST_RANGE[0]


def test_a_learner_who_forgets_new_facts_values_a_new_question_less():
    plain = policy.new_gain(0.1, policy.fsrs_corrected(policy.MemoryModel()))
    forgetful = policy.new_gain(0.1, policy.fsrs_corrected(policy.MemoryModel(first=-3.0)))
    assert forgetful < plain - 0.1


def test_a_miss_within_the_day_of_a_first_exposure_teaches_nothing_of_day_scale_forgetting():
    """A reviewer: flashcards' 1- and 10-minute learning steps ask a card seen once again
    within minutes, and those misses moved the first-exposure scale most."""
    model = policy.MemoryModel()
    assert model.learn_first(reviewed(10 / 1440), NOW, -0.9) == model
    assert model.learn_first(reviewed(1.0), NOW, -0.9).first < model.first
