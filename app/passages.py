"""Split a source into paragraphs for reading, marking one passage (plain text in, spans out)."""

from __future__ import annotations

import re
from dataclasses import dataclass

_BLANK_LINES = re.compile(r"\r?\n\s*\n")
_NEWLINE = re.compile(r"\r?\n")


@dataclass(frozen=True)
class Segment:
    """A run of a paragraph's characters; `marked` runs are inside the highlighted passage."""

    text: str
    marked: bool = False
    anchor: bool = False  # the first marked run, the page's #passage target


@dataclass(frozen=True)
class Paragraph:
    """One paragraph text[start:end] as segments, in order."""

    start: int
    end: int
    segments: tuple[Segment, ...]


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each paragraph: split on blank lines, or on newlines if there are none."""
    separator = _BLANK_LINES if _BLANK_LINES.search(text) else _NEWLINE
    spans, start = [], 0
    for match in separator.finditer(text):
        spans.append((start, match.start()))
        start = match.end()
    spans.append((start, len(text)))
    return [(a, b) for a, b in spans if text[a:b].strip()]


def paragraphs(text: str, highlight: tuple[int, int] | None = None) -> list[Paragraph]:
    """The text as paragraphs, with text[start:end] of `highlight` marked where it falls."""
    result: list[Paragraph] = []
    anchored = False
    for start, end in paragraph_spans(text):
        if highlight is None or highlight[1] <= start or highlight[0] >= end:
            result.append(Paragraph(start, end, (Segment(text[start:end]),)))
            continue
        mark_start, mark_end = max(start, highlight[0]), min(end, highlight[1])
        pieces = [
            Segment(text[start:mark_start]),
            Segment(text[mark_start:mark_end], marked=True, anchor=not anchored),
            Segment(text[mark_end:end]),
        ]
        anchored = True
        result.append(Paragraph(start, end, tuple(piece for piece in pieces if piece.text)))
    return result
