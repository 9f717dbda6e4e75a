"""Instructor views: saved quizzes, starting sessions, the host screen, and the controls.

Every view here needs an instructor (or admin) account, and a quiz or session is visible only to
its owner: anyone else gets the same 404 as for one that does not exist.
"""

from __future__ import annotations

import random
import zoneinfo
from collections.abc import Callable
from datetime import UTC, datetime
from functools import wraps
from typing import Any

import segno
from flask import abort, flash, redirect, render_template, url_for
from flask_login import current_user, login_required
from markupsafe import Markup
from sqlalchemy import select
from werkzeug.wrappers import Response
from wtforms.fields.choices import SelectChoice

from app.bank.forms import ANY, label
from app.classroom import bp
from app.classroom.forms import ConfirmForm, ControlForm, ItemForm, QuizForm, StartForm
from app.classroom.live_state import host_state
from app.classroom.reports import build_report
from app.classroom.services import (
    PLAYABLE_TYPES,
    ClassroomError,
    active_players,
    advance,
    create_quiz,
    current_question,
    eligible_questions,
    end,
    packs,
    remove_player,
    reveal,
    sources_of,
    start_session,
)
from app.classroom_models import ClassSession, Quiz, QuizItem
from app.extensions import db
from app.generation.types import KINDS

_system_rng = random.SystemRandom()


def now() -> datetime:
    """The server's clock, which decides every deadline."""
    return datetime.now(UTC)


def instructor_required(view: Callable[..., Any]) -> Callable[..., Any]:
    """Log in first; then only instructors and admins may continue (others get 403)."""

    @wraps(view)
    @login_required
    def wrapped(*args: Any, **kwargs: Any) -> Any:
        if current_user.role not in ("instructor", "admin"):
            abort(403, description="The classroom is for instructors. Ask an admin for access.")
        return view(*args, **kwargs)

    return wrapped


def owned_quiz(quiz_id: int) -> Quiz:
    """The current user's quiz, or 404."""
    quiz = db.session.get(Quiz, quiz_id)
    if quiz is None or quiz.owner_id != current_user.id:
        abort(404, description="There is no such quiz among yours.")
    return quiz


def owned_session(session_id: int) -> ClassSession:
    """The current user's session, or 404."""
    session = db.session.get(ClassSession, session_id)
    if session is None or session.owner_id != current_user.id:
        abort(404, description="There is no such session among yours.")
    return session


@bp.get("/classroom/")
@instructor_required
def index() -> str:
    """The instructor's quizzes and sessions."""
    quizzes = db.session.scalars(
        select(Quiz).where(Quiz.owner_id == current_user.id).order_by(Quiz.created_at.desc())
    ).all()
    sessions = db.session.scalars(
        select(ClassSession)
        .where(ClassSession.owner_id == current_user.id)
        .order_by(ClassSession.created_at.desc())
    ).all()
    return render_template("classroom/index.html", quizzes=quizzes, sessions=sessions)


def _offer(form: QuizForm) -> None:
    offered = packs(current_user)
    form.pack.choices = [SelectChoice(pack_id, title) for pack_id, title in offered]
    sources = sources_of([pack_id for pack_id, _ in offered])
    form.source.choices = [ANY, *(SelectChoice(sid, title) for sid, title in sources)]
    form.kind.choices = [ANY, *(SelectChoice(k, label(k)) for k in KINDS)]
    form.type.choices = [ANY, *(SelectChoice(t, label(t)) for t in PLAYABLE_TYPES)]


@bp.route("/classroom/quizzes/new", methods=["GET", "POST"])
@instructor_required
def new_quiz() -> str | Response:
    """Save a quiz made of a pack's questions, or a filtered part of them."""
    form = QuizForm()
    _offer(form)
    if form.validate_on_submit():
        stmt = eligible_questions(
            form.pack.data, source_id=form.source.data, kind=form.kind.data, type=form.type.data
        ).limit(form.count.data)
        try:
            quiz = create_quiz(
                current_user, form.title.data, db.session.scalars(stmt).all(), form.time_limit.data
            )
        except ClassroomError as error:
            form.form_errors.append(str(error))
        else:
            flash(f"Saved “{quiz.title}” with {len(quiz.items)} questions.", "success")
            return redirect(url_for("classroom.quiz", quiz_id=quiz.id))
    return render_template("classroom/new_quiz.html", form=form)


@bp.get("/classroom/quizzes/<int:quiz_id>")
@instructor_required
def quiz(quiz_id: int) -> str:
    """A saved quiz: its questions in order with their time limits, and the start form."""
    quiz = owned_quiz(quiz_id)
    return render_template(
        "classroom/quiz.html", quiz=quiz, start=StartForm(), item_form=ItemForm()
    )


@bp.post("/classroom/quizzes/<int:quiz_id>/items/<int:item_id>")
@instructor_required
def edit_item(quiz_id: int, item_id: int) -> Response:
    """Change a question's time limit, move it up or down, or remove it."""
    quiz = owned_quiz(quiz_id)
    item = next((i for i in quiz.items if i.id == item_id), None)
    form = ItemForm()
    if item is None or not form.validate_on_submit():
        abort(400, description="That change could not be made: reload the quiz and try again.")
    action = form.action.data
    if action in ("up", "down"):
        _swap(quiz, item, -1 if action == "up" else 1)
    elif action == "remove":
        quiz.items.remove(item)
        db.session.flush()
        for position, other in enumerate(quiz.items):
            other.position = position
    elif form.time_limit.data:
        item.time_limit_s = form.time_limit.data
    db.session.commit()
    return redirect(url_for("classroom.quiz", quiz_id=quiz.id, _anchor=f"item-{item.id}"))


