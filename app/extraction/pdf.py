"""A PDF's prose, read by its layout: running headers, footers, page numbers, footnotes and
captions are kept out of the flow of the text.

The text returned is the body in reading order, one paragraph per block (paragraphs cut by a
column or page break joined again, words hyphenated at a line end mended), then, set apart
under their own titles at the end, the footnotes ("Notes") and the captions ("Captions"), which
the cleaning stage recognises as sections that are not prose. Running headers, footers and page
numbers are left out altogether: they are page furniture, not part of the text.
"""

from __future__ import annotations

import itertools
import re
import statistics
from collections import Counter
from dataclasses import dataclass, field

from app.extraction.pdf_lines import Line, PdfPages, read_pages
from app.generation import cleaning_rules as rules

NOTES_TITLE = "Notes"
CAPTIONS_TITLE = "Captions"
_MARGIN = 0.1  # share of the page height at the top and bottom where furniture sits
_PAGE_NUMBER_RE = re.compile(r"^(?:page\s*)?#(?:\s*(?:/|of)\s*#)?$|^[ivxlc]{1,6}$", re.I)
_CAPTION_RE = re.compile(
    r"^(?:fig(?:ure)?\.?|table|chart|exhibit|plate|map|scheme|box)\s*[0-9IVX]+[A-Za-z]?"
    r"(?:\s*[.:|—–]|\s*$)",
    re.I,
)
_NOTE_START_RE = re.compile(r"^(?:\d{1,3}(?![\d,.])|[*†‡§¶]+)\s*\S")
_BULLET_RE = re.compile(r"^[•·▪◦‣●–-]\s")
_WORD_RE = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
_JUNK_TITLE_RE = re.compile(
    r"^(?:untitled|microsoft (?:word|powerpoint)|document\d*)\b|\.(?:docx?|pdf|tex|indd|qxd)$",
    re.I,
)


@dataclass
class _Paragraph:
    lines: list[Line] = field(default_factory=list)

    @property
    def first(self) -> Line:
        return self.lines[0]

    @property
    def last(self) -> Line:
        return self.lines[-1]


def _body_size(lines: list[Line]) -> float:
    """The font size most of the text is set in."""
    weights: Counter[float] = Counter()
    for line in lines:
        weights[line.size] += len(line.text)
    return weights.most_common(1)[0][0] if weights else 0.0


def _furniture_key(line: Line, heights: list[float]) -> str | None:
    """A digit-blind key for a line that reaches into the top or bottom margin, else None."""
    height = heights[line.page]
    # Reaching in, not lying wholly inside: furniture is often set on the one-inch margin line
    # itself (72 of 792 points), straddling the band's edge.
    if line.top > (1 - _MARGIN) * height or line.bottom < _MARGIN * height:
        return re.sub(r"\d+", "#", line.text.casefold()).strip()
    return None


def _furniture(lines: list[Line], heights: list[float]) -> set[int]:
    """Running headers and footers (margin lines repeated on other pages) and page numbers."""
    keys = [_furniture_key(line, heights) for line in lines]
    pages: dict[str, set[int]] = {}
    for line, key in zip(lines, keys, strict=True):
        if key is not None:
            pages.setdefault(key, set()).add(line.page)
    return {
        i
        for i, key in enumerate(keys)
        if key is not None and (len(pages[key]) >= 2 or _PAGE_NUMBER_RE.match(key))
    }


def _fragments(lines: list[Line], body: float) -> set[int]:
    """Small lines without a word of three letters: rotated labels, letter-spaced stamps."""
    return {
        i
        for i, line in enumerate(lines)
        if line.size <= body - 0.75 and not re.search(r"[^\W\d_]{3}", line.text)
    }


def _overlaps(a: Line, b: Line) -> bool:
    return a.x0 < b.x1 and b.x0 < a.x1


def _footnotes(lines: list[Line], skip: set[int], body: float) -> set[int]:
    """Lines set smaller than the body with no body-size line below them in their column.

    Only on pages that have body text: a page set small throughout (an appendix, the text of
    a rule) is prose in a smaller size, not notes.
    """
    body_lines: dict[int, list[Line]] = {}
    for i, line in enumerate(lines):
        if i not in skip and line.size >= body - 0.25:
            body_lines.setdefault(line.page, []).append(line)
    return {
        i
        for i, line in enumerate(lines)
        if i not in skip
        and line.size <= body - 0.75
        and len(body_lines.get(line.page, ())) >= 3
        and not any(
            other.top < line.bottom and _overlaps(line, other)
            for other in body_lines.get(line.page, ())
        )
    }


def _usual_gap(lines: list[Line], keep: list[int], body: float) -> float:
    """The usual space between two lines of a body paragraph (the text's leading)."""
    gaps = [
        lines[a].bottom - lines[b].top
        for a, b in itertools.pairwise(keep)
        if (lines[a].page, lines[a].box) == (lines[b].page, lines[b].box)
        and abs(lines[a].size - body) <= 0.5
        and abs(lines[b].size - body) <= 0.5
    ]
    return statistics.median(gaps) if gaps else 0.0


def _starts_paragraph(prev: Line, line: Line, body: float, gap: float) -> bool:
    """Within one text box: a wider gap, a heading, a first-line indent or a bullet."""
    heading = max(prev.size, line.size) > body + 0.5
    if (heading and abs(prev.size - line.size) > 0.5) or line.page != prev.page:
        return True
    if prev.bottom - line.top > gap + 0.2 * max(prev.size, line.size, body):
        return True
    if _BULLET_RE.match(line.text):
        return True
    return line.x0 > prev.x0 + 0.6 * line.size and rules.ends_sentence(prev.text)


