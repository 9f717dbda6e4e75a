"""One visibility rule for every list: which packs, questions, sources and tags a person sees.

The pages that show one pack or question decide with `access.can_read` and
`Question.is_studyable`; every query that *lists* packs, questions, sources, tags or kinds (pages,
filters, option lists, the API) takes its WHERE clause from here, so the two never disagree.
Everyone sees what is listed (public packs, their studyable questions, bundled texts and texts a
public pack quotes); owners, editors and admins also see the packs they may change, with their
questions and sources, as the pack pages show them.
"""

from __future__ import annotations

from sqlalchemy import ColumnElement, Select, and_, exists, false, or_, select

from app.accounts_models import User
from app.authoring_models import PackEditor
from app.models import Pack, Question, Source, pack_sources

AUTHOR_ROLES = ("instructor", "admin")


def is_author(person: User | None) -> bool:
    """Instructors and admins write packs."""
    return person is not None and not person.is_guest and person.role in AUTHOR_ROLES


def editable_pack_ids(person: User | None) -> Select[tuple[int]] | None:
    """The ids of live packs the person may change (None: no pack at all)."""
    if person is None or not is_author(person):
        return None
    stmt = select(Pack.id).where(Pack.deleted_at.is_(None))
    if person.role != "admin":
        editing = select(PackEditor.pack_id).where(PackEditor.email == person.email)
        stmt = stmt.where(or_(Pack.owner_id == person.id, Pack.id.in_(editing)))
    return stmt


def packs(person: User | None) -> ColumnElement[bool]:
    """Packs the person sees in lists: listed ones, and live ones they may change."""
    editable = editable_pack_ids(person)
    return Pack.listed() if editable is None else or_(Pack.listed(), Pack.id.in_(editable))


def questions(person: User | None) -> ColumnElement[bool]:
    """Questions the person sees in lists: studyable ones, and live ones of packs they change."""
    editable = editable_pack_ids(person)
    if editable is None:
        return Question.studyable()
    return or_(
        Question.studyable(), and_(Question.deleted_at.is_(None), Question.pack_id.in_(editable))
    )


def sources(person: User | None) -> ColumnElement[bool]:
    """Sources the person sees in lists: listed ones, own uploads, and those of their packs."""
    editable = editable_pack_ids(person)
    if editable is None:
        return Source.listed()
    in_editable = exists().where(
        pack_sources.c.source_id == Source.id, pack_sources.c.pack_id.in_(editable)
    )
    own = Source.uploaded_by_id == person.id if person is not None else false()
    return or_(Source.listed(), own, in_editable)


def source_options(person: User | None) -> Select[tuple[str, str]]:
    """(id, title) of the sources the person sees, by title: for filters and option lists."""
    return select(Source.id, Source.title).where(sources(person)).order_by(Source.title, Source.id)


def tags_of(rows: list[list[str] | None]) -> list[str]:
    """The distinct tags in these questions' tag lists, sorted."""
    found: set[str] = set()
    for row in rows:
        found.update(str(tag) for tag in row or ())
    return sorted(found)


def question_tags(person: User | None) -> Select[tuple[list[str]]]:
    """The tag lists of the questions the person sees (see `tags_of`)."""
    return select(Question.tags).where(questions(person))


def question_kinds(person: User | None) -> Select[tuple[str]]:
    """The kinds of the questions the person sees, sorted."""
    return select(Question.kind).where(questions(person)).distinct().order_by(Question.kind)
