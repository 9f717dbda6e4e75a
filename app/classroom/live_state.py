"""The live-state summaries the instructor's and the students' screens poll for.

Every student polls every second or two, so a student's state is one small query built once
(or a row from the shared live cache, `fanout.cached_row`), with the open question's prompt and
choices sent along so a question opening costs the class no page loads.
"""

from __future__ import annotations

import hashlib
from datetime import datetime
from functools import cache

from sqlalchemy import Select, bindparam, func, select
from sqlalchemy.orm import aliased

from app.class_codes import token_hash
from app.classroom.controls import current_question
from app.classroom.fanout import cached_row
from app.classroom.scoring import shuffle_seed
from app.classroom_models import ClassAnswer, ClassSession, Player, SessionQuestion
from app.clock import as_utc
from app.extensions import db
from app.models import Question
from app.shown import shown_question


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
    # builds the answer form from this, as the play page shows it (one builder, `app.shown`).
    shown = shown_question(
        asked["question"],
        asked["type"],
        asked["prompt"],
        asked["choices"],
        asked["text_format"],
        asked["seed"],
    )
    # The id a class answer names is the session question's.
    return {"id": asked["id"], **shown.payload()}


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
            Question.type,
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
    asked_id, closes_at, answer_id, question_id, prompt, text_format, choices, qtype = found[8:]
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
        # What `shown_question` reads, cached as plain values (the live cache stores JSON).
        row["asked"] = {
            "id": asked_id,
            "question": question_id,
            "type": qtype,
            "prompt": prompt,
            "text_format": text_format,
            "choices": list(choices or ()),
            "seed": shuffle_seed(seed, player_id, question_id),
        }
    return row
