"""One answer, as a pure step: what it changes in the card, the learner and the question.

Every way of answering (the adaptive quiz, flashcards, reviewing ahead, a class quiz) goes
through `step`: plain values in (the card before, the learner, the question's difficulty, the
answer, `now`, a random generator), an `Outcome` out, with the `UndoRecord` that puts it all
back. `app.study_service.recording.record` reads the rows, calls it and writes the result in one
transaction. Like Anki's `answer_card`: the rules live in one place.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field, fields
from datetime import datetime, timedelta
from typing import Any

from app.study import forecast
from app.study.learner import (
    FITTED_FIELDS,
    LearnerState,
    calibrated_recall,
    forecast_card,
    forecast_weights,
    observe,
    scheduling_retention,
    was_right,
    with_forecast,
)
from app.study.scheduling import (
    CardState,
    new_card,
    rating_for_answer,
    review,
    scheduling_rating,
    state_from_dict,
    state_to_dict,
)
from app.study.selection import CHOICE, TYPED, Candidate, predict

# Beyond this the learner was away, so the time says nothing about how hard the question was.
MAX_THINKING = timedelta(minutes=5)
# What undo restores of the learner: not the fitted parameters, which only a refit writes.
_LEARNER_FIELDS = tuple(f.name for f in fields(LearnerState) if f.name not in FITTED_FIELDS)


class StudyError(Exception):
    """An answer that cannot be stored, with a message for the learner."""


@dataclass(frozen=True)
class Seen:
    """When the card was last shown, how often, and the last rating (cram reads these)."""

    last_seen_at: datetime | None
    exposures: int
    last_rating: int | None

    def to_dict(self) -> dict[str, Any]:
        """JSON-able values (the time as ISO 8601)."""
        moment = self.last_seen_at
        return {
            "last_seen_at": None if moment is None else moment.isoformat(),
            "exposures": self.exposures,
            "last_rating": self.last_rating,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Seen:
        """The value `to_dict` wrote."""
        moment = data.get("last_seen_at")
        return cls(
            None if moment is None else datetime.fromisoformat(moment),
            int(data.get("exposures") or 0),
            data.get("last_rating"),
        )


@dataclass(frozen=True)
class UndoRecord:
    """What undoing one answer puts back (a review log's `state_before`).

    `card` None: the answer created the card; `learner` and `item_delta` None: it changed neither
    (a look-ahead); `expected`: the predicted chance it was asked with, for showing it again;
    `item_offset`: the change to the item's forecast offset (None: the forecast did not learn,
    a card never reviewed before).
    """

    card: CardState | None
    seen: Seen | None
    expected: float | None = None
    learner: LearnerState | None = None
    item_delta: float | None = None
    classroom_session: int | None = None
    item_offset: float | None = None

    def to_dict(self) -> dict[str, Any]:
        """The JSON stored in the review log (the keys rows have always had)."""
        data: dict[str, Any] = {
            "card": None if self.card is None else state_to_dict(self.card),
            "seen": None if self.seen is None else self.seen.to_dict(),
            "expected": self.expected,
        }
        if self.learner is not None:
            # Field by field, not `asdict` (a deep copy of every value); the list is copied.
            skill = {name: getattr(self.learner, name) for name in _LEARNER_FIELDS}
            data["skill"] = skill | {"recent": list(self.learner.recent)}
        if self.item_delta is not None:
            data["item"] = {"delta": self.item_delta}
            if self.item_offset is not None:
                data["item"]["offset"] = self.item_offset
        if self.classroom_session is not None:
            data["classroom_session"] = self.classroom_session
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> UndoRecord:
        """The record `to_dict` wrote (rows written before a key existed lack it)."""
        data = data or {}
        skill = data.get("skill")
        learner = None
        if skill is not None:
            learner = LearnerState(**{k: v for k, v in skill.items() if k in _LEARNER_FIELDS})
        item = data.get("item") or {}
        return cls(
            card=None if data.get("card") is None else state_from_dict(data["card"]),
            seen=None if data.get("seen") is None else Seen.from_dict(data["seen"]),
            expected=data.get("expected"),
            learner=learner,
            item_delta=item.get("delta"),
            classroom_session=data.get("classroom_session"),
            item_offset=item.get("offset"),
        )


@dataclass(frozen=True)
class Item:
    """The question as an answer changes it: its type, Elo difficulty and answers so far;
    `guesses`, the answers a blind guess picks from as it was asked (0 typed or recalled);
    `memory`, what every learner's reviews say of it to the forecast."""

    question_id: int
    type: str
    guesses: int
    difficulty: float
    answers: int
    memory: forecast.ItemMemory = field(default_factory=forecast.ItemMemory)


