"""The upload job: the worker reads the uploaded file, stores its text as a source, and
generates its questions (a 100-page PDF takes longer than a web request may)."""

from __future__ import annotations

from pathlib import PurePath
from typing import Any

from app.accounts_models import User
from app.authoring.generate import add_source, generate_into
from app.authoring_models import Job
from app.extensions import db
from app.extraction.errors import ExtractError
from app.extraction.files import extract
from app.hygiene import strip_controls
from app.jobs import JobError, JobProgress, handler
from app.models import Pack

# Reading the file gets the first part of the bar: a PDF's pages take a while.
READ_SHARE = 0.15


def source_title(typed: str | None, found: str | None, file_name: str) -> str:
    """The title typed on the form, else the one the document gives itself, else its name."""
    return (typed or "").strip() or found or PurePath(file_name).stem or "Uploaded text"


@handler("upload")
def read_upload(job: Job, progress: JobProgress) -> dict[str, Any]:
    """Extract the job's file into a source of its pack, then (if asked) generate from it."""
    payload = dict(job.payload)
    name = payload["file_name"]
    data = job.upload
    if data is None and payload.get("source_ids"):
        # Run again after its text was stored (generation failed): only generate again.
        if not payload.get("generate"):
            return {"source": payload.get("title", name)}
        return generate_into(job, payload["source_ids"], progress, start=READ_SHARE)
    if data is None:
        raise JobError(f"The file “{name}” is no longer stored: upload it again.")
    progress.stage(f"Reading {name}", 0.0, READ_SHARE)
    try:
        extracted = extract(data, name)
    except ExtractError as error:
        raise JobError(str(error)) from error  # it names the file and what is wrong
    pack = db.session.get(Pack, job.pack_id)
    uploader = db.session.get(User, job.owner_id)
    title = source_title(payload.get("title"), extracted.title, name)
    # Extracted text (PDFs especially) may hold control characters no database stores.
    text, removed = strip_controls(extracted.text)
    notes = f"Uploaded as {name}." + (f" {extracted.note}" if extracted.note else "")
    source = add_source(
        pack, text, title=title, uploader=uploader, notes=notes, published=extracted.published
    )
    job = db.session.get(Job, job.id)
    # The text is kept as a source now: the file's bytes are no longer needed.
    job.payload = {**payload, "title": source.title, "source_ids": [source.id]}
    job.upload = None
    db.session.commit()
    result: dict[str, Any] = {"source": source.title, "characters": len(text), "removed": removed}
    if extracted.note:
        result["note"] = extracted.note
    if payload.get("generate"):
        result |= generate_into(job, [source.id], progress, start=READ_SHARE)
    return result
