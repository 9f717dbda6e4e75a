"""Attempts counted atomically: reserve one before the work, give it back if the attempt succeeds.

Flask-Limiter's `deduct_when` tests a limit before the view and counts the attempt after it, so
requests that arrive together all pass the test before any is counted (the probe got 25-27 join
code guesses past a limit of 20). Here the count is taken first, with one atomic increment in
the limiter's storage (memory, or Redis shared by every app server), so at most `amount`
attempts are ever evaluated per window; an attempt that should not count (a successful join or
log-in) is handed back afterwards.
"""

from __future__ import annotations

import hashlib
import logging
import time
from dataclasses import dataclass, field

from flask import current_app
from limits import RateLimitItem, parse_many
from limits.storage import MemoryStorage, Storage
from limits.strategies import FixedWindowRateLimiter
from werkzeug.exceptions import TooManyRequests

from app.extensions import limiter

log = logging.getLogger(__name__)
# Used while the shared storage does not answer, so attempts are still counted on this server.
_fallback = MemoryStorage()


class TooManyAttempts(TooManyRequests):
    """A 429 that knows how many seconds until the next attempt may be made."""

    def __init__(self, wait_seconds: int | None, description: str) -> None:
        super().__init__(description=description)
        self.wait_seconds = wait_seconds


@dataclass
class Reservation:
    """Attempts counted against some limits; `refund` gives them back."""

    storage: Storage | None = None
    counted: list[tuple[RateLimitItem, str]] = field(default_factory=list)
    wait_seconds: int | None = None

    @property
    def granted(self) -> bool:
        """Whether every limit had room for this attempt."""
        return self.wait_seconds is None

    def refund(self) -> None:
        """Give the attempt back (it succeeded, so it does not count against the limits)."""
        for item, key in self.counted:
            # An increment by -1 is atomic in memory and Redis alike.
            self.storage.incr(key, item.get_expiry(), amount=-1)
        self.counted = []


def _storage() -> Storage:
    try:
        storage = limiter.storage
        if storage.check():
            return storage
    except Exception:  # any storage error: count locally rather than fail the request
        log.warning("rate-limit storage unavailable; counting attempts in memory")
    return _fallback


def key_of(value: str) -> str:
    """A short, stable digest of an identifier (an email address is never stored as a key)."""
    return hashlib.sha256(value.encode("utf-8")).hexdigest()[:32]


def reserve(limits: str, scope: str, identifier: str) -> Reservation:
    """Count one attempt by `identifier` in `scope` against each of `limits` ("5 per minute;...").

    Refused (not granted) when any limit is already full; then nothing stays counted.
    """
    if not current_app.config.get("RATELIMIT_ENABLED", True):
        return Reservation()
    storage = _storage()
    strategy = FixedWindowRateLimiter(storage)
    prefix = current_app.config["RATELIMIT_KEY_PREFIX"]
    reservation = Reservation(storage)
    for item in parse_many(limits):
        identifiers = (prefix, "attempts", scope, identifier)
        if strategy.hit(item, *identifiers):
            reservation.counted.append((item, item.key_for(*identifiers)))
            continue
        storage.incr(item.key_for(*identifiers), item.get_expiry(), amount=-1)
        reservation.refund()
        reset = strategy.get_window_stats(item, *identifiers).reset_time
        reservation.wait_seconds = max(1, int(reset - time.time()))
        break
    return reservation
