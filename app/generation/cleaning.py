"""Which regions of a source text are the authors' own prose, and which are not.

`segment` splits a text into paragraph blocks and labels each one (BODY, FOOTNOTE, COMMENTS,
...). `analysis_text` blanks everything that is not prose so the NLP stage keeps the original
offsets. The rules are structural and generic; the per-block shape tests live in
`cleaning_rules`.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence

from app.generation import cleaning_rules as rules
from app.generation.types import (
    BIO,
    BODY,
    BOILERPLATE,
    BYLINE,
    CAPTION,
    COMMENTS,
    DATELINE,
    FOOTNOTE,
    HEADING,
    LIST_ITEM,
    PULLQUOTE,
    QUESTION_SOURCE_KINDS,
    REFERENCES,
    Block,
)

# Blocks a cut paragraph may jump over to reach its continuation (page furniture in PDFs).
_JOIN_SKIPPABLE = frozenset({FOOTNOTE, HEADING, PULLQUOTE, CAPTION, BOILERPLATE, DATELINE})
# Kinds an end section (references, imprint, comments) absorbs.
_ABSORBED = frozenset({BODY, LIST_ITEM, HEADING, BYLINE, DATELINE, PULLQUOTE})
_MAX_JOIN_SKIP = 8
_WRAP_WIDTH = 120
_WORD_RE = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")


def split_blocks(text: str) -> list[tuple[int, int]]:
    """Paragraph spans (start, end), trimmed: blank-line paragraphs, or lines when lines are long.

    Runs of non-blank lines are one block unless a line is longer than any hard-wrapped line
    would be (a text that puts one paragraph per line) or the run holds bullet lines; then each
    line is a block.
    """
    spans: list[tuple[int, int]] = []
    run: list[tuple[int, int]] = []
    pos = 0
    for line in text.split("\n"):
        end = pos + len(line)
        stripped = line.strip()
        if stripped:
            left = pos + len(line) - len(line.lstrip())
            run.append((left, left + len(stripped)))
        elif run:
            _flush(text, run, spans)
            run = []
        pos = end + 1
    if run:
        _flush(text, run, spans)
    return spans


def _flush(text: str, run: list[tuple[int, int]], spans: list[tuple[int, int]]) -> None:
    if len(run) == 1:
        spans.append(run[0])
        return
    longest = max(e - s for s, e in run)
    bullets = any(rules.BULLET_RE.match(text[s:e]) for s, e in run[1:])
    if longest > _WRAP_WIDTH or bullets:
        spans.extend(run)
    else:
        spans.append((run[0][0], run[-1][1]))


def _local_kind(s: str, section: str | None) -> str:
    """Kind of a block judged on its own shape; HEADING here is only tentative."""
    if section is not None:
        return section
    if len(s) > 600:
        # Long blocks are prose unless they open like a note or a list item.
        return FOOTNOTE if rules.is_footnote(s) else LIST_ITEM if rules.is_list_item(s) else BODY
    if rules.is_footnote(s):
        return FOOTNOTE
    if rules.is_dateline(s):
        return DATELINE
    if rules.byline_name(s):
        return BYLINE
    if rules.is_caption(s):
        return CAPTION
    if rules.is_boilerplate(s):
        return BOILERPLATE
    if rules.is_reference(s):
        return REFERENCES
    if rules.is_numbered_heading(s):
        return HEADING
    if rules.is_list_item(s):
        return LIST_ITEM
    if rules.is_heading_shape(s) or _is_letterhead(s):
        return HEADING
    return BODY


def _is_letterhead(s: str) -> bool:
    """Several short lines, none a sentence: an address, a title page or a board entry."""
    lines = s.split("\n")
    return (
        len(lines) > 1
        and all(len(ln) <= 80 and not rules.ends_sentence(ln) for ln in lines)
        and len(s.split()) <= 30
    )


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


def _repair_cut_headings(strs: list[str], kinds: list[str]) -> None:
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


def _authors(strs: list[str], kinds: list[str]) -> list[str]:
    """Names from bylines, and bare name lines in the first third of the text become bylines."""
    names = []
    head = max(3, len(strs) // 3)
    for i, s in enumerate(strs):
        if kinds[i] == BYLINE:
            name = rules.byline_name(s)
            if name:
                names.append(name)
        elif kinds[i] == HEADING and rules.is_bare_name(s) and not rules.is_numbered_heading(s):
            kinds[i] = BYLINE
            if i < head:
                names.append(s.strip())
    return list(dict.fromkeys(names))


def _thread_start(strs: list[str], kinds: list[str], lo: int, hi: int) -> int | None:
    """First handle line of a comment thread in blocks[lo:hi] (handles then personal replies).

    From that handle on, at least two handles, half of them followed by a reply in the first or
    second person, and at least one reply addressing someone ("you").
    """
    handles = [
        k for k in range(lo, hi) if kinds[k] in (HEADING, BYLINE, BODY) and rules.is_handle(strs[k])
    ]
    replied = [h + 1 < hi and rules.has_comment_tone(strs[h + 1]) for h in handles]
    replies_after = addressed_after = 0
    start = None
    for n in range(len(handles) - 1, -1, -1):
        if replied[n]:
            replies_after += 1
            addressed_after += rules.has_second_person(strs[handles[n] + 1])
        rest = len(handles) - n
        if replied[n] and rest >= 2 and 2 * replies_after >= rest and addressed_after:
            start = handles[n]
    return start


def _end_start(
    strs: list[str], kinds: list[str], titles: list[str | None], authors: list[str]
) -> tuple[int, str]:
    """Where the article ends (index, kind of what follows); len(strs) when it runs to the end."""
    n = len(strs)
    first_body = next((i for i, k in enumerate(kinds) if k == BODY), n)
    marker = next((i for i in range(first_body, n) if titles[i] is not None), n)
    thread = _thread_start(strs, kinds, max(first_body + 1, marker // 2), marker)
    stop = min(marker, thread if thread is not None else n)
    for i in range(first_body + 1, stop):
        if kinds[i] != BODY:
            continue
        named = rules.is_named_bio(strs[i], authors)
        late = i >= 0.6 * marker or thread is not None
        if named or (late and rules.is_generic_bio(strs[i])):
            kinds[i] = BIO
            return i + 1, COMMENTS
    if thread is not None:
        return thread, COMMENTS
    return marker, kinds[marker] if marker < n else BODY


def _absorb_end(kinds: list[str], titles: list[str | None], start: int, section: str) -> None:
    """Everything after the end of the article takes the kind of the section it sits in."""
    for i in range(start, len(kinds)):
        titled = titles[i]
        if titled is not None:
            section = titled
            kinds[i] = titled
        elif kinds[i] in _ABSORBED:
            kinds[i] = section


def _mark_pullquotes(text: str, spans: list[tuple[int, int]], kinds: list[str], end: int) -> None:
    """Short one-sentence paragraphs that repeat, nearly verbatim, a sentence of the body."""
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


def _joins(strs: list[str], kinds: list[str]) -> list[bool]:
    """joins_next for each block: a body paragraph cut mid-sentence and continued later."""
    out = [False] * len(strs)
    for i, s in enumerate(strs):
        if kinds[i] != BODY:
            continue
        j = _next_content(kinds, i)
        if j is not None and kinds[j] == BODY and _continues(s, strs[j]):
            out[i] = True
    return out


def segment(text: str) -> list[Block]:
    """Split text into paragraph blocks in order and label each with what it is."""
    spans = split_blocks(text)
    strs = [text[s:e] for s, e in spans]
    titles = [rules.section_title_kind(s) if len(s) <= 60 else None for s in strs]
    kinds = [_local_kind(s, t) for s, t in zip(strs, titles, strict=True)]
    _repair_cut_headings(strs, kinds)
    authors = _authors(strs, kinds)
    end, section = _end_start(strs, kinds, titles, authors)
    _absorb_end(kinds, titles, end, section)
    _mark_pullquotes(text, spans, kinds, end)
    joins = _joins(strs, kinds)
    return [
        Block(start=s, end=e, kind=k, joins_next=jn)
        for (s, e), k, jn in zip(spans, kinds, joins, strict=True)
    ]


def continuation_of(blocks: Sequence[Block], i: int) -> int | None:
    """Index of the body block that block i (with joins_next) runs on into."""
    for j in range(i + 1, len(blocks)):
        if blocks[j].kind == BODY:
            return j
    return None


def _blank(chunk: str) -> str:
    return "\n".join(" " * len(line) for line in chunk.split("\n"))


def _blank_markers(chunk: str) -> str:
    spans = rules.note_marker_spans(chunk)
    if not spans:
        return chunk
    out = []
    pos = 0
    for s, e in spans:
        out.append(chunk[pos:s])
        out.append(" " * (e - s))
        pos = e
    out.append(chunk[pos:])
    return "".join(out)


def analysis_text(text: str, blocks: Sequence[Block]) -> str:
    """text with non-prose and note markers blanked (newlines kept) and cut paragraphs rejoined.

    The result has exactly len(text) characters, so offsets into it are offsets into text.
    """
    parts: list[str] = []
    pos = 0
    blank_until = -1
    for i, b in enumerate(blocks):
        gap = text[pos : b.start]
        parts.append(" " * len(gap) if b.start <= blank_until else gap)
        chunk = text[b.start : b.end]
        if b.start < blank_until:
            parts.append(" " * len(chunk))
        elif b.kind in QUESTION_SOURCE_KINDS:
            parts.append(_blank_markers(chunk))
        else:
            parts.append(_blank(chunk))
        pos = b.end
        if b.joins_next:
            j = continuation_of(blocks, i)
            if j is not None:
                blank_until = blocks[j].start
    parts.append(text[pos:])
    return "".join(parts)


def skipped_chars(blocks: Sequence[Block]) -> dict[str, int]:
    """Characters per kind of block left out of question generation."""
    out: dict[str, int] = {}
    for b in blocks:
        if b.kind not in QUESTION_SOURCE_KINDS:
            out[b.kind] = out.get(b.kind, 0) + (b.end - b.start)
    return out


def question_blocks(blocks: Sequence[Block]) -> list[Block]:
    """The blocks questions may be asked about (BODY and LIST_ITEM)."""
    return [b for b in blocks if b.kind in QUESTION_SOURCE_KINDS]
