"""Serving a question's stored images and audio to those who may read the question."""

from __future__ import annotations

from flask import Response, request

from app import access
from app.bank import bp
from app.extensions import db
from app.media_files import file_response
from app.models import Question
from app.players import asked_to_player


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
    return file_response(readable_question(question_id), name)