def _swap(quiz: Quiz, item: QuizItem, step: int) -> None:
    index = quiz.items.index(item)
    other_index = index + step
    if not 0 <= other_index < len(quiz.items):
        return
    other = quiz.items[other_index]
    # Through a free position, one flush at a time, so the (quiz, position) unique constraint
    # never sees two items in one place.
    mine, theirs = item.position, other.position
    item.position = -1
    db.session.flush()
    other.position = mine
    db.session.flush()
    item.position = theirs


@bp.post("/classroom/quizzes/<int:quiz_id>/delete")
@instructor_required
def delete_quiz(quiz_id: int) -> Response:
    """Delete a saved quiz (its past sessions and reports stay)."""
    quiz = owned_quiz(quiz_id)
    if not ConfirmForm().validate_on_submit():
        abort(400, description="That button's form was incomplete. Reload the page and try again.")
    db.session.delete(quiz)
    db.session.commit()
    flash("The quiz has been deleted. Its past sessions are still listed.", "info")
    return redirect(url_for("classroom.index"))


def _deadline_utc(local: datetime | None) -> datetime | None:
    if local is None:
        return None
    try:
        zone = zoneinfo.ZoneInfo(current_user.timezone or "UTC")
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        zone = zoneinfo.ZoneInfo("UTC")
    return local.replace(tzinfo=zone).astimezone(UTC)


@bp.post("/classroom/quizzes/<int:quiz_id>/start")
@instructor_required
def start(quiz_id: int) -> str | Response:
    """Start a live session or an assignment of this quiz."""
    quiz = owned_quiz(quiz_id)
    form = StartForm()
    if form.validate_on_submit():
        try:
            session = start_session(
                quiz,
                mode=form.mode.data,
                speed_bonus=form.speed_bonus.data,
                deadline=_deadline_utc(form.deadline.data),
                now=now(),
                rng=_system_rng,
            )
        except ClassroomError as error:
            form.form_errors.append(str(error))
        else:
            return redirect(url_for("classroom.host", session_id=session.id))
    return render_template("classroom/quiz.html", quiz=quiz, start=form, item_form=ItemForm())


def qr_svg(url: str) -> Markup:
    """The join link as an inline SVG QR code (segno escapes nothing we pass it but the URL)."""
    qr = segno.make(url, error="m")
    return Markup(qr.svg_inline(scale=5, border=2, dark="#000", light="#fff", title="Join link"))


@bp.get("/classroom/sessions/<int:session_id>")
@instructor_required
def host(session_id: int) -> str:
    """The host screen: join code and QR, players, the question and its results."""
    session = owned_session(session_id)
    moment = now()
    asked = current_question(session)
    join_url = url_for("classroom.join", code=session.join_code, _external=True)
    report = build_report(session) if session.phase in ("reveal", "ended", "open") else None
    result = None
    if report is not None and asked is not None:
        result = next((q for q in report.questions if q.asked.id == asked.id), None)
    return render_template(
        "classroom/host.html",
        session=session,
        asked=asked,
        state=host_state(session, moment),
        players=active_players(session.id),
        join_url=join_url,
        qr=qr_svg(join_url) if session.join_code else None,
        report=report,
        result=result,
        control=ControlForm(version=session.version),
    )


def _control(session_id: int, action: Callable[..., bool], done: str) -> Response:
    session = owned_session(session_id)
    form = ControlForm()
    if not form.validate_on_submit():
        abort(400, description="That button's form was incomplete. Reload the page and try again.")
    try:
        moved = action(session, form.version.data, now())
    except ClassroomError as error:
        flash(str(error), "error")
    else:
        if not moved:
            flash("The session had already moved on (another tab or a double click).", "info")
        elif done:
            flash(done, "info")
    return redirect(url_for("classroom.host", session_id=session.id))


@bp.post("/classroom/sessions/<int:session_id>/next")
@instructor_required
def next_question(session_id: int) -> Response:
    """Open the next question (the first one, from the lobby)."""
    return _control(session_id, advance, "")


@bp.post("/classroom/sessions/<int:session_id>/reveal")
@instructor_required
def show_results(session_id: int) -> Response:
    """Close the question and show the distribution, the answer and the quote."""
    return _control(session_id, reveal, "")


@bp.post("/classroom/sessions/<int:session_id>/end")
@instructor_required
def end_session(session_id: int) -> Response:
    """End the session now."""
    return _control(session_id, end, "The session has ended. The report is ready.")


@bp.post("/classroom/sessions/<int:session_id>/players/<int:player_id>/remove")
@instructor_required
def remove(session_id: int, player_id: int) -> Response:
    """Remove a player from the session."""
    session = owned_session(session_id)
    if not ConfirmForm().validate_on_submit():
        abort(400, description="That button's form was incomplete. Reload the page and try again.")
    player = remove_player(session, player_id, now())
    if player is None:
        abort(404, description="There is no such player in this session.")
    flash(f"{player.nickname} has been removed from the session.", "info")
    return redirect(url_for("classroom.host", session_id=session.id))