@dataclass(frozen=True)
class Answer:
    """One answer: the mode and form it was given in, right or not, its rating, the predicted
    chance of a right answer it was asked with (None: predict it now), and the thinking time."""

    mode: str
    form: str
    correct: bool
    rating: int
    expected: float | None
    duration_ms: int | None


@dataclass(frozen=True)
class Outcome:
    """The card, seen counters, learner, item difficulty and forecast memory after the answer,
    and its undo."""

    card: CardState
    seen: Seen
    learner: LearnerState | None
    item_difficulty: float | None
    became_leech: bool
    undo: UndoRecord
    item_memory: forecast.ItemMemory | None = None


def thinking_ms(measured: timedelta) -> int | None:
    """The time an answer took, or None when it says nothing (negative, or the learner was away)."""
    if measured <= timedelta(0) or measured > MAX_THINKING:
        return None
    return int(measured.total_seconds() * 1000)


def expected_ms(question: Any, typed: bool) -> int:
    """How long a right answer usually takes: reading at about 30 characters a second, a few
    seconds to think, more for typing and for ordering (`question`: its prompt, choices, items)."""
    items = question.items or ()
    chars = len(question.prompt) + sum(len(str(c)) for c in question.choices or ())
    chars += sum(len(str(item.get("text", ""))) for item in items)
    return 3000 + 33 * chars + (4000 if typed else 0) + 3000 * len(items)


def quiz_rating(question: Any, correct: bool, duration_ms: int | None, form: str) -> int:
    """The rating of a graded answer: wrong Again, then by time against the usual time."""
    return rating_for_answer(correct, duration_ms, expected_ms(question, form == TYPED))


def step(
    before: CardState | None,
    seen: Seen | None,
    learner: LearnerState,
    item: Item,
    answer: Answer,
    *,
    desired_retention: float,
    now: datetime,
    rng: random.Random,
    classroom_session: int | None = None,
) -> Outcome:
    """Apply one answer (quiz), rating (flashcard) or look-ahead (cram) to plain values."""
    if before is not None and before.suspended:
        raise StudyError("This card is suspended.")
    expected = answer.expected
    if expected is None:
        expected = predict(_candidate(item, before), learner, _form(answer.form), now)
    shown = Seen(now, (seen.exposures if seen is not None else 0) + 1, answer.rating)
    if answer.mode == "cram":
        # Like an Anki filtered deck that does not reschedule: the schedule stays as it was.
        if before is None:
            raise StudyError("Reviewing ahead covers only cards you have studied.")
        undo = UndoRecord(before, seen, expected, classroom_session=classroom_session)
        return Outcome(before, shown, None, None, False, undo)
    # A lucky guess at a choice question is not scheduled as known (flashcards are rated by the
    # learner, who knows whether they recalled).
    rating = answer.rating
    if answer.mode == "quiz":
        rating = scheduling_rating(rating, expected, item.guesses)
    state = before or new_card(now)
    retention = scheduling_retention(
        learner, desired_retention, state.difficulty, reps=state.reps, lapses=state.lapses
    )
    after, _ = review(
        state,
        rating,
        now,
        desired_retention=retention,
        duration_ms=answer.duration_ms,
        rng=rng,
        steps=answer.mode == "flashcard",
        parameters=learner.fsrs_parameters,
    )
    reviewed = before is not None and before.last_review is not None
    exposures, last_rating = (seen.exposures, seen.last_rating) if seen else (0, None)
    learned, difficulty = observe(
        learner,
        item.difficulty,
        item.answers,
        answer.correct,
        item.guesses,
        recall_predicted=expected if reviewed else None,
        card=before,
        now=now,
        answers_before=exposures,
        last_right=was_right(last_rating),
    )
    memory, offset = item.memory, None
    if reviewed:
        # The forecast learns after the reference, from the card as it was and the reference's
        # recall before this answer; nothing the step decided above reads it.
        weights, memory = forecast.learn(
            forecast_weights(learner),
            item.memory,
            calibrated_recall(before, learner, now),
            forecast_card(before, exposures, last_rating, now),
            item.guesses,
            answer.correct,
        )
        learned, offset = with_forecast(learned, weights), memory.offset - item.memory.offset
    undo = UndoRecord(
        before, seen, expected, learner, difficulty - item.difficulty, classroom_session, offset
    )
    return Outcome(after, shown, learned, difficulty, after.suspended, undo, memory)


def _form(form: str) -> str:
    return CHOICE if form == CHOICE else TYPED


def _candidate(item: Item, card: CardState | None) -> Candidate:
    return Candidate(
        question_id=item.question_id,
        fact="",
        type=item.type,
        n_choices=item.guesses,
        difficulty=item.difficulty,
        card=card,
        last_seen=None,
        exposures=0,
        typed_available=False,
    )
