"""Invitations: links that give whoever accepts them the instructor (or admin) role."""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime

from sqlalchemy import CheckConstraint, DateTime, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from app.clock import as_utc, utcnow
from app.extensions import db

INVITABLE_ROLES = ("instructor", "admin")


def token_digest(token: str) -> str:
    """What is stored of an invitation's token: its SHA-256, so a copied database invites no one."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def new_token() -> str:
    """A fresh invitation token, long enough that guessing one is hopeless."""
    return secrets.token_urlsafe(24)


class Invitation(db.Model):
    """A link an admin hands out; each use makes one account an instructor or an admin."""

    __tablename__ = "invitations"
    __table_args__ = (
        CheckConstraint("role IN ('instructor', 'admin')", name="role"),
        CheckConstraint("max_uses >= 1", name="max_uses"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    role: Mapped[str] = mapped_column(String(20), default="instructor")
    note: Mapped[str] = mapped_column(String(120), default="")
    created_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    max_uses: Mapped[int] = mapped_column(Integer, default=1)
    uses: Mapped[int] = mapped_column(Integer, default=0)
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    def usable_at(self, now: datetime) -> bool:
        """Whether the link still works: not revoked, not expired, not used up."""
        expired = now >= as_utc(self.expires_at)
        return self.revoked_at is None and not expired and self.uses < self.max_uses
