"""Moving a live session on (next question, results, end, removing a player), and where it stands.

Every state change is one UPDATE guarded by the version the instructor's page showed, so a double
click or two open tabs move the session on once, whichever worker each request reaches.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import func, select, update

from app.classroom.fanout import announce_player, announce_session
from app.classroom.services import ClassroomError
from app.classroom_models import ClassSession, Player, SessionQuestion
from app.clock import as_utc
from app.extensions import db


def _move(session: ClassSession, expected_version: int, **values) -> bool:
    result = db.session.execute(
        update(ClassSession)
        .where(ClassSession.id == session.id, ClassSession.version == expected_version)
        .values(version=ClassSession.version + 1, **values)
        .execution_options(synchronize_session=False)
    )
    return result.rowcount == 1


def _finish(session_id: int, moved: bool) -> bool:
    # Commit what the guarded UPDATE and its companions wrote; the session row reloads on access.
    if moved:
        db.session.commit()
        announce_session(session_id)
    else:
        db.session.rollback()
    db.session.expire_all()
    return moved


def advance(session: ClassSession, expected_version: int, now: datetime) -> bool:
    """Open the next question (or end after the last); False if the page was out of date."""
    if session.mode != "live" or session.phase not in ("lobby", "question", "reveal"):
        raise ClassroomError("Only a live session that has not ended can move on.")
    position = 0 if session.current_position is None else session.current_position + 1
    asked = db.session.scalar(
        select(SessionQuestion).where(
            SessionQuestion.session_id == session.id, SessionQuestion.position == position
        )
    )
    if asked is None:
        return end(session, expected_version, now)
    # Opening times change together with the version, in the same transaction.
    moved = _move(session, expected_version, phase="question", current_position=position)
    if moved:
        asked.opened_at = now
        asked.closes_at = now + timedelta(seconds=asked.time_limit_s)
    return _finish(session.id, moved)


def reveal(session: ClassSession, expected_version: int, now: datetime) -> bool:
    """Close the current question and show its results."""
    if session.phase != "question":
        raise ClassroomError("There is no open question to show the results of.")
    asked = current_question(session)
    moved = _move(session, expected_version, phase="reveal")
    if moved and asked is not None and (asked.closes_at is None or as_utc(asked.closes_at) > now):
        asked.closes_at = now
    return _finish(session.id, moved)


def end(session: ClassSession, expected_version: int | None, now: datetime) -> bool:
    """End the session: no more joining or answering; the join code is freed."""
    if session.phase == "ended":
        return False
    version = session.version if expected_version is None else expected_version
    session_id = session.id
    return _finish(session_id, _move(session, version, phase="ended", ended_at=now, join_code=None))


def remove_player(session: ClassSession, player_id: int, now: datetime) -> Player | None:
    """Remove a player: their token stops working and they leave the scoreboard."""
    player = db.session.get(Player, player_id)
    if player is None or player.session_id != session.id or player.removed_at is not None:
        return None
    player.removed_at = now
    hashed_token = player.token_hash
    db.session.commit()
    announce_player(session.id, hashed_token)
    return player


def current_question(session: ClassSession) -> SessionQuestion | None:
    """The live session's current question, if one has been opened."""
    if session.current_position is None:
        return None
    return db.session.scalar(
        select(SessionQuestion).where(
            SessionQuestion.session_id == session.id,
            SessionQuestion.position == session.current_position,
        )
    )


def active_players(session_id: int) -> list[Player]:
    """The session's players who have not been removed, in joining order."""
    return list(
        db.session.scalars(
            select(Player)
            .where(Player.session_id == session_id, Player.removed_at.is_(None))
            .order_by(Player.joined_at, Player.id)
        )
    )


def question_count(session_id: int) -> int:
    """How many questions the session asks."""
    return (
        db.session.scalar(
            select(func.count(SessionQuestion.id)).where(SessionQuestion.session_id == session_id)
        )
        or 0
    )
