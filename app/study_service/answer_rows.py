"""The rows one answer reads locked and writes, as plain statements on the session's connection.

The ORM's unit of work cost more than the statements themselves on every answer, so the skill,
the question's statistics, the card and the log row are read as values and written with
statements built once; they run in the session's transaction, which `recording.record` commits.
"""

from __future__ import annotations

from datetime import datetime
from functools import cache
from typing import Any, NamedTuple

from sqlalchemy import Select, bindparam, insert, select, true, update
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import aliased
from sqlalchemy.orm.attributes import set_committed_value

from app.extensions import db
from app.study.learner import LearnerState
from app.study_models import Card, ItemStat, LearnerSkill, ReviewLog, StudyPlan
from app.study_service.rows import learner_columns, learner_from_row


class Locked(NamedTuple):
    """The learner's skill state, the question's difficulty and answers so far, as locked for
    an answer, and the learner's study plan (None: none yet)."""

    learner: LearnerState
    difficulty: float
    answers: int
    plan: StudyPlan | None


def lock(user_id: int, question_id: int, prior: float) -> Locked:
    """The learner's skill row and the question's statistics row, locked for this answer and
    created when missing, read in one statement: FOR UPDATE on PostgreSQL; on SQLite, which
    locks on the first write, not on reads, after a write (the skill's "insert unless
    present"), so that no other answer changes them before this one commits. The learner's
    study plan (not locked) comes along: the next choice reads its scope, and this spares that
    a round trip."""
    postgresql = _on_postgresql()
    rows = {"user_id": user_id, "question_id": question_id, "prior": prior}
    if not postgresql:
        # On the session's connection, as plain SQL: the ORM's bulk-insert path cost more.
        db.session.connection().execute(_first_rows(False)[0], rows)
    found = db.session.execute(_rows_query(postgresql), rows, execution_options=_FRESH).first()
    if found is None:
        # Two first answers can race (two tabs, or two learners on a new question): "insert
        # unless present", then read them locked, so neither fails and no update is lost.
        # (On SQLite the skill's row is there now: only the question's can be missing.)
        for statement in _first_rows(postgresql)[0 if postgresql else 1 :]:
            db.session.connection().execute(statement, rows)
        found = db.session.execute(_rows_query(postgresql), rows, execution_options=_FRESH).one()
    return Locked(learner_from_row(found), found.item_difficulty, found.item_answers, found.plan)


_FRESH = {"populate_existing": True}


@cache
def _rows_query(postgresql: bool) -> Select:
    # Built once: the two rows are read together, one statement per answer; their columns as
    # plain values (the answer writes them back with plain statements), the plan as a row.
    plan = aliased(StudyPlan, name="plan")
    stmt = (
        select(
            *LearnerSkill.__table__.c,
            ItemStat.difficulty.label("item_difficulty"),
            ItemStat.answers.label("item_answers"),
            plan,
        )
        .select_from(LearnerSkill)
        # Two rows found by their keys, not related to each other: joined on nothing.
        .join(ItemStat, true())
        .outerjoin(plan, plan.user_id == LearnerSkill.user_id)
        .where(LearnerSkill.user_id == bindparam("user_id"))
        .where(ItemStat.question_id == bindparam("question_id"))
    )
    # Only the two rows an answer changes are locked (PostgreSQL cannot lock the nullable side
    # of an outer join, and the plan is only read).
    return stmt.with_for_update(of=(LearnerSkill, ItemStat)) if postgresql else stmt


@cache
def _first_rows(postgresql: bool) -> tuple[Any, Any]:
    # A learner's first skill and a question's first statistics, inserted unless present.
    insert = postgresql_insert if postgresql else sqlite_insert
    skill = insert(LearnerSkill.__table__).values(
        user_id=bindparam("user_id"), skill=0.0, answered=0, recent=[]
    )
    item = insert(ItemStat.__table__).values(
        question_id=bindparam("question_id"), difficulty=bindparam("prior"), answers=0
    )
    return skill.on_conflict_do_nothing(), item.on_conflict_do_nothing()


def _on_postgresql() -> bool:
    return db.session.get_bind().dialect.name == "postgresql"


def store_learning(
    user_id: int, question_id: int, learner: LearnerState, difficulty: float, answers: int
) -> None:
    """Write the learner's skill state and the question's difficulty and answer count."""
    connection = db.session.connection()
    connection.execute(
        _updates()[ItemStat], {"key": question_id, "difficulty": difficulty, "answers": answers}
    )
    connection.execute(_updates()[LearnerSkill], {"key": user_id, **learner_columns(learner)})


class CardChanged(Exception):
    """The card was answered elsewhere (another tab) since it was read for this answer."""


def store_card(
    card: Card | None,
    user_id: int,
    question_id: int,
    values: dict[str, Any],
    seen_before: datetime | None = None,
) -> int:
    """Write `values` (column names) onto the learner's card, inserted when `card` is None;
    returns its id. Raises CardChanged when the stored card was last seen at another time than
    `seen_before`, the time it was read with: the answer's step was taken from a stale card."""
    connection = db.session.connection()
    if card is None:
        return connection.scalar(
            _inserts()[Card], {"user_id": user_id, "question_id": question_id, **values}
        )
    # Every answer writes last_seen_at, so a card answered since it was read shows it here,
    # at no extra statement: the card is read before the answer's locks are taken.
    written = connection.execute(
        _guarded_card_update(), {"key": card.id, "seen_before": seen_before, **values}
    )
    if written.rowcount != 1:
        raise CardChanged(card.id)
    # The session's card (the caller's) shows what was stored, without a reload.
    for name, value in values.items():
        set_committed_value(card, name, value)
    return card.id


def store_log(values: dict[str, Any]) -> int:
    """Insert a review-log row (`values`: its columns); returns its id."""
    return db.session.connection().scalar(_inserts()[ReviewLog], values)


@cache
def _updates() -> dict[type, Any]:
    # Each row by its key (bound as "key"); the columns set are the parameters' other names.
    keys = {ItemStat: ItemStat.question_id, LearnerSkill: LearnerSkill.user_id}
    return {
        model: update(model.__table__).where(key == bindparam("key")) for model, key in keys.items()
    }


@cache
def _guarded_card_update() -> Any:
    table = Card.__table__
    return update(table).where(
        table.c.id == bindparam("key"),
        table.c.last_seen_at.is_not_distinct_from(bindparam("seen_before")),
    )


@cache
def _inserts() -> dict[type, Any]:
    # The new row's id back in the same statement; the columns are the parameters' names.
    return {
        model: insert(model.__table__).returning(model.__table__.c.id)
        for model in (Card, ReviewLog)
    }
