"""Per-request inputs of the study views: the clock, the random generator, the learner."""

from __future__ import annotations

import random
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from functools import cache
from typing import NamedTuple

from flask import abort, current_app
from sqlalchemy import Select, bindparam, select
from sqlalchemy.orm import joinedload

from app.accounts_models import User
from app.authoring_models import QuestionVersion
from app.clock import request_now
from app.extensions import db
from app.guests import current_learner
from app.models import Question, Source
from app.study_models import Card
from app.study_service import answer_rows
from app.study_service.rows import prior_difficulty


def now() -> datetime:
    """The request clock (`app.clock.request_now`)."""
    return request_now()


def rng() -> random.Random:
    """A random generator for this request (seeded when QUIRE_RANDOM_SEED is set)."""
    seed = current_app.config["QUIRE_RANDOM_SEED"]
    return random.Random(seed)


def learner(create: bool = False) -> User | None:
    """The user studying (see `current_learner`)."""
    return current_learner(create=create)


@contextmanager
def reads_only() -> Iterator[None]:
    """On PostgreSQL, statements inside run outside a transaction, for a request's reads after
    its answer is committed (the scripted step's choice and next question): the server is
    spared a BEGIN and the ROLLBACK that ended the request, two round trips. Each statement
    still sees what was committed before it, as under READ COMMITTED."""
    session = db.session()
    # SQLite's driver opens no transaction for a read; only a write begins one.
    if session.in_transaction() or not answer_rows.on_postgresql():
        yield
        return
    session.connection(execution_options={"isolation_level": "AUTOCOMMIT"})
    try:
        yield
    finally:
        # Nothing to commit (no round trip): this hands the connection back, its isolation
        # level reset, so what runs next on this session runs in a transaction again.
        session.commit()


def studyable_question(question_id: int) -> Question:
    """A question learners may study, or a 404 page saying it is gone."""
    # The pack decides whether it may be studied and the page names the source: one query.
    return _studyable(db.session.scalar(_with_pack_and_source(), {"question_id": question_id}))


class Answerable(NamedTuple):
    """The question an answer is for, its current version's id (None: not stored yet), the
    learner's card for it (None: none yet) and the rows the answer's step reads (the learner's
    skill, the question's statistics, the learner's plan: `answer_rows.read`)."""

    question: Question
    version_id: int | None
    card: Card | None
    rows: answer_rows.Read


def answerable_question(question_id: int, user_id: int | None) -> Answerable:
    """`studyable_question`, with the id of its current version (the answer's log row points at
    it), the learner's card and the rows the answer reads (`user_id` None: a visitor, who has
    none of their own yet), in one query."""
    found = db.session.execute(
        _with_version_and_card(),
        {"question_id": question_id, "user_id": user_id},
        execution_options={"populate_existing": True},
    ).first()
    question = _studyable(found[0] if found is not None else None)
    rows = answer_rows.read_from(found, prior_difficulty(None, question.difficulty))
    return Answerable(question, found[1], found[2], rows)


@cache
def _with_pack_and_source() -> Select:
    # Built once: building it cost about as much as running it.
    stmt = select(Question).where(Question.id == bindparam("question_id"))
    return stmt.options(*_WITH_PACK_AND_SOURCE)


@cache
def _with_version_and_card() -> Select:
    # Built once: building it cost about as much as running it.
    current = (QuestionVersion.question_id == Question.id) & (
        QuestionVersion.number == Question.version
    )
    mine = (Card.question_id == Question.id) & (Card.user_id == bindparam("user_id"))
    stmt = (
        select(Question, QuestionVersion.id, Card)
        .outerjoin(QuestionVersion, current)
        .outerjoin(Card, mine)
        .where(Question.id == bindparam("question_id"))
        .options(*_WITH_PACK_AND_SOURCE)
    )
    return answer_rows.with_learning(stmt, Question.id)


def _studyable(question: Question | None) -> Question:
    if question is None or not question.is_studyable or question.type in ("essay", "description"):
        abort(404, description="That question is no longer in the bank. Carry on with the next.")
    return question


_WITH_PACK_AND_SOURCE = (
    joinedload(Question.pack),
    joinedload(Question.source).defer(Source.text),
)
