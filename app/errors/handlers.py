"""Friendly pages for 400, 404, 405, 413 and 500 errors."""

from __future__ import annotations

from flask import render_template
from werkzeug.exceptions import HTTPException, InternalServerError

from app.errors import bp
from app.extensions import db

_TITLES = {
    400: "That request could not be used",
    404: "Page not found",
    405: "That action is not allowed here",
    413: "That upload is too large",
    500: "Something went wrong on our side",
}


@bp.app_errorhandler(400)
@bp.app_errorhandler(404)
@bp.app_errorhandler(405)
@bp.app_errorhandler(413)
def client_error(error: HTTPException) -> tuple[str, int]:
    """Explain what the request got wrong and where to go next."""
    code = error.code or 400
    return render_template(
        "errors/error.html", code=code, title=_TITLES.get(code, error.name), error=error
    ), code


@bp.app_errorhandler(500)
def server_error(error: InternalServerError) -> tuple[str, int]:
    """Apologise without details, and leave the session usable for the next request."""
    db.session.rollback()
    return render_template("errors/500.html", title=_TITLES[500]), 500
