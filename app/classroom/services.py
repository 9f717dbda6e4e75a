"""Starting sessions of saved quizzes, finding them by join code, and letting players join."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError

from app.class_codes import (
    new_join_code,
    new_rejoin_token,
    nickname_key,
    rejoin_code_matches,
    token_hash,
)
from app.classroom.fanout import announce_player
from app.classroom_models import ClassSession, Player, Quiz, SessionQuestion
from app.clock import as_utc
from app.extensions import db

CODE_ATTEMPTS = 20


class ClassroomError(Exception):
    """Something the person asking cannot do, with a message written for them."""


def _release_expired_codes(now: datetime) -> None:
    # An assignment past its deadline no longer needs its code; free it for new sessions.
    db.session.execute(
        update(ClassSession)
        .where(ClassSession.join_code.is_not(None), ClassSession.deadline < now)
        .values(join_code=None)
    )


def start_session(
    quiz: Quiz,
    *,
    mode: str,
    speed_bonus: bool,
    deadline: datetime | None,
    now: datetime,
    rng: random.Random,
) -> ClassSession:
    """Open a session of `quiz` with a fresh six-digit join code."""
    if not quiz.items:
        raise ClassroomError("This quiz has no questions yet. Add some before starting it.")
    if mode == "assignment" and (deadline is None or deadline <= now):
        raise ClassroomError("An assignment needs a deadline in the future.")
    _release_expired_codes(now)
    db.session.commit()
    for _ in range(CODE_ATTEMPTS):
        session = ClassSession(
            owner_id=quiz.owner_id,
            quiz_id=quiz.id,
            title=quiz.title,
            mode=mode,
            join_code=new_join_code(rng),
            phase="open" if mode == "assignment" else "lobby",
            speed_bonus=speed_bonus and mode == "live",
            seed=f"{rng.getrandbits(64):016x}",
            version=1,
            deadline=deadline if mode == "assignment" else None,
            created_at=now,
        )
        session.questions = [
            SessionQuestion(
                position=item.position, question_id=item.question_id, time_limit_s=item.time_limit_s
            )
            for item in quiz.items
        ]
        db.session.add(session)
        try:
            db.session.commit()
        except IntegrityError:
            # The code was taken between drawing and saving it: draw another.
            db.session.rollback()
            continue
        return session
    raise ClassroomError("Could not find a free join code. Try again in a moment.")


def is_open(session: ClassSession, now: datetime) -> bool:
    """Whether students can still join and answer (not ended, deadline not passed)."""
    if session.phase == "ended":
        return False
    return session.deadline is None or now < as_utc(session.deadline)


def session_by_code(code: str, now: datetime) -> ClassSession | None:
    """The open session with this join code, if any."""
    session = db.session.scalar(select(ClassSession).where(ClassSession.join_code == code))
    return session if session is not None and is_open(session, now) else None


@dataclass(frozen=True)
class Joined:
    """The player, and the rejoin token to put in their cookie (None when rejoining by token)."""

    player: Player
    token: str | None


def join(
    session: ClassSession,
    nickname: str,
    *,
    user_id: int | None,
    cookie_token: str | None,
    now: datetime,
    rng: random.Random,
    rejoin: str | None = None,
    secret: str = "",
) -> Joined:
    """Add a player, or let a nickname's player back in: same browser, account or rejoin code."""
    key = nickname_key(nickname)
    existing = db.session.scalar(
        select(Player).where(Player.session_id == session.id, Player.nickname_key == key)
    )
    if existing is not None:
        if existing.removed_at is None:
            if cookie_token and existing.token_hash == token_hash(cookie_token):
                return Joined(existing, None)
            same_account = user_id is not None and existing.user_id == user_id
            if same_account or rejoin_code_matches(rejoin, existing.token_hash, secret):
                return _move_to_this_browser(existing, rng)
        raise ClassroomError(
            f"The nickname “{existing.nickname}” is already taken in this session. "
            "If it is you on another device, type your rejoin code too (it is on your first "
            "device and on your teacher's screen); otherwise choose another nickname."
        )
    token = new_rejoin_token(rng)
    player = Player(
        session_id=session.id,
        nickname=nickname,
        nickname_key=key,
        token_hash=token_hash(token),
        user_id=user_id,
        joined_at=now,
    )
    db.session.add(player)
    try:
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        raise ClassroomError(
            "Someone took that nickname a moment ago. Choose another one."
        ) from None
    return Joined(player, token)


def _move_to_this_browser(player: Player, rng: random.Random) -> Joined:
    # A new token: this browser gets the player (score and answers), the old one loses it.
    token = new_rejoin_token(rng)
    old_hash, player.token_hash = player.token_hash, token_hash(token)
    db.session.commit()
    # The old browser's cached poll must not keep answering for the player it no longer holds.
    announce_player(player.session_id, old_hash)
    return Joined(player, token)
