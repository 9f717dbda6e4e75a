"""Import and export through app.formats, shared by the web pages and the command line."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from app import formats
from app.authoring.editing import free_slug
from app.authoring.import_limits import (
    ImportLimits,
    ImportTooBig,
    check_before_parsing,
    check_count,
    run_parser,
)
from app.authoring.packdata import pack_dict
from app.extraction.archives import ZipLimits, check_zip
from app.extraction.errors import ExtractError
from app.formats.common import FormatError, LossNote, Problem
from app.models import Pack
from app.packs.importer import check_pack, known_sources

MIMETYPES = {
    "json": "application/json",
    "gift": "text/plain",
    "moodle-xml": "application/xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
    "quizlet": "text/plain",
    "qti": "application/zip",
    "apkg": "application/octet-stream",
}
IMPORT_ZIP_LIMITS = ZipLimits(entries=500, total_bytes=50 * 1024 * 1024, ratio=100)


@dataclass
class Preview:
    """What an import would do: the pack, what is lost, and every error (empty: importable)."""

    filename: str
    fmt: str | None
    pack: dict[str, Any] | None = None
    losses: list[LossNote] = field(default_factory=list)
    errors: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when the import can go ahead."""
        return self.pack is not None and not self.errors

    def types(self) -> list[tuple[str, int]]:
        """How many questions of each type, most first."""
        counts = Counter(q["type"] for q in (self.pack or {}).get("questions", []))
        return counts.most_common()


def detect(data: bytes, filename: str) -> str:
    """The file's format by extension, else by content."""
    return formats.detect(filename, data[:4096])


def preview(
    data: bytes,
    filename: str,
    fmt: str | None = None,
    *,
    rename: bool = True,
    replace: bool = False,
    user_id: int | None = None,
    limits: ImportLimits | None = None,
) -> Preview:
    """Read the file and check it against the database; nothing is stored.

    `rename` gives the pack a slug no pack uses yet (web imports always make a new pack);
    `limits` bound the file's size, questions, and the parse's time and memory (web imports).
    """
    fmt = fmt or detect(data, filename)
    result = Preview(filename, fmt)
    try:
        if limits is not None:
            check_before_parsing(data, fmt, limits)
        if data.startswith(b"PK\x03\x04"):
            check_zip(data, IMPORT_ZIP_LIMITS, what="uploaded file")
        sources = known_sources(user_id) if fmt in ("csv", "tsv") else ()
        if limits is None:
            parsed = formats.read(data, filename=filename, fmt=fmt, sources=sources)
        else:
            parsed = run_parser(
                data, limits, formats.read, data, filename=filename, fmt=fmt, sources=sources
            )
            check_count(len(parsed.pack.get("questions", [])), limits)
    except (ExtractError, ImportTooBig) as error:
        result.errors = [Problem(filename, "(file)", str(error))]
        return result
    except FormatError as error:
        result.errors = list(error.problems)
        return result
    pack = parsed.pack
    if rename:
        pack["id"] = free_slug(pack.get("id") or pack["title"])
    texts = {s["id"]: s["text"] for s in pack["sources"] if "text" in s}
    result.pack, result.losses = pack, parsed.losses
    result.errors = [
        Problem(e.file, e.location, e.message)
        for e in check_pack(pack, texts, filename=filename, replace=replace)
    ]
    return result


def export(
    pack: Pack, fmt: str, questions: list | None = None
) -> tuple[bytes, list[LossNote], str, str]:
    """The pack (or these of its questions) as `fmt`: bytes, loss notes, file name, MIME type."""
    entry = formats.FORMATS[fmt]
    output, losses = entry.write_report(pack_dict(pack, questions))
    body = output if isinstance(output, bytes) else output.encode("utf-8")
    return (
        body,
        losses,
        f"{pack.slug}{entry.extension}",
        MIMETYPES.get(fmt, "application/octet-stream"),
    )