def _paragraphs(lines: list[Line], keep: list[int], body: float, notes: bool) -> list[_Paragraph]:
    """Group lines into paragraphs: by text box, size, spacing and indentation."""
    gap = _usual_gap(lines, keep, body)
    out: list[_Paragraph] = []
    prev: Line | None = None
    for i in keep:
        line = lines[i]
        if prev is None:
            new = True
        elif notes:  # a note starts with its number, or with a first-line indent
            new = (
                (bool(_NOTE_START_RE.match(line.text)) and rules.ends_sentence(prev.text))
                or line.x0 > prev.x0 + 0.6 * line.size
                or line.page != prev.page
                or prev.bottom - line.top > gap + 0.5 * line.size
            )
        else:
            new = (line.page, line.box) != (prev.page, prev.box) or _starts_paragraph(
                prev, line, body, gap
            )
        if new:
            out.append(_Paragraph())
        out[-1].lines.append(line)
        prev = line
    return out


def _vocabulary(lines: list[Line]) -> tuple[set[str], set[str]]:
    """Words of the document, written whole and written with a hyphen."""
    whole, hyphenated = set(), set()
    for line in lines:
        for word in _WORD_RE.findall(line.text):
            (hyphenated if "-" in word else whole).add(word.casefold())
    return whole, hyphenated


def _join(left: str, right: str, vocabulary: tuple[set[str], set[str]]) -> str:
    """Join two lines of one paragraph, mending a word hyphenated at the line end."""
    if left.endswith("-") and left[-2:-1].isalpha() and right[:1].islower():
        head = _WORD_RE.findall(left[:-1])[-1:] or [""]
        tail = _WORD_RE.findall(right)[:1] or [""]
        whole, hyphenated = vocabulary
        compound = "-" in head[0] or "-" in tail[0]  # "state-of-" + "the-art"
        if compound or (
            f"{head[0]}-{tail[0]}".casefold() in hyphenated
            and f"{head[0]}{tail[0]}".casefold() not in whole
        ):
            return left + right
        return left[:-1] + right
    if left.endswith(("–", "—", "/")) or (left.endswith("-") and left[-2:-1].isalnum()):
        return left + right
    return f"{left} {right}"


def _text(paragraph: _Paragraph, vocabulary: tuple[set[str], set[str]]) -> str:
    text = paragraph.lines[0].text
    for line in paragraph.lines[1:]:
        text = _join(text, line.text, vocabulary)
    return re.sub(r"\s+", " ", text).strip()


def _continues(prev: str, nxt: str) -> bool:
    """A paragraph cut by a column or page break: the next one carries on its sentence."""
    if rules.ends_sentence(prev):
        return False
    return (
        rules.starts_lowercase(nxt)
        or rules.ends_with_function_word(prev)
        or (prev.endswith(("-", ",", ";", "–")) and nxt[:1].isalnum())
    )


def _flow(paragraphs: list[_Paragraph], body: float, vocabulary) -> tuple[list[str], list[str]]:
    """Body paragraphs (cut ones joined) and captions, in reading order."""
    right: dict[tuple[int, int], float] = {}
    for paragraph in paragraphs:
        for line in paragraph.lines:
            key = (line.page, line.box)
            right[key] = max(right.get(key, 0.0), line.x1)
    texts: list[str] = []
    captions: list[str] = []
    open_body = False  # whether texts[-1] is a body paragraph a later one may continue
    full = False  # whether its last line runs to the column's right edge
    for paragraph in paragraphs:
        text = _text(paragraph, vocabulary)
        if _CAPTION_RE.match(text):
            captions.append(text)
            continue
        is_body = paragraph.first.size <= body + 0.5
        cut = full and not rules.ends_sentence(texts[-1])
        if open_body and is_body and (cut or _continues(texts[-1], text)):
            texts[-1] = _join(texts[-1], text, vocabulary)
        else:
            texts.append(text)
        open_body = is_body
        last = paragraph.last
        full = len(paragraph.lines) > 1 and last.x1 >= right[(last.page, last.box)] - last.size
    return texts, captions


def _title(pages: PdfPages, lines: list[Line], keep: list[int], body: float) -> str | None:
    """The document's Title field, else the largest line(s) on the first page."""
    if len(pages.title) >= 4 and not _JUNK_TITLE_RE.search(pages.title):
        return pages.title
    first = [lines[i] for i in keep if lines[i].page == min(lines[k].page for k in keep)]
    if not first:
        return None
    largest = max(line.size for line in first)
    if largest <= body + 0.5:
        return None
    parts = []
    for line in first:
        if line.size == largest:
            parts.append(line.text)
        elif parts:
            break
    title = " ".join(parts).strip()
    return title[:300] if len(title) >= 3 else None


def pdf_text(data: bytes, *, max_pages: int, max_chars: int) -> tuple[str, str | None]:
    """The prose of a PDF, its notes and captions set apart, and its title if it has one."""
    pages = read_pages(data, max_pages, max_chars)
    lines = pages.lines
    furniture = _furniture(lines, pages.heights)
    body = _body_size([line for i, line in enumerate(lines) if i not in furniture])
    furniture |= _fragments(lines, body)
    notes = _footnotes(lines, furniture, body)
    vocabulary = _vocabulary(lines)
    keep = [i for i in range(len(lines)) if i not in furniture and i not in notes]
    texts, captions = _flow(_paragraphs(lines, keep, body, notes=False), body, vocabulary)
    note_lines = sorted(notes)
    note_texts = [_text(p, vocabulary) for p in _paragraphs(lines, note_lines, body, notes=True)]
    parts = list(texts)
    if note_texts:
        parts += [NOTES_TITLE, *note_texts]
    if captions:
        parts += [CAPTIONS_TITLE, *captions]
    title = _title(pages, lines, keep, body) if keep else None
    return "\n\n".join(parts), title
