"""Views of the JSON API: validate the request, ask queries.py, answer with serialize.py."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

from flask import abort, jsonify, request
from werkzeug.wrappers import Response

from app import access, media
from app.api import bp, params, queries, serialize
from app.routing import error_response
from app.study_service import choosing, context, dashboard

OPENAPI_PATH = Path(__file__).with_name("openapi.json")


@cache
def _openapi() -> dict[str, Any]:
    return json.loads(OPENAPI_PATH.read_text(encoding="utf-8"))


def _listing(items: list[dict[str, Any]], total: int, page: params.Page) -> Response:
    return jsonify(items=items, total=total, limit=page.limit, offset=page.offset)


@bp.get("/openapi.json")
def openapi() -> Response:
    """This API's OpenAPI document."""
    return jsonify(_openapi())


@bp.get("/packs")
def packs() -> Response:
    """Public packs, and the packs the logged-in user may change, by title."""
    page = params.page()
    stmt, editable = queries.visible_packs(access.user())
    rows = [row[0] for row in queries.page_of(stmt, page.limit, page.offset)]
    counts = queries.question_counts([pack.id for pack in rows], editable)
    items = [serialize.pack(p, counts.get(p.id, 0), p.id in editable) for p in rows]
    return _listing(items, queries.count(stmt), page)


def _media_base() -> str:
    # Absolute: an API client is not on Quire's pages, so a path alone would not find the file.
    return request.host_url.rstrip("/") + media.SERVED_AT


@bp.get("/packs/<int(signed=True):pack_id>")
def pack(pack_id: int) -> Response:
    """One pack with a page of the questions its reader may see."""
    page = params.page()
    person = access.user()
    found = queries.readable_pack(pack_id, person) if params.valid_id(pack_id) else None
    if found is None:
        abort(404, description="There is no pack with that number that you can read.")
    editor = access.is_editor(found, person)
    stmt = queries.pack_questions(found, editor)
    questions = [
        serialize.question(row[0], _media_base())
        for row in queries.page_of(stmt, page.limit, page.offset)
    ]
    total = queries.count(stmt)
    document = serialize.pack(found, total, editor)
    document["questions"] = {
        "items": questions,
        "total": total,
        "limit": page.limit,
        "offset": page.offset,
    }
    return jsonify(document)


@bp.get("/questions/<int(signed=True):question_id>")
def question(question_id: int) -> Response:
    """One question, if it is in the bank or the user may change its pack."""
    person = access.user()
    found = queries.readable_question(question_id, person) if params.valid_id(question_id) else None
    if found is None:
        abort(404, description="There is no question with that number that you can read.")
    return jsonify(serialize.question(found, _media_base()))


@bp.get("/sources")
def sources() -> Response:
    """The sources listed on the home page, in id order, with their question counts."""
    page = params.page()
    stmt = queries.listed_sources()
    rows = queries.page_of(stmt, page.limit, page.offset)
    items = [serialize.source(source, count) for source, count in rows]
    return _listing(items, queries.count(stmt), page)


@bp.get("/sources/<source_id>")
def source(source_id: str) -> Response:
    """One source's metadata, and its text with ?text=true."""
    text = params.flag("text")
    row = queries.listed_source(source_id) if params.valid_source_id(source_id) else None
    if row is None:
        abort(404, description=f"There is no source {source_id!r}.")
    return jsonify(serialize.source(*row, text=text))


@bp.get("/me/progress")
def my_progress() -> Response | tuple[Response, int]:
    """The logged-in learner's due counts, today's limits, mastery and forecast."""
    user = context.learner()
    if user is None:
        return error_response(401, "Unauthorized", "Log in (or start studying as a guest) first.")
    now = context.now()
    zone = choosing.local_zone(user)
    board = dashboard.build(user, choosing.scope_of(choosing.plan_of(user)), now, zone)
    return jsonify(serialize.progress(choosing.summary(user, now), board, str(zone)))
