"""Live-state endpoints: small JSON documents polled with conditional requests.

Each response carries an ETag built from the session's version and counts read from the
database, so any worker answers the same way; a poll that changes nothing costs a 304.
"""

from __future__ import annotations

from flask import jsonify, request, url_for
from flask_wtf.csrf import generate_csrf
from werkzeug.wrappers import Response

from app.classroom import bp
from app.classroom.live_state import etag, host_state, player_state
from app.classroom.play import LET_GO, cookie_name
from app.classroom.routes import instructor_required, owned_session
from app.clock import request_now as now


def _conditional(state: dict, tag: str) -> Response:
    response = Response(status=304) if tag in request.if_none_match else jsonify(state)
    response.set_etag(tag)
    # Revalidate every time: the state changes without the URL changing.
    response.headers["Cache-Control"] = "no-cache, private"
    return response


@bp.get("/classroom/sessions/<int:session_id>/live")
@instructor_required
def host_live(session_id: int) -> Response:
    """The host screen's state: phase, players, answers so far, time left."""
    state = host_state(owned_session(session_id), now())
    tag = etag("host", state["version"], state["phase"], state["players"], state["answered"])
    return _conditional(state, tag)


@bp.get("/play/<int:session_id>/state")
def player_live(session_id: int) -> Response:
    """A student's state: phase, question position, whether they have answered it."""
    state = player_state(session_id, request.cookies.get(cookie_name(session_id)), now())
    if state is None:
        return _not_a_player(session_id)
    tag = etag("play", state["version"], state["phase"], state["answered"], state["removed"])
    if "question" in state:
        # The script builds the answer form from the poll, so it needs the form's token too.
        state["question"]["csrf_token"] = generate_csrf()
    return _conditional(state, tag)


def _not_a_player(session_id: int) -> Response:
    # `stop` tells the page's script to stop polling and show `detail`: a browser let go after
    # its player rejoined elsewhere would otherwise ask, and be refused, every few seconds.
    let_go = bool(request.cookies.get(cookie_name(session_id)))
    detail = LET_GO if let_go else "Join the session first: this browser is not a player in it."
    response = jsonify(
        error="Forbidden", detail=detail, stop=True, join_url=url_for("classroom.join")
    )
    response.status_code = 403
    response.headers["Cache-Control"] = "no-store"
    return response
