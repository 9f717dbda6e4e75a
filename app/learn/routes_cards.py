"""Views: flashcards with Again/Hard/Good/Easy, and reviewing ahead ("cram")."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from flask import flash, jsonify, redirect, render_template, request, url_for
from flask_login import login_required
from sqlalchemy import select
from werkzeug.wrappers import Response

from app.accounts_models import User
from app.extensions import db
from app.learn import bp, tickets
from app.learn.display import (
    RATING_NAMES,
    interval_label,
    interval_words,
    question_record,
    shown_items,
)
from app.learn.forms import ActionForm, RatingForm, require_valid
from app.learn.highlight import highlighted_quote
from app.learn.pages import LEECH_MESSAGE, MODE_ENDPOINTS, refuse
from app.learn.routes import nothing_left, remember_mode
from app.models import Question
from app.routing import wants_json
from app.study.answering import Answer
from app.study.learner import scheduling_retention
from app.study.scheduling import AGAIN, RATINGS, new_card, preview
from app.study.selection import TYPED
from app.study_models import Card, StudyPlan
from app.study_service import choosing, context
from app.study_service.recording import StudyError, find_log, last_undoable, record
from app.study_service.rows import card_state


def _previews(user: User | None, card: Card | None, mode: str) -> list[dict[str, str | int]]:
    now = context.now()
    buttons = []
    intervals = {}
    if mode != "cram":
        state = new_card(now) if card is None else card_state(card)
        learner = choosing.learner_state(None if user is None else user.id)
        desired = user.desired_retention if user is not None else 0.9
        retention = scheduling_retention(
            learner, desired, state.difficulty, reps=state.reps, lapses=state.lapses
        )
        intervals = preview(
            state,
            now,
            desired_retention=retention,
            steps=True,
            parameters=learner.fsrs_parameters,
        )
    for rating in RATINGS:
        if mode == "cram":
            short = "again soon" if rating == AGAIN else "done"
            words = "shown again in this session" if rating == AGAIN else "schedule unchanged"
        else:
            short, words = interval_label(intervals[rating]), interval_words(intervals[rating])
        buttons.append(
            {"rating": rating, "name": RATING_NAMES[rating], "short": short, "words": words}
        )
    return buttons


def _card_context(
    question: Question, raw_ticket: str, mode: str, revealed: bool, can_undo: bool | None = None
) -> dict[str, Any]:
    """What learn/_card.html shows (`can_undo` None: look whether there is an answer to undo)."""
    ticket = tickets.read(raw_ticket)
    user = context.learner()
    card = None
    if user is not None:
        card = db.session.scalar(
            select(Card).where(Card.user_id == user.id, Card.question_id == question.id)
        )
    if can_undo is None:
        can_undo = user is not None and last_undoable(user.id, mode) is not None
    return {
        "question": question,
        "mode": mode,
        "revealed": revealed,
        "ticket": raw_ticket,
        "items": shown_items(question, ticket.token) if question.type == "ordering" else [],
        "quote": highlighted_quote(question_record(question)),
        "buttons": _previews(user, card, mode),
        # The card's id when it can be set aside (suspended or buried): once studied.
        "studied_card": card.id if card is not None and card.last_review is not None else None,
        "form": RatingForm(formdata=None),
        "undo_form": ActionForm(),
        "can_undo": can_undo,
    }


def _card_page(question: Question, raw_ticket: str, mode: str, revealed: bool) -> str:
    return render_template("learn/card.html", **_card_context(question, raw_ticket, mode, revealed))


@bp.get("/cards")
def cards() -> str | Response:
    """The next flashcard's front (its back is in the page for learn.js to flip)."""
    return _show("flashcard")


def _show(mode: str) -> str | Response:
    now = context.now()
    ticket = tickets.read(request.args.get("ticket"))
    if ticket is not None and ticket.m == mode:
        user = context.learner()
        if user is not None and find_log(user.id, ticket.token):
            # Shown again after it was rated (Back, a bookmark): the next card instead.
            return redirect(url_for(MODE_ENDPOINTS[mode]))
        question = context.studyable_question(ticket.q)
        # Flipping without JavaScript keeps the ticket, so the time counts from the front.
        raw = (
            request.args["ticket"]
            if request.args.get("show")
            else tickets.issue(ticket.q, mode, TYPED, ticket.e, now, token=ticket.token)
        )
        return _card_page(question, raw, mode, revealed=bool(request.args.get("show")))
    user = context.learner()
    following = _next_card(user, choosing.plan_of(user), mode, now)
    if following is None:
        if mode == "cram":
            return render_template("learn/cram_done.html", action_form=ActionForm())
        return nothing_left(mode)
    question, raw = following
    return _card_page(question, raw, mode, revealed=False)


