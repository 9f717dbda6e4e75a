"""Building saved quizzes: the questions a class can play, and the packs and sources to draw on."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import Select, and_, or_, select

from app.access import packs_of
from app.accounts_models import User
from app.classroom.services import ClassroomError
from app.classroom_models import Quiz, QuizItem
from app.extensions import db
from app.models import Pack, Question, Source, pack_sources

# Question types a class can answer on a phone in a few seconds: a choice, or a short typed word.
PLAYABLE_TYPES = ("multiple_choice", "true_false", "cloze")


def eligible_questions(
    pack_id: int, *, source_id: str = "", kind: str = "", type: str = ""
) -> Select[tuple[Question]]:
    """A pack's playable, approved questions in pack order, narrowed like the bank's filters."""
    stmt = (
        select(Question)
        .where(
            Question.pack_id == pack_id,
            Question.type.in_(PLAYABLE_TYPES),
            # Listed packs serve what learners may study; an instructor's own private pack
            # serves its approved questions (the form offers only packs they may read).
            or_(
                Question.studyable(),
                and_(Question.deleted_at.is_(None), Question.review_status == "approved"),
            ),
        )
        .order_by(Question.position)
    )
    return Question.narrowed(stmt, source_id=source_id, kind=kind, type=type)


def create_quiz(owner: User, title: str, questions: Sequence[Question], time_limit_s: int) -> Quiz:
    """Save a quiz of these questions in this order, each with the same time limit."""
    if not questions:
        raise ClassroomError("No playable questions match those choices. Widen the filters.")
    quiz = Quiz(owner_id=owner.id, title=title)
    quiz.items = [
        QuizItem(position=i, question_id=q.id, time_limit_s=time_limit_s)
        for i, q in enumerate(questions)
    ]
    db.session.add(quiz)
    db.session.commit()
    return quiz


def packs(instructor: User) -> list[tuple[int, str]]:
    """(id, title) of the packs a quiz may draw from: listed ones and the instructor's own."""
    own = {pack.id for pack in packs_of(instructor)}
    rows = db.session.execute(
        select(Pack.id, Pack.title)
        .where(or_(Pack.listed(), and_(Pack.id.in_(own), Pack.deleted_at.is_(None))))
        .order_by(Pack.title)
    )
    return [tuple(row) for row in rows]


def sources_of(pack_ids: Sequence[int]) -> list[tuple[str, str]]:
    """(id, title) of the sources these packs quote, for the new-quiz form's filter."""
    rows = db.session.execute(
        select(Source.id, Source.title)
        .join(pack_sources, pack_sources.c.source_id == Source.id)
        .where(pack_sources.c.pack_id.in_(pack_ids))
        .distinct()
        .order_by(Source.id)
    )
    return [tuple(row) for row in rows]
