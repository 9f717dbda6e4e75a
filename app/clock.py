"""The one clock: UTC now, stored timestamps made aware, and the request clock tests can set."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime


def utcnow() -> datetime:
    """The current time as an aware UTC datetime."""
    return datetime.now(UTC)


def as_utc(moment: datetime) -> datetime:
    """A stored timestamp as an aware UTC datetime (SQLite returns them naive)."""
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def request_now() -> datetime:
    """The time a view works with: the app's QUIRE_CLOCK when a test sets one, else `utcnow`."""
    # Imported here so domain code may use this module without loading Flask.
    from flask import current_app, has_app_context

    clock: Callable[[], datetime] | None = (
        current_app.config["QUIRE_CLOCK"] if has_app_context() else None
    )
    return clock() if clock is not None else utcnow()
