"""What the API reads, with the same access rules as the HTML pages."""

from __future__ import annotations

from sqlalchemy import ColumnElement, Select, func, select

from app import access, visibility
from app.accounts_models import User
from app.extensions import db
from app.models import Pack, Question, Source


def _editable_ids(person: User | None) -> list[int]:
    return [] if not access.is_author(person) else [pack.id for pack in access.packs_of(person)]


def visible_packs(person: User | None) -> tuple[Select[tuple[Pack]], list[int]]:
    """Packs the person sees in lists (the visibility rule), by title; and the changeable ids."""
    stmt = select(Pack).where(visibility.packs(person)).order_by(Pack.title, Pack.id)
    return stmt, _editable_ids(person)


def _live_questions(editor: bool) -> ColumnElement[bool]:
    # Editors see every question not in the trash, as on the pack page; others the studyable.
    return Question.deleted_at.is_(None) if editor else Question.studyable()


def question_counts(pack_ids: list[int], editable: list[int]) -> dict[int, int]:
    """The number of questions each pack shows its reader."""
    counts: dict[int, int] = {}
    for editor, ids in (
        (True, set(pack_ids) & set(editable)),
        (False, set(pack_ids) - set(editable)),
    ):
        if ids:
            counts |= dict(
                db.session.execute(
                    select(Question.pack_id, func.count(Question.id))
                    .where(Question.pack_id.in_(ids), _live_questions(editor))
                    .group_by(Question.pack_id)
                ).all()
            )
    return counts


def readable_pack(pack_id: int, person: User | None) -> Pack | None:
    """The pack, if it is not in the trash and the person may read it."""
    pack = db.session.get(Pack, pack_id)
    if pack is None or pack.deleted_at is not None or not access.can_read(pack, person):
        return None
    return pack


def pack_questions(pack: Pack, editor: bool) -> Select[tuple[Question]]:
    """The pack's questions its reader sees, in pack order."""
    return (
        select(Question)
        .where(Question.pack_id == pack.id, _live_questions(editor))
        .order_by(Question.position, Question.id)
    )


def readable_question(question_id: int, person: User | None) -> Question | None:
    """The question, if it is studyable or the person may change its pack."""
    question = db.session.get(Question, question_id)
    if question is None or question.deleted_at is not None:
        return None
    if question.is_studyable:
        return question
    pack = question.pack
    return question if pack.deleted_at is None and access.is_editor(pack, person) else None


def listed_sources() -> Select[tuple[Source, int]]:
    """Sources every visitor may read, with their studyable question counts, in id order."""
    return Source.select_with_question_counts()


def listed_source(source_id: str) -> tuple[Source, int] | None:
    """One listed source and its question count, as the source page finds it."""
    row = db.session.execute(listed_sources().where(Source.id == source_id)).first()
    return None if row is None else (row[0], row[1])


def count(stmt: Select) -> int:
    """How many rows a select returns."""
    return db.session.scalar(select(func.count()).select_from(stmt.order_by(None).subquery())) or 0


def page_of(stmt: Select, limit: int, offset: int) -> list:
    """One page of a select's rows (objects for one-entity selects)."""
    return list(db.session.execute(stmt.limit(limit).offset(offset)).all())
