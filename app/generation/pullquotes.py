"""Pull quotes: short paragraphs that repeat, nearly verbatim, a sentence of the body."""

from __future__ import annotations

import re
from bisect import bisect_right

from app.generation import cleaning_rules as rules
from app.generation.types import BODY, PULLQUOTE

_WORD_RE = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")


def mark_pullquotes(text: str, spans: list[tuple[int, int]], kinds: list[str], end: int) -> None:
    """Mark as PULLQUOTE the short body paragraphs before `end` that repeat a body sentence."""
    low = text.lower()
    if len(low) != len(text):
        low = text
    starts = [s for s, _ in spans]
    for i in range(end):
        s, e = spans[i]
        chunk = low[s:e]
        if kinds[i] != BODY or e - s > 240 or "\n" in chunk or not rules.ends_sentence(chunk):
            continue
        toks = _WORD_RE.findall(chunk)
        if not 5 <= len(toks) <= 45:
            continue
        raw = chunk.split()
        mid = len(raw) // 2 - 2
        last = rules.strip_closers(" ".join(raw[-4:])).rstrip(".!?…")
        # A repeat shares its opening, middle or closing words with the original sentence.
        for probe in (" ".join(raw[:4]), " ".join(raw[mid : mid + 4]), last):
            pos = _find_elsewhere(low, probe, s, e)
            if pos < 0:
                continue
            j = bisect_right(starts, pos) - 1
            if j == i or kinds[j] not in (BODY, PULLQUOTE):
                continue
            js, je = spans[j]
            sentence = _sentence_at(low, js, je, pos)
            shared = len(set(toks) & set(_WORD_RE.findall(sentence))) / len(set(toks))
            # Of two equal short paragraphs, the later one is the repeat.
            if shared >= 0.7 and (j < i or je - js > 1.5 * (e - s)):
                kinds[i] = PULLQUOTE
                break


def _sentence_at(text: str, start: int, end: int, pos: int) -> str:
    """The sentence of text[start:end] around position pos (split at . ! ? and a space)."""
    left = max(text.rfind(p, start, pos) for p in (". ", "? ", "! "))
    right = [r for r in (text.find(p, pos, end) for p in (". ", "? ", "! ")) if r >= 0]
    return text[max(left + 2, start) if left >= 0 else start : min(right) + 1 if right else end]


def _find_elsewhere(hay: str, needle: str, start: int, end: int) -> int:
    """First position of needle in hay outside hay[start:end], or -1."""
    pos = hay.find(needle)
    if start <= pos < end:
        pos = hay.find(needle, end)
    return pos
