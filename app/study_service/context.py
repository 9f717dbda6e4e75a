"""Per-request inputs of the study views: the clock, the random generator, the learner."""

from __future__ import annotations

import random
from datetime import datetime
from functools import cache

from flask import abort, current_app
from sqlalchemy import Select, bindparam, select
from sqlalchemy.orm import joinedload

from app.accounts_models import User
from app.authoring_models import QuestionVersion
from app.clock import request_now
from app.extensions import db
from app.guests import current_learner
from app.models import Question, Source


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


def studyable_question(question_id: int) -> Question:
    """A question learners may study, or a 404 page saying it is gone."""
    # The pack decides whether it may be studied and the page names the source: one query.
    return _studyable(db.session.scalar(_with_pack_and_source(), {"question_id": question_id}))


def answerable_question(question_id: int) -> tuple[Question, int | None]:
    """`studyable_question`, and the id of its current version when that is stored (None: not
    yet), read in the same query, since the answer's log row points at it."""
    found = db.session.execute(_with_version(), {"question_id": question_id}).first()
    question, version_id = found or (None, None)
    return _studyable(question), version_id


@cache
def _with_pack_and_source() -> Select:
    # Built once: building it cost about as much as running it.
    stmt = select(Question).where(Question.id == bindparam("question_id"))
    return stmt.options(*_WITH_PACK_AND_SOURCE)


@cache
def _with_version() -> Select:
    # Built once: building it cost about as much as running it.
    current = (QuestionVersion.question_id == Question.id) & (
        QuestionVersion.number == Question.version
    )
    return (
        select(Question, QuestionVersion.id)
        .outerjoin(QuestionVersion, current)
        .where(Question.id == bindparam("question_id"))
        .options(*_WITH_PACK_AND_SOURCE)
    )


def _studyable(question: Question | None) -> Question:
    if question is None or not question.is_studyable or question.type in ("essay", "description"):
        abort(404, description="That question is no longer in the bank. Carry on with the next.")
    return question


_WITH_PACK_AND_SOURCE = (
    joinedload(Question.pack),
    joinedload(Question.source).defer(Source.text),
)
