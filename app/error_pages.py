"""Friendly pages for 400, 403, 404, 405, 413 and 500 errors (the errors blueprint registers
them for the whole app; a blueprint with a handler of its own falls back on them)."""

from __future__ import annotations

from flask import render_template, request
from werkzeug.exceptions import HTTPException, InternalServerError
from werkzeug.wrappers import Response

from app.extensions import db
from app.routing import error_response, wants_json

_TITLES = {
    400: "That request could not be used",
    403: "That is not yours to open",
    404: "Page not found",
    405: "That action is not allowed here",
    413: "That upload is too large",
    500: "Something went wrong on our side",
}


def client_error(error: HTTPException) -> tuple[str | Response, int]:
    """Explain what the request got wrong and where to go next."""
    code = error.code or 400
    if _for_the_api():
        return error_response(code, error.name, error.description or error.name)
    return render_template(
        "errors/error.html", code=code, title=_TITLES.get(code, error.name), error=error
    ), code


def server_error(error: InternalServerError) -> tuple[str | Response, int]:
    """Apologise without details, and leave the session usable for the next request."""
    db.session.rollback()
    if _for_the_api():
        return error_response(500, "Internal Server Error", "Something went wrong on our side.")
    return render_template("errors/500.html", title=_TITLES[500]), 500


def _for_the_api() -> bool:
    # A URL under /api/ that matched no route never reaches the API blueprint's handlers; a
    # page's script asking for JSON (an expired CSRF token, say) reads the error as JSON.
    return request.path.startswith("/api/") or wants_json()
