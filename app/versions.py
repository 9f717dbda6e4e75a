"""Question versions: snapshots of what was asked, and answers pointing at them.

Every answer row (ReviewLog, ClassAnswer) gets the id of its question's current version as it
is inserted, by `before_insert` hooks, so the study and classroom code need not know about it.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from sqlalchemy import Connection, and_, bindparam, event, select
from sqlalchemy.orm import Session

from app.authoring_models import QuestionVersion
from app.classroom_models import ClassAnswer, SessionQuestion
from app.clock import utcnow
from app.models import Question
from app.packs.record import CONTENT_COLUMNS
from app.study_models import ReviewLog

# A version is what an editor can change: the question's content without the generator's
# quality score.
SNAPSHOT_FIELDS = ("uid", *(name for name in CONTENT_COLUMNS if name != "quality"))


def history(session: Session, question_id: int) -> list[QuestionVersion]:
    """A question's stored versions, newest first."""
    stmt = (
        select(QuestionVersion)
        .where(QuestionVersion.question_id == question_id)
        .order_by(QuestionVersion.number.desc())
    )
    return list(session.scalars(stmt))


def _insert_ignoring_duplicates(dialect: str) -> Any:
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    return insert(QuestionVersion.__table__)


# Once a question's version is stored, each answer finds it with this one query.
_STORED_CURRENT = (
    select(QuestionVersion.__table__.c.id)
    .join(
        Question.__table__,
        and_(
            Question.__table__.c.id == QuestionVersion.__table__.c.question_id,
            Question.__table__.c.version == QuestionVersion.__table__.c.number,
        ),
    )
    .where(Question.__table__.c.id == bindparam("question_id"))
)


def current_version_id(connection: Connection, question_id: int) -> int | None:
    """The id of the question's current version, storing its snapshot first if need be.

    Runs on the flush's own connection; ON CONFLICT DO NOTHING lets a whole class answer a
    never-answered question at once without two snapshots clashing.
    """
    found = connection.scalar(_STORED_CURRENT, {"question_id": question_id})
    if found is not None:
        return found
    table = Question.__table__
    row = connection.execute(select(table).where(table.c.id == question_id)).mappings().first()
    if row is None:
        return None
    versions = QuestionVersion.__table__
    where = (versions.c.question_id == question_id, versions.c.number == row["version"])
    found = connection.scalar(select(versions.c.id).where(*where))
    if found is not None:
        return found
    statement = _insert_ignoring_duplicates(connection.dialect.name).values(
        question_id=question_id,
        number=row["version"],
        data={name: row[name] for name in SNAPSHOT_FIELDS},
        created_at=utcnow(),
    )
    connection.execute(statement.on_conflict_do_nothing())
    return connection.scalar(select(versions.c.id).where(*where))


@cache
def _snapshot_insert(dialect: str) -> Any:
    # Built once per database: building it cost more than running it.
    versions = QuestionVersion.__table__
    names = ("question_id", "number", "data", "created_at")
    statement = _insert_ignoring_duplicates(dialect).values(
        {name: bindparam(name, type_=versions.c[name].type) for name in names}
    )
    return statement.on_conflict_do_nothing().returning(versions.c.id)


def snapshot_id(session: Session, question: Question) -> int | None:
    """The id of a loaded question's current version, storing its snapshot from the loaded
    row (one statement; a second when another answer stored it at the same moment)."""
    versions = QuestionVersion.__table__
    values = {
        "question_id": question.id,
        "number": question.version,
        "data": {name: getattr(question, name) for name in SNAPSHOT_FIELDS},
        "created_at": utcnow(),
    }
    # On the session's connection, as plain SQL: the ORM's bulk-insert path cost more.
    connection = session.connection()
    found = connection.scalar(_snapshot_insert(connection.dialect.name), values)
    if found is None:
        where = (versions.c.question_id == question.id, versions.c.number == question.version)
        found = session.scalar(select(versions.c.id).where(*where))
    return found


@event.listens_for(ReviewLog, "before_insert")
def _review_log_version(_mapper: Any, connection: Connection, target: ReviewLog) -> None:
    if target.question_version_id is None:
        target.question_version_id = current_version_id(connection, target.question_id)


@event.listens_for(ClassAnswer, "before_insert")
def _class_answer_version(_mapper: Any, connection: Connection, target: ClassAnswer) -> None:
    if target.question_version_id is None:
        asked = SessionQuestion.__table__
        question_id = connection.scalar(
            select(asked.c.question_id).where(asked.c.id == target.session_question_id)
        )
        if question_id is not None:
            target.question_version_id = current_version_id(connection, question_id)
