"""FSRS parameters fitted to one learner's log with fsrs-rs: items, threshold, validation."""

from __future__ import annotations

import math
import random
from datetime import UTC, datetime, timedelta

import pytest
from fsrs import Card, Rating, Scheduler

from app.study import fitting, policy
from app.study import scheduling as sch
from app.study.fitting import LoggedAnswer

START = datetime(2025, 1, 6, 18, 0, tzinfo=UTC)


def synthetic_log(cards: int, seed: int = 1, days: float = 1.5) -> list[list[LoggedAnswer]]:
    """A learner who forgets far faster than FSRS's defaults (time constant ~`days`, growing
    2.5× per recall), each card asked six times 1-8 days apart."""
    rng = random.Random(seed)
    log = []
    for _ in range(cards):
        when = START + timedelta(days=rng.randrange(10))
        constant = days * math.exp(rng.gauss(0.0, 0.5))
        answers, last = [], None
        for _ in range(6):
            gap = 0.0 if last is None else (when - last).total_seconds() / 86_400
            right = rng.random() < (0.3 if last is None else math.exp(-gap / constant))
            answers.append(LoggedAnswer(when, sch.GOOD if right else sch.AGAIN))
            constant = constant * 2.5 if right else max(0.3, constant * 0.6)
            last = when
            when += timedelta(days=rng.choice([1, 2, 3, 5, 8]), minutes=rng.randrange(60))
        log.append(answers)
    return log


def test_a_forgetful_learners_log_gives_parameters_unlike_the_defaults():
    parameters = fitting.fit(synthetic_log(300), min_reviews=100)
    assert parameters is not None and len(parameters) == 21
    assert fitting.valid_parameters(parameters)
    # Forgets faster: a lower first stability after a right answer than the default 2.3 days.
    assert parameters[2] < fitting.DEFAULTS[2] / 2
    assert max(abs(a - b) for a, b in zip(parameters, fitting.DEFAULTS, strict=True)) > 0.1
    # Deterministic: the same log gives the same parameters.
    assert fitting.fit(synthetic_log(300), min_reviews=100) == parameters


def test_too_few_reviews_keep_the_defaults():
    log = synthetic_log(300)
    history = fitting.histories(log)
    reviews = fitting.long_term_reviews(history)
    assert reviews == 300 * 5
    assert fitting.fit(log, min_reviews=reviews + 1) is None
    assert fitting.fit(synthetic_log(3), min_reviews=1) is None
    assert fitting.fit([], min_reviews=0) is None


def test_items_are_cumulative_histories_in_whole_days_as_the_fsrs_package_counts():
    answers = [
        LoggedAnswer(START + timedelta(days=2, hours=23), sch.GOOD),
        LoggedAnswer(START, sch.AGAIN),
        LoggedAnswer(START + timedelta(hours=1), sch.GOOD),
    ]
    # Sorted by time; 0 for the first; the same day 0; 2 days 22 hours counts as 2.
    assert fitting.card_history(answers) == [(sch.AGAIN, 0), (sch.GOOD, 0), (sch.GOOD, 2)]
    # Only the history reaching a later day is an item: fsrs-rs rejects one all on one day.
    assert len(fitting.items([fitting.card_history(answers)])) == 1
    more = [*answers, LoggedAnswer(START + timedelta(days=3), sch.GOOD)]
    assert len(fitting.items([fitting.card_history(more)])) == 2
    assert len(fitting.items([fitting.card_history(more)], long_term=True)) == 1


def test_a_likely_lucky_guess_is_fitted_as_again_as_it_was_scheduled():
    guess = LoggedAnswer(START, sch.GOOD, expected=0.3, n_choices=4)
    recalled = LoggedAnswer(START, sch.GOOD, expected=0.9, n_choices=4)
    flashcard = LoggedAnswer(START, sch.HARD)
    assert fitting.fsrs_rating(guess) == sch.AGAIN
    assert fitting.fsrs_rating(recalled) == sch.GOOD
    assert fitting.fsrs_rating(flashcard) == sch.HARD


def test_bad_answers_are_dropped_and_bad_parameters_rejected():
    bad = [LoggedAnswer(START, 0), LoggedAnswer(START + timedelta(days=1), 7)]
    assert fitting.histories([bad]) == [[]]
    assert fitting.fit([bad] * 500, min_reviews=1) is None
    assert not fitting.valid_parameters(fitting.DEFAULTS[:20])
    assert not fitting.valid_parameters((math.nan, *fitting.DEFAULTS[1:]))
    assert not fitting.valid_parameters((-5.0, *fitting.DEFAULTS[1:]))
    assert fitting.valid_parameters(fitting.DEFAULTS)


def test_memory_states_match_the_fsrs_package_replaying_the_card():
    parameters = fitting.fit(synthetic_log(300), min_reviews=100)
    assert parameters is not None
    scheduler = Scheduler(parameters, learning_steps=(), relearning_steps=(), enable_fuzzing=False)
    card = Card(card_id=1)
    for days, rating in ((0, Rating.Again), (1, Rating.Good), (4, Rating.Good)):
        card, _ = scheduler.review_card(card, rating, START + timedelta(days=days))
    states = fitting.memory_states([[(1, 0), (3, 1), (3, 3)], []], parameters)
    assert states[1] is None
    assert states[0] == pytest.approx((card.stability, card.difficulty), rel=1e-4)


def test_the_recall_estimate_and_scheduler_use_fitted_parameters():
    parameters = fitting.fit(synthetic_log(300), min_reviews=100)
    assert parameters is not None
    default = policy.MemoryModel()
    fitted = policy.MemoryModel(w=parameters)
    assert policy.fsrs_recall(3.0, 2.0, parameters) != policy.fsrs_recall(3.0, 2.0)
    assert policy.new_gain(0.2, policy.fsrs_corrected(fitted), w=parameters) != policy.new_gain(
        0.2, policy.fsrs_corrected(default)
    )
    card, _ = sch.review(sch.new_card(START), sch.GOOD, START, steps=False)
    mine, _ = sch.review(sch.new_card(START), sch.GOOD, START, steps=False, parameters=parameters)
    assert mine.due < card.due


def test_a_log_all_on_one_day_is_no_crash():
    same_day = [LoggedAnswer(START + timedelta(minutes=m), sch.GOOD) for m in range(3)]
    spaced = synthetic_log(300)
    assert fitting.items(fitting.histories([same_day])) == []
    assert fitting.fit([same_day] * 200 + spaced, min_reviews=100) is not None
