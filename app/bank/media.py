"""Serving a question's stored images and audio to those who may read the question."""

from __future__ import annotations

from flask import Response, abort, request
from sqlalchemy import select

from app import access
from app.bank import bp
from app.extensions import db
from app.models import Question, QuestionMedia
from app.players import asked_to_player

# Private: whether a file may be read depends on who asks. An hour, then revalidated by ETag.
CACHE_CONTROL = "private, max-age=3600"


def readable_question(question_id: int) -> Question | None:
    """The question if the user may read it: live, in a pack they may read, and not rejected
    unless they edit the pack."""
    question = db.session.get(Question, question_id)
    if question is None or question.deleted_at is not None:
        return None
    person = access.user()
    if not access.can_read(question.pack, person):
        # A class plays questions of its teacher's private packs: a player it asked may see
        # that question's files.
        if not asked_to_player(request.cookies, question.id):
            return None
        return question
    if question.review_status == "rejected" and not access.is_editor(question.pack, person):
        return None
    return question


@bp.get("/media/<int:question_id>/<path:name>")
def media_file(question_id: int, name: str) -> Response:
    """One of a question's files, or a 404 page for files the user may not read (or none)."""
    question = readable_question(question_id)
    found = None
    if question is not None:
        found = db.session.scalar(
            select(QuestionMedia).where(
                QuestionMedia.question_id == question.id, QuestionMedia.name == name
            )
        )
    if found is None:
        abort(
            404, description="There is no such file, or it belongs to a question you cannot read."
        )
    response = Response(found.data, mimetype=found.mime)
    response.set_etag(found.sha256)
    response.headers["Cache-Control"] = CACHE_CONTROL
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Content-Disposition"] = "inline"
    # Opened on its own, the file may run nothing, whatever a browser makes of it.
    response.headers["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response.make_conditional(request)
