"""`/healthz/row/<id>`: one row read by primary key, the baseline of bench/production_perf.py.

Off unless QUIRE_BENCH_ENDPOINT is set (then it answers 404 like any unknown page): it is a
yardstick for load tests, measuring what every request pays (routing, session, login, the
database round trip) without any of the study pages' own work.
"""

from __future__ import annotations

from flask import abort, jsonify
from sqlalchemy import text
from werkzeug.wrappers import Response

from app.config import env_flag
from app.extensions import db, limiter
from app.ops import bp


@bp.get("/healthz/row/<int:question_id>")
@limiter.exempt
def row(question_id: int) -> Response:
    """A question's id and prompt, read with one indexed SELECT; 404 when disabled or absent."""
    if not env_flag("QUIRE_BENCH_ENDPOINT"):
        abort(404)
    found = db.session.execute(
        text("SELECT id, prompt FROM questions WHERE id = :id"), {"id": question_id}
    ).first()
    if found is None:
        abort(404)
    return jsonify(id=found.id, prompt=found.prompt)
