"""The one error every extraction step raises, and the size units its messages use."""

from __future__ import annotations

KB, MB = 1024, 1024 * 1024


class ExtractError(Exception):
    """The file cannot become a source; the message says why and what to do."""
