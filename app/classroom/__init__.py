"""Classroom: saved quizzes, live sessions with join codes, assignments, and their reports."""

import os

from flask import Blueprint

bp = Blueprint("classroom", __name__)


@bp.record_once
def _defaults(state) -> None:
    # Counted per client address on failed joins only, so a class behind one school NAT can join.
    state.app.config.setdefault(
        "QUIRE_JOIN_RATE_LIMIT",
        os.environ.get("QUIRE_JOIN_RATE_LIMIT", "20 per minute;100 per hour"),
    )
    # Network slack after a question's time limit; the server's clock still decides.
    state.app.config.setdefault(
        "QUIRE_ANSWER_GRACE_MS", int(os.environ.get("QUIRE_ANSWER_GRACE_MS", 500))
    )
    # How often pages ask for the live state, in milliseconds.
    state.app.config.setdefault("QUIRE_POLL_MS", int(os.environ.get("QUIRE_POLL_MS", 1500)))


from app.classroom import (  # noqa: E402, F401
    live,
    play,
    report_routes,
    routes,
    routes_host,
    routes_quizzes,
)
