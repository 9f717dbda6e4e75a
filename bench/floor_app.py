"""The app bench/production_perf.py serves: Quire's own, plus its two yardsticks.

Production code does not carry these; gunicorn loads `bench.floor_app:create_app()` for the
benchmark (and the tests call `register` on their app):

- `GET /healthz/row/<id>`: one row read by primary key, measuring what every request pays
  (routing, session, login, the database round trip) without any of the study pages' own work.
- `POST /healthz/floor`: the study step's database work alone (a logged-in POST with its CSRF
  token that reads the learner's most overdue card, stores a review-log row, updates the card
  and the learner's counts, reads the candidate pool and commits), without checking an answer,
  scheduling, choosing or rendering: what a study step would cost if all of its own Python took
  no time.
"""

from __future__ import annotations

import secrets
from datetime import timedelta
from typing import Any

from flask import Blueprint, Flask, abort, jsonify
from flask_login import current_user
from sqlalchemy import insert, select, text, update
from werkzeug.wrappers import Response

from app import create_app as create_quire
from app.extensions import db, limiter
from app.study_models import Card, LearnerSkill, ReviewLog
from app.study_service import context
from app.study_service.candidates import Scope, load_pool

bp = Blueprint("bench", __name__)


def register(app: Flask) -> Flask:
    """Add the yardsticks to an app (before it serves its first request)."""
    app.register_blueprint(bp)
    return app


def create_app(test_config: dict[str, Any] | None = None) -> Flask:
    """Quire's app with the yardsticks, for gunicorn under the benchmark."""
    return register(create_quire(test_config))


@bp.get("/healthz/row/<int:question_id>")
@limiter.exempt
def row(question_id: int) -> Response:
    """A question's id and prompt, read with one indexed SELECT; 404 when absent."""
    found = db.session.execute(
        text("SELECT id, prompt FROM questions WHERE id = :id"), {"id": question_id}
    ).first()
    if found is None:
        abort(404)
    return jsonify(id=found.id, prompt=found.prompt)


@bp.post("/healthz/floor")
@limiter.exempt
def floor() -> Response:
    """The study step's reads and writes for the learner's most overdue card, pushed a day
    on; 404 when the learner has no card, 401 when not logged in."""
    if not current_user.is_authenticated:
        abort(401)
    user_id, now = current_user.id, context.now()
    card = db.session.execute(
        select(Card.id, Card.question_id).where(Card.user_id == user_id).order_by(Card.due).limit(1)
    ).first()
    if card is None:
        abort(404)
    db.session.execute(
        insert(ReviewLog.__table__).values(
            user_id=user_id,
            question_id=card.question_id,
            card_id=card.id,
            mode="quiz",
            form="choice",
            correct=True,
            duration_ms=3000,
            reviewed_at=now,
            client_token=secrets.token_hex(16),
            undone=False,
        )
    )
    db.session.execute(
        update(Card.__table__)
        .where(Card.id == card.id)
        .values(due=now + timedelta(days=1), last_seen_at=now, exposures=Card.exposures + 1)
    )
    db.session.execute(
        update(LearnerSkill.__table__)
        .where(LearnerSkill.user_id == user_id)
        .values(answered=LearnerSkill.answered + 1)
    )
    pool = load_pool(user_id, Scope(), now)
    db.session.commit()
    return jsonify(candidates=len(pool.candidates))
