"""Which regions of a source text are the authors' own prose, and which are not.

`segment` splits a text into paragraph blocks and labels each one (BODY, FOOTNOTE, COMMENTS,
...). `analysis_text` blanks everything that is not prose so the NLP stage keeps the original
offsets. The rules are structural and generic; the per-block shape tests live in
`cleaning_rules` and `end_matter`.
"""

from __future__ import annotations

from collections.abc import Sequence

from app.generation import cleaning_rules as rules
from app.generation import end_matter
from app.generation.cut_paragraphs import continuation_of, joins_next, repair_cut_headings
from app.generation.pullquotes import mark_pullquotes
from app.generation.residue import blank_residue, linked_note_numbers, note_number_spans
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

# Kinds an end section (references, imprint, comments) absorbs.
_ABSORBED = frozenset({BODY, LIST_ITEM, HEADING, BYLINE, DATELINE, PULLQUOTE})
_WRAP_WIDTH = 120


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


def _is_letterhead(s: str) -> bool:
    """Several short lines, none a sentence: an address, a title page or a board entry."""
    lines = s.split("\n")
    return (
        len(lines) > 1
        and all(len(ln) <= 80 and not rules.ends_sentence(ln) for ln in lines)
        and len(s.split()) <= 30
    )


# Shape tests in order of precedence: the first that holds names the block. HEADING here is
# only tentative. Long blocks are prose unless they open like a note or a list item.
_SHAPES = (
    (rules.is_footnote, FOOTNOTE),
    (rules.is_dateline, DATELINE),
    (rules.byline_name, BYLINE),
    (rules.is_caption, CAPTION),
    (rules.is_boilerplate, BOILERPLATE),
    (rules.is_reference, REFERENCES),
    (rules.is_numbered_heading, HEADING),
    (rules.is_list_item, LIST_ITEM),
    (rules.is_heading_shape, HEADING),
    (_is_letterhead, HEADING),
)
_LONG_BLOCK_SHAPES = ((rules.is_footnote, FOOTNOTE), (rules.is_list_item, LIST_ITEM))


def _local_kind(s: str, section: str | None) -> str:
    """Kind of a block judged on its own shape, unless it sits under a section title."""
    if section is not None:
        return section
    shapes = _LONG_BLOCK_SHAPES if len(s) > 600 else _SHAPES
    return next((kind for test, kind in shapes if test(s)), BODY)


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
        k
        for k in range(lo, hi)
        if kinds[k] in (HEADING, BYLINE, BODY) and end_matter.is_handle(strs[k])
    ]
    replied = [h + 1 < hi and end_matter.has_comment_tone(strs[h + 1]) for h in handles]
    replies_after = addressed_after = 0
    start = None
    for n in range(len(handles) - 1, -1, -1):
        if replied[n]:
            replies_after += 1
            addressed_after += end_matter.has_second_person(strs[handles[n] + 1])
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
        named = end_matter.is_named_bio(strs[i], authors)
        late = i >= 0.6 * marker or thread is not None
        if named or (late and end_matter.is_generic_bio(strs[i])):
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


def segment(text: str) -> list[Block]:
    """Split text into paragraph blocks in order and label each with what it is."""
    spans = split_blocks(text)
    strs = [text[s:e] for s, e in spans]
    titles = [end_matter.section_title_kind(s) for s in strs]
    kinds = [_local_kind(s, t) for s, t in zip(strs, titles, strict=True)]
    repair_cut_headings(strs, kinds)
    authors = _authors(strs, kinds)
    end, section = _end_start(strs, kinds, titles, authors)
    _absorb_end(kinds, titles, end, section)
    mark_pullquotes(text, spans, kinds, end)
    joins = joins_next(strs, kinds)
    return [
        Block(start=s, end=e, kind=k, joins_next=jn)
        for (s, e), k, jn in zip(spans, kinds, joins, strict=True)
    ]


def _blank(chunk: str) -> str:
    return "\n".join(" " * len(line) for line in chunk.split("\n"))


def _blank_list_marker(chunk: str) -> str:
    # A list item's bullet or number is markup, not the item's first word: a question quoting
    # the item starts after it ("• 12 PT-76 tanks" was asked as "• 12 _____ tanks").
    marker = rules.BULLET_RE.match(chunk)
    return " " * marker.end() + chunk[marker.end() :] if marker else chunk


def analysis_text(text: str, blocks: Sequence[Block]) -> str:
    """text with non-prose and markup residue blanked (newlines kept) and cut paragraphs rejoined.

    The result has exactly len(text) characters, so offsets into it are offsets into text.
    """
    parts: list[str] = []
    pos = 0
    blank_until = -1
    # A note number stuck in the prose is blanked, so the sentence's quote is not verbatim and
    # no question shows it.
    notes = linked_note_numbers(text[b.start : b.end] for b in blocks if b.kind != BODY)
    for i, b in enumerate(blocks):
        gap = text[pos : b.start]
        parts.append(" " * len(gap) if b.start <= blank_until else gap)
        chunk = text[b.start : b.end]
        if b.start < blank_until:
            parts.append(" " * len(chunk))
        elif b.kind in QUESTION_SOURCE_KINDS:
            kept = blank_residue(_blank_list_marker(chunk) if b.kind == LIST_ITEM else chunk)
            for start, end in note_number_spans(chunk, notes):
                kept = kept[:start] + " " * (end - start) + kept[end:]
            parts.append(kept)
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
