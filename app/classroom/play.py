"""Student views: join with a code and a nickname, then play; no account needed.

The player is whoever holds the rejoin token in the session's cookie, so a reload, a lost
connection or a closed tab continues with the same nickname and score.
"""

from __future__ import annotations

import logging
import random
from datetime import UTC, datetime, timedelta

from flask import (
    abort,
    current_app,
    flash,
    jsonify,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_limiter.util import get_remote_address
from itsdangerous import BadSignature, URLSafeSerializer
from sqlalchemy import func, select
from sqlalchemy.exc import SQLAlchemyError
from werkzeug.wrappers import Response

from app import attempts
from app.class_codes import normalise_code, rejoin_code
from app.classroom import bp
from app.classroom.answering import existing_answer, score, submit
from app.classroom.controls import current_question, question_count
from app.classroom.forms import AnswerForm, JoinForm
from app.classroom.live_state import remaining_ms
from app.classroom.scoring import shuffle_seed, streak
from app.classroom.services import ClassroomError, is_open, session_by_code
from app.classroom.services import (
    join as join_session,
)
from app.classroom.study_link import record_in_history
from app.classroom_models import ClassAnswer, ClassSession, Player, SessionQuestion
from app.clock import as_utc
from app.clock import request_now as now
from app.extensions import db
from app.guests import current_learner
from app.players import PLAY_COOKIE_PREFIX, session_and_player
from app.routing import wants_json
from app.shown import shown_question
from app.study_service.context import rng as study_rng

log = logging.getLogger(__name__)
_system_rng = random.SystemRandom()
COOKIE_LIFETIME = timedelta(hours=12)
# What a browser is told once its player has moved to another one (rejoined by code or account).
LET_GO = (
    "This browser is no longer playing in this session: you rejoined on another device, and "
    "your nickname and score went with you. Carry on there, or join again here with the rejoin "
    "code that device shows."
)


def cookie_name(session_id: int) -> str:
    """The cookie holding a player's rejoin token for one session."""
    return f"{PLAY_COOKIE_PREFIX}{session_id}"


@bp.app_template_global("rejoin_code")
def rejoin_code_of(player: Player) -> str:
    """Jinja: the player's code for joining again from another device."""
    return rejoin_code(player.token_hash, current_app.config["SECRET_KEY"])


def _join_limit() -> str:
    return current_app.config["QUIRE_JOIN_RATE_LIMIT"]


@bp.route("/join", methods=["GET", "POST"])
def join() -> str | Response:
    """Join a session with its six-digit code and a nickname."""
    form = JoinForm(code=request.args.get("code", ""))
    if request.method == "POST":
        # Counted before the code is looked at, atomically; given back when the player gets in,
        # so only failed attempts count and a class behind one address can all join.
        attempt = attempts.reserve(_join_limit(), "join", get_remote_address())
        if not attempt.granted:
            raise attempts.TooManyAttempts(
                attempt.wait_seconds,
                "Too many join codes that did not work came from your network. Check the code "
                "on your teacher's screen.",
            )
    if form.validate_on_submit():
        moment = now()
        session = session_by_code(normalise_code(form.code.data), moment)
        if session is None:
            form.code.errors.append(
                "No open session has that code. Check the code on your teacher's screen."
            )
        else:
            learner = current_learner()
            try:
                joined = join_session(
                    session,
                    form.nickname.data,
                    user_id=None if learner is None else learner.id,
                    cookie_token=request.cookies.get(cookie_name(session.id)),
                    now=moment,
                    rng=_system_rng,
                    rejoin=form.rejoin_code.data,
                    secret=current_app.config["SECRET_KEY"],
                )
            except ClassroomError as error:
                form.nickname.errors.append(str(error))
            else:
                attempt.refund()
                response = redirect(url_for("classroom.play", session_id=session.id))
                if joined.token:
                    _set_cookie(response, session, joined.token, moment)
                return response
    return render_template("classroom/join.html", form=form), 200 if not form.errors else 422


def _set_cookie(response: Response, session: ClassSession, token: str, moment: datetime) -> None:
    expires = moment + COOKIE_LIFETIME
    if session.deadline is not None:
        expires = max(expires, as_utc(session.deadline) + timedelta(hours=1))
    response.set_cookie(
        cookie_name(session.id),
        token,
        expires=expires,
        httponly=True,
        samesite="Lax",
        secure=bool(current_app.config.get("SESSION_COOKIE_SECURE")),
    )


def _serializer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt="classroom-shown")


def _ticket(asked: SessionQuestion, moment: datetime) -> str:
    return _serializer().dumps({"q": asked.id, "t": int(moment.timestamp() * 1000)})


def _shown_at(raw: str | None, asked_id: int) -> datetime | None:
    try:
        data = _serializer().loads(raw or "")
    except BadSignature:
        return None
    if not isinstance(data, dict) or data.get("q") != asked_id:
        return None
    return datetime.fromtimestamp(data["t"] / 1000, UTC)


def _session_and_player(session_id: int) -> tuple[ClassSession, Player | None]:
    # The player is whoever's rejoin token this browser holds, if anyone's.
    session, player = session_and_player(session_id, request.cookies.get(cookie_name(session_id)))
    if session is None:
        abort(404, description="There is no such session. Ask your teacher for the join code.")
    return session, player


