"""Paragraphs cut by a page or column break: spotting them and finding where they go on."""

from __future__ import annotations

from collections.abc import Sequence

from app.generation import cleaning_rules as rules
from app.generation.types import (
    BODY,
    BOILERPLATE,
    CAPTION,
    DATELINE,
    FOOTNOTE,
    HEADING,
    PULLQUOTE,
    Block,
)

# Blocks a cut paragraph may jump over to reach its continuation (page furniture in PDFs).
_JOIN_SKIPPABLE = frozenset({FOOTNOTE, HEADING, PULLQUOTE, CAPTION, BOILERPLATE, DATELINE})
_MAX_JOIN_SKIP = 8


def _continues(prev: str, nxt: str) -> bool:
    """True when nxt carries on the sentence prev was cut in (page break, column break)."""
    if rules.ends_sentence(prev):
        return False
    if rules.starts_lowercase(nxt):
        return True
    if rules.ends_with_function_word(prev):
        return True
    return len(prev) > 1 and prev[-1] == "-" and prev[-2].isalpha() and nxt[:1].isalpha()


def _next_content(kinds: list[str], i: int) -> int | None:
    """Index of the next block after i that is not skippable page furniture."""
    for j in range(i + 1, min(len(kinds), i + 1 + _MAX_JOIN_SKIP)):
        if kinds[j] not in _JOIN_SKIPPABLE:
            return j
    return None


def repair_cut_headings(strs: list[str], kinds: list[str]) -> None:
    """A short unpunctuated block that a lowercase block continues is prose, not a heading."""
    for i, s in enumerate(strs):
        if kinds[i] != HEADING or rules.is_numbered_heading(s) or "\n" in s:
            continue
        if len(s.split()) < 4 or rules.capital_ratio(s) >= 0.5:
            continue
        j = _next_content(kinds, i)
        if j is not None and kinds[j] in (BODY, HEADING) and _continues(s, strs[j]):
            kinds[i] = BODY
            kinds[j] = BODY


def joins_next(strs: list[str], kinds: list[str]) -> list[bool]:
    """joins_next for each block: a body paragraph cut mid-sentence and continued later."""
    out = [False] * len(strs)
    for i, s in enumerate(strs):
        if kinds[i] != BODY:
            continue
        j = _next_content(kinds, i)
        if j is not None and kinds[j] == BODY and _continues(s, strs[j]):
            out[i] = True
    return out


def continuation_of(blocks: Sequence[Block], i: int) -> int | None:
    """Index of the body block that block i (with joins_next) runs on into."""
    for j in range(i + 1, len(blocks)):
        if blocks[j].kind == BODY:
            return j
    return None
