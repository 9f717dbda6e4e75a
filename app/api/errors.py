"""JSON errors for the API: {"error": ..., "detail": ...} with the status code of the problem."""

from __future__ import annotations

from werkzeug.exceptions import HTTPException, InternalServerError, NotFound
from werkzeug.wrappers import Response

from app.api import bp
from app.extensions import db
from app.routing import error_response


# By code as well as by class: Flask prefers the site's code handlers (HTML pages) to a
# blueprint's class handler.
@bp.errorhandler(HTTPException)
@bp.errorhandler(400)
@bp.errorhandler(401)
@bp.errorhandler(403)
@bp.errorhandler(404)
@bp.errorhandler(405)
@bp.errorhandler(413)
@bp.errorhandler(429)
def http_error(error: HTTPException) -> tuple[Response, int]:
    """Any HTTP error raised by an API view, as JSON instead of the HTML error page."""
    if isinstance(error, InternalServerError):
        return server_error(error)
    return error_response(error.code or 400, error.name, error.description or error.name)


@bp.errorhandler(InternalServerError)
@bp.errorhandler(500)
def server_error(_error: InternalServerError) -> tuple[Response, int]:
    """An unexpected failure: no details for the caller, and a usable session afterwards."""
    db.session.rollback()
    return error_response(500, "Internal Server Error", "Something went wrong on our side.")


@bp.get("/<path:unknown>")
def unknown_path(unknown: str) -> tuple[Response, int]:
    """Unknown paths under /api/v1 answer in JSON too (the site's 404 page is HTML)."""
    raise NotFound(f"There is no API resource at /api/v1/{unknown}. See /api/v1/openapi.json.")
