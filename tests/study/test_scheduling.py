"""FSRS wrapped around plain card values: ratings, lapses, leeches, previews and undo."""

from __future__ import annotations

import json
import random
from datetime import UTC, datetime, timedelta

import pytest
from fsrs import Card, Rating, Scheduler

from app.study import scheduling as sch

NOW = datetime(2025, 3, 1, 9, 0, tzinfo=UTC)


def graduated(now=NOW):
    card, _ = sch.review(sch.new_card(now), sch.EASY, now)
    return card


def test_new_card_is_due_at_once_and_has_no_memory():
    card = sch.new_card(NOW)
    assert (card.state, card.step, card.due, card.last_review) == (sch.LEARNING, 0, NOW, None)
    assert sch.retrievability(card, NOW) == 0.0


def test_review_matches_the_fsrs_package():
    card, record = sch.review(sch.new_card(NOW), sch.GOOD, NOW, duration_ms=4200)
    expected, _ = Scheduler(enable_fuzzing=False).review_card(
        Card(card_id=1, due=NOW), Rating.Good, review_datetime=NOW
    )
    assert card.stability == pytest.approx(expected.stability)
    assert card.due == expected.due
    assert (card.reps, card.lapses) == (1, 0)
    assert (record.rating, record.reviewed_at, record.duration_ms) == (3, NOW, 4200)


def test_review_is_deterministic():
    assert sch.review(graduated(), sch.HARD, NOW + timedelta(days=5)) == sch.review(
        graduated(), sch.HARD, NOW + timedelta(days=5)
    )


def test_again_on_a_review_card_is_a_lapse_but_not_on_a_learning_card():
    learning, _ = sch.review(sch.new_card(NOW), sch.AGAIN, NOW)
    assert learning.lapses == 0
    card = graduated()
    later = card.due + timedelta(hours=1)
    lapsed, _ = sch.review(card, sch.AGAIN, later)
    assert (lapsed.state, lapsed.lapses) == (sch.RELEARNING, 1)


def test_leech_is_flagged_and_suspended_at_the_threshold():
    card, now = graduated(), NOW
    for lapse in range(1, 4):
        now = card.due + timedelta(hours=1)
        card, _ = sch.review(card, sch.AGAIN, now, leech_threshold=3)
        assert card.leech == (lapse == 3)
        if not card.suspended:
            card, _ = sch.review(card, sch.GOOD, now + timedelta(minutes=11))
    assert card.suspended and card.lapses == 3
    with pytest.raises(ValueError, match="suspended"):
        sch.review(card, sch.GOOD, now)
    back = sch.unsuspend(card)
    assert not back.suspended and back.leech


@pytest.mark.parametrize("lapses, flagged", [(7, False), (8, True), (10, False), (12, True)])
def test_leech_flags_at_threshold_then_every_half_threshold(lapses, flagged):
    assert sch._is_leech_lapse(lapses, 8) is flagged


def test_undo_restores_the_state_before_and_the_record_is_json():
    card = graduated()
    after, record = sch.review(card, sch.AGAIN, card.due)
    assert after != card
    stored = sch.ReviewRecord(
        record.rating, record.reviewed_at, None, json.loads(json.dumps(record.state_before))
    )
    assert sch.undo(stored) == card
    assert sch.state_from_dict(json.loads(json.dumps(sch.state_to_dict(card)))) == card


def test_preview_intervals_grow_with_the_rating_and_match_review():
    card = graduated()
    now = card.due
    intervals = sch.preview(card, now)
    assert list(intervals) == [1, 2, 3, 4]
    assert intervals[1] < intervals[2] < intervals[3] < intervals[4]
    good, _ = sch.review(card, sch.GOOD, now)
    assert intervals[3] == good.due - now


def test_higher_retention_gives_shorter_intervals():
    card = graduated()
    assert sch.preview(card, card.due, desired_retention=0.97)[3] < sch.preview(card, card.due)[3]


def test_without_steps_a_new_card_goes_straight_to_review():
    card, _ = sch.review(sch.new_card(NOW), sch.GOOD, NOW, steps=False)
    assert card.state == sch.REVIEW and card.due - NOW >= timedelta(days=1)
    stepped, _ = sch.review(sch.new_card(NOW), sch.GOOD, NOW)
    assert stepped.due - NOW == timedelta(minutes=10)


def test_fuzz_comes_from_the_given_rng_and_stays_within_five_percent():
    card = graduated()
    for _ in range(3):
        card, _ = sch.review(card, sch.GOOD, card.due)
    plain, _ = sch.review(card, sch.GOOD, card.due)
    a, _ = sch.review(card, sch.GOOD, card.due, rng=random.Random(4))
    b, _ = sch.review(card, sch.GOOD, card.due, rng=random.Random(4))
    assert a == b
    interval, fuzzed = plain.due - card.due, a.due - card.due
    assert interval >= timedelta(days=3)
    assert fuzzed != interval
    assert abs(fuzzed - interval) <= interval * 0.05


def test_retrievability_decreases_with_time():
    card = graduated()
    values = [sch.retrievability(card, NOW + timedelta(days=d)) for d in (0, 3, 10, 60)]
    assert values[0] == 1.0
    assert values == sorted(values, reverse=True) and values[-1] < 0.9


@pytest.mark.parametrize(
    "correct, duration, rating",
    [
        (False, 1000, 1),
        (False, None, 1),
        (True, 25_000, 2),
        (True, 10_000, 3),
        (True, None, 3),
        (True, 4_000, 4),
    ],
)
def test_rating_for_answer(correct, duration, rating):
    assert sch.rating_for_answer(correct, duration, 10_000) == rating


@pytest.mark.parametrize("bad", [0, 5])
def test_rating_out_of_range_is_refused(bad):
    with pytest.raises(ValueError):
        sch.review(sch.new_card(NOW), bad, NOW)


def test_naive_datetime_is_refused():
    with pytest.raises(ValueError, match="timezone"):
        sch.new_card(datetime(2025, 1, 1))
