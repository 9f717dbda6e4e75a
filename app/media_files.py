"""A question's stored file as an HTTP response: the one place that sets how files are served.

Who may read it is decided by the caller: `/media` by the question's readers (app/bank/media.py),
a share link by the questions it shows (app/authoring/routes_sharing.py).
"""

from __future__ import annotations

from flask import Response, abort, request
from sqlalchemy import select

from app.extensions import db
from app.models import Question, QuestionMedia

# Private: whether a file may be read depends on who asks. An hour, then revalidated by ETag.
CACHE_CONTROL = "private, max-age=3600"


def file_response(question: Question | None, name: str) -> Response:
    """The question's file `name` as a response, or a 404 page (also when `question` is None)."""
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
