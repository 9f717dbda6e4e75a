"""Uploaded texts become sources, and generation jobs add their questions for review."""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from flask import current_app
from sqlalchemy import func, select

from app.accounts_models import User
from app.authoring.editing import touch
from app.authoring_models import Job
from app.extensions import db
from app.generation.genres import review_notes
from app.generation.types import Question as GeneratedQuestion
from app.generation.types import SourceText
from app.jobs import JobProgress, Progress, handler
from app.models import Pack, Question, Source
from app.packs.checks import sha256_text
from app.packs.errors import PackValidationError
from app.packs.format import FORMAT, FORMAT_VERSION, validate_pack
from app.packs.record import QuestionRecord

if TYPE_CHECKING:
    from app.generation.pipeline import GenerationResult

# A result with `pending` tells which questions the strict bank keeps; a plain list does not.
Generator = Callable[
    [Sequence[SourceText], Progress], "Sequence[GeneratedQuestion] | GenerationResult"
]
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


def spacy_generator(sources: Sequence[SourceText], progress: Progress) -> GenerationResult:
    """The real generator: spaCy and the generation pipeline, with the reviewer's wider pool.

    Generated questions reach the review queue as pending, so a teacher also sees the ones
    the ranker is less sure of, flagged by their quality, rather than losing them; those the
    strict bank keeps (not in `pending`) are recommended.
    """
    from app.generation import pipeline

    nlp = shared_nlp(current_app.config["QUIRE_SPACY_MODEL"])
    return pipeline.generate(sources, nlp, progress=progress, review_pool=True)


def source_texts(rows: Sequence[Source | None]) -> list[SourceText]:
    """Stored sources as the generator reads them (missing ones left out)."""
    return [
        SourceText(id=s.id, text=s.text, title=s.title, author=s.author, published=s.published)
        for s in rows
        if s is not None
    ]


def question_uid(job_id: int, generated_id: str) -> str:
    """The uid a job gives a generated question in its pack."""
    return _UID.sub("-", f"j{job_id}-{generated_id}")[:64]


def add_source(
    pack: Pack,
    text: str,
    *,
    title: str,
    uploader: User,
    notes: str = "",
    published: str | None = None,
) -> Source:
    """Store an uploaded text exactly as extracted (with the date the file gives, if any), and
    list it among the pack's sources."""
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
            published=published,
        )
        db.session.add(source)
    if source not in pack.sources:
        pack.sources.append(source)
        touch(pack)
    db.session.commit()
    return source


def checked_records(
    generated: Sequence[GeneratedQuestion], sources: Sequence[SourceText], uids: Sequence[str]
) -> list[QuestionRecord]:
    """The generated questions as records, checked as `quire import` checks a pack: all pass,
    or the job fails naming every problem (nothing is added)."""
    records = [
        QuestionRecord.from_generated(q, uid) for q, uid in zip(generated, uids, strict=True)
    ]
    pack = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "title": "Generated questions",
        "sources": [
            {"id": s.id, "title": s.title or s.id, "text": s.text, "sha256": sha256_text(s.text)}
            for s in sources
        ],
        "questions": [record.to_pack() for record in records],
    }
    errors = validate_pack(pack, filename="generated questions")
    if errors:
        raise PackValidationError(errors)
    return records


@handler("generate")
def generate_questions(job: Job, progress: JobProgress) -> dict[str, Any]:
    """Generate questions from the job's sources into its pack, all waiting for review."""
    return generate_into(job, job.payload["source_ids"], progress, start=0.0)


def generate_into(
    job: Job, source_ids: Sequence[str], progress: JobProgress, *, start: float
) -> dict[str, Any]:
    """Generate from these sources into the job's pack (the bar from `start` to the end)."""
    pack = db.session.get(Pack, job.pack_id)
    sources = source_texts([db.session.get(Source, source_id) for source_id in source_ids])
    generator: Generator = current_app.config["QUIRE_GENERATOR"] or spacy_generator
    # Storing is quick next to reading the text with spaCy: it gets the last tenth of the bar.
    storing = start + 0.9 * (1 - start)
    output = generator(sources, progress.stage("Finding questions", start, storing))
    generated = list(output) if isinstance(output, Sequence) else output.questions
    # A plain list says nothing of the strict bank: none of its questions is recommended.
    pending = None if isinstance(output, Sequence) else output.pending
    progress.stage("Checking and storing the questions", storing, 1.0)
    used = set(db.session.scalars(select(Question.uid).where(Question.pack_id == pack.id)))
    position = db.session.scalar(
        select(func.coalesce(func.max(Question.position), -1)).where(Question.pack_id == pack.id)
    )
    fresh: dict[str, GeneratedQuestion] = {}
    for item in generated:
        uid = question_uid(job.id, item.id)
        if uid not in used and uid not in fresh:
            fresh[uid] = item
    records = checked_records(list(fresh.values()), sources, list(fresh))
    for record, item in zip(records, fresh.values(), strict=True):
        position += 1
        db.session.add(
            Question(
                **record.to_row(),
                pack_id=pack.id,
                position=position,
                review_status="pending",
                recommended=pending is not None and item.id not in pending,
            )
        )
    added = len(records)
    if added:
        touch(pack)
    db.session.commit()
    result: dict[str, Any] = {"questions": added, "generated": len(generated)}
    # An author should see why a text's questions wait for review instead of being recommended.
    held_back = review_notes(
        getattr(output, "genres", None) or {},
        {s.id: s.title for s in sources},
        fresh.values(),
        pending or frozenset(),
    )
    if held_back:
        result["held_back"] = held_back
    return result
