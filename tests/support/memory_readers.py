"""Readers for the import child's memory cap (tests/security/test_import_limits.py).

A module of its own, importing nothing of the app: the child imports it to unpickle the reader,
and so starts in a moment.
"""

from __future__ import annotations

SIZE = 16 * 1024 * 1024


def balloon() -> bytearray:
    """A reader that needs SIZE bytes of memory while it reads."""
    return bytearray(SIZE)


class HeavyToSend:
    """A result that needs SIZE bytes only to be sent back (pickled) from the child."""

    def __reduce__(self) -> tuple:
        return (bytes, (bytearray(SIZE),))


def heavy_result() -> HeavyToSend:
    """A reader whose result is cheap to make and dear to send."""
    return HeavyToSend()
