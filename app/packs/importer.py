"""Load a validated pack into the database, all or nothing."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from flask import current_app, has_app_context
from sqlalchemy import or_, select

from app import media
from app.extensions import db
from app.hygiene import controls_in
from app.models import Pack, Question, QuestionMedia, Source
from app.packs.checks import sha256_text
from app.packs.errors import PackError, PackValidationError, location_of
from app.packs.format import REVIEW_PENDING, validate_pack
from app.packs.new_order import imported_new_order
from app.packs.record import QuestionRecord


def pack_slug(data: Mapping[str, Any]) -> str:
    """The pack's `id`, or one made from its title when the file has none."""
    if isinstance(data.get("id"), str) and data["id"]:
        return data["id"]
    slug = re.sub(r"[^a-z0-9]+", "-", str(data.get("title", "")).lower()).strip("-")
    return slug[:64].rstrip("-") or "pack"


def check_pack(
    data: Any,
    source_texts: Mapping[str, str],
    *,
    filename: str = "<pack>",
    replace: bool = False,
) -> list[PackError]:
    """Every reason the pack cannot be imported: its own errors, then clashes with the database."""
    errors = validate_pack(data, filename=filename, source_texts=source_texts)
    if errors:
        return errors
    errors = unstorable_text(data, source_texts, filename)
    if errors:
        return errors
    errors.extend(media_errors(data, filename))
    slug = pack_slug(data)
    if not replace and db.session.scalar(Pack.select_by_slug(slug)) is not None:
        errors.append(
            PackError(
                filename,
                "id",
                f'expected a pack id not yet imported, got "{slug}" '
                "(already in the database; import with --replace to overwrite it)",
            )
        )
    for index, source in enumerate(data["sources"]):
        existing = db.session.get(Source, source["id"])
        if existing is not None and existing.sha256 != source["sha256"]:
            errors.append(
                PackError(
                    filename,
                    f"sources[{index}].sha256",
                    f'expected {existing.sha256} (source "{existing.id}" already in the database '
                    f"has a different text), got {source['sha256']}",
                )
            )
    return errors


def media_limits() -> media.Limits:
    """The configured byte limits for question media."""
    config = current_app.config if has_app_context() else {}
    return media.Limits(
        config.get("QUIRE_MEDIA_MAX_FILE_BYTES", media.MAX_FILE_BYTES),
        config.get("QUIRE_MEDIA_MAX_QUESTION_BYTES", media.MAX_QUESTION_BYTES),
    )


def media_errors(data: Mapping[str, Any], filename: str) -> list[PackError]:
    """Every question media file that is not an accepted type, too big, or misnamed."""
    limits, errors = media_limits(), []
    for index, entry in enumerate(data["questions"]):
        sizes, seen = [], set()
        for number, item in enumerate(entry.get("media", [])):
            where = f"questions[{index}].media[{number}]"
            try:
                raw = media.decode(item)
                mime = media.check_file(item["name"], raw, limits)
            except media.MediaError as exc:
                errors.append(PackError(filename, where, str(exc)))
                continue
            if mime != item["mime"]:
                message = (
                    f"file {item['name']!r}: expected its content's type {mime}, got {item['mime']}"
                )
                errors.append(PackError(filename, f"{where}.mime", message))
            if item["name"] in seen:
                message = f"expected each file name once per question, got {item['name']!r} again"
                errors.append(PackError(filename, f"{where}.name", message))
            seen.add(item["name"])
            sizes.append(len(raw))
        try:
            media.check_total(f"question {entry['id']!r}", sizes, limits)
        except media.MediaError as exc:
            errors.append(PackError(filename, f"questions[{index}].media", str(exc)))
    return errors


def import_pack(
    data: Any,
    source_texts: Mapping[str, str],
    *,
    filename: str = "<pack>",
    replace: bool = False,
    owner_id: int | None = None,
    visibility: str = "public",
) -> Pack:
    """Insert a pack with its sources and questions in one transaction, or raise and add nothing.

    A pack imported through the web gets its `owner_id` (who also uploaded its new sources) and
    is private; packs from the command line have no owner and are public.
    """
    errors = check_pack(data, source_texts, filename=filename, replace=replace)
    if errors:
        raise PackValidationError(errors)
    try:
        pack = _add_pack(
            data, source_texts, replace=replace, owner_id=owner_id, visibility=visibility
        )
        db.session.commit()
    except Exception:
        db.session.rollback()
        raise
    return pack


def _add_pack(
    data: Mapping[str, Any],
    source_texts: Mapping[str, str],
    *,
    replace: bool,
    owner_id: int | None = None,
    visibility: str = "public",
) -> Pack:
    slug = pack_slug(data)
    old = db.session.scalar(Pack.select_by_slug(slug))
    if old is not None and replace:
        db.session.delete(old)
        db.session.flush()

    sources = [_source(entry, source_texts, owner_id) for entry in data["sources"]]
    pack = Pack(
        slug=slug,
        title=data["title"],
        description=data.get("description", ""),
        language=data.get("language", "en"),
        format_version=data["format_version"],
        generator=data.get("generator", {}),
        new_order=imported_new_order(data),
        sources=sources,
        owner_id=owner_id,
        visibility=visibility,
    )
    db.session.add(pack)
    for position, entry in enumerate(data["questions"]):
        row = QuestionRecord.from_pack(entry).to_row()
        # A question the pack marks for review waits for a teacher, unseen by learners.
        status = REVIEW_PENDING if entry.get("review") == REVIEW_PENDING else "approved"
        question = Question(**row, position=position, review_status=status)
        question.media = [_media(item) for item in entry.get("media", [])]
        pack.questions.append(question)
    db.session.flush()
    return pack


def _source(
    entry: Mapping[str, Any], source_texts: Mapping[str, str], owner_id: int | None = None
) -> Source:
    existing = db.session.get(Source, entry["id"])
    if existing is not None:
        return existing
    text = entry["text"] if "text" in entry else source_texts[entry["id"]]
    source = Source(
        id=entry["id"],
        title=entry["title"],
        author=entry.get("author"),
        published=entry.get("published"),
        sha256=sha256_text(text),
        text=text,
        path=entry.get("path"),
        notes=entry.get("notes", ""),
        uploaded_by_id=owner_id,
    )
    db.session.add(source)
    return source


def unstorable_text(data: Any, source_texts: Mapping[str, str], filename: str) -> list[PackError]:
    """Every field (and source text) holding a character the databases cannot store."""
    found = [(location_of(path), what) for path, what in controls_in(data)]
    found += [(f'source "{sid}" text', what) for sid, text in source_texts.items()
              for _, what in controls_in(text)]  # fmt: skip
    return [
        PackError(filename, where, f"expected text without control characters, got {what}")
        for where, what in found
    ]


def _media(item: Mapping[str, Any]) -> QuestionMedia:
    raw = media.decode(item)
    return QuestionMedia(name=item["name"], mime=item["mime"], data=raw, sha256=media.sha256(raw))


def known_sources(user_id: int | None = None) -> list[dict[str, Any]]:
    """Sources a CSV row may quote by id: everyone's shared texts, plus the user's uploads
    (with no user, as on the command line: every source)."""
    stmt = select(Source)
    if user_id is not None:
        stmt = stmt.where(or_(Source.uploaded_by_id.is_(None), Source.uploaded_by_id == user_id))
    return [
        {"id": s.id, "title": s.title, "text": s.text, "sha256": s.sha256}
        for s in db.session.scalars(stmt)
    ]
