"""Views: cards set aside, suspended (by the learner, or as leeches) or buried until tomorrow."""

from __future__ import annotations

from datetime import UTC

from flask import abort, flash, redirect, render_template, url_for
from flask_login import login_required
from flask_wtf import FlaskForm
from sqlalchemy import or_, select
from werkzeug.wrappers import Response

from app.extensions import db
from app.learn import bp
from app.learn.forms import ActionForm, SetAsideForm, require_valid
from app.learn.pages import MODE_ENDPOINTS
from app.models import Question
from app.study.scheduling import unsuspend as unsuspended_state
from app.study_models import Card
from app.study_service import choosing, context
from app.study_service.rows import card_state


@bp.get("/leeches")
@login_required
def leeches() -> str:
    """Leeches, cards the learner suspended, and cards buried for today, each to bring back."""
    user, now = context.learner(), context.now()
    rows = db.session.execute(
        select(Card, Question)
        .join(Question, Question.id == Card.question_id)
        .where(
            Card.user_id == user.id,
            or_(Card.leech.is_(True), Card.suspended.is_(True), Card.buried_until > now),
        )
        .order_by(Card.suspended.desc(), Card.leech.desc(), Card.lapses.desc(), Card.id)
    ).all()
    return render_template(
        "learn/leeches.html",
        rows=rows,
        action_form=ActionForm(),
        now=now,
        zone=choosing.local_zone(user),
    )


@bp.post("/leeches/<int:card_id>/suspend")
@login_required
def suspend(card_id: int) -> Response:
    """Keep a studied card out of every study mode until the learner unsuspends it."""
    card, mode = _set_aside(card_id)
    card.suspended = True
    return _went_aside(mode, "Card suspended: it stays out of your study until you unsuspend it.")


@bp.post("/leeches/<int:card_id>/bury")
@login_required
def bury(card_id: int) -> Response:
    """Keep a studied card out of study until the learner's next day begins."""
    card, mode = _set_aside(card_id)
    _, tomorrow = choosing.day_bounds(context.now(), choosing.local_zone(context.learner()))
    # Stored in UTC: SQLite keeps no offset, so a local time would be read back as UTC.
    card.buried_until = tomorrow.astimezone(UTC)
    return _went_aside(mode, "Card buried: it comes back tomorrow.")


@bp.post("/leeches/<int:card_id>/unsuspend")
@login_required
def unsuspend(card_id: int) -> Response:
    """Put a suspended card back into rotation (a leech stays flagged as one)."""
    card = _own_card(card_id, ActionForm())
    card.suspended = unsuspended_state(card_state(card)).suspended
    return _brought_back()


@bp.post("/leeches/<int:card_id>/unbury")
@login_required
def unbury(card_id: int) -> Response:
    """Put a buried card back into today's study."""
    card = _own_card(card_id, ActionForm())
    card.buried_until = None
    return _brought_back()


def _own_card(card_id: int, form: FlaskForm) -> Card:
    require_valid(form)
    card = db.session.get(Card, card_id)
    if card is None or card.user_id != context.learner().id:
        abort(404, description="You have no card with that number.")
    return card


def _set_aside(card_id: int) -> tuple[Card, str]:
    """The learner's studied card and the study mode to go on with, from a SetAsideForm."""
    form = SetAsideForm()
    card = _own_card(card_id, form)
    if card.last_review is None:
        abort(404, description="You have not studied that card yet.")
    return card, form.mode.data


def _went_aside(mode: str, message: str) -> Response:
    db.session.commit()
    flash(message, "info")
    return redirect(url_for(MODE_ENDPOINTS[mode]))


def _brought_back() -> Response:
    db.session.commit()
    flash("The card is back in your reviews.", "success")
    return redirect(url_for("learn.leeches"))
