"""Who may do what with a pack: owners and editors change it, others at most read it."""

from __future__ import annotations

import secrets
from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from flask import abort
from flask_login import current_user
from sqlalchemy import select

from app.accounts_models import User
from app.authoring_models import PackEditor
from app.extensions import db, login_manager
from app.models import Pack, Question

# AUTHOR_ROLES and is_author live with the visibility rule; views know them from here.
from app.visibility import AUTHOR_ROLES, editable_pack_ids, is_author  # noqa: F401

F = TypeVar("F", bound=Callable[..., Any])


def user() -> User | None:
    """The logged-in user (None for visitors)."""
    return current_user._get_current_object() if current_user.is_authenticated else None


def author_required(view: F) -> F:
    """Views for instructors and admins: visitors log in first, learners get a 403 page."""

    @wraps(view)
    def wrapped(*args: Any, **kwargs: Any) -> Any:
        person = user()
        if person is None or person.is_guest:
            return login_manager.unauthorized()
        if not is_author(person):
            abort(403, description="Writing packs is for instructors. Ask an admin for that role.")
        return view(*args, **kwargs)

    return wrapped  # type: ignore[return-value]


def is_editor(pack: Pack, person: User | None) -> bool:
    """Owners, editors and admins may change the pack."""
    if person is None or not is_author(person):
        return False
    if person.role == "admin" or pack.owner_id == person.id:
        return True
    return (
        person.email is not None and db.session.get(PackEditor, (pack.id, person.email)) is not None
    )


def can_manage(pack: Pack, person: User | None) -> bool:
    """Owners and admins decide sharing and editors and may delete the pack."""
    return is_author(person) and (person.role == "admin" or pack.owner_id == person.id)


def can_read(pack: Pack, person: User | None) -> bool:
    """Public packs are read by anyone; others by those who may change them."""
    if pack.deleted_at is None and pack.visibility == "public":
        return True
    return is_editor(pack, person)


def editable_pack(pack_id: int, *, manage: bool = False, deleted: bool = False) -> Pack:
    """The pack, if the user may change it (or manage it); else a 404 or 403 page."""
    pack = db.session.get(Pack, pack_id)
    if pack is None or (pack.deleted_at is not None and not deleted):
        abort(404, description="There is no pack with that number. It may be in the trash.")
    allowed = can_manage(pack, user()) if manage else is_editor(pack, user())
    if not allowed:
        what = "its owner" if manage else "its owner and editors"
        abort(403, description=f"Only {what} can change this pack.")
    return pack


def editable_question(question_id: int, *, deleted: bool = False) -> Question:
    """The question, if the user may change its pack; else a 404 or 403 page."""
    question = db.session.get(Question, question_id)
    if question is None or (question.deleted_at is not None and not deleted):
        abort(404, description="There is no question with that number. It may be in the trash.")
    editable_pack(question.pack_id)
    return question


def packs_of(person: User) -> list[Pack]:
    """Packs the user may change (admins: all), newest first; trash excluded."""
    editable = editable_pack_ids(person)
    if editable is None:
        return []
    stmt = select(Pack).where(Pack.id.in_(editable)).order_by(Pack.id.desc())
    return list(db.session.scalars(stmt))


def new_share_token() -> str:
    """An unguessable token for a read-only share link."""
    return secrets.token_urlsafe(24)
