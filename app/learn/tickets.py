"""Signed tickets: what a study page showed, so the answer to it can be trusted and stored once.

A ticket names the question, the form it was asked in, the mode, the predicted chance of a
right answer, when it was shown and a random client token. The learner's browser hands it back
with the answer; the signature stops anyone changing the form ("choice" for a typed question)
or the time, and the token makes a double submit of the same page one review-log row.
"""

from __future__ import annotations

import secrets
from dataclasses import asdict, dataclass
from datetime import UTC, datetime, timedelta
from functools import lru_cache

from flask import current_app
from itsdangerous import BadSignature, URLSafeTimedSerializer

from app.study.answering import thinking_ms

_SALT = "quire-study-ticket"
# A page left open longer than this is shown afresh rather than answered.
MAX_AGE = timedelta(days=1)


@dataclass(frozen=True)
class Ticket:
    """One showing of one question (q: question id, m: mode, f: form, e: expected, t: ms)."""

    q: int
    m: str
    f: str
    e: float
    t: int
    token: str

    @property
    def shown_at(self) -> datetime:
        """When the page was made."""
        return datetime.fromtimestamp(self.t / 1000, UTC)


def _serializer() -> URLSafeTimedSerializer:
    return _serializer_for(current_app.config["SECRET_KEY"])


@lru_cache(maxsize=4)
def _serializer_for(secret: str) -> URLSafeTimedSerializer:
    # One per secret: a page issues and reads tickets on every answer.
    return URLSafeTimedSerializer(secret, salt=_SALT)


def issue(
    question_id: int,
    mode: str,
    form: str,
    expected: float,
    now: datetime,
    token: str | None = None,
) -> str:
    """A signed ticket for showing `question_id` now (`token`: the showing's token when the
    same page is shown again, so answering it twice is still one answer)."""
    ticket = Ticket(
        q=question_id,
        m=mode,
        f=form,
        e=round(expected, 4),
        t=int(now.timestamp() * 1000),
        token=token or secrets.token_hex(16),
    )
    return _serializer().dumps(asdict(ticket))


def read(raw: str | None) -> Ticket | None:
    """The ticket, or None if it is missing, altered or too old."""
    if not raw:
        return None
    try:
        data = _serializer().loads(raw, max_age=int(MAX_AGE.total_seconds()))
        return Ticket(**data)
    except (BadSignature, TypeError, ValueError):
        return None


def duration_ms(ticket: Ticket, reported: int | None, now: datetime) -> int | None:
    """How long the learner took: the page's own measure if plausible, else the server's."""
    elapsed = now - ticket.shown_at
    if reported is not None and 0 < reported <= elapsed.total_seconds() * 1000 + 60_000:
        measured = timedelta(milliseconds=reported)
    else:
        measured = elapsed
    return thinking_ms(measured)
