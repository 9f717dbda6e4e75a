"""Taking an answer exactly once, on the server's clock (the live-state polls: live_state.py).

An answer is accepted only while its question is open by the server's time: the live session's
current question before `closes_at` (plus a small grace for the trip over the network), or any
question of an assignment before the deadline. The unique (player, session question) constraint
makes a double submit, or two workers racing, store one row; the second gets the first back.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache

from sqlalchemy import Select, bindparam, func, select
from sqlalchemy.exc import IntegrityError

from app.authoring_models import QuestionVersion
from app.classroom.fanout import announce_player
from app.classroom.scoring import points
from app.classroom.services import is_open
from app.classroom_models import ClassAnswer, ClassSession, Player, SessionQuestion
from app.clock import as_utc
from app.extensions import db
from app.models import Question
from app.packs.record import QuestionRecord
from app.shown import offered_choices
from app.study.answers import grade


@dataclass(frozen=True)
class Outcome:
    """The stored answer (new or the earlier one), or why none was stored."""

    answer: ClassAnswer | None
    duplicate: bool = False
    refused: str | None = None
    # The answer as stored, kept so replying needs no reload of the committed row.
    response: str | None = None


def _refusal(
    session: ClassSession,
    player: Player,
    asked: SessionQuestion | None,
    now: datetime,
    grace: timedelta,
) -> str | None:
    if player.removed_at is not None:
        return "Your teacher removed you from this session, so your answers are not counted."
    if asked is None or asked.session_id != session.id:
        return "That question is not part of this session."
    if session.phase == "ended":
        return "This session has ended, so answers are no longer accepted."
    if not is_open(session, now):
        moment = as_utc(session.deadline).strftime("%d %B %Y at %H:%M UTC")
        return (
            f"The deadline for this assignment passed on {moment}; answers are no longer accepted."
        )
    if session.mode == "assignment":
        return None
    if session.phase != "question" or asked.position != session.current_position:
        return "That question is closed: your teacher has moved on. Look at the current one."
    if asked.closes_at is None or now > as_utc(asked.closes_at) + grace:
        return "Time was up for this question before your answer arrived, so it was not counted."
    return None


def existing_answer(player_id: int, session_question_id: int) -> ClassAnswer | None:
    """The player's stored answer to this question, if any."""
    return db.session.scalar(
        select(ClassAnswer).where(
            ClassAnswer.player_id == player_id,
            ClassAnswer.session_question_id == session_question_id,
        )
    )


@cache
def _asked_query() -> Select:
    # Built once: the question as asked, and its current version's snapshot if one is stored,
    # in one round trip (the insert hook would otherwise look the version up in three).
    version = (QuestionVersion.question_id == Question.id) & (
        QuestionVersion.number == Question.version
    )
    return (
        select(SessionQuestion, Question, QuestionVersion.id)
        .join(Question, Question.id == SessionQuestion.question_id)
        .outerjoin(QuestionVersion, version)
        .where(SessionQuestion.id == bindparam("asked_id"))
    )


def submit(
    session: ClassSession,
    player: Player,
    session_question_id: int,
    *,
    choice_index: int | None,
    typed: str | None,
    now: datetime,
    shown_at: datetime | None = None,
    grace: timedelta = timedelta(milliseconds=500),
) -> Outcome:
    """Store one answer if the question is open now; a repeat returns the first answer."""
    found = db.session.execute(_asked_query(), {"asked_id": session_question_id}).first()
    asked, question, version_id = found or (None, None, None)
    refused = _refusal(session, player, asked, now, grace)
    if refused:
        return Outcome(None, refused=refused)
    # The question as plain values, through the one mapping between rows and questions.
    content = QuestionRecord.from_row(question)
    # The choices the student was shown (app.shown), which the index points into.
    choices = offered_choices(content.type, content.choices)
    if choice_index is not None and 0 <= choice_index < len(choices):
        response = choices[choice_index]
    elif typed is not None and not choices:
        response, choice_index = typed.strip()[:500], None
    else:
        return Outcome(None, refused="Choose one of the answers shown, then send it.")
    correct = grade(content, response).correct
    opened = asked.opened_at if session.mode == "live" else shown_at
    elapsed = None if opened is None else max(0, int((now - as_utc(opened)).total_seconds() * 1000))
    answer = ClassAnswer(
        session_id=session.id,
        player_id=player.id,
        session_question_id=asked.id,
        choice_index=choice_index,
        response=response,
        correct=correct,
        points=points(correct, elapsed, asked.time_limit_s * 1000, session.speed_bonus),
        elapsed_ms=elapsed,
        answered_at=now,
        # None when nobody has answered this version yet: the insert hook then stores it.
        question_version_id=version_id,
    )
    db.session.add(answer)
    # Read before the commit (or the rollback) expires them.
    session_id, asked_id, hashed_token = session.id, asked.id, player.token_hash
    player_id = player.id
    try:
        db.session.commit()
    except IntegrityError:
        # The unique (player, question) constraint is the check: a second answer (a double
        # click, two tabs, a retry) fails here and gets the first one back.
        db.session.rollback()
        earlier = existing_answer(player_id, asked_id)
        if earlier is None:
            raise
        return Outcome(earlier, duplicate=True, response=earlier.response)
    announce_player(session_id, hashed_token)
    return Outcome(answer, response=response)


def score(player_id: int) -> int:
    """A player's score: the sum of their answers' points."""
    return db.session.scalar(
        select(func.coalesce(func.sum(ClassAnswer.points), 0)).where(
            ClassAnswer.player_id == player_id
        )
    )
