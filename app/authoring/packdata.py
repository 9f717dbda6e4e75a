"""Packs in the database as pack-format dicts (for export), and questions as form values."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from app import media
from app.models import Pack, Question
from app.packs.checks import sha256_text
from app.packs.format import FORMAT, FORMAT_VERSION, REVIEW_PENDING, with_review
from app.packs.record import QuestionRecord


def exported_questions(pack: Pack) -> list[Question]:
    """The questions an export holds: not in the trash, not rejected, in pack order."""
    return [q for q in pack.questions if q.deleted_at is None and q.review_status != "rejected"]


def pack_dict(pack: Pack, questions: Iterable[Question] | None = None) -> dict[str, Any]:
    """The pack as a valid pack-format dict, with its sources' texts inline."""
    chosen = list(exported_questions(pack) if questions is None else questions)
    used = {q.source_id for q in chosen}
    sources = [s for s in pack.sources if s.id in used] + sorted(
        {q.source for q in chosen if q.source not in pack.sources}, key=lambda s: s.id
    )
    out: dict[str, Any] = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "id": pack.slug,
        "title": pack.title,
    }
    if pack.description:
        out["description"] = pack.description
    out["language"] = pack.language or "en"
    if pack.generator:
        out["generator"] = dict(pack.generator)
    out["new_order"] = pack.new_order
    out["sources"] = [_source_dict(source) for source in sources]
    out["questions"] = [
        _with_media(
            with_review(QuestionRecord.from_row(q).to_pack(), q.review_status == REVIEW_PENDING), q
        )
        for q in chosen
    ]
    return out


def _with_media(entry: dict[str, Any], question: Question) -> dict[str, Any]:
    """The question's stored images and audio as the pack's `media` entries."""
    if question.media:
        entry["media"] = [media.entry(m.name, m.data, m.mime) for m in question.media]
    return entry


def _source_dict(source: Any) -> dict[str, Any]:
    out: dict[str, Any] = {"id": source.id, "title": source.title or source.id}
    if source.author:
        out["author"] = source.author
    if source.published:
        out["published"] = source.published
    out["text"] = source.text
    out["sha256"] = sha256_text(source.text)
    if source.notes:
        out["notes"] = source.notes
    return out


def form_values(question: Question) -> dict[str, str]:
    """The authoring form's text values for an existing question (the inverse of build_draft)."""
    values = {
        "type": question.type,
        "kind": question.kind,
        "title": question.title or "",
        "prompt": question.prompt,
        "text_format": question.text_format or "",
        "answer": question.answer,
        "accept": "\n".join(question.accept or ()),
        "choices": "\n".join(question.choices or ()),
        "items": "\n".join(str(item["text"]) for item in question.items or ()),
        "pairs": "\n".join(f"{p['left']} => {p['right']}" for p in question.pairs or ()),
        "correction": question.correction or "",
        "explanation": question.explanation,
        "tags": ", ".join(question.tags or ()),
        "difficulty": "" if question.difficulty is None else f"{question.difficulty:g}",
        "source_id": question.source_id,
        "quote_start": str(question.quote_start),
        "quote_end": str(question.quote_end),
        "quote_text": question.quote_text,
        "fact": question.fact or "",
        "right_choices": "",
        "tolerance": "",
    }
    answers = question.answers or ()
    if question.type == "multiple_response":
        values["right_choices"] = "\n".join(a["text"] for a in answers if a.get("weight", 0) > 0)
    if question.type == "numeric" and answers and answers[0].get("tolerance") is not None:
        values["tolerance"] = f"{answers[0]['tolerance']:g}"
    return values
