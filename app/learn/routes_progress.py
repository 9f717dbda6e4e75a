"""Views: the progress dashboard and one question's history."""

from __future__ import annotations

from flask import abort, render_template
from sqlalchemy import select

from app.access import can_read
from app.extensions import db
from app.learn import bp, charts
from app.learn.display import RATING_NAMES
from app.models import Question
from app.study_models import Card
from app.study_service import choosing, context, dashboard


@bp.get("/progress")
def progress() -> str:
    """Mastery by source and kind, the forecast, retention, streak and the questions studied."""
    user = context.learner()
    if user is None:
        return render_template("learn/progress.html", board=None)
    now = context.now()
    zone = choosing.local_zone(user)
    board = dashboard.build(user, choosing.scope_of(choosing.plan_of(user)), now, zone)
    return render_template(
        "learn/progress.html",
        board=board,
        zone=zone,
        source_chart=charts.mastery_chart("Mastery by source", board.by_source),
        kind_chart=charts.mastery_chart("Mastery by kind of question", board.by_kind),
        forecast_chart=charts.forecast_chart(board.forecast, now.astimezone(zone).date()),
    )


@bp.get("/progress/questions/<int:question_id>")
def question_history(question_id: int) -> str:
    """Every answer this learner gave to one question, and its card now."""
    user = context.learner()
    question = db.session.get(Question, question_id)
    if question is None:
        abort(404, description="There is no question with that number.")
    rows = [] if user is None else dashboard.history(user.id, question_id)
    card = None
    if user is not None:
        card = db.session.scalar(
            select(Card).where(Card.user_id == user.id, Card.question_id == question_id)
        )
    # The page shows the prompt and the answer: not for a private pack's questions, unless the
    # learner studied the question before or may read its pack.
    if not (question.is_studyable or rows or card is not None or can_read(question.pack, user)):
        abort(404, description="There is no question with that number.")
    now = context.now()
    return render_template(
        "learn/history.html",
        question=question,
        rows=rows,
        card=card,
        recall=None
        if card is None
        else dashboard.card_recall(card, choosing.learner_state(user.id), now),
        zone=choosing.local_zone(user),
        rating_names=RATING_NAMES,
    )
