"""One way in for every text: a file's bytes and name to its text and its own title.

The text returned is what becomes the source, stored exactly, so that quote offsets into it
stay valid; markup residue and page furniture are dealt with here or marked by the cleaning
stage, never left for a question to quote.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from pathlib import PurePath

from app.extraction.errors import MB, ExtractError

# Per-type size limits: prose is small; PDFs and Word files carry fonts and images.
SIZE_LIMITS = {".txt": 2 * MB, ".md": 2 * MB, ".html": 5 * MB, ".htm": 5 * MB,
               ".pdf": 15 * MB, ".docx": 10 * MB}  # fmt: skip
SUPPORTED = frozenset(SIZE_LIMITS)
MAX_TEXT_CHARS = 2_000_000
MAX_PDF_PAGES = 500


@dataclass(frozen=True)
class Extracted:
    """A file's text, as stored, and the title the document gives itself (None if none)."""

    text: str
    title: str | None


def extension(filename: str) -> str:
    """The lower-case extension, checked against the supported ones."""
    suffix = PurePath(filename).suffix.lower()
    if suffix not in SIZE_LIMITS:
        kinds = ", ".join(sorted(SIZE_LIMITS))
        raise ExtractError(f"“{PurePath(filename).name}” is not a supported file: use {kinds}.")
    return suffix


def decode(data: bytes) -> str:
    """UTF-8 text without its byte-order mark, or ExtractError naming the bad byte's line."""
    try:
        return data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ExtractError(
            f"The file is not UTF-8 text (byte 0x{data[exc.start]:02x} on line {line}). "
            "Save it as UTF-8 and try again."
        ) from exc


def _read(data: bytes, suffix: str) -> tuple[str, str | None]:
    if suffix == ".pdf":
        from app.extraction.pdf import pdf_text

        return pdf_text(data, max_pages=MAX_PDF_PAGES, max_chars=MAX_TEXT_CHARS)
    if suffix == ".docx":
        from app.extraction.word import docx_text

        return docx_text(data)
    if suffix in (".html", ".htm"):
        from app.extraction.web import html_text

        # Pages declare their own charset (<meta charset>): trafilatura reads it from the bytes.
        return html_text(data)
    if suffix == ".md":
        from app.extraction.markdown import markdown_text

        return markdown_text(decode(data))
    return decode(data), None


def check_file(data: bytes, filename: str) -> str:
    """The file's extension if it is a supported kind within its size limit (quick checks an
    upload passes before its file is stored for the worker), else ExtractError."""
    suffix = extension(filename)
    limit = SIZE_LIMITS[suffix]
    if len(data) > limit:
        raise ExtractError(
            f"“{PurePath(filename).name}”: It is {len(data) / MB:.1f} MB; "
            f"{suffix} files may be up to {limit / MB:.0f} MB."
        )
    return suffix


def extract(data: bytes, filename: str) -> Extracted:
    """The text and title of a file, or ExtractError saying which file and what is wrong."""
    name = PurePath(filename).name
    suffix = check_file(data, filename)
    try:
        text, title = _read(data, suffix)
        if not text.strip():
            raise ExtractError("No text was found in it (a scanned PDF has only images).")
        if len(text) > MAX_TEXT_CHARS:
            raise ExtractError(
                f"Its text is longer than {MAX_TEXT_CHARS:,} characters; split it up."
            )
    except ExtractError as error:
        raise ExtractError(f"“{name}”: {error}") from error
    title = " ".join(html.unescape(title).split()) if title else None
    return Extracted(text, title[:300] if title else None)
