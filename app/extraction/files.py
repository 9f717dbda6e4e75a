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
    """A file's text, as stored, the title the document gives itself (None if none), a note
    for the user on how it was read (None when there is nothing to say), and the date it was
    published where the file says it for certain ("2019-11-19"; a news page's markup)."""

    text: str
    title: str | None
    note: str | None = None
    published: str | None = None


def extension(filename: str) -> str:
    """The lower-case extension, checked against the supported ones."""
    suffix = PurePath(filename).suffix.lower()
    if suffix not in SIZE_LIMITS:
        kinds = ", ".join(sorted(SIZE_LIMITS))
        raise ExtractError(f"“{PurePath(filename).name}” is not a supported file: use {kinds}.")
    return suffix


# Said to the user when a plain-text file was not UTF-8 and was read as Windows-1252.
WINDOWS_1252_NOTE = (
    "It is not UTF-8 text, so it was read as Windows-1252 (Western European, as older files "
    "and Project Gutenberg's ISO-8859-1 books are): check its accented letters and quotation marks."
)


# Said to the user when a plain-text file was MediaWiki source (an encyclopedia article's markup).
WIKITEXT_NOTE = (
    "It is MediaWiki markup, so it was read as the rendered article: references, infoboxes, "
    "tables, image captions and the See also, References and External links sections are left out."
)


def decode(data: bytes) -> tuple[str, str | None]:
    """Plain text's characters and a note for the user (None when nothing was guessed): UTF-8
    (with or without its byte-order mark), UTF-16 with its mark, else Windows-1252."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        # Python's "utf-16" reads the mark for the byte order and drops it.
        try:
            return data.decode("utf-16"), None
        except UnicodeDecodeError as exc:
            raise ExtractError(
                "The file starts as UTF-16 text but is cut short or damaged "
                f"(at byte {exc.start:,}). Save it as UTF-8 and try again."
            ) from exc
    try:
        return data.decode("utf-8").removeprefix("\ufeff"), None
    except UnicodeDecodeError as exc:
        if data.startswith(b"\xef\xbb\xbf"):
            # Marked as UTF-8, so another encoding would only be a wrong guess.
            raise _not_text(data, exc.start, "UTF-8") from exc
    try:
        # Windows-1252 agrees with ISO-8859-1 on every letter and has typographic quotes
        # where ISO-8859-1 has control characters; it leaves five bytes undefined.
        return data.decode("cp1252"), WINDOWS_1252_NOTE
    except UnicodeDecodeError as exc:
        raise _not_text(data, exc.start, "UTF-8 or Windows-1252") from exc


def _not_text(data: bytes, position: int, encodings: str) -> ExtractError:
    line = data[:position].count(b"\n") + 1
    return ExtractError(
        f"The file is not {encodings} text (byte 0x{data[position]:02x} on line {line}). "
        "Save it as UTF-8 and try again."
    )


def _read(data: bytes, suffix: str) -> tuple[str, str | None, str | None, str | None]:
    # The text, its title, a note on how it was read and its date of publication.
    if suffix == ".pdf":
        from app.extraction.pdf import pdf_text

        return *pdf_text(data, max_pages=MAX_PDF_PAGES, max_chars=MAX_TEXT_CHARS), None, None
    if suffix == ".docx":
        from app.extraction.word import docx_text

        return *docx_text(data), None, None
    if suffix in (".html", ".htm"):
        from app.extraction.web import html_text

        # Pages declare their own charset (<meta charset>): trafilatura reads it from the bytes.
        text, title, published = html_text(data)
        return text, title, None, published
    text, note = decode(data)
    if suffix == ".md":
        from app.extraction.markdown import markdown_text

        return *markdown_text(text), note, None
    from app.extraction.wikitext import looks_like_wikitext, wikitext_to_text

    if looks_like_wikitext(text):
        return wikitext_to_text(text), None, " ".join(filter(None, (note, WIKITEXT_NOTE))), None
    return text, None, note, None


_NOTHING_FOUND = {
    ".pdf": "No text was found in it (a scanned PDF has only images).",
    ".html": "No article text was found on the page (only menus, links or scripts).",
    ".htm": "No article text was found on the page (only menus, links or scripts).",
}


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
        text, title, note, published = _read(data, suffix)
        if not text.strip():
            raise ExtractError(_NOTHING_FOUND.get(suffix, "No text was found in it."))
        if len(text) > MAX_TEXT_CHARS:
            raise ExtractError(
                f"Its text is longer than {MAX_TEXT_CHARS:,} characters; split it up."
            )
    except ExtractError as error:
        raise ExtractError(f"“{name}”: {error}") from error
    title = " ".join(html.unescape(title).split()) if title else None
    return Extracted(text, title[:300] if title else None, note, published)
