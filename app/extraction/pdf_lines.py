"""A PDF's text lines with their layout (page, position, font size), read with pdfminer.six.

Footnote markers set as superscripts (a smaller digit raised above the line) are dropped from
the line's text here, since only the layout tells them apart from a number in the prose.
"""

from __future__ import annotations

import io
import re
import statistics
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

from app.extraction.errors import ExtractError
from app.extraction.pdf_guard import check_pdf_streams

_LIGATURES = str.maketrans(
    {"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st", "\xad": ""}
)
_CID_RE = re.compile(r"\(cid:\d+\)")
_MARKER_CHARS = frozenset("0123456789*†‡§¶,-–")
_MARKER_STRIP = "".join(_MARKER_CHARS) + " "


@dataclass(frozen=True)
class Line:
    """One line of text on a page: where it sits (PDF points, y upwards) and its font size."""

    page: int
    box: int  # which text box of the page (pdfminer's reading order)
    x0: float
    x1: float
    bottom: float
    top: float
    size: float
    text: str


@dataclass(frozen=True)
class PdfPages:
    """Every line of every page, each page's height, and the document's own Title field."""

    lines: list[Line]
    heights: list[float]
    title: str


def _dominant_size(chars: list) -> float:
    sizes = Counter(round(c.size * 2) / 2 for c in chars)
    return sizes.most_common(1)[0][0] if sizes else 0.0


def _line_text(line, size: float) -> str:
    """The line's text without raised, smaller note markers."""
    from pdfminer.layout import LTChar

    chars = [c for c in line if isinstance(c, LTChar)]
    normal = [c.y0 for c in chars if c.size >= 0.9 * size]
    baseline = statistics.median(normal) if normal else 0.0
    out: list[str] = []
    for item in line:
        text = item.get_text()
        if (
            "".join(out).strip(_MARKER_STRIP)  # a raised number opening a line opens a note
            and isinstance(item, LTChar)
            and item.size < 0.8 * size
            and item.y0 > baseline + 0.2 * size
            and text.lower() in _MARKER_CHARS
        ):
            continue
        out.append(text)
    # "(cid:12)" is pdfminer's name for a glyph the font maps to no character.
    return _CID_RE.sub("", "".join(out).translate(_LIGATURES)).strip()


def _lines(page, number: int) -> Iterator[Line]:
    from pdfminer.layout import LTChar, LTTextBox, LTTextLine

    for box_number, box in enumerate(b for b in page if isinstance(b, LTTextBox)):
        for line in box:
            if not isinstance(line, LTTextLine):
                continue
            chars = [c for c in line if isinstance(c, LTChar)]
            size = _dominant_size(chars)
            text = _line_text(line, size)
            if text:
                yield Line(number, box_number, line.x0, line.x1, line.y0, line.y1, size, text)


def _info_title(document) -> str:
    from pdfminer.utils import decode_text

    for info in document.info:
        value = info.get("Title")
        if hasattr(value, "resolve"):
            value = value.resolve()
        if isinstance(value, bytes):
            return decode_text(value).strip()
        if isinstance(value, str):
            return value.strip()
    return ""


def read_pages(data: bytes, max_pages: int, max_chars: int) -> PdfPages:
    """Lines of a PDF in pdfminer's reading order; ExtractError when it cannot be read."""
    from pdfminer.converter import PDFPageAggregator
    from pdfminer.layout import LAParams
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser

    check_pdf_streams(data)
    lines: list[Line] = []
    heights: list[float] = []
    try:
        document = PDFDocument(PDFParser(io.BytesIO(data)))
        pages = list(PDFPage.create_pages(document))
        if len(pages) > max_pages:
            raise ExtractError(f"The PDF has {len(pages)} pages; the limit is {max_pages}.")
        title = _info_title(document)
        resources = PDFResourceManager()
        device = PDFPageAggregator(resources, laparams=LAParams())
        interpreter = PDFPageInterpreter(resources, device)
        chars = 0
        for number, page in enumerate(pages):
            interpreter.process_page(page)
            layout = device.get_result()
            heights.append(layout.height)
            for line in _lines(layout, number):
                lines.append(line)
                chars += len(line.text)
            if chars > max_chars:
                break
    except ExtractError:
        raise
    except Exception as exc:  # a hostile or broken PDF can fail anywhere inside the parser
        raise ExtractError(
            f"The PDF could not be read ({type(exc).__name__}: {exc}). If it opens in a PDF "
            "reader, print it to a new PDF and upload that."
        ) from exc
    return PdfPages(lines, heights, title)
