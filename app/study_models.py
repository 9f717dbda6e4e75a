"""Study records: each learner's cards, review log, skill, plan, and each question's difficulty.

Choosing the next question reads cards (indexed on (user_id, due) and (user_id, last_seen_at)),
never the review log: the log is read only for today's counts (a range on (user_id,
reviewed_at)), for undo (the newest row), and for the progress pages.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from app.clock import utcnow
from app.extensions import db

MODES = ("quiz", "flashcard", "cram")
# "recall": a flashcard, answered in the learner's head and rated by them.
FORMS = ("choice", "typed", "recall")


class Card(db.Model):
    """One learner×question card: the FSRS columns of `CardState` plus exposure bookkeeping."""

    __tablename__ = "cards"
    __table_args__ = (
        UniqueConstraint("user_id", "question_id"),
        Index("ix_cards_user_id_due", "user_id", "due"),
        Index("ix_cards_user_id_last_seen_at", "user_id", "last_seen_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    question_id: Mapped[int] = mapped_column(
        ForeignKey("questions.id", ondelete="CASCADE"), index=True
    )
    state: Mapped[int] = mapped_column(Integer)
    step: Mapped[int | None] = mapped_column(Integer)
    stability: Mapped[float | None] = mapped_column(Float)
    difficulty: Mapped[float | None] = mapped_column(Float)
    due: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    last_review: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    reps: Mapped[int] = mapped_column(Integer, default=0)
    lapses: Mapped[int] = mapped_column(Integer, default=0)
    suspended: Mapped[bool] = mapped_column(Boolean, default=False)
    leech: Mapped[bool] = mapped_column(Boolean, default=False)
    # Set aside by the learner until this time (the start of their next day), as Anki buries.
    buried_until: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # Recency and exposure for selection, kept here so that selection never reads the log.
    last_seen_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    exposures: Mapped[int] = mapped_column(Integer, default=0)
    last_rating: Mapped[int | None] = mapped_column(Integer)

    def __repr__(self) -> str:
        return f"<Card user {self.user_id} question {self.question_id}>"


class ReviewLog(db.Model):
    """One answer or rating, stored exactly once (client_token is unique per user)."""

    __tablename__ = "review_logs"
    __table_args__ = (
        UniqueConstraint("user_id", "client_token"),
        Index("ix_review_logs_user_id_reviewed_at", "user_id", "reviewed_at"),
        Index("ix_review_logs_user_id_question_id", "user_id", "question_id"),
        CheckConstraint("mode IN ('quiz', 'flashcard', 'cram')", name="mode"),
        CheckConstraint("form IN ('choice', 'typed', 'recall')", name="form"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    question_id: Mapped[int] = mapped_column(
        ForeignKey("questions.id", ondelete="CASCADE"), index=True
    )
    card_id: Mapped[int | None] = mapped_column(
        ForeignKey("cards.id", ondelete="SET NULL"), index=True
    )
    mode: Mapped[str] = mapped_column(String(10))
    form: Mapped[str] = mapped_column(String(10))
    response: Mapped[Any] = mapped_column(JSON, nullable=True)
    correct: Mapped[bool] = mapped_column(Boolean)
    rating: Mapped[int | None] = mapped_column(Integer)
    duration_ms: Mapped[int | None] = mapped_column(Integer)
    reviewed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    # The FSRS state before the answer (None: the question's first answer), for counting new
    # cards and reviews per day with the index, and for true retention.
    card_state: Mapped[int | None] = mapped_column(Integer)
    # state_to_dict of the card before, plus what undo must put back (exposures, skill...).
    state_before: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)
    client_token: Mapped[str] = mapped_column(String(64))
    undone: Mapped[bool] = mapped_column(Boolean, default=False)
    # The question's content as asked (filled on insert by app.versions).
    question_version_id: Mapped[int | None] = mapped_column(
        ForeignKey("question_versions.id", ondelete="SET NULL"), index=True
    )

    def __repr__(self) -> str:
        return f"<ReviewLog {self.id} user {self.user_id} question {self.question_id}>"


class LearnerSkill(db.Model):
    """A learner's Elo skill, recent answers and memory calibration (learner.LearnerState)."""

    __tablename__ = "learner_skills"

    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    skill: Mapped[float] = mapped_column(Float, default=0.0)
    answered: Mapped[int] = mapped_column(Integer, default=0)
    recent: Mapped[list[bool]] = mapped_column(JSON, default=list)
    memory_bias: Mapped[float] = mapped_column(Float, default=0.0)
    # The rest of the learner's memory model (policy.MemoryModel); the defaults are its prior.
    memory_slope: Mapped[float] = mapped_column(Float, default=1.0, server_default=text("1.0"))
    memory_hardness: Mapped[float] = mapped_column(Float, default=0.0, server_default=text("0.0"))
    memory_practice: Mapped[float] = mapped_column(Float, default=0.0, server_default=text("0.0"))
    memory_lapse: Mapped[float] = mapped_column(Float, default=0.0, server_default=text("0.0"))
    memory_first: Mapped[float] = mapped_column(Float, default=0.0, server_default=text("0.0"))
    # FSRS parameters fitted to the learner's own answers (app.study.fitting; NULL: the
    # defaults), how many answers they were fitted on, and the answer count of the last refit
    # attempt, kept or not (what paces the refits); written by the refit only.
    fsrs_parameters: Mapped[list[float] | None] = mapped_column(JSON, nullable=True)
    fsrs_fitted_on: Mapped[int | None] = mapped_column(Integer, nullable=True)
    fsrs_attempted_on: Mapped[int | None] = mapped_column(Integer, nullable=True)
    # The forecast's weights (app.study.forecast; learner.LearnerState's forecast_*): the chance
    # of a right answer Quire states, which decides nothing; the defaults state the reference.
    forecast_bias: Mapped[float] = mapped_column(Float, default=0.0, server_default=text("0.0"))
    forecast_slope: Mapped[float] = mapped_column(Float, default=1.0, server_default=text("1.0"))
    forecast_last: Mapped[float] = mapped_column(Float, default=0.0, server_default=text("0.0"))
    forecast_once: Mapped[float] = mapped_column(Float, default=0.0, server_default=text("0.0"))
    forecast_twice: Mapped[float] = mapped_column(Float, default=0.0, server_default=text("0.0"))
    forecast_elapsed: Mapped[float] = mapped_column(Float, default=0.0, server_default=text("0.0"))
    forecast_item: Mapped[float] = mapped_column(Float, default=1.0, server_default=text("1.0"))
    # What a review buys the learner beyond the reference (app.study.payoff): answers right
    # after a right review, their summed surplus over the predicted chance, and the prior
    # surplus earlier learners left; they set the due threshold (learner.due_threshold).
    payoff_answers: Mapped[int] = mapped_column(Integer, default=0, server_default=text("0"))
    payoff_surplus: Mapped[float] = mapped_column(Float, default=0.0, server_default=text("0.0"))
    payoff_prior: Mapped[float] = mapped_column(Float, default=0.15, server_default=text("0.15"))


