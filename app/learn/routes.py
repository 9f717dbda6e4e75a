"""Views: the study home, choosing what to study, the adaptive quiz and its feedback, undo."""

from __future__ import annotations

from datetime import datetime, tzinfo

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import login_required
from werkzeug.wrappers import Response

from app.clock import as_utc
from app.extensions import db
from app.learn import bp, pages, tickets
from app.learn.display import moved, question_record
from app.learn.forms import ActionForm, AnswerForm
from app.learn.pages import MODE_ENDPOINTS
from app.models import Question
from app.routing import wants_json
from app.study.answering import Answer, UndoRecord, quiz_rating
from app.study.answers import grade
from app.study.selection import CHOICE
from app.study_models import ReviewLog, StudyPlan
from app.study_service import choosing, context
from app.study_service.recording import StudyError, find_log, last_undoable, record, undo_last


@bp.app_template_filter("local")
def local_time(moment: datetime, zone: tzinfo) -> datetime:
    """Jinja filter: a stored UTC time in the learner's time zone."""
    return as_utc(moment).astimezone(zone)


@bp.get("/")
def home() -> str:
    """What is due today, what is new, and one button to carry on."""
    summary = choosing.summary(context.learner(), context.now())
    return render_template(
        "learn/home.html",
        plan=summary.plan,
        limits=summary.limits,
        due_today=summary.due_today,
        new_available=summary.new_available,
        unseen=summary.unseen,
        new_orders=summary.new_orders,
        continue_url=url_for(MODE_ENDPOINTS.get(summary.mode, "learn.quiz")),
        mode=summary.mode,
        action_form=ActionForm(),
    )


@bp.get("/quiz")
def quiz() -> str | Response:
    """The next question chosen for this learner (or the one an undo brought back)."""
    user = context.learner()
    now = context.now()
    ticket = tickets.read(request.args.get("ticket"))
    if ticket is not None and ticket.m == "quiz":
        answered = user is not None and find_log(user.id, ticket.token)
        if answered:
            # Shown again after it was answered (Back, a bookmark): its feedback, not a repeat.
            return redirect(url_for("learn.feedback", log_id=answered.id))
        question = context.studyable_question(ticket.q)
        form = pages.usable_form(question, ticket.f)
        # Shown again (a reload, going back): the same showing, so an answer to it counts once.
        raw = tickets.issue(ticket.q, "quiz", form, ticket.e, now, token=ticket.token)
        return _question_page(question, form, raw)
    choice = choosing.choose_quiz(
        user, choosing.scope_of(choosing.plan_of(user)), now, context.rng()
    )
    if choice is None:
        return nothing_left("quiz")
    question = context.studyable_question(choice.question_id)
    form = pages.usable_form(question, choice.form)
    return _question_page(
        question, form, tickets.issue(question.id, "quiz", form, choice.expected, now)
    )


def _question_page(
    question: Question,
    form: str,
    raw_ticket: str,
    order: list[str] | None = None,
) -> str:
    return render_template(
        "learn/quiz.html",
        **pages.question_context(question, form, raw_ticket, _can_undo(), order),
    )


def _can_undo() -> bool:
    user = context.learner()
    return user is not None and last_undoable(user.id, "quiz") is not None


def nothing_left(mode: str) -> str:
    user = context.learner()
    now = context.now()
    scope = choosing.scope_of(choosing.plan_of(user))
    return render_template(
        "learn/done.html",
        mode=mode,
        next_due=choosing.next_due(user, scope, now),
        limits=choosing.today(user, now),
        zone=choosing.local_zone(user),
        action_form=ActionForm(),
    )


@bp.post("/quiz")
def answer() -> str | Response:
    """Check an answer, store it once, and show the feedback (or move an ordering item)."""
    form = AnswerForm()
    ticket = tickets.read(form.ticket.data)
    if not form.validate() or ticket is None or ticket.m != "quiz":
        return pages.refuse(
            "That page was too old to answer, so here is a fresh question.", "learn.quiz"
        )
    learner = context.learner()
    question, version_id, card, rows = context.answerable_question(ticket.q, learner and learner.id)
    if question.type == "ordering":
        order = request.form.getlist("order")
        if "move" in request.form:
            return _question_page(
                question, CHOICE, form.ticket.data, moved(order, request.form["move"])
            )
        response = order
    elif question.type == "multiple_response":
        response = request.form.getlist("response")
    elif question.type == "matching":
        response = request.form.getlist("match")
    else:
        response = (form.response.data or "").strip()
    user = context.learner(create=True)
    now = context.now()
    result = grade(question_record(question), response)
    duration = tickets.duration_ms(ticket, form.duration_ms.data, now)
    rating = quiz_rating(question, result.correct, duration, ticket.f)
    try:
        stored = record(
            user,
            question,
            Answer("quiz", ticket.f, result.correct, rating, ticket.e, duration),
            response=response,
            client_token=ticket.token,
            now=now,
            rng=context.rng(),
            question_version_id=version_id,
            # A learner created just now (a visitor's first answer) has no card yet.
            card=card,
            rows=rows,
        )
    except StudyError as error:
        return pages.refuse(str(error), "learn.quiz")
    plan = remember_mode(user, "quiz", stored.plan)
    if wants_json():
        return pages.step(user, plan, question, stored, result)
    if stored.became_leech:
        flash_leech()
    return redirect(url_for("learn.feedback", log_id=stored.log.id), code=303)


def remember_mode(user, mode: str, plan: StudyPlan | None = None) -> StudyPlan:
    """The learner's plan (`plan`: as the answer just read it), with `mode` as the one to
    continue in."""
    plan = plan if plan is not None else choosing.own_plan(user)
    if plan.last_mode != mode:
        plan.last_mode = mode
        db.session.commit()
    return plan


def flash_leech() -> None:
    flash(pages.LEECH_MESSAGE, "warning")


@bp.get("/answers/<int:log_id>")
@login_required
def feedback(log_id: int) -> str:
    """Right or wrong, the right answer, the explanation and the quote with the answer marked."""
    user = context.learner()
    log = db.session.get(ReviewLog, log_id)
    if log is None or log.user_id != user.id:
        abort(404, description="There is no answer of yours with that number.")
    question = context.studyable_question(log.question_id)
    newest = last_undoable(user.id)
    can_undo = newest is not None and newest.id == log.id
    return render_template("learn/feedback.html", **pages.feedback_context(log, question, can_undo))


@bp.post("/undo")
@login_required
def undo() -> Response:
    """Undo the newest answer or rating, and show that question again."""
    if not ActionForm().validate():
        abort(400, description="The undo button's form had expired. Reload the page and retry.")
    user = context.learner()
    # The page's mode: its button undoes only that mode's own last step.
    mode = request.form.get("mode")
    mode = mode if mode in MODE_ENDPOINTS else None
    log = undo_last(user, mode)
    if log is None:
        flash("There is nothing to undo here.", "info")
        return redirect(url_for(MODE_ENDPOINTS[mode] if mode else "learn.home"))
    flash("Undone. Here is that question again.", "info")
    expected = UndoRecord.from_dict(log.state_before).expected or 0.0
    fresh = tickets.issue(log.question_id, log.mode, log.form, expected, context.now())
    return redirect(url_for(MODE_ENDPOINTS[log.mode], ticket=fresh))
