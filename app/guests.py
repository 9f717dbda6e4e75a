"""Who is studying: the logged-in user, or a guest created on the spot."""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta

from flask import current_app
from flask_limiter.util import get_remote_address
from flask_login import current_user, login_user
from sqlalchemy.exc import IntegrityError

from app import attempts
from app.accounts_models import User, normalise_email
from app.clock import as_utc
from app.extensions import db, login_manager
from app.passwords import hash_password

GUEST_NAME = "Guest"
# last_seen_at is for housekeeping (pruning abandoned guests), so minutes of slack are fine
# and spare a write on every request.
LAST_SEEN_RESOLUTION = timedelta(minutes=5)


@login_manager.user_loader
def load_user(user_id: str) -> User | None:
    """The user named by a session's "id:token", if the token is still current."""
    raw_id, _, token = user_id.partition(":")
    if not raw_id.isdigit() or not token:
        return None
    user = db.session.get(User, int(raw_id))
    if user is None or not secrets.compare_digest(user.session_token, token):
        return None
    return user


def current_learner(create: bool = False) -> User | None:
    """The logged-in user; else, with `create`, a new guest who is logged in at once.

    Call with create=True only when the visitor does something worth keeping (answering,
    rating a card), so that crawlers reading pages do not create guests.
    """
    if current_user.is_authenticated:
        return current_user._get_current_object()
    if not create:
        return None
    attempt = attempts.reserve(
        current_app.config["QUIRE_GUEST_RATE_LIMIT"], "guest", get_remote_address()
    )
    if not attempt.granted:
        raise attempts.TooManyAttempts(
            attempt.wait_seconds,
            "Too many guests were started from your network. Sign up or log in to study, "
            "or wait and try again.",
        )
    guest = User(display_name=GUEST_NAME, is_guest=True)
    db.session.add(guest)
    db.session.commit()
    # Remembered, so a guest's progress survives closing the browser.
    login_user(guest, remember=True)
    return guest


def register(guest: User | None, *, email: str, display_name: str, password: str) -> None:
    """Create an account for `email` unless one exists; the caller cannot tell which happened.

    A guest is turned into the account in place, so rows pointing at it keep their owner. An
    email that already has an account is left exactly as it was. The password is hashed either
    way, so both take about the time of one hash.
    """
    password_hash = hash_password(password)
    email = normalise_email(email)
    if db.session.scalar(User.select_by_email(email)) is not None:
        return
    user = guest if guest is not None else User()
    user.email, user.display_name, user.is_guest = email, display_name, False
    user.password_hash = password_hash
    # Sessions of the guest (or a stale copy of its cookie) stop working: log in to continue.
    user.rotate_session_token()
    db.session.add(user)
    try:
        db.session.commit()
    except IntegrityError:
        # Someone registered the same email between the check and this commit: theirs stands.
        db.session.rollback()


def record_visit(user: User, now: datetime) -> bool:
    """Move `user.last_seen_at` to `now` if it is stale; return whether it changed."""
    if user.last_seen_at is not None and now - as_utc(user.last_seen_at) < LAST_SEEN_RESOLUTION:
        return False
    user.last_seen_at = now
    return True
