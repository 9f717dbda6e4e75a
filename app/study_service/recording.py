"""Store an answer or a rating exactly once: the card, the skill estimates and the log row.

Everything one answer changes is written in one transaction whose log row carries the page's
client token; the (user_id, client_token) unique constraint turns a double submit into an
IntegrityError, which rolls the whole answer back and returns the row already stored.
"""

from __future__ import annotations

import logging
import random
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from typing import Any

from sqlalchemy import Select, bindparam, select
from sqlalchemy.exc import IntegrityError

from app.accounts_models import User
from app.extensions import db
from app.models import Question
from app.study.answering import Answer, Item, Seen, StudyError, UndoRecord, step
from app.study.learner import LearnerState
from app.study.scheduling import CARD_STATE_FIELDS
from app.study.selection import CHOICE
from app.study_models import Card, ItemStat, LearnerSkill, ReviewLog, StudyPlan
from app.study_service import answer_rows, answer_statement, refit
from app.study_service.rows import (
    card_state,
    learner_columns,
    n_choices,
    prior_difficulty,
)
from app.versions import snapshot_id

__all__ = ["Recorded", "StudyError", "find_log", "last_undoable", "record", "undo_last"]
logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Recorded:
    """The stored log row; whether it was already there; whether the card just became a leech;
    the learner's skill state after it (None for a repeat or a look-ahead); the learner's study
    plan, read with the answer's rows (None: no plan yet, a repeat or a look-ahead)."""

    log: ReviewLog
    duplicate: bool = False
    became_leech: bool = False
    learner: LearnerState | None = None
    plan: StudyPlan | None = None


# `record`'s default for a card its caller did not read.
_UNREAD: Any = object()


def find_log(user_id: int, client_token: str) -> ReviewLog | None:
    """The row stored for this page, if it was answered already."""
    return db.session.scalar(
        select(ReviewLog).where(
            ReviewLog.user_id == user_id, ReviewLog.client_token == client_token
        )
    )


def record(user: User, question: Question, answer: Answer, **kwargs: Any) -> Recorded:
    """Store one answer, rating or look-ahead once (`_record_once`); when another tab's answer
    changed the card or the skill between reading and writing them, read them again and redo
    the step once."""
    try:
        return _refitted(user, _record_once(user, question, answer, **kwargs))
    except answer_rows.RowsChanged:
        db.session.rollback()
    try:
        again = kwargs | {"card": _UNREAD, "rows": _UNREAD}
        return _refitted(user, _record_once(user, question, answer, **again))
    except answer_rows.RowsChanged as error:
        db.session.rollback()
        raise StudyError(CROSSED) from error


def _refitted(user: User, recorded: Recorded) -> Recorded:
    # Every `fitting.REFIT_EVERY` answers, a refit of the learner's FSRS parameters queued for
    # the worker (`refit`): the fit reads the whole log, which the answer must not wait on.
    if recorded.learner is not None and not recorded.duplicate:
        try:
            refit.request_refit(user.id, recorded.learner)
        except Exception:
            # The answer is stored; without the job the parameters in force stay until the next.
            db.session.rollback()
            logger.exception("Queueing a refit of the FSRS parameters of user %s failed", user.id)
    return recorded


CROSSED = "That answer crossed with another one. Here is the next question."


