"""The quiz's question and feedback, as whole pages and as the one-request study step.

The quiz page's script posts an answer asking for JSON and gets back the feedback and the next
question, both rendered here from the same templates as the pages, so a learner waits for one
round trip per question instead of three (the post, the redirect to the feedback, the next
page) and the next question appears at once when they move on. Without the script the form
posts and the pages load one after another, as before.
"""

from __future__ import annotations

from typing import Any

from flask import flash, jsonify, redirect, render_template, url_for
from werkzeug.wrappers import Response

from app.accounts_models import User
from app.learn import tickets
from app.learn.display import question_record, shown_items, shown_rights
from app.learn.highlight import highlighted_quote
from app.models import Question
from app.routing import wants_json
from app.shown import shown_question
from app.study.answers import AnswerResult, grade
from app.study.selection import CHOICE, TYPED
from app.study_models import ReviewLog, StudyPlan
from app.study_service import choosing, context
from app.study_service.recording import Recorded, last_undoable

# The study page of each mode, where an answer in it goes on.
MODE_ENDPOINTS = {"quiz": "learn.quiz", "flashcard": "learn.cards", "cram": "learn.cram"}
LEECH_MESSAGE = (
    "You have forgotten this card 8 times, so it is now a leech and has been suspended. "
    "Rewrite it in your own words or study its passage, then unsuspend it on the Leeches page."
)


def usable_form(question: Question, form: str) -> str:
    """The form a question can be asked in: `form`, unless its type allows only one."""
    # A cloze without choices can only be typed; ordering, true/false, multiple response and
    # matching are never typed.
    if question.type in ("ordering", "true_false", "multiple_response", "matching"):
        return CHOICE
    if not question.choices:
        return TYPED
    return form


def question_context(
    question: Question,
    form: str,
    raw_ticket: str,
    can_undo: bool,
    order: list[str] | None = None,
) -> dict[str, Any]:
    """What learn/_question.html shows for one showing of a question."""
    ticket = tickets.read(raw_ticket)
    return {
        "question": question,
        "form_kind": form,
        # Prompt and choices as the classroom shows them too, shuffled per page (seeded by its
        # token, so a reload of the same page keeps them).
        "shown": shown_question(
            question.id,
            question.type,
            question.prompt,
            question.choices,
            question.text_format,
            ticket.token,
            with_choices=form == CHOICE,
        ),
        "order": order if order is not None else shown_items(question, ticket.token),
        "rights": shown_rights(question, ticket.token),
        "raw_ticket": raw_ticket,
        "can_undo": can_undo,
    }


def feedback_context(
    log: ReviewLog,
    question: Question,
    can_undo: bool,
    result: AnswerResult | None = None,
) -> dict[str, Any]:
    """What learn/_feedback.html shows for a stored answer or rating."""
    record = question_record(question)
    if result is None and log.mode == "quiz":
        result = grade(record, log.response)
    return {
        "log": log,
        "question": question,
        "result": result,
        "quote": highlighted_quote(record),
        "can_undo": can_undo,
    }


def step(
    user: User, plan: StudyPlan, question: Question, stored: Recorded, result: AnswerResult
) -> Response:
    """The JSON answer to a scripted quiz answer: its feedback and the next question."""
    now = context.now()
    log = stored.log
    # A fresh answer is the newest, so it can be undone; a repeat may have been overtaken.
    newest = log if not stored.duplicate else last_undoable(user.id, "quiz")
    can_undo = newest is not None and newest.id == log.id
    with context.reads_only():
        choice = choosing.choose_quiz(
            user, choosing.scope_of(plan), now, context.rng(), learner=stored.learner
        )
        following = None if choice is None else context.studyable_question(choice.question_id)
    upcoming, next_url = None, url_for("learn.quiz")
    if choice is not None:
        form = usable_form(following, choice.form)
        raw = tickets.issue(following.id, "quiz", form, choice.expected, now)
        upcoming = render_template(
            "learn/_question.html",
            **question_context(following, form, raw, can_undo=newest is not None),
        )
        next_url = url_for("learn.quiz", ticket=raw)
    messages = [("warning", LEECH_MESSAGE)] if stored.became_leech else []
    feedback = render_template(
        "learn/_feedback.html",
        # A repeat shows the answer stored first, not the one just sent.
        **feedback_context(log, question, can_undo, None if stored.duplicate else result),
        messages=messages,
        next_url=next_url,
    )
    return jsonify(
        status="duplicate" if stored.duplicate else "answered",
        title=f"{'Right' if log.correct else 'Not quite'} · Quire",
        feedback=feedback,
        feedback_url=url_for("learn.feedback", log_id=log.id),
        next=upcoming,
        next_title="Quiz · Quire",
        next_url=next_url,
    )


def refuse(message: str, endpoint: str) -> Response:
    """An answer or rating that cannot be taken: the message is flashed and the learner sent to
    `endpoint`'s page, by a redirect or, for the page's script, named in a JSON 409."""
    flash(message, "info")
    if not wants_json():
        return redirect(url_for(endpoint))
    response = jsonify(status="refused", message=message, location=url_for(endpoint))
    response.status_code = 409
    return response
