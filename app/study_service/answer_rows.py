"""The rows one answer reads and writes, as plain statements on the session's connection.

The ORM's unit of work cost more than the statements themselves on every answer, so the skill,
the question's statistics, the card and the log row are read as values and written with
statements built once; they run in the session's transaction, which `recording.record` commits.

The rows are read without locks and the answer's step is computed before anything is written:
SQLite has one write lock for the whole database, and holding it through the step made every
other answer wait. The writes then check what the step was computed from: the learner's skill
row by its answer count, the card by when it was last seen (RowsChanged, and the caller redoes
the step on fresh rows), while the question's shared difficulty takes the step's change as a
delta, so learners answering one question at once never undo each other's share. On
PostgreSQL `answer_statement` runs these four writes as one statement, with the same guards.
"""

from __future__ import annotations

from dataclasses import fields, replace
from datetime import datetime
from functools import cache
from types import SimpleNamespace
from typing import Any, NamedTuple

from sqlalchemy import Select, bindparam, insert, literal, select, update
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import aliased
from sqlalchemy.orm.attributes import set_committed_value

from app.extensions import db
from app.study import forecast, payoff
from app.study.forecast import ItemMemory
from app.study.learner import FORECAST_FIELDS, LearnerState, with_forecast
from app.study_models import Card, ItemStat, LearnerSkill, ReviewLog, StudyPlan
from app.study_service.rows import learner_columns, learner_from_row


class Read(NamedTuple):
    """The learner's skill state, the question's difficulty and answers so far, as read for an
    answer, whether the learner has a skill row yet, their study plan (None: none yet), and
    the question's forecast offset."""

    learner: LearnerState
    difficulty: float
    answers: int
    plan: StudyPlan | None
    has_skill: bool
    memory: ItemMemory = ItemMemory()


class RowsChanged(Exception):
    """Another answer (another tab) changed the learner's card or skill since they were read."""


def read(user_id: int, question_id: int, prior: float) -> Read:
    """The learner's skill row, the question's statistics (`prior`: its difficulty before any
    answer) and the learner's study plan, in one statement, missing rows as defaults."""
    found = db.session.execute(
        _rows_query(), {"user_id": user_id, "question_id": question_id}, execution_options=_FRESH
    ).one()
    return read_from(found, prior)


def read_from(found: Any, prior: float) -> Read:
    """`read`'s result from a row a caller's own query selected with `with_learning`."""
    skill = {name: getattr(found, f"skill_{name}") for name in _LEARNER_FIELDS}
    difficulty = prior if found.item_difficulty is None else found.item_difficulty
    learner = learner_from_row(SimpleNamespace(**skill))
    if found.skill_user_id is None:
        # A learner's first answer: their forecast and what a review buys them start where
        # earlier learners' went.
        learner = starting_learner(learner)
    return Read(
        learner,
        difficulty,
        found.item_answers or 0,
        found.plan,
        found.skill_user_id is not None,
        ItemMemory(found.item_forecast_offset or 0.0, found.item_forecast_answers or 0),
    )


def starting_learner(learner: LearnerState) -> LearnerState:
    """A new learner's forecast weights (`forecast.pooled`) and prior surplus after a right review
    (`payoff.pooled`) from the latest learners with `forecast.POOL_MIN_ANSWERS` answers or more."""
    skill = LearnerSkill.__table__
    rows = db.session.execute(
        select(
            *(skill.c[name] for name in FORECAST_FIELDS),
            skill.c.payoff_answers,
            skill.c.payoff_surplus,
        )
        .where(skill.c.answered >= forecast.POOL_MIN_ANSWERS)
        .order_by(skill.c.user_id.desc())
        .limit(forecast.POOL_LEARNERS)
    ).all()
    weights = forecast.pooled([forecast.Forecast(*row[:-2]) for row in rows])
    prior = payoff.pooled([payoff.Payoff(row[-2] or 0, row[-1] or 0.0) for row in rows])
    return replace(with_forecast(learner, weights), payoff_prior=prior)


_FRESH = {"populate_existing": True}
# The skill row's columns the learner state is read from, in every answer's row.
_LEARNER_FIELDS = tuple(item.name for item in fields(LearnerState))


def with_learning(stmt: Select, question_id: Any) -> Select:
    """`stmt` also selecting what `read` reads, for the learner bound as "user_id" and the
    question whose id is `question_id` (a column or a bound parameter): one round trip less
    for a caller that reads the question anyway."""
    plan = aliased(StudyPlan, name="plan")
    skill, item = LearnerSkill.__table__, ItemStat.__table__
    return (
        stmt.add_columns(
            *(skill.c[name].label(f"skill_{name}") for name in _LEARNER_FIELDS),
            skill.c.user_id.label("skill_user_id"),
            item.c.difficulty.label("item_difficulty"),
            item.c.answers.label("item_answers"),
            item.c.forecast_offset.label("item_forecast_offset"),
            item.c.forecast_answers.label("item_forecast_answers"),
            plan,
        )
        .outerjoin(skill, skill.c.user_id == bindparam("user_id"))
        .outerjoin(item, item.c.question_id == question_id)
        .outerjoin(plan, plan.user_id == bindparam("user_id"))
    )


@cache
def _rows_query() -> Select:
    # Built once: one row whether or not the learner and the question have rows yet (outer
    # joins from a single constant row); the plan comes as an ORM row, the rest as values.
    one = select(literal(1).label("one")).subquery("one")
    return with_learning(select(one.c.one).select_from(one), bindparam("question_id"))