def _record_once(
    user: User,
    question: Question,
    answer: Answer,
    *,
    response: Any,
    client_token: str,
    now: datetime,
    rng: random.Random,
    classroom_session: int | None = None,
    question_version_id: int | None = None,
    card: Card | None = _UNREAD,
    rows: answer_rows.Read = _UNREAD,
) -> Recorded:
    """Store one answer, rating or look-ahead once: read the rows, apply `answering.step`,
    write the skill, item, card and log row, commit (`client_token`: one answer per page;
    `question_version_id`: the question's current version when the caller has it, else its
    snapshot is stored here, late, so SQLite's write lock is held as briefly as possible;
    `card`: the learner's card for the question when the caller read it, None when there is
    none, else read here; `rows`: the rows the step reads, `answer_rows.read`, when the
    caller read them with the question, else read here)."""
    # No look for an earlier answer to this page first: the (user_id, client_token) unique
    # constraint finds a repeat when it is committed, and a repeat is rare.
    if card is _UNREAD:
        card = db.session.scalar(_card_query(), {"user_id": user.id, "question_id": question.id})
    before = None if card is None else card_state(card)
    if before is not None and before.suspended:
        # Unless this very page's answer is what made it a leech.
        existing = find_log(user.id, client_token)
        if existing is not None:
            return Recorded(existing, duplicate=True)
        kind = "as a leech" if card.leech else "by you"
        raise StudyError(
            f"This card is suspended {kind}. Unsuspend it on the Suspended page to study it again."
        )
    seen = None if card is None else Seen(card.last_seen_at, card.exposures or 0, card.last_rating)
    guesses = 0
    if answer.form == CHOICE:
        guesses = n_choices(question.type, question.choices, question.items)
    if answer.mode == "cram":
        rows = None
        learner = LearnerState()
        stats = Item(question.id, question.type, guesses, 0.0, 0)
    else:
        if rows is _UNREAD:
            prior = prior_difficulty(None, question.difficulty)
            rows = answer_rows.read(user.id, question.id, prior)
        learner = rows.learner
        stats = Item(
            question.id, question.type, guesses, rows.difficulty, rows.answers, rows.memory
        )
    outcome = step(
        before,
        seen,
        learner,
        stats,
        answer,
        desired_retention=user.desired_retention,
        now=now,
        rng=rng,
        classroom_session=classroom_session,
    )
    user_id = user.id  # read now: after a failed commit the row cannot be loaded
    values = {
        "last_seen_at": outcome.seen.last_seen_at,
        "exposures": outcome.seen.exposures,
        "last_rating": outcome.seen.last_rating,
    }
    if answer.mode != "cram":
        values |= {name: getattr(outcome.card, name) for name in CARD_STATE_FIELDS}
    log_values = {
        "user_id": user_id,
        "question_id": question.id,
        "mode": answer.mode,
        "form": answer.form,
        "response": response,
        "correct": answer.correct,
        "rating": answer.rating,
        "duration_ms": answer.duration_ms,
        "reviewed_at": now,
        "card_state": None if before is None else before.state,
        "state_before": outcome.undo.to_dict(),
        "client_token": client_token,
        "undone": False,
    }
    # Everything is computed; from the first write to the commit as little as possible runs.
    try:
        if answer_rows.on_postgresql():
            # One round trip for all four writes (`answer_statement`).
            if question_version_id is None:
                question_version_id = snapshot_id(db.session, question)
            log_values["question_version_id"] = question_version_id
            log_id, log_values["card_id"] = answer_statement.store_answer(
                card, rows, outcome, values, log_values, db.session.connection()
            )
        else:
            if rows is not None:
                answer_rows.store_learning(
                    user_id,
                    question.id,
                    rows,
                    outcome.learner,
                    outcome.item_difficulty,
                    outcome.item_memory,
                )
            # A first answer racing another for the same card fails here, on the card's
            # (user_id, question_id) constraint, not at the commit.
            log_values["card_id"] = answer_rows.store_card(
                card, user_id, question.id, values, None if card is None else card.last_seen_at
            )
            if question_version_id is None:
                question_version_id = snapshot_id(db.session, question)
            log_values["question_version_id"] = question_version_id
            log_id = answer_rows.store_log(log_values)
        db.session.commit()
    except IntegrityError as error:
        # A repeat of this page's answer (the log's (user_id, client_token) constraint),
        # or a first answer that crossed another.
        return _crossed(user_id, client_token, error)
    return Recorded(
        ReviewLog(id=log_id, **log_values),
        became_leech=outcome.became_leech,
        learner=outcome.learner,
        plan=None if rows is None else rows.plan,
    )


@cache
def _card_query() -> Select:
    return select(Card).where(
        Card.user_id == bindparam("user_id"), Card.question_id == bindparam("question_id")
    )


def _crossed(user_id: int, token: str, error: IntegrityError) -> Recorded:
    """After a unique constraint stopped an answer: the answer this page already stored, or a
    message when another page answered the same new question at the same moment."""
    db.session.rollback()
    existing = find_log(user_id, token)
    if existing is None:
        raise StudyError(CROSSED) from error
    return Recorded(existing, duplicate=True)


def store_state(card: Card, state) -> None:
    """Write a scheduler state back onto a card row."""
    for name in CARD_STATE_FIELDS:
        setattr(card, name, getattr(state, name))


def last_undoable(user_id: int, mode: str | None = None) -> ReviewLog | None:
    """The learner's newest review if it has not been undone (only the newest can be: undo puts
    back the skill estimates as they were before it); with `mode`, only if it was that mode's."""
    newest = db.session.scalar(
        select(ReviewLog)
        .where(ReviewLog.user_id == user_id, ReviewLog.undone.is_(False))
        .order_by(ReviewLog.reviewed_at.desc(), ReviewLog.id.desc())
        .limit(1)
    )
    if newest is not None and mode is not None and newest.mode != mode:
        return None
    return newest


def undo_last(user: User, mode: str | None = None) -> ReviewLog | None:
    """Put back what the newest review changed and mark it undone; None if there is none (or,
    with `mode`, if the newest was another mode's: a card's undo never undoes a quiz answer)."""
    log = last_undoable(user.id, mode)
    if log is None:
        return None
    saved = UndoRecord.from_dict(log.state_before)
    card = db.session.get(Card, log.card_id) if log.card_id is not None else None
    if card is not None and card.user_id == user.id:
        if log.mode != "cram":
            if saved.card is None:
                db.session.delete(card)
                card = None
            else:
                store_state(card, saved.card)
        if card is not None and saved.seen is not None:
            seen = saved.seen
            card.last_seen_at, card.exposures, card.last_rating = (
                seen.last_seen_at,
                seen.exposures,
                seen.last_rating,
            )
    if saved.learner is not None:
        skill = db.session.get(LearnerSkill, user.id)
        if skill is not None:
            for name, value in learner_columns(saved.learner).items():
                setattr(skill, name, value)
    if saved.item_delta is not None:
        item = db.session.get(ItemStat, log.question_id)
        if item is not None:
            # Only this answer's share: other learners may have moved it since.
            item.difficulty -= saved.item_delta
            item.answers = max(0, item.answers - 1)
            if saved.item_offset is not None:
                item.forecast_offset -= saved.item_offset
                item.forecast_answers = max(0, item.forecast_answers - 1)
    log.undone = True
    # The page it answered may be shown again (a reload, Back): its answer then counts anew.
    log.client_token = f"undone-{log.id}"
    db.session.commit()
    return log