class ItemStat(db.Model):
    """A question's Elo difficulty, shared by every learner, and how many answers it rests on;
    its forecast offset, likewise."""

    __tablename__ = "item_stats"

    question_id: Mapped[int] = mapped_column(
        ForeignKey("questions.id", ondelete="CASCADE"), primary_key=True
    )
    difficulty: Mapped[float] = mapped_column(Float)
    answers: Mapped[int] = mapped_column(Integer, default=0)
    # The forecast's offset for the question (forecast.ItemMemory), pooled over every learner's
    # reviews of it, and how many reviews it rests on.
    forecast_offset: Mapped[float] = mapped_column(Float, default=0.0, server_default=text("0.0"))
    forecast_answers: Mapped[int] = mapped_column(Integer, default=0, server_default=text("0"))


class StudyPlan(db.Model):
    """What a learner chose to study (a pack, narrowed by sources, kinds and tags)."""

    __tablename__ = "study_plans"

    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    pack_id: Mapped[int | None] = mapped_column(ForeignKey("packs.id", ondelete="SET NULL"))
    source_ids: Mapped[list[str]] = mapped_column(JSON, default=list)
    kinds: Mapped[list[str]] = mapped_column(JSON, default=list)
    tags: Mapped[list[str]] = mapped_column(JSON, default=list)
    # "quiz" or "flashcard": where the one-click Continue goes.
    last_mode: Mapped[str] = mapped_column(String(10), default="quiz")
    # Set while reviewing ahead: cards not seen since then come first.
    cram_started_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, onupdate=utcnow
    )
