"""URL converters and request helpers shared by every blueprint."""

from __future__ import annotations

from typing import Any

from flask import jsonify, request
from werkzeug.routing import IntegerConverter, Map
from werkzeug.wrappers import Response

# The smallest integer column Quire's databases use (PostgreSQL INTEGER).
LARGEST_ID = 2**31 - 1


class DatabaseIdConverter(IntegerConverter):
    """`<int:...>` bounded to what an id column holds, so a huge id is a 404, never a 500."""

    def __init__(self, url_map: Map, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("max", LARGEST_ID)
        super().__init__(url_map, *args, **kwargs)


def wants_json() -> bool:
    """Whether a page's script asked for JSON: it then gets one small answer, where a form
    posted without the script is redirected to the next page (post, redirect, get)."""
    return request.accept_mimetypes.best == "application/json"


def error_response(code: int, error: str, detail: str) -> tuple[Response, int]:
    """A JSON error document, {"error": ..., "detail": ...}, with this status code."""
    response = jsonify(error=error, detail=detail)
    response.headers["Cache-Control"] = "no-store"
    return response, code
