"""Taking an answer exactly once, on the server's clock, and the small live-state summaries.

An answer is accepted only while its question is open by the server's time: the live session's
current question before `closes_at` (plus a small grace for the trip over the network), or any
question of an assignment before the deadline. The unique (player, session question) constraint
makes a double submit, or two workers racing, store one row; the second gets the first back.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache

from sqlalchemy import Select, bindparam, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import aliased

from app.accounts.guests import as_utc
from app.authoring.sanitize import authored
from app.authoring_models import QuestionVersion
from app.classroom.codes import token_hash
from app.classroom.fanout import announce_player, cached_row
from app.classroom.scoring import points, shuffle_seed, shuffled
from app.classroom.services import current_question, is_open
from app.classroom_models import ClassAnswer, ClassSession, Player, SessionQuestion
from app.extensions import db
from app.models import Question
from app.study.answers import check_answer


@dataclass(frozen=True)
class Outcome:
    """The stored answer (new or the earlier one), or why none was stored."""

    answer: ClassAnswer | None
    duplicate: bool = False
    refused: str | None = None
    # The answer as stored, kept so replying needs no reload of the committed row.
    response: str | None = None


def question_dict(question: Question) -> dict:
    """The fields `check_answer` reads."""
    return {
        "type": question.type,
        "answer": question.answer,
        "choices": list(question.choices or ()),
        "accept": list(question.accept or ()),
        "items": list(question.items or ()),
    }


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
    choices = list(question.choices or ())
    if choice_index is not None and 0 <= choice_index < len(choices):
        response = choices[choice_index]
    elif typed is not None and not choices:
        response, choice_index = typed.strip()[:500], None
    else:
        return Outcome(None, refused="Choose one of the answers shown, then send it.")
    correct = check_answer(question_dict(question), response).correct
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


def answered_count(session_question_id: int) -> int:
    """How many players have answered this question."""
    return db.session.scalar(
        select(func.count(ClassAnswer.id)).where(
            ClassAnswer.session_question_id == session_question_id
        )
    )


def player_count(session_id: int) -> int:
    """How many players are in the session (not counting removed ones)."""
    return db.session.scalar(
        select(func.count(Player.id)).where(
            Player.session_id == session_id, Player.removed_at.is_(None)
        )
    )


def remaining_ms(asked: SessionQuestion | None, now: datetime) -> int | None:
    """Milliseconds left on the question's timer (None when it has none)."""
    if asked is None or asked.closes_at is None:
        return None
    return max(0, int((as_utc(asked.closes_at) - now).total_seconds() * 1000))


def etag(*parts: object) -> str:
    """A short validator for a live-state response built from these values."""
    return hashlib.sha1(":".join(map(str, parts)).encode()).hexdigest()[:20]


def host_state(session: ClassSession, now: datetime) -> dict:
    """What the instructor's screen needs to refresh: phase, players, answers, time left."""
    asked = current_question(session)
    return {
        "version": session.version,
        "phase": session.phase,
        "position": session.current_position,
        "players": player_count(session.id),
        "answered": 0 if asked is None else answered_count(asked.id),
        "remaining_ms": remaining_ms(asked, now) if session.phase == "question" else None,
    }


def player_state(session_id: int, token: str | None, now: datetime) -> dict | None:
    """A student's poll: phase, position, answered or not, time left.

    None when the token is not a player's in this session. Every student asks every second or
    two, so the row comes from the live cache when there is one, else from one small query.
    """
    if not token:
        return None
    hashed = token_hash(token)
    row = cached_row(session_id, hashed, lambda: _player_row(session_id, hashed))
    if row is None:
        return None
    deadline, closes_at = _moment(row["deadline"]), _moment(row["closes_at"])
    still_open = row["phase"] != "ended" and (deadline is None or now < deadline)
    left = None
    if row["phase"] == "question" and closes_at is not None:
        left = max(0, int((closes_at - now).total_seconds() * 1000))
    state = {
        "version": row["version"],
        "phase": row["phase"] if still_open else "ended",
        "position": row["position"],
        "answered": row["answered"],
        "removed": row["removed"],
        "remaining_ms": left,
    }
    asked = row.get("asked")
    unanswered = not (row["answered"] or row["removed"])
    if state["phase"] == "question" and asked and unanswered and left != 0:
        state["question"] = _question_payload(asked)
    return state


def _question_payload(asked: dict) -> dict:
    # Sent with the poll so a question opening costs the class no page loads: the page's script
    # builds the answer form from this. Authored text goes out as sanitised, escaped HTML.
    text_format = asked["text_format"]
    return {
        "id": asked["id"],
        "prompt_html": str(authored(asked["prompt"], text_format)),
        "choices": [[index, str(authored(text, text_format))] for index, text in asked["choices"]],
    }


def _moment(text: str | None) -> datetime | None:
    return None if text is None else as_utc(datetime.fromisoformat(text))


def _iso(moment: datetime | None) -> str | None:
    return None if moment is None else as_utc(moment).isoformat()


@cache
def _player_row_query() -> Select:
    # Built once: constructing a select with aliases costs more than running it on SQLite.
    asked = aliased(SessionQuestion)
    mine = aliased(ClassAnswer)
    query = (
        select(
            ClassSession.version,
            ClassSession.phase,
            ClassSession.mode,
            ClassSession.deadline,
            ClassSession.current_position,
            ClassSession.seed,
            Player.id,
            Player.removed_at,
            asked.id,
            asked.closes_at,
            mine.id,
            Question.id,
            Question.prompt,
            Question.text_format,
            Question.choices,
        )
        .join(Player, Player.session_id == ClassSession.id)
        .outerjoin(
            asked,
            (asked.session_id == ClassSession.id)
            & (asked.position == ClassSession.current_position),
        )
        .outerjoin(mine, (mine.session_question_id == asked.id) & (mine.player_id == Player.id))
        .outerjoin(Question, Question.id == asked.question_id)
        .where(
            ClassSession.id == bindparam("session_id"),
            Player.token_hash == bindparam("token_hash"),
        )
    )
    return query


def _player_row(session_id: int, hashed_token: str) -> dict | None:
    # Columns, not objects, in one round trip outside a transaction: this runs on every poll.
    with db.engine.connect() as connection:
        autocommit = connection.execution_options(isolation_level="AUTOCOMMIT")
        parameters = {"session_id": session_id, "token_hash": hashed_token}
        found = autocommit.execute(_player_row_query(), parameters).first()
    if found is None:
        return None
    (version, phase, mode, deadline, position, seed, player_id, removed_at) = found[:8]
    asked_id, closes_at, answer_id, question_id, prompt, text_format, choices = found[8:]
    live = mode == "live" and position is not None
    row = {
        "version": version,
        "phase": phase,
        "position": position,
        "deadline": _iso(deadline),
        "closes_at": _iso(closes_at) if live else None,
        "answered": live and answer_id is not None,
        "removed": removed_at is not None,
    }
    if live and phase == "question" and asked_id is not None:
        order = shuffle_seed(seed, player_id, question_id)
        row["asked"] = {
            "id": asked_id,
            "prompt": prompt,
            "text_format": text_format,
            "choices": shuffled(list(choices or ()), order),
        }
    return row
