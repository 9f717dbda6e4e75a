"""Authoring records: pack editors, question versions, background jobs and staged imports.

Question versions are immutable snapshots: a question's content at version N never changes,
because every edit bumps `Question.version`. A snapshot row is written when version N is first
answered or first replaced, so answers (ReviewLog, ClassAnswer) can point at what was asked.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    CheckConstraint,
    DateTime,
    ForeignKey,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from app.clock import utcnow
from app.extensions import db

JOB_STATUSES = ("queued", "running", "done", "failed")
VISIBILITIES = ("private", "link", "public")


class PackEditor(db.Model):
    """An email invited to change a pack: whoever holds it with an instructor account may.

    Kept by email, not by account, so that inviting (and the list of those invited) says
    nothing about whether an email has an account or which kind: the invitation binds when
    that email's account is an instructor's, now or later.
    """

    __tablename__ = "pack_editors"

    pack_id: Mapped[int] = mapped_column(
        ForeignKey("packs.id", ondelete="CASCADE"), primary_key=True
    )
    email: Mapped[str] = mapped_column(String(254), primary_key=True, index=True)
    added_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class QuestionVersion(db.Model):
    """A question's content as it was at one version number (see the module docstring)."""

    __tablename__ = "question_versions"
    __table_args__ = (UniqueConstraint("question_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    question_id: Mapped[int] = mapped_column(
        ForeignKey("questions.id", ondelete="CASCADE"), index=True
    )
    number: Mapped[int] = mapped_column(Integer)
    data: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))


class Job(db.Model):
    """A background job (question generation): its state lives here so any process can show it.

    A running job's worker touches `heartbeat_at` as it makes progress; one whose heartbeat is
    older than QUIRE_JOB_STALE_SECONDS was cut off (its process died) and is shown as failed.
    """

    __tablename__ = "jobs"
    __table_args__ = (
        CheckConstraint("status IN ('queued', 'running', 'done', 'failed')", name="status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(32), default="generate")
    status: Mapped[str] = mapped_column(String(12), default="queued", index=True)
    owner_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    pack_id: Mapped[int | None] = mapped_column(
        ForeignKey("packs.id", ondelete="CASCADE"), index=True
    )
    payload: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    result: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    done: Mapped[int] = mapped_column(Integer, default=0)
    total: Mapped[int] = mapped_column(Integer, default=0)
    message: Mapped[str] = mapped_column(Text, default="")
    error: Mapped[str] = mapped_column(Text, default="")
    worker: Mapped[str] = mapped_column(String(100), default="")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    started_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    heartbeat_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    finished_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # An upload's file, kept until its job has read it (deferred: job pages never load it).
    upload: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True, deferred=True)


class StagedImport(db.Model):
    """An uploaded file waiting between its dry-run preview and the import's confirmation."""

    __tablename__ = "staged_imports"

    id: Mapped[int] = mapped_column(primary_key=True)
    token: Mapped[str] = mapped_column(String(64), unique=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    filename: Mapped[str] = mapped_column(String(255))
    fmt: Mapped[str | None] = mapped_column(String(20))
    data: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
