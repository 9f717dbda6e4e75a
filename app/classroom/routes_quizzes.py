"""Instructor views of saved quizzes: making one, editing its questions, deleting, starting it."""

from __future__ import annotations

import random
import zoneinfo
from datetime import UTC, datetime

from flask import abort, flash, redirect, render_template, url_for
from flask_login import current_user
from werkzeug.wrappers import Response
from wtforms.fields.choices import SelectChoice

from app.choices import ANY, label
from app.classroom import bp
from app.classroom.forms import ConfirmForm, ItemForm, QuizForm, StartForm
from app.classroom.quizzes import PLAYABLE_TYPES, create_quiz, eligible_questions, packs, sources_of
from app.classroom.routes import instructor_required, owned_quiz
from app.classroom.services import ClassroomError, start_session
from app.classroom_models import Quiz, QuizItem
from app.clock import request_now as now
from app.extensions import db
from app.generation.types import KINDS
from app.study.siblings import one_per_sibling_group, question_sibling_key

_system_rng = random.SystemRandom()


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
        )
        questions = db.session.scalars(stmt).all()
        if not form.siblings.data:
            questions = one_per_sibling_group(questions, key=question_sibling_key)
        try:
            quiz = create_quiz(
                current_user, form.title.data, questions[: form.count.data], form.time_limit.data
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
