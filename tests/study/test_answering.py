"""The pure answer step: plain values in, the card, learner, difficulty and undo record out."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from app.study import elo
from app.study import forecast as fc
from app.study import scheduling as sch
from app.study.answering import (
    Answer,
    Item,
    Seen,
    StudyError,
    UndoRecord,
    step,
    thinking_ms,
)
from app.study.answers import answer_key, grade
from app.study.learner import LearnerState, calibrated_recall, forecast_weights

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
ITEM = Item(question_id=7, type="multiple_choice", guesses=3, difficulty=0.0, answers=4)


def _step(before=None, seen=None, learner=None, answer=None, item=ITEM):
    answer = answer or Answer("quiz", "choice", True, sch.GOOD, 0.9, 4000)
    return step(
        before,
        seen,
        learner or LearnerState(),
        item,
        answer,
        desired_retention=0.9,
        now=NOW,
        rng=random.Random(1),
    )


def test_a_first_right_answer_creates_the_card_and_moves_skill_and_difficulty():
    outcome = _step()
    assert outcome.card.reps == 1 and outcome.card.last_review == NOW
    assert outcome.seen == Seen(NOW, 1, sch.GOOD)
    assert outcome.learner.skill > 0 and outcome.learner.recent == [True]
    assert outcome.item_difficulty < ITEM.difficulty and not outcome.became_leech
    assert outcome.undo.card is None and outcome.undo.learner == LearnerState()
    assert outcome.undo.item_delta == pytest.approx(outcome.item_difficulty - ITEM.difficulty)


def test_a_lucky_guess_is_scheduled_as_again():
    lucky = _step(answer=Answer("quiz", "choice", True, sch.GOOD, 0.36, 4000))
    known = _step(answer=Answer("quiz", "choice", True, sch.GOOD, 0.95, 4000))
    assert lucky.card.stability < known.card.stability


def test_without_a_prediction_the_step_makes_the_choosers():
    learner = LearnerState(skill=0.4)
    predicted = elo.expected_success(learner.skill, ITEM.difficulty, ITEM.guesses)
    made = _step(learner=learner, answer=Answer("quiz", "choice", True, sch.GOOD, None, 4000))
    given = _step(learner=learner, answer=Answer("quiz", "choice", True, sch.GOOD, predicted, 4000))
    assert made.undo.expected == pytest.approx(predicted)
    assert made.card == given.card and made.learner == given.learner


def test_cram_keeps_the_schedule_and_suspended_cards_are_refused():
    card = _step().card
    again = Answer("cram", "recall", False, sch.AGAIN, 0.9, None)
    cram = _step(card, Seen(NOW, 1, 3), answer=again)
    assert cram.card == card and cram.learner is None and cram.item_difficulty is None
    assert cram.seen.exposures == 2 and cram.undo.learner is None
    with pytest.raises(StudyError):
        _step(answer=Answer("cram", "recall", True, sch.GOOD, 0.9, None))
    with pytest.raises(StudyError):
        _step(replace(card, suspended=True))


def test_the_undo_record_round_trips_through_json_and_reads_old_rows():
    outcome = _step(_step().card, Seen(NOW - timedelta(days=1), 2, 1))
    record = replace(outcome.undo, classroom_session=5)
    assert record.item_offset is not None  # a reviewed card: the forecast learned
    assert UndoRecord.from_dict(record.to_dict()) == record
    old = {"card": None, "seen": None, "expected": 0.5}  # a look-ahead row of an older release
    assert UndoRecord.from_dict(old) == UndoRecord(None, None, 0.5)
    assert UndoRecord.from_dict(None) == UndoRecord(None, None)


def test_thinking_time_is_dropped_when_it_says_nothing():
    assert thinking_ms(timedelta(seconds=4)) == 4000
    assert thinking_ms(timedelta(0)) is None and thinking_ms(timedelta(minutes=6)) is None


def test_one_answer_key_grades_a_surname_for_a_person():
    class Row:
        type, kind, answer, correction = "cloze", "person", "Mara Quell", None
        choices = accept = items = answers = pairs = None

    key = answer_key(Row())
    assert key["kind"] == "person" and key["accept"] == [] and key["choices"] == []
    assert grade(Row(), "Quell").correct and not grade(Row(), "Mara").correct


# Every forecast weight away from its default, and an item other learners' reviews have moved.
FORECAST = {
    "forecast_bias": 0.4,
    "forecast_slope": 1.3,
    "forecast_last": 0.5,
    "forecast_once": -0.6,
    "forecast_twice": 0.2,
    "forecast_elapsed": -0.1,
    "forecast_item": 1.2,
}
MEMORY = fc.ItemMemory(offset=-0.7, answers=9)
MISS = Answer("quiz", "choice", False, sch.AGAIN, 0.6, 4000)


def _reviewed() -> tuple[sch.CardState, Seen]:
    """A card answered once, right, three days before NOW."""
    when = NOW - timedelta(days=3)
    first = step(
        None,
        None,
        LearnerState(),
        ITEM,
        Answer("quiz", "choice", True, sch.GOOD, 0.9, 4000),
        desired_retention=0.9,
        now=when,
        rng=random.Random(1),
    )
    return first.card, first.seen


def test_an_answer_to_a_reviewed_card_steps_the_forecast_from_the_card_as_it_was():
    card, seen = _reviewed()
    learner = replace(LearnerState(memory_bias=0.2, answered=3), **FORECAST)
    outcome = _step(card, seen, learner, answer=MISS, item=replace(ITEM, memory=MEMORY))
    # The reference's recall before this answer, the learner's last answer (right), three days.
    reference = calibrated_recall(card, learner, NOW)
    weights, memory = fc.learn(
        forecast_weights(learner), MEMORY, reference, fc.Card(1, True, 3.0), 3, False
    )
    assert forecast_weights(outcome.learner) == weights != forecast_weights(learner)
    assert outcome.item_memory == memory and memory.answers == MEMORY.answers + 1
    # Undo puts back the weights with the skill row and the offset as a delta, as Elo's.
    assert outcome.undo.learner == learner
    assert outcome.undo.item_offset == pytest.approx(memory.offset - MEMORY.offset)
    assert outcome.undo.item_offset < 0


def test_a_first_answer_leaves_the_forecast_as_it_was():
    learner = replace(LearnerState(), **FORECAST)
    outcome = _step(learner=learner, item=replace(ITEM, memory=MEMORY))
    assert forecast_weights(outcome.learner) == forecast_weights(learner)
    assert outcome.item_memory == MEMORY and outcome.undo.item_offset is None


@pytest.mark.parametrize("expected", [0.6, None])
def test_the_forecast_decides_nothing_in_the_answer_step(expected):
    # The same answer with and without forecast state: the card's schedule, the reference's
    # learning, the item's difficulty and the chance the answer was asked with are the same.
    card, seen = _reviewed()
    answer = replace(MISS, expected=expected)
    plain = _step(card, seen, LearnerState(memory_bias=0.2), answer=answer)
    learner = replace(LearnerState(memory_bias=0.2), **FORECAST)
    primed = _step(card, seen, learner, answer=answer, item=replace(ITEM, memory=MEMORY))
    assert primed.card == plain.card and primed.item_difficulty == plain.item_difficulty
    assert primed.undo.expected == plain.undo.expected
    defaults = {name: getattr(LearnerState(), name) for name in FORECAST}
    assert replace(primed.learner, **defaults) == replace(plain.learner, **defaults)


def test_an_answer_after_a_right_review_feeds_what_a_review_buys():
    # Issue 18: the step passes the card's answers so far and whether the last was right to
    # `observe`, which counts an answer right after a right review (`payoff.observe`).
    card, seen = _reviewed()
    once = _step(card, seen, LearnerState(), answer=MISS)
    assert once.learner.payoff_answers == 0  # the card had been answered once only
    twice = replace(seen, exposures=2)
    after_right = _step(card, twice, LearnerState(), answer=MISS)
    assert after_right.learner.payoff_answers == 1
    assert after_right.learner.payoff_surplus == pytest.approx(-0.6)
    after_wrong = _step(card, replace(twice, last_rating=sch.AGAIN), LearnerState(), answer=MISS)
    assert after_wrong.learner.payoff_answers == 0
    assert after_right.undo.learner == LearnerState()
