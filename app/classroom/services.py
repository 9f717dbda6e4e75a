"""Saved quizzes and sessions: building, starting, joining, and moving a live session on.

Every state change is one UPDATE guarded by the version the instructor's page showed, so a double
click or two open tabs move the session on once, whichever worker each request reaches.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache

from sqlalchemy import Select, and_, bindparam, func, or_, select, update
from sqlalchemy.exc import IntegrityError

from app.accounts.guests import as_utc
from app.authoring.access import packs_of
from app.classroom.codes import new_join_code, new_rejoin_token, nickname_key, token_hash
from app.classroom.fanout import announce_player, announce_session
from app.classroom_models import ClassSession, Player, Quiz, QuizItem, SessionQuestion
from app.extensions import db
from app.models import Pack, Question, Source, User, pack_sources

# Question types a class can answer on a phone in a few seconds: a choice, or a short typed word.
PLAYABLE_TYPES = ("multiple_choice", "true_false", "cloze")
CODE_ATTEMPTS = 20


class ClassroomError(Exception):
    """Something the person asking cannot do, with a message written for them."""


def eligible_questions(
    pack_id: int, *, source_id: str = "", kind: str = "", type: str = ""
) -> Select[tuple[Question]]:
    """A pack's playable, approved questions in pack order, narrowed like the bank's filters."""
    stmt = (
        select(Question)
        .where(
            Question.pack_id == pack_id,
            Question.type.in_(PLAYABLE_TYPES),
            # Listed packs serve what learners may study; an instructor's own private pack
            # serves its approved questions (the form offers only packs they may read).
            or_(
                Question.studyable(),
                and_(Question.deleted_at.is_(None), Question.review_status == "approved"),
            ),
        )
        .order_by(Question.position)
    )
    if source_id:
        stmt = stmt.where(Question.source_id == source_id)
    if kind:
        stmt = stmt.where(Question.kind == kind)
    if type:
        stmt = stmt.where(Question.type == type)
    return stmt


def create_quiz(owner: User, title: str, questions: Sequence[Question], time_limit_s: int) -> Quiz:
    """Save a quiz of these questions in this order, each with the same time limit."""
    if not questions:
        raise ClassroomError("No playable questions match those choices. Widen the filters.")
    quiz = Quiz(owner_id=owner.id, title=title)
    quiz.items = [
        QuizItem(position=i, question_id=q.id, time_limit_s=time_limit_s)
        for i, q in enumerate(questions)
    ]
    db.session.add(quiz)
    db.session.commit()
    return quiz


def packs(instructor: User) -> list[tuple[int, str]]:
    """(id, title) of the packs a quiz may draw from: listed ones and the instructor's own."""
    own = {pack.id for pack in packs_of(instructor)}
    rows = db.session.execute(
        select(Pack.id, Pack.title)
        .where(or_(Pack.listed(), and_(Pack.id.in_(own), Pack.deleted_at.is_(None))))
        .order_by(Pack.title)
    )
    return [tuple(row) for row in rows]


def sources_of(pack_ids: Sequence[int]) -> list[tuple[str, str]]:
    """(id, title) of the sources these packs quote, for the new-quiz form's filter."""
    rows = db.session.execute(
        select(Source.id, Source.title)
        .join(pack_sources, pack_sources.c.source_id == Source.id)
        .where(pack_sources.c.pack_id.in_(pack_ids))
        .distinct()
        .order_by(Source.id)
    )
    return [tuple(row) for row in rows]


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
) -> Joined:
    """Add a player, or let the owner of the nickname's rejoin token back in."""
    key = nickname_key(nickname)
    existing = db.session.scalar(
        select(Player).where(Player.session_id == session.id, Player.nickname_key == key)
    )
    if existing is not None:
        if (
            existing.removed_at is None
            and cookie_token
            and existing.token_hash == token_hash(cookie_token)
        ):
            return Joined(existing, None)
        raise ClassroomError(
            f"The nickname “{existing.nickname}” is already taken in this session. "
            "Choose another one (or, if it is you, use the browser you joined with)."
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
