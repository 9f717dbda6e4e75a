"""Password hashing and checking, with the method chosen in the configuration."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from flask import current_app
from werkzeug.security import check_password_hash, generate_password_hash
from zxcvbn import zxcvbn

from app.accounts_models import User
from app.extensions import db

MIN_PASSWORD_LENGTH = 8
# Long enough for any passphrase; short enough that hashing it cannot tie up a worker.
MAX_PASSWORD_LENGTH = 256


# zxcvbn's score runs 0-4; 3 means "safely unguessable: moderate protection from offline
# slow-hash attacks" (about 10^8 guesses or more).
MIN_PASSWORD_SCORE = 3
# zxcvbn's time grows with the length; its matchers see enough in the first 100 characters.
STRENGTH_PREFIX = 100


def password_problem(password: str, user_inputs: Sequence[str] = ()) -> str | None:
    """Why this password cannot be used, or None if it can.

    Beyond the length, zxcvbn checks it against its lists of common passwords, names and words,
    keyboard patterns, dates and repeats, and against `user_inputs` (the email, the name).
    """
    if len(password) < MIN_PASSWORD_LENGTH:
        return f"Use at least {MIN_PASSWORD_LENGTH} characters."
    if len(password) > MAX_PASSWORD_LENGTH:
        return f"Use at most {MAX_PASSWORD_LENGTH} characters."
    if not password.strip():
        return "A password cannot be only spaces."
    inputs = [*user_inputs]
    inputs += [part for value in user_inputs for part in re.split(r"[@.\s]+", value)]
    result = zxcvbn(password[:STRENGTH_PREFIX], user_inputs=[p for p in inputs if p])
    if result["score"] >= MIN_PASSWORD_SCORE:
        return None
    feedback = result["feedback"]
    warning = feedback.get("warning") or ""
    advice = " ".join(feedback.get("suggestions") or []) or "Use a few uncommon words."
    return " ".join(
        part for part in ("That password is too easy to guess.", warning, advice) if part
    )


def hash_password(password: str) -> str:
    """Hash `password` with the configured werkzeug method (salted)."""
    return generate_password_hash(password, method=current_app.config["PASSWORD_HASH_METHOD"])


def set_password(user: User, password: str) -> None:
    """Give `user` a new password, signing out their other sessions."""
    user.password_hash = hash_password(password)
    user.rotate_session_token()


def check_password(user: User, password: str) -> bool:
    """Whether `password` is this user's password (always False for a user without one)."""
    return user.password_hash is not None and check_password_hash(user.password_hash, password)


@lru_cache(maxsize=8)
def _decoy_hash(method: str) -> str:
    return generate_password_hash("not anyone's password", method=method)


def authenticate(email: str, password: str) -> User | None:
    """The registered user with this email and password, or None."""
    user = db.session.scalar(User.select_by_email(email))
    if user is None or user.password_hash is None:
        # Spend the same time as a real check, so the answer's timing does not reveal the email.
        check_password_hash(_decoy_hash(current_app.config["PASSWORD_HASH_METHOD"]), password)
        return None
    return user if check_password(user, password) else None
