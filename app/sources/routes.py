"""Views: the list of sources and packs, and one source with an optional highlighted passage."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from flask import abort, current_app, render_template, request
from werkzeug.wrappers import Response

from app.extensions import db
from app.models import Pack, Source
from app.passages import paragraphs
from app.sources import bp
from app.study_service import choosing, context


@bp.get("/")
def index() -> str:
    """List the sources and packs in the database."""
    sources = db.session.execute(Source.select_with_question_counts()).all()
    packs = db.session.execute(Pack.select_with_question_counts()).all()
    study = choosing.summary(context.learner(), context.now())
    return render_template("sources/index.html", sources=sources, packs=packs, study=study)


@bp.get("/favicon.ico")
def favicon() -> Response:
    """The site icon, for browsers that ask for /favicon.ico before reading the page's link."""
    response = Response(_icon(current_app.static_folder), mimetype="image/svg+xml")
    response.cache_control.max_age = 86400
    return response


@cache
def _icon(static_folder: str) -> bytes:
    # Read once and served from memory: the icon is asked for on every first visit.
    return (Path(static_folder) / "favicon.svg").read_bytes()


@bp.get("/sources/<source_id>")
@bp.get("/sources/<source_id>/passage/<int:start>-<int:end>")
def read(source_id: str, start: int | None = None, end: int | None = None) -> str:
    """Show a source's text in paragraphs, marking text[start:end] when asked."""
    row = db.session.execute(
        Source.select_with_question_counts().where(Source.id == source_id)
    ).first()
    if row is None:
        abort(404, description=f'There is no source "{source_id}".')
    source, question_count = row
    if start is None and end is None:
        start = request.args.get("start", type=int)
        end = request.args.get("end", type=int)
    highlight = _passage_bounds(start, end, len(source.text))
    return render_template(
        "sources/read.html",
        source=source,
        paragraphs=paragraphs(source.text, highlight),
        highlight=highlight,
        question_count=question_count,
    )


def _passage_bounds(start: int | None, end: int | None, length: int) -> tuple[int, int] | None:
    if start is None and end is None:
        if request.args.get("start") or request.args.get("end"):
            abort(400, description="The passage's start and end must be whole numbers.")
        return None
    if start is None or end is None:
        abort(
            400,
            description="A passage needs both a start and an end (for example ?start=0&end=40).",
        )
    if not 0 <= start < end <= length:
        abort(
            400,
            description=(
                f"The passage {start}–{end} is not within this source: it needs "
                f"0 ≤ start < end ≤ {length:,} (the text has {length:,} characters)."
            ),
        )
    return start, end
