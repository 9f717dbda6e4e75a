"""Classroom records: saved quizzes, live sessions and assignments, players and their answers.

Everything a live session shows lives in these rows, never in a worker's memory, so any number
of app processes on any number of machines serve the same session. Scores are sums over
`ClassAnswer.points`; the (player_id, session_question_id) unique constraint makes each answer
count once however many times it is submitted.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    DateTime,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.clock import utcnow
from app.extensions import db

if TYPE_CHECKING:
    from app.models import Question

SESSION_MODES = ("live", "assignment")
# lobby → question ⇄ reveal → ended for live sessions; open → ended for assignments.
PHASES = ("lobby", "question", "reveal", "open", "ended")


class Quiz(db.Model):
    """An instructor's saved quiz: an ordered list of questions, each with a time limit."""

    __tablename__ = "classroom_quizzes"

    id: Mapped[int] = mapped_column(primary_key=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    items: Mapped[list[QuizItem]] = relationship(
        back_populates="quiz",
        order_by="QuizItem.position",
        cascade="all, delete-orphan",
        passive_deletes=True,
    )


class QuizItem(db.Model):
    """One question of a saved quiz, at a position, with its time limit in seconds."""

    __tablename__ = "classroom_quiz_items"
    __table_args__ = (
        UniqueConstraint("quiz_id", "position"),
        CheckConstraint("time_limit_s BETWEEN 5 AND 600", name="time_limit"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    quiz_id: Mapped[int] = mapped_column(ForeignKey("classroom_quizzes.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)
    question_id: Mapped[int] = mapped_column(
        ForeignKey("questions.id", ondelete="CASCADE"), index=True
    )
    time_limit_s: Mapped[int] = mapped_column(Integer, default=30)

    quiz: Mapped[Quiz] = relationship(back_populates="items")
    question: Mapped[Question] = relationship()


class ClassSession(db.Model):
    """A run of a quiz: live (teacher-paced) or an assignment (student-paced, until a deadline)."""

    __tablename__ = "classroom_sessions"
    __table_args__ = (
        CheckConstraint("mode IN ('live', 'assignment')", name="mode"),
        CheckConstraint("phase IN ('lobby', 'question', 'reveal', 'open', 'ended')", name="phase"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    quiz_id: Mapped[int | None] = mapped_column(
        ForeignKey("classroom_quizzes.id", ondelete="SET NULL"), index=True
    )
    title: Mapped[str] = mapped_column(String(200))
    mode: Mapped[str] = mapped_column(String(12), default="live")
    # Cleared when the session ends, so the code can be drawn again for another session.
    join_code: Mapped[str | None] = mapped_column(String(6), unique=True)
    phase: Mapped[str] = mapped_column(String(12), default="lobby")
    current_position: Mapped[int | None] = mapped_column(Integer)
    speed_bonus: Mapped[bool] = mapped_column(Boolean, default=True)
    # Seeds each student's choice order, so a reload shows the same order.
    seed: Mapped[str] = mapped_column(String(32))
    # Bumped on every change students must see (next question, reveal, end): the ETag's root.
    version: Mapped[int] = mapped_column(Integer, default=1)
    deadline: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    ended_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    sent_to_study_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    questions: Mapped[list[SessionQuestion]] = relationship(
        back_populates="session",
        order_by="SessionQuestion.position",
        cascade="all, delete-orphan",
        passive_deletes=True,
    )


class SessionQuestion(db.Model):
    """A question as asked in one session: its position, limit, and when it opened and closes."""

    __tablename__ = "classroom_session_questions"
    __table_args__ = (UniqueConstraint("session_id", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("classroom_sessions.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)
    question_id: Mapped[int] = mapped_column(
        ForeignKey("questions.id", ondelete="CASCADE"), index=True
    )
    time_limit_s: Mapped[int] = mapped_column(Integer, default=30)
    opened_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    closes_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    session: Mapped[ClassSession] = relationship(back_populates="questions")
    question: Mapped[Question] = relationship()


class Player(db.Model):
    """A student in a session: a nickname, unique in the session, and a rejoin token's hash."""

    __tablename__ = "classroom_players"
    __table_args__ = (UniqueConstraint("session_id", "nickname_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("classroom_sessions.id", ondelete="CASCADE"))
    nickname: Mapped[str] = mapped_column(String(64))
    nickname_key: Mapped[str] = mapped_column(String(64))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    # Set when a logged-in student joins: their answers also go into their study history.
    user_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    joined_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    removed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class ClassAnswer(db.Model):
    """One player's answer to one session question, stored once, with its points and time."""

    __tablename__ = "classroom_answers"
    __table_args__ = (UniqueConstraint("player_id", "session_question_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(
        ForeignKey("classroom_sessions.id", ondelete="CASCADE"), index=True
    )
    player_id: Mapped[int] = mapped_column(ForeignKey("classroom_players.id", ondelete="CASCADE"))
    session_question_id: Mapped[int] = mapped_column(
        ForeignKey("classroom_session_questions.id", ondelete="CASCADE"), index=True
    )
    # The choice's index in the question's own list (None for a typed answer).
    choice_index: Mapped[int | None] = mapped_column(Integer)
    response: Mapped[str] = mapped_column(Text, default="")
    correct: Mapped[bool] = mapped_column(Boolean)
    points: Mapped[int] = mapped_column(Integer, default=0)
    elapsed_ms: Mapped[int | None] = mapped_column(Integer)
    answered_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    # The question's content as asked (filled on insert by app.versions).
    question_version_id: Mapped[int | None] = mapped_column(
        ForeignKey("question_versions.id", ondelete="SET NULL"), index=True
    )
