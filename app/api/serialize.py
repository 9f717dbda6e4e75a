"""Rows as the API's JSON documents (the shapes openapi.json describes)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from app import media
from app.clock import as_utc
from app.models import Pack, Question, Source
from app.packs.record import QuestionRecord
from app.study_service.choosing import Summary
from app.study_service.dashboard import Dashboard


def _iso(moment: datetime | None) -> str | None:
    return None if moment is None else as_utc(moment).isoformat()


def pack(pack: Pack, question_count: int, editable: bool) -> dict[str, Any]:
    """A pack's metadata."""
    return {
        "id": pack.id,
        "slug": pack.slug,
        "title": pack.title,
        "description": pack.description or "",
        "language": pack.language,
        "visibility": pack.visibility,
        "version": pack.version,
        "created_at": _iso(pack.created_at),
        "updated_at": _iso(pack.updated_at),
        "question_count": question_count,
        "editable": editable,
        "source_ids": [source.id for source in pack.sources],
    }


def question(question: Question, media_base: str = media.SERVED_AT) -> dict[str, Any]:
    """A question as the question bank shows it: prompt, choices, answer, explanation, quote.

    HTML text names its files by URL under `media_base`, as the pages do, never by the
    @@PLUGINFILE@@ placeholder it is stored with (which means nothing outside Quire).
    """
    record = QuestionRecord.from_row(question)
    if record.text_format == "html":

        def shown(text: str | None) -> str | None:
            return None if text is None else media.to_urls(text, question.id, media_base)
    else:

        def shown(text: str | None) -> str | None:
            return text

    return {
        "id": question.id,
        "pack_id": question.pack_id,
        "uid": record.uid,
        "type": record.type,
        "kind": record.kind,
        "text_format": record.text_format,
        "prompt": shown(record.prompt),
        "choices": [shown(choice) for choice in record.choices],
        # Alphabetical, as in the bank, so the list does not give the order away.
        "items": sorted(shown(str(item.get("text", ""))) for item in record.items),
        "answer": shown(record.answer),
        "accept": record.accept,
        "correction": shown(record.correction),
        "explanation": shown(record.explanation),
        "difficulty": record.difficulty,
        "tags": record.tags,
        "review_status": question.review_status,
        "quote": {
            "source_id": record.source_id,
            "start": record.quote_start,
            "end": record.quote_end,
            "text": record.quote_text,
        },
    }


def source(source: Source, question_count: int, text: bool = False) -> dict[str, Any]:
    """A source's metadata, and its full text when asked."""
    document: dict[str, Any] = {
        "id": source.id,
        "title": source.title,
        "author": source.author,
        "published": source.published,
        "sha256": source.sha256,
        "length": len(source.text),
        "question_count": question_count,
    }
    if text:
        document["text"] = source.text
    return document


def _mastery(rows: list[tuple[str, dict[str, float]]]) -> list[dict[str, Any]]:
    return [
        {
            "name": name,
            "questions": int(figures["questions"]),
            "studied": int(figures["studied"]),
            "recall": figures["recall"],
            "mastered": figures["mastered"],
        }
        for name, figures in rows
    ]


def progress(summary: Summary, board: Dashboard, zone: str) -> dict[str, Any]:
    """The learner's due counts, today's limits and mastery, as the progress page shows them."""
    return {
        "timezone": zone,
        "due_today": summary.due_today,
        "new_available": summary.new_available,
        "unseen": summary.unseen,
        "today": {
            "new_done": summary.limits.new_done,
            "reviews_done": summary.limits.reviews_done,
            "new_left": summary.limits.new_left,
            "reviews_left": summary.limits.reviews_left,
        },
        "mastery": {"by_source": _mastery(board.by_source), "by_kind": _mastery(board.by_kind)},
        "forecast": board.forecast,
        "retention": board.retention,
        "retention_answers": board.retention_answers,
        "streak": board.streak,
        "answered_today": board.answered_today,
        "answered_total": board.answered_total,
    }
