"""Changing packs and questions: versions kept, pack version bumped, deletion soft."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from sqlalchemy import func, select

from app.accounts_models import User
from app.clock import utcnow
from app.extensions import db
from app.models import Pack, Question
from app.versions import current_version_id

_SLUG = re.compile(r"[^a-z0-9]+")


def touch(pack: Pack) -> None:
    """Note a change to the pack: a new version number and time."""
    pack.version = (pack.version or 1) + 1
    pack.updated_at = utcnow()


def free_slug(title: str, taken: Iterable[str] = ()) -> str:
    """A pack slug made from the title that no pack uses yet."""
    base = _SLUG.sub("-", title.lower()).strip("-")[:56].rstrip("-") or "pack"
    used = set(taken) | set(db.session.scalars(select(Pack.slug).where(Pack.slug.like(f"{base}%"))))
    slug, number = base, 1
    while slug in used:
        number += 1
        slug = f"{base}-{number}"
    return slug


def create_pack(owner: User, *, title: str, description: str, language: str) -> Pack:
    """A new private pack owned by `owner`."""
    pack = Pack(
        slug=free_slug(title),
        title=title,
        description=description,
        language=language or "en",
        format_version=1,
        generator={"name": "quire-authoring"},
        owner_id=owner.id,
        visibility="private",
        updated_at=utcnow(),
    )
    db.session.add(pack)
    db.session.commit()
    return pack


def _free_uid(pack: Pack, base: str) -> str:
    used = set(db.session.scalars(select(Question.uid).where(Question.pack_id == pack.id)))
    uid, number = base, 1
    while uid in used:
        number += 1
        uid = f"{base}-{number}"
    return uid


def _keep_item_details(old_items: Iterable[Mapping[str, Any]], new_items: list[dict]) -> None:
    # Editing an ordering question keeps each unchanged item's date and quote.
    details = {str(item.get("text")): item for item in old_items}
    for item in new_items:
        item.update({k: v for k, v in details.get(item["text"], {}).items() if k != "text"})


def add_question(pack: Pack, fields: Mapping[str, Any], *, status: str = "approved") -> Question:
    """Append a question to the pack and store its first version."""
    position = db.session.scalar(
        select(func.coalesce(func.max(Question.position), -1)).where(Question.pack_id == pack.id)
    )
    question = Question(
        pack_id=pack.id,
        uid=_free_uid(pack, f"a{position + 2}"),
        position=position + 1,
        review_status=status,
        version=1,
        **fields,
    )
    db.session.add(question)
    touch(pack)
    db.session.flush()
    current_version_id(db.session.connection(), question.id)
    db.session.commit()
    return question


def update_question(question: Question, fields: Mapping[str, Any]) -> bool:
    """Apply changed fields; the old content stays as a version. False when nothing changed."""
    changed = {k: v for k, v in fields.items() if getattr(question, k) != v}
    if "items" in changed:
        _keep_item_details(question.items or (), changed["items"])
        if changed["items"] == question.items:
            del changed["items"]
    if not changed:
        return False
    db.session.flush()
    current_version_id(db.session.connection(), question.id)
    for name, value in changed.items():
        setattr(question, name, value)
    question.version = (question.version or 1) + 1
    touch(question.pack)
    db.session.flush()
    current_version_id(db.session.connection(), question.id)
    db.session.commit()
    return True


def set_status(questions: Iterable[Question], status: str) -> int:
    """Approve or reject questions in one commit; how many changed."""
    changed = 0
    packs = set()
    for question in questions:
        if question.review_status != status:
            question.review_status = status
            packs.add(question.pack)
            changed += 1
    for pack in packs:
        touch(pack)
    db.session.commit()
    return changed


def trash_questions(questions: Iterable[Question]) -> int:
    """Move questions to the trash (soft delete); how many."""
    moment, count = utcnow(), 0
    for question in questions:
        if question.deleted_at is None:
            question.deleted_at = moment
            touch(question.pack)
            count += 1
    db.session.commit()
    return count


def restore_question(question: Question) -> None:
    """Bring a question back from the trash."""
    question.deleted_at = None
    touch(question.pack)
    db.session.commit()


def trash_pack(pack: Pack) -> None:
    """Move a pack to the trash: hidden everywhere until restored."""
    pack.deleted_at = utcnow()
    touch(pack)
    db.session.commit()


def restore_pack(pack: Pack) -> None:
    """Bring a pack back from the trash."""
    pack.deleted_at = None
    touch(pack)
    db.session.commit()