def _next_card(
    user: User | None, plan: StudyPlan | None, mode: str, now: datetime
) -> tuple[Question, str] | None:
    """The next card to show in this mode and a fresh ticket for it; None when none is left."""
    scope = choosing.scope_of(plan)
    if mode == "cram":
        card = choosing.choose_cram(user, scope, plan.cram_started_at, now)
        if card is None:
            return None
        question_id, expected = card.question_id, 0.0
    else:
        choice = choosing.choose_flashcard(user, scope, now, context.rng())
        if choice is None:
            return None
        question_id, expected = choice.question_id, choice.expected
    question = context.studyable_question(question_id)
    return question, tickets.issue(question.id, mode, TYPED, expected, now)


@bp.post("/cards")
def rate() -> Response:
    """Store a flashcard rating once and go on to the next card."""
    return _rate("flashcard")


def _rate(mode: str) -> Response:
    form = RatingForm()
    ticket = tickets.read(form.ticket.data)
    endpoint = MODE_ENDPOINTS[mode]
    if not form.validate() or ticket is None or ticket.m != mode:
        return refuse("That card was shown too long ago, so here is a fresh one.", endpoint)
    learner = context.learner()
    question, version_id, card, rows = context.answerable_question(ticket.q, learner and learner.id)
    user = context.learner(create=True)
    now = context.now()
    rating = form.rating.data
    try:
        duration = tickets.duration_ms(ticket, form.duration_ms.data, now)
        stored = record(
            user,
            question,
            Answer(mode, "recall", rating != AGAIN, rating, ticket.e, duration),
            response=None,
            client_token=ticket.token,
            now=now,
            rng=context.rng(),
            question_version_id=version_id,
            card=card,
            rows=rows,
        )
    except StudyError as error:
        return refuse(str(error), endpoint)
    # Reviewing ahead is a detour: the mode to continue in stays what it was.
    plan = remember_mode(user, mode, stored.plan) if mode == "flashcard" else choosing.plan_of(user)
    status = "duplicate" if stored.duplicate else "rated"
    messages = []
    if stored.became_leech:
        messages.append(("warning", LEECH_MESSAGE))
    elif not stored.duplicate:
        card = db.session.get(Card, stored.log.card_id)
        due = "" if mode == "cram" or card is None else f" It comes back {_when(card, now)}."
        messages.append(("info", f"Rated {RATING_NAMES[rating]}.{due}"))
    following = _next_card(user, plan, mode, now) if wants_json() else None
    if following is None:
        # The next page shows the messages: after a redirect, or where the script goes when
        # no card is left.
        for category, message in messages:
            flash(message, category)
        if wants_json():
            return jsonify(status=status, next=None, next_url=url_for(endpoint))
        return redirect(url_for(endpoint), code=303)
    question, raw = following
    card_html = render_template(
        "learn/_card.html",
        **_card_context(
            question, raw, mode, revealed=False, can_undo=None if stored.duplicate else True
        ),
        messages=messages,
    )
    return jsonify(
        status=status,
        next=card_html,
        next_url=url_for(endpoint, ticket=raw),
        next_title=f"{'Review ahead' if mode == 'cram' else 'Flashcards'} · Quire",
    )


def _when(card: Card, now: datetime) -> str:
    return interval_words(card_state(card).due - now)


@bp.get("/cram")
@login_required
def cram() -> str | Response:
    """Review ahead before an exam, without changing the schedule."""
    plan = choosing.plan_of(context.learner())
    if plan is None or plan.cram_started_at is None:
        return render_template("learn/cram_start.html", action_form=ActionForm())
    return _show("cram")


@bp.post("/cram")
@login_required
def cram_rate() -> Response:
    """Store a look-ahead rating (the schedule stays as it was)."""
    return _rate("cram")


@bp.post("/cram/<any(start, stop):action>")
@login_required
def cram_toggle(action: str) -> Response:
    """Start (or restart) reviewing ahead, or stop."""
    require_valid(ActionForm())
    user = context.learner()
    plan = choosing.own_plan(user)
    plan.cram_started_at = context.now() if action == "start" else None
    db.session.commit()
    if action == "stop":
        flash("You have stopped reviewing ahead.", "info")
        return redirect(url_for("learn.home"))
    return redirect(url_for("learn.cram"))
