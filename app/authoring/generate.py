"""Uploaded texts become sources, and generation jobs add their questions for review."""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Sequence
from dataclasses import asdict, is_dataclass
from typing import Any

from flask import current_app
from sqlalchemy import func, select

from app.accounts_models import User
from app.authoring.editing import touch
from app.authoring.jobs import Progress, handler
from app.authoring_models import Job
from app.extensions import db
from app.generation.types import Question as GeneratedQuestion
from app.generation.types import SourceText
from app.models import Pack, Question, Source
from app.packs.checks import sha256_text

Generator = Callable[[Sequence[SourceText], Progress], Sequence[GeneratedQuestion]]
_UID = re.compile(r"[^A-Za-z0-9_.:-]+")
_nlp: Any = None
_nlp_lock = threading.Lock()


def shared_nlp(model: str | None) -> Any:
    """The spaCy pipeline, loaded once per process on first use (it takes seconds)."""
    global _nlp
    with _nlp_lock:
        if _nlp is None:
            from app.generation.nlp import load_pipeline

            _nlp = load_pipeline(model)
        return _nlp


def spacy_generator(sources: Sequence[SourceText], progress: Progress) -> list[GeneratedQuestion]:
    """The real generator: spaCy and the generation pipeline."""
    from app.generation import pipeline

    nlp = shared_nlp(current_app.config.get("QUIRE_SPACY_MODEL"))
    return pipeline.generate(sources, nlp, progress=progress).questions


def add_source(pack: Pack, text: str, *, title: str, uploader: User, notes: str = "") -> Source:
    """Store an uploaded text exactly as extracted, and list it among the pack's sources."""
    digest = sha256_text(text)
    source = db.session.get(Source, f"upload-{digest[:16]}")
    if source is None:
        source = Source(
            id=f"upload-{digest[:16]}",
            title=title[:300],
            sha256=digest,
            text=text,
            notes=notes,
            uploaded_by_id=uploader.id,
        )
        db.session.add(source)
    if source not in pack.sources:
        pack.sources.append(source)
        touch(pack)
    db.session.commit()
    return source


def _fields(generated: GeneratedQuestion) -> dict[str, Any]:
    return {
        "fact": generated.fact,
        "group": getattr(generated, "group", ""),
        "type": generated.type,
        "kind": generated.kind,
        "prompt": generated.prompt,
        "answer": generated.answer,
        "choices": list(generated.choices),
        "accept": list(generated.accept),
        "items": [_item(item) for item in generated.items],
        "source_id": generated.quote.source,
        "quote_start": generated.quote.start,
        "quote_end": generated.quote.end,
        "quote_text": generated.quote.text,
        "explanation": generated.explanation,
        "difficulty": generated.difficulty,
        "quality": generated.quality,
        "tags": list(generated.tags),
        "correction": getattr(generated, "correction", None),
    }


def _item(item: dict) -> dict[str, Any]:
    out = {"text": item["text"]}
    if item.get("date"):
        out["date"] = item["date"]
    quote = item.get("quote")
    if quote is not None:
        data = asdict(quote) if is_dataclass(quote) else dict(quote)
        out["quote"] = {k: data[k] for k in ("source", "start", "end", "text")}
    return out


@handler("generate")
def generate_questions(job: Job, progress: Progress) -> dict[str, Any]:
    """Generate questions from the job's sources into its pack, all waiting for review."""
    pack = db.session.get(Pack, job.pack_id)
    rows = [db.session.get(Source, source_id) for source_id in job.payload["source_ids"]]
    sources = [
        SourceText(id=s.id, text=s.text, title=s.title, author=s.author, published=s.published)
        for s in rows
        if s is not None
    ]
    generator: Generator = current_app.config.get("QUIRE_GENERATOR") or spacy_generator
    generated = list(generator(sources, progress))
    used = set(db.session.scalars(select(Question.uid).where(Question.pack_id == pack.id)))
    position = db.session.scalar(
        select(func.coalesce(func.max(Question.position), -1)).where(Question.pack_id == pack.id)
    )
    added = 0
    for item in generated:
        uid = _UID.sub("-", f"j{job.id}-{item.id}")[:64]
        if uid in used:
            continue
        used.add(uid)
        position += 1
        db.session.add(
            Question(
                pack_id=pack.id,
                uid=uid,
                position=position,
                review_status="pending",
                **_fields(item),
            )
        )
        added += 1
    if added:
        touch(pack)
    db.session.commit()
    return {"questions": added, "generated": len(generated)}
