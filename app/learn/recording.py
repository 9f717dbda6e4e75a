"""Store an answer or a rating exactly once: the card, the skill estimates and the log row.

Everything one answer changes is written in one transaction whose log row carries the page's
client token; the (user_id, client_token) unique constraint turns a double submit into an
IntegrityError, which rolls the whole answer back and returns the row already stored.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import IntegrityError

from app.accounts_models import User
from app.extensions import db
from app.learn.candidates import (
    card_state,
    learner_columns,
    learner_from_row,
    n_choices,
    prior_difficulty,
)
from app.learn.tickets import Ticket
from app.models import Question
from app.study.learner import LearnerState, observe, scheduling_retention
from app.study.scheduling import (
    CARD_STATE_FIELDS,
    new_card,
    review,
    scheduling_rating,
    state_from_dict,
    state_to_dict,
)
from app.study_models import Card, ItemStat, LearnerSkill, ReviewLog

_SEEN_FIELDS = ("last_seen_at", "exposures", "last_rating")


class StudyError(Exception):
    """An answer that cannot be stored, with a message for the learner."""


@dataclass(frozen=True)
class Recorded:
    """The stored log row; whether it was already there; whether the card just became a leech;
    the learner's skill state after it (None for a repeat or a look-ahead)."""

    log: ReviewLog
    duplicate: bool = False
    became_leech: bool = False
    learner: LearnerState | None = None


def find_log(user_id: int, client_token: str) -> ReviewLog | None:
    """The row stored for this page, if it was answered already."""
    return db.session.scalar(
        select(ReviewLog).where(
            ReviewLog.user_id == user_id, ReviewLog.client_token == client_token
        )
    )


def record(
    user: User,
    question: Question,
    ticket: Ticket,
    *,
    correct: bool,
    rating: int,
    form: str,
    response: Any,
    duration_ms: int | None,
    now: datetime,
    rng: random.Random,
) -> Recorded:
    """Apply one answer (quiz), rating (flashcard) or look-ahead (cram) and log it once."""
    # No look for an earlier answer to this page first: the (user_id, client_token) unique
    # constraint finds a repeat when it is committed, and a repeat is rare.
    card = db.session.scalar(
        select(Card).where(Card.user_id == user.id, Card.question_id == question.id)
    )
    before = None if card is None else card_state(card)
    if before is not None and before.suspended:
        # Unless this very page's answer is what made it a leech.
        existing = find_log(user.id, ticket.token)
        if existing is not None:
            return Recorded(existing, duplicate=True)
        kind = "as a leech" if card.leech else "by you"
        raise StudyError(
            f"This card is suspended {kind}. Unsuspend it on the Suspended page to study it again."
        )
    undo: dict[str, Any] = {
        "card": None if before is None else state_to_dict(before),
        "seen": _seen(card),
        "expected": ticket.e,
    }
    became_leech = False
    learner = None
    if ticket.m == "cram":
        # Like an Anki filtered deck that does not reschedule: the schedule stays as it was.
        if card is None:
            raise StudyError("Reviewing ahead covers only cards you have studied.")
    else:
        # Two first answers can race (two tabs, or two learners on a new question): create
        # the shared rows with "insert unless present", then read them locked, so neither
        # answer fails and neither update is lost.
        _ensure(LearnerSkill, user_id=user.id, skill=0.0, answered=0, recent=[])
        _ensure(
            ItemStat,
            question_id=question.id,
            difficulty=prior_difficulty(None, question.difficulty),
            answers=0,
        )
        skill = _locked(LearnerSkill, user.id)
        item = _locked(ItemStat, question.id)
        learner = learner_from_row(skill)
        undo["skill"] = learner_columns(learner)
        guesses = (
            0 if form != "choice" else n_choices(question.type, question.choices, question.items)
        )
        # A lucky guess at a choice question is not scheduled as known (flashcards are rated by
        # the learner, who knows whether they recalled).
        scheduled = scheduling_rating(rating, ticket.e, guesses) if ticket.m == "quiz" else rating
        state = before or new_card(now)
        after, _ = review(
            state,
            scheduled,
            now,
            desired_retention=scheduling_retention(
                learner,
                user.desired_retention,
                state.difficulty,
                reps=state.reps,
                lapses=state.lapses,
            ),
            duration_ms=duration_ms,
            rng=rng,
            steps=ticket.m == "flashcard",
        )
        reviewed = before is not None and before.last_review is not None
        learner, difficulty = observe(
            learner,
            item.difficulty,
            item.answers,
            correct,
            guesses,
            recall_predicted=ticket.e if reviewed else None,
            card=before,
            now=now,
        )
        undo["item"] = {"delta": difficulty - item.difficulty}
        item.difficulty, item.answers = difficulty, item.answers + 1
        for name, value in learner_columns(learner).items():
            setattr(skill, name, value)
        if card is None:
            card = Card(user_id=user.id, question_id=question.id)
            db.session.add(card)
        store_state(card, after)
        became_leech = after.suspended and not (before is not None and before.suspended)
    card.last_seen_at, card.exposures, card.last_rating = now, (card.exposures or 0) + 1, rating
    try:
        # The log needs the card's id; a first answer racing another for the same card fails
        # here, on the card's (user_id, question_id) constraint, rather than at the commit.
        db.session.flush()
    except IntegrityError as error:
        return _crossed(user.id, ticket.token, error)
    log = ReviewLog(
        user_id=user.id,
        question_id=question.id,
        card_id=card.id,
        mode=ticket.m,
        form=form,
        response=response,
        correct=correct,
        rating=rating,
        duration_ms=duration_ms,
        reviewed_at=now,
        card_state=None if before is None else before.state,
        state_before=undo,
        client_token=ticket.token,
        undone=False,
    )
    db.session.add(log)
    stored = _commit_once(user.id, ticket.token, log, became_leech)
    return stored if stored.duplicate else replace(stored, learner=learner)


