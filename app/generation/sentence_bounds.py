"""Where sentences start in a prompt or passage: the one reading of sentence ends that the
cloze window (cloze_window.py) and the prompt's repairs (settling.py) share.

A full stop ends a sentence when a capital, a digit, an opening quote or bracket, or a blank
follows; not after an initial or a usual abbreviation ("St.", "U.S.", "Gen.", "No.").
"""

from __future__ import annotations

import re

SENTENCE_END = re.compile(r"[.!?][\"”’)]*\s+(?=[A-Z0-9_“\"(])")
ABBREVIATED = re.compile(
    r"(?:\b[A-Z]|\b(?:St|Mt|Ft|Mr|Mrs|Ms|Dr|Jr|Sr|Gen|Col|Lt|Capt|Gov|Sen|Rep|Rev|Prof|No|"
    r"vs|etc|Inc|Co|Corp|Ltd|Bros|approx|ca|cf|viz|i\.e|e\.g))\.$"
)


def sentence_starts(text: str, until: int | None = None) -> list[int]:
    """Offsets where the text's sentences start (0 first), up to offset `until` included."""
    stop = len(text) if until is None else until
    starts = [0]
    for end in SENTENCE_END.finditer(text, 0, stop):
        if not ABBREVIATED.search(text[: end.start() + 1]):
            starts.append(end.end())
    return starts


def sentences(text: str) -> list[str]:
    """The text cut into its sentences, each without the space that follows it."""
    starts = sentence_starts(text)
    bounds = zip(starts, [*starts[1:], len(text)], strict=True)
    return [text[start:end].rstrip() for start, end in bounds]


def sentence_around(text: str, start: int, end: int) -> str:
    """The sentence holding text[start:end], with that span cut out (what is said around it)."""
    starts = sentence_starts(text)
    last = min((s for s in starts if s > start), default=len(text))
    return sentence_before(text, start, starts) + text[end:last]


def sentence_before(text: str, start: int, starts: list[int] | None = None) -> str:
    """The sentence holding text[start], up to that position (`starts`: sentence_starts)."""
    first = max(s for s in (starts if starts is not None else sentence_starts(text)) if s <= start)
    return text[first:start]
