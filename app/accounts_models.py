"""Account records: learners, instructors, admins and guests, with their study preferences."""

from __future__ import annotations

import secrets
from datetime import datetime

from flask_login import UserMixin
from sqlalchemy import Boolean, CheckConstraint, DateTime, Float, Integer, Select, String, select
from sqlalchemy.orm import Mapped, mapped_column

from app.clock import utcnow
from app.extensions import db

ROLES = ("learner", "instructor", "admin")


def normalise_email(email: str) -> str:
    """An email address as stored and looked up: trimmed and lower-cased."""
    return email.strip().lower()


def _new_session_token() -> str:
    return secrets.token_hex(16)


class User(UserMixin, db.Model):
    """A learner, instructor or admin; a guest has no email or password until signing up."""

    __tablename__ = "users"
    __table_args__ = (CheckConstraint("role IN ('learner', 'instructor', 'admin')", name="role"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str | None] = mapped_column(String(254), unique=True)
    display_name: Mapped[str] = mapped_column(String(80))
    password_hash: Mapped[str | None] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(20), default="learner")
    is_guest: Mapped[bool] = mapped_column(Boolean, default=False)
    # Part of the login cookie's id: replacing it signs the user out everywhere else.
    session_token: Mapped[str] = mapped_column(String(64), default=_new_session_token)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    last_seen_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    # Study preferences.
    desired_retention: Mapped[float] = mapped_column(Float, default=0.9)
    # None: "auto", new questions paced by their expected gain against the learner's reviews
    # (app/study/selection.py); a number is a ceiling the learner sets.
    new_per_day: Mapped[int | None] = mapped_column(Integer, default=None, nullable=True)
    reviews_per_day: Mapped[int] = mapped_column(Integer, default=200)
    timezone: Mapped[str] = mapped_column(String(64), default="UTC")

    def __repr__(self) -> str:
        return f"<User {self.id} {'guest' if self.is_guest else self.email}>"

    def get_id(self) -> str:
        """The id Flask-Login keeps in the session and the remember cookie."""
        return f"{self.id}:{self.session_token}"

    def rotate_session_token(self) -> None:
        """Invalidate every existing login of this user (after a password change)."""
        self.session_token = _new_session_token()

    @staticmethod
    def select_by_email(email: str) -> Select[tuple[User]]:
        """The user with this email address, compared as stored (lower-cased)."""
        return select(User).where(User.email == normalise_email(email))