def on_postgresql() -> bool:
    """Whether the session's database is PostgreSQL."""
    return db.session.get_bind().dialect.name == "postgresql"


def store_learning(
    user_id: int,
    question_id: int,
    before: Read,
    learner: LearnerState,
    difficulty: float,
    memory: ItemMemory,
) -> None:
    """Write the learner's skill state, unless another answer changed it since `before` was
    read (RowsChanged), and add this answer's share to the question's difficulty and count
    and to its forecast offset (`memory`: the offset after the answer)."""
    connection = db.session.connection()
    columns = learner_columns(learner)
    if before.has_skill:
        written = connection.execute(
            guarded_skill_update(),
            {"answer_user": user_id, "answered_before": before.learner.answered, **columns},
        ).rowcount
    else:
        # An insert's rowcount is not reliable on every driver; the row it returns is.
        first = connection.execute(first_skill(on_postgresql()), {"user_id": user_id, **columns})
        written = len(first.all())
    if written != 1:
        raise RowsChanged(user_id)
    connection.execute(
        item_share(on_postgresql()),
        {"answer_question": question_id, **item_share_values(before, difficulty, memory)},
    )


def item_share_values(before: Read, difficulty: float, memory: ItemMemory) -> dict[str, Any]:
    """`item_share`'s parameters but the question's id: this answer's share of the question's
    statistics, as read in `before` and after the step."""
    return {
        "first": difficulty,
        "delta": difficulty - before.difficulty,
        "first_offset": memory.offset,
        "offset_delta": memory.offset - before.memory.offset,
        "offset_answers": memory.answers - before.memory.answers,
    }


@cache
def guarded_skill_update() -> Any:
    """The skill row's update, unless another answer changed it since it was read (parameters
    "answer_user", "answered_before" and the columns: no column's name, so that a parameter
    is never taken for a value to set)."""
    # Every answer that changes the skill counts itself in `answered` (undo puts back the whole
    # row), so an unchanged count means an unchanged row.
    table = LearnerSkill.__table__
    return update(table).where(
        table.c.user_id == bindparam("answer_user"),
        table.c.answered == bindparam("answered_before"),
    )


@cache
def first_skill(postgresql: bool) -> Any:
    """A learner's first skill row, returning its user id; a first answer from another tab
    inserting it too wins (no row back)."""
    insert_ = postgresql_insert if postgresql else sqlite_insert
    table = LearnerSkill.__table__
    return insert_(table).on_conflict_do_nothing().returning(table.c.user_id)


@cache
def item_share(postgresql: bool) -> Any:
    """The question's first statistics, or this answer's change added to whatever other
    learners' answers have made of them since it was read (parameters "answer_question" and
    those of `item_share_values`)."""
    insert_ = postgresql_insert if postgresql else sqlite_insert
    table = ItemStat.__table__
    first = insert_(table).values(
        question_id=bindparam("answer_question"),
        difficulty=bindparam("first"),
        answers=1,
        forecast_offset=bindparam("first_offset"),
        forecast_answers=bindparam("offset_answers"),
    )
    return first.on_conflict_do_update(
        index_elements=[table.c.question_id],
        set_={
            "difficulty": table.c.difficulty + bindparam("delta"),
            "answers": table.c.answers + 1,
            "forecast_offset": table.c.forecast_offset + bindparam("offset_delta"),
            "forecast_answers": table.c.forecast_answers + bindparam("offset_answers"),
        },
    )


def store_card(
    card: Card | None,
    user_id: int,
    question_id: int,
    values: dict[str, Any],
    seen_before: datetime | None = None,
) -> int:
    """Write `values` (column names) onto the learner's card, inserted when `card` is None;
    returns its id. Raises RowsChanged when the stored card was last seen at another time than
    `seen_before`, the time it was read with: the answer's step was taken from a stale card."""
    connection = db.session.connection()
    if card is None:
        return connection.scalar(
            _inserts()[Card], {"user_id": user_id, "question_id": question_id, **values}
        )
    # Every answer writes last_seen_at, so a card answered since it was read shows it here,
    # at no extra statement.
    written = connection.execute(
        guarded_card_update(), {"card_key": card.id, "seen_before": seen_before, **values}
    )
    if written.rowcount != 1:
        raise RowsChanged(card.id)
    show_stored(card, values)
    return card.id


def show_stored(card: Card, values: dict[str, Any]) -> None:
    """The session's card (the caller's) showing the `values` just stored, without a reload."""
    for name, value in values.items():
        set_committed_value(card, name, value)


def store_log(values: dict[str, Any]) -> int:
    """Insert a review-log row (`values`: its columns); returns its id."""
    return db.session.connection().scalar(_inserts()[ReviewLog], values)


@cache
def guarded_card_update() -> Any:
    """The card's update, unless it was answered since it was read (parameters "card_key",
    "seen_before" and the columns)."""
    table = Card.__table__
    return update(table).where(
        table.c.id == bindparam("card_key"),
        table.c.last_seen_at.is_not_distinct_from(bindparam("seen_before")),
    )


@cache
def _inserts() -> dict[type, Any]:
    # The new row's id back in the same statement; the columns are the parameters' names.
    return {
        model: insert(model.__table__).returning(model.__table__.c.id)
        for model in (Card, ReviewLog)
    }