def _rank(session: ClassSession, player: Player) -> tuple[int, int]:
    totals = db.session.execute(
        select(Player.id, func.coalesce(func.sum(ClassAnswer.points), 0))
        .outerjoin(ClassAnswer, ClassAnswer.player_id == Player.id)
        .where(Player.session_id == session.id, Player.removed_at.is_(None))
        .group_by(Player.id)
    ).all()
    mine = next((total for pid, total in totals if pid == player.id), 0)
    return 1 + sum(1 for _, total in totals if total > mine), len(totals)


def _next_unanswered(session: ClassSession, player: Player) -> SessionQuestion | None:
    answered = select(ClassAnswer.session_question_id).where(ClassAnswer.player_id == player.id)
    return db.session.scalar(
        select(SessionQuestion)
        .where(SessionQuestion.session_id == session.id, SessionQuestion.id.not_in(answered))
        .order_by(SessionQuestion.position)
        .limit(1)
    )


@bp.get("/play/<int:session_id>")
def play(session_id: int) -> str | Response:
    """The student's screen for whatever the session is doing now."""
    session, player = _session_and_player(session_id)
    if player is None:
        let_go = request.cookies.get(cookie_name(session_id))
        flash(LET_GO if let_go else "Join with the code and a nickname first.", "info")
        return redirect(url_for("classroom.join", code=session.join_code or ""))
    moment = now()
    context = {
        "session": session,
        "player": player,
        "score": score(player.id),
        "total": question_count(session.id),
        "open": is_open(session, moment),
    }
    if player.removed_at is None and context["open"]:
        if session.mode == "live":
            asked = current_question(session)
        else:
            shown = request.args.get("answered", type=int)
            feedback = db.session.get(SessionQuestion, shown) if shown else None
            if feedback is not None and feedback.session_id == session.id:
                asked = feedback
            else:
                asked = _next_unanswered(session, player)
        if asked is not None:
            context |= _question_context(session, player, asked, moment)
    elif player.removed_at is None:
        context["rank"], context["players"] = _rank(session, player)
    return render_template("classroom/play.html", **context)


def _question_context(
    session: ClassSession, player: Player, asked: SessionQuestion, moment: datetime
) -> dict:
    question = asked.question
    # Prompt and choices as self-study shows them, in this student's own order.
    view = shown_question(
        question.id,
        question.type,
        question.prompt,
        question.choices,
        question.text_format,
        shuffle_seed(session.seed, player.id, question.id),
    )
    answer = existing_answer(player.id, asked.id)
    # As Kahoot does, a right answer once revealed shows how many the student has in a row.
    revealed = session.mode == "assignment" or session.phase == "reveal"
    return {
        "asked": asked,
        "question": question,
        "shown": view,
        "answer": answer,
        "remaining_ms": remaining_ms(asked, moment) if session.mode == "live" else None,
        "form": AnswerForm(question=asked.id, ticket=_ticket(asked, moment)),
        "streak": _streak(session, player, asked) if revealed and answer and answer.correct else 0,
    }


def _streak(session: ClassSession, player: Player, asked: SessionQuestion) -> int:
    mine = (ClassAnswer.session_question_id == SessionQuestion.id) & (
        ClassAnswer.player_id == player.id
    )
    results = db.session.scalars(
        select(ClassAnswer.correct)
        .select_from(SessionQuestion)
        .outerjoin(ClassAnswer, mine)
        .where(SessionQuestion.session_id == session.id, SessionQuestion.position <= asked.position)
        .order_by(SessionQuestion.position)
    ).all()
    return streak(results)


@bp.post("/play/<int:session_id>/answer")
def answer(session_id: int) -> Response:
    """Take an answer (once); refusals explain themselves and lead back to the screen."""
    session, player = _session_and_player(session_id)
    if player is None:
        abort(403, description="Join the session first: your answer could not be matched to you.")
    form = AnswerForm()
    if not form.validate_on_submit():
        message = "That answer could not be read. Choose an answer and send it again."
        if wants_json():
            return _answer_json(400, "refused", message, None)
        flash(message, "error")
        return redirect(url_for("classroom.play", session_id=session.id))
    moment = now()
    # Read before submitting: the commit expires the player, and reloading it costs a query.
    user_id = player.user_id
    outcome = submit(
        session,
        player,
        form.question.data,
        choice_index=form.choice.data,
        typed=form.typed.data,
        now=moment,
        shown_at=_shown_at(form.ticket.data, form.question.data),
        grace=timedelta(milliseconds=current_app.config["QUIRE_ANSWER_GRACE_MS"]),
    )
    if outcome.refused:
        status, message = "refused", outcome.refused
    elif outcome.duplicate:
        status = "duplicate"
        message = "You had already answered this question; your first answer counts."
    else:
        status, message = "received", None
        if user_id is not None:
            _into_history(outcome.answer, user_id, moment)
    if wants_json():
        return _answer_json(409 if outcome.refused else 200, status, message, outcome.response)
    if message:
        flash(message, "error" if outcome.refused else "info")
    target = {"answered": form.question.data} if session.mode == "assignment" else {}
    return redirect(url_for("classroom.play", session_id=session.id, **target))


def _answer_json(code: int, status: str, message: str | None, stored: str | None) -> Response:
    body = {"status": status, "message": message}
    if stored is not None:
        body["response"] = stored
    response = jsonify(body)
    response.status_code = code
    return response


def _into_history(answer: ClassAnswer, user_id: int, moment: datetime) -> None:
    asked = db.session.get(SessionQuestion, answer.session_question_id)
    try:
        record_in_history(answer, user_id, asked.question_id, moment, study_rng())
    except SQLAlchemyError:
        # The class answer is already stored; a study-history hiccup must not undo it.
        db.session.rollback()
        log.exception("could not copy class answer %s into study history", answer.id)
