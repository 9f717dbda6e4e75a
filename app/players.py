"""Who a browser plays as in class sessions: its rejoin cookies, the player each names, and
whether one of them was asked a question (the classroom's pages and the bank's media files)."""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache

from sqlalchemy import Select, bindparam, select

from app.class_codes import token_hash
from app.classroom_models import ClassSession, Player, SessionQuestion
from app.extensions import db


@cache
def _session_and_player_query() -> Select:
    # Built once: every answer and every student page load starts with it.
    return (
        select(ClassSession, Player)
        .outerjoin(
            Player,
            (Player.session_id == ClassSession.id) & (Player.token_hash == bindparam("token_hash")),
        )
        .where(ClassSession.id == bindparam("session_id"))
    )


def session_and_player(
    session_id: int, token: str | None
) -> tuple[ClassSession | None, Player | None]:
    """The session, and the player in it whose rejoin token this is, in one query."""
    parameters = {"session_id": session_id, "token_hash": token_hash(token) if token else None}
    found = db.session.execute(_session_and_player_query(), parameters).first()
    return (None, None) if found is None else (found[0], found[1])


PLAY_COOKIE_PREFIX = "quire_play_"
# A browser holds one rejoin cookie per session it joined; only the newest few are looked at.
MAX_PLAY_COOKIES = 8


def asked_to_player(cookies: Mapping[str, str], question_id: int) -> bool:
    """Whether a player these cookies hold (not removed) was asked this question in a session."""
    checked = 0
    for name, token in cookies.items():
        session_id = name.removeprefix(PLAY_COOKIE_PREFIX)
        if name == session_id or not session_id.isdigit() or checked >= MAX_PLAY_COOKIES:
            continue
        checked += 1
        _, player = session_and_player(int(session_id), token)
        if player is None or player.removed_at is not None:
            continue
        asked = select(SessionQuestion.id).where(
            SessionQuestion.session_id == player.session_id,
            SessionQuestion.question_id == question_id,
            SessionQuestion.opened_at.is_not(None),
        )
        if db.session.scalar(asked.limit(1)) is not None:
            return True
    return False