def _ensure(model: type, **values: Any) -> None:
    on_postgresql = db.session.get_bind().dialect.name == "postgresql"
    insert = postgresql_insert if on_postgresql else sqlite_insert
    statement = insert(model).values(**values).on_conflict_do_nothing()
    db.session.execute(statement)


def _locked(model: type, key: int) -> Any:
    # FOR UPDATE on PostgreSQL; SQLite already holds its write lock after the insert above.
    return db.session.get(model, key, with_for_update=True, populate_existing=True)


def _commit_once(user_id: int, token: str, log: ReviewLog, became_leech: bool) -> Recorded:
    try:
        db.session.commit()
    except IntegrityError as error:
        return _crossed(user_id, token, error)
    return Recorded(log, became_leech=became_leech)


def _crossed(user_id: int, token: str, error: IntegrityError) -> Recorded:
    """After a unique constraint stopped an answer: the answer this page already stored, or a
    message when another page answered the same new question at the same moment."""
    db.session.rollback()
    existing = find_log(user_id, token)
    if existing is None:
        raise StudyError(
            "That answer crossed with another one. Here is the next question."
        ) from error
    return Recorded(existing, duplicate=True)


def _seen(card: Card | None) -> dict[str, Any] | None:
    if card is None:
        return None
    seen = {name: getattr(card, name) for name in _SEEN_FIELDS}
    if seen["last_seen_at"] is not None:
        seen["last_seen_at"] = seen["last_seen_at"].isoformat()
    return seen


def store_state(card: Card, state) -> None:
    """Write a scheduler state back onto a card row."""
    for name in CARD_STATE_FIELDS:
        setattr(card, name, getattr(state, name))


def last_undoable(user_id: int) -> ReviewLog | None:
    """The learner's newest review if it has not been undone (only the newest can be)."""
    newest = db.session.scalar(
        select(ReviewLog)
        .where(ReviewLog.user_id == user_id, ReviewLog.undone.is_(False))
        .order_by(ReviewLog.reviewed_at.desc(), ReviewLog.id.desc())
        .limit(1)
    )
    return newest


def undo_last(user: User) -> ReviewLog | None:
    """Put back what the newest review changed and mark it undone; None if there is none."""
    log = last_undoable(user.id)
    if log is None:
        return None
    saved = log.state_before or {}
    card = db.session.get(Card, log.card_id) if log.card_id is not None else None
    if card is not None and card.user_id == user.id:
        if log.mode != "cram":
            if saved.get("card") is None:
                db.session.delete(card)
                card = None
            else:
                store_state(card, state_from_dict(saved["card"]))
        if card is not None and saved.get("seen") is not None:
            seen = dict(saved["seen"])
            if seen["last_seen_at"] is not None:
                seen["last_seen_at"] = datetime.fromisoformat(seen["last_seen_at"])
            for name in _SEEN_FIELDS:
                setattr(card, name, seen[name])
    if "skill" in saved:
        skill = db.session.get(LearnerSkill, user.id)
        if skill is not None:
            for name, value in saved["skill"].items():
                setattr(skill, name, value)
    if "item" in saved:
        item = db.session.get(ItemStat, log.question_id)
        if item is not None:
            # Only this answer's share: other learners may have moved it since.
            item.difficulty -= saved["item"]["delta"]
            item.answers = max(0, item.answers - 1)
    log.undone = True
    # The page it answered may be shown again (a reload, Back): its answer then counts anew.
    log.client_token = f"undone-{log.id}"
    db.session.commit()
    return log
