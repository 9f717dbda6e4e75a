"""`/healthz`: a database round trip, for load balancers and monitors."""

from __future__ import annotations

from flask import current_app, jsonify
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError
from werkzeug.wrappers import Response

from app.extensions import db, limiter
from app.ops import bp


@bp.get("/healthz")
@limiter.exempt
def healthz() -> tuple[Response, int]:
    """200 when the database answers, 503 when it does not; JSON either way, no login needed."""
    try:
        db.session.execute(text("SELECT 1")).scalar_one()
    except SQLAlchemyError:
        db.session.rollback()
        # The details go to the operator's log, never to whoever asked.
        current_app.logger.exception("Health check: the database did not answer")
        response = jsonify(status="unavailable", database="unreachable")
        code = 503
    else:
        response = jsonify(status="ok", database="ok")
        code = 200
    # A cached "ok" would hide an outage from the load balancer.
    response.headers["Cache-Control"] = "no-store"
    return response, code
