"""Reading and checking the API's query parameters and path ids."""

from __future__ import annotations

from dataclasses import dataclass

from flask import abort, request

DEFAULT_LIMIT = 20
MAX_LIMIT = 100
MAX_OFFSET = 1_000_000
# The largest id a 32-bit INTEGER column holds (PostgreSQL's); bigger ones cannot exist.
MAX_ID = 2**31 - 1
MAX_SOURCE_ID = 128
_TRUE = ("1", "true", "yes")
_FALSE = ("0", "false", "no")


@dataclass(frozen=True)
class Page:
    """Which slice of a list to return."""

    limit: int
    offset: int


def _bounded_int(name: str, default: int, low: int, high: int) -> int:
    raw = request.args.get(name)
    if raw is None:
        return default
    if not raw.isascii() or not raw.isdigit():
        abort(400, description=f"{name} must be a whole number from {low} to {high}, not {raw!r}.")
    value = int(raw)
    if not low <= value <= high:
        abort(400, description=f"{name} must be from {low} to {high}; it was {value}.")
    return value


def page(default_limit: int = DEFAULT_LIMIT) -> Page:
    """The limit and offset of this request (400 when either is not a number in bounds)."""
    return Page(
        limit=_bounded_int("limit", default_limit, 1, MAX_LIMIT),
        offset=_bounded_int("offset", 0, 0, MAX_OFFSET),
    )


def flag(name: str) -> bool:
    """A yes/no query parameter, false when absent (400 for anything but true/false, 1/0)."""
    raw = request.args.get(name)
    if raw is None:
        return False
    value = raw.strip().lower()
    if value not in _TRUE + _FALSE:
        abort(400, description=f"{name} must be true or false, not {raw!r}.")
    return value in _TRUE


def valid_id(value: int) -> bool:
    """Whether a path id could name a row (ids start at 1 and fit an INTEGER column)."""
    return 1 <= value <= MAX_ID


def valid_source_id(value: str) -> bool:
    """Whether a source id could name a row (PostgreSQL refuses NUL characters in text)."""
    return 0 < len(value) <= MAX_SOURCE_ID and "\x00" not in value
