"""Text from uploaded files (.txt, .md, .html, .pdf, .docx), within size and zip limits.

Plain bytes in, plain text out: no Flask. The text returned is what becomes the Source, stored
exactly, so that quote offsets into it stay valid.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from pathlib import PurePath

KB, MB = 1024, 1024 * 1024
# Per-type upload limits: prose is small; PDFs and Word files carry fonts and images.
SIZE_LIMITS = {".txt": 2 * MB, ".md": 2 * MB, ".html": 5 * MB, ".htm": 5 * MB,
               ".pdf": 15 * MB, ".docx": 10 * MB}  # fmt: skip
MAX_TEXT_CHARS = 2_000_000
MAX_PDF_PAGES = 500


class ExtractError(Exception):
    """The file cannot become a source; the message says why and what to do."""


@dataclass(frozen=True)
class ZipLimits:
    """Bounds on an archive before anything in it is decompressed."""

    entries: int = 2000
    total_bytes: int = 100 * MB
    ratio: int = 100  # uncompressed / compressed, per entry and overall


def check_zip(data: bytes, limits: ZipLimits = ZipLimits(), what: str = "archive") -> None:
    """Refuse archives with too many entries, too much content or a zip bomb's ratio."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as exc:
        raise ExtractError(f"The {what} is not a readable zip file ({exc}).") from exc
    with archive:
        infos = archive.infolist()
    if len(infos) > limits.entries:
        raise ExtractError(
            f"The {what} has {len(infos):,} entries; the limit is {limits.entries:,}."
        )
    total = sum(info.file_size for info in infos)
    packed = sum(info.compress_size for info in infos)
    if total > limits.total_bytes:
        raise ExtractError(
            f"The {what} unpacks to {total / MB:.0f} MB; the limit is "
            f"{limits.total_bytes / MB:.0f} MB."
        )
    for info in infos:
        if info.file_size > 1 * MB and info.file_size > limits.ratio * max(info.compress_size, 1):
            raise ExtractError(
                f"The {what}'s entry {info.filename} is compressed suspiciously well "
                f"({info.file_size:,} bytes from {info.compress_size:,}); it was refused."
            )
    if total > 1 * MB and total > limits.ratio * max(packed, 1):
        raise ExtractError(f"The {what} is compressed suspiciously well; it was refused.")


def extension(filename: str) -> str:
    """The lower-case extension, checked against the supported ones."""
    suffix = PurePath(filename).suffix.lower()
    if suffix not in SIZE_LIMITS:
        kinds = ", ".join(sorted(SIZE_LIMITS))
        raise ExtractError(f"“{PurePath(filename).name}” is not a supported file: use {kinds}.")
    return suffix


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ExtractError(
            f"The file is not UTF-8 text (byte 0x{data[exc.start]:02x} on line {line}). "
            "Save it as UTF-8 and upload it again."
        ) from exc


def _html(data: bytes) -> str:
    import trafilatura

    text = trafilatura.extract(
        _decode(data), include_comments=False, include_tables=True, favor_precision=True
    )
    return text or ""


def _pdf(data: bytes) -> str:
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        reader = PdfReader(io.BytesIO(data))
        if len(reader.pages) > MAX_PDF_PAGES:
            raise ExtractError(f"The PDF has {len(reader.pages)} pages; the limit is 500.")
        pages, size = [], 0
        for page in reader.pages:
            text = page.extract_text() or ""
            size += len(text)
            if size > MAX_TEXT_CHARS:
                break
            pages.append(text.strip())
    except (PyPdfError, ValueError, KeyError, TypeError) as exc:
        raise ExtractError(f"The PDF could not be read ({exc}).") from exc
    return "\n\n".join(page for page in pages if page)


def _docx(data: bytes) -> str:
    from docx import Document

    check_zip(data, what="Word file")
    try:
        document = Document(io.BytesIO(data))
    except (ValueError, KeyError, zipfile.BadZipFile) as exc:
        raise ExtractError(f"The Word file could not be read ({exc}).") from exc
    return "\n\n".join(p.text.strip() for p in document.paragraphs if p.text.strip())


def extract_text(data: bytes, filename: str) -> str:
    """The text of an uploaded file, or ExtractError saying what is wrong with it."""
    suffix = extension(filename)
    limit = SIZE_LIMITS[suffix]
    if len(data) > limit:
        raise ExtractError(
            f"The file is {len(data) / MB:.1f} MB; {suffix} files may be up to {limit / MB:.0f} MB."
        )
    if suffix == ".pdf":
        text = _pdf(data)
    elif suffix == ".docx":
        text = _docx(data)
    elif suffix in (".html", ".htm"):
        text = _html(data)
    else:
        text = _decode(data)
    if not text.strip():
        raise ExtractError("No text was found in the file (a scanned PDF has only images).")
    if len(text) > MAX_TEXT_CHARS:
        raise ExtractError(f"The text is longer than {MAX_TEXT_CHARS:,} characters; split it up.")
    return text
