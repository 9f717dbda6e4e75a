"""Convert Quire packs to and from the formats teachers use (plain data: no Flask, no database)."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import PurePath
from typing import Any

from app.formats import (
    anki_read,
    apkg,
    gift,
    json_pack,
    moodle_xml_read,
    moodle_xml_write,
    qti,
    qti_read,
    tabular,
)
from app.formats.common import FormatError, LossNote, ParsedPack, Problem


@dataclass(frozen=True)
class Format:
    """One format: its file extension, reader (None if export only) and writer with loss notes."""

    name: str
    extension: str
    read: Callable[..., ParsedPack] | None
    write_report: Callable[[Mapping[str, Any]], tuple[bytes | str, list[LossNote]]]
    binary: bool = False


FORMATS: dict[str, Format] = {
    "json": Format("json", ".json", json_pack.read, json_pack.write_report),
    "gift": Format("gift", ".gift", gift.read, gift.write_report),
    "moodle-xml": Format("moodle-xml", ".xml", moodle_xml_read.read, moodle_xml_write.write_report),
    "csv": Format("csv", ".csv", tabular.read, tabular.write_report),
    "tsv": Format("tsv", ".tsv", tabular.read, partial(tabular.write_report, delimiter="\t")),
    "quizlet": Format("quizlet", ".txt", tabular.read, tabular.write_cards_report),
    "qti": Format("qti", ".zip", qti_read.read, qti.write_report, binary=True),
    "apkg": Format("apkg", ".apkg", anki_read.read, apkg.write_report, binary=True),
}
_EXTENSIONS = {
    ".json": "json", ".gift": "gift", ".xml": "moodle-xml", ".csv": "csv", ".tsv": "tsv",
    ".txt": "quizlet", ".zip": "qti", ".apkg": "apkg", ".colpkg": "apkg",
}  # fmt: skip


def detect(filename: str, head: bytes) -> str:
    """The format of a file: by its content where that tells, else by its extension.

    A text file's extension says little (Moodle names GIFT exports `.txt`, Quizlet's own are
    `.txt` too), so text is sniffed: a column header, tab-separated cards, GIFT's markup.
    """
    by_extension = _EXTENSIONS.get(PurePath(filename).suffix.lower())
    if head.startswith(b"PK\x03\x04"):
        if by_extension in ("apkg", "qti"):
            return by_extension
        return "apkg" if b"collection.anki" in head[:400] else "qti"
    if by_extension in ("json", "gift", "moodle-xml", "apkg", "qti"):
        return by_extension
    text = head.decode("utf-8", errors="replace").lstrip("\ufeff \t\r\n")
    if text.startswith("{") and '"quire-pack"' in text:
        return "json"
    if text.startswith("<"):
        return "moodle-xml"
    return _sniff_text(text, by_extension)


# GIFT's own markup: an answer block {...}, a ::title:: or a $CATEGORY: line at a line's start.
_GIFT_MARKS = re.compile(r"(?m)^\s*(::.*::|\$CATEGORY:)|(?<!\\)\{[^{}]*(?<!\\)\}")


def _sniff_text(text: str, by_extension: str | None) -> str:
    lines = [line for line in text.splitlines() if line.strip()]
    content = [line for line in lines if not line.lstrip().startswith("//")]
    first = content[0].lower() if content else ""
    if "prompt" in first and "answer" in first:
        return "tsv" if "\t" in first else "csv"
    tabbed = sum("\t" in line.strip() for line in content)  # GIFT indents answers with tabs
    if content and tabbed * 5 >= len(content) * 4:  # four lines in five are term TAB definition
        return by_extension if by_extension == "tsv" else "quizlet"
    if _GIFT_MARKS.search(text) or (lines and len(content) < len(lines)):
        return "gift"
    if by_extension:
        return by_extension
    return "csv" if "," in first else "gift"


def read(
    data: bytes | str,
    *,
    filename: str,
    fmt: str | None = None,
    sources: Sequence[Mapping[str, Any]] = (),
) -> ParsedPack:
    """Read a file in any importable format; FormatError lists every problem, nothing partial."""
    if fmt is None:
        head = data[:4096] if isinstance(data, bytes) else data[:4096].encode("utf-8")
        fmt = detect(filename, head)
    entry = FORMATS.get(fmt)
    if entry is None or entry.read is None:
        readable = ", ".join(name for name, f in FORMATS.items() if f.read)
        message = f"expected a file in an importable format ({readable}), got {fmt}"
        raise FormatError([Problem(filename, "(file)", message)])
    if entry.read is tabular.read:
        return tabular.read(data, filename=filename, sources=sources)
    return entry.read(data, filename=filename)


def convert(
    data: bytes | str, *, src: str | None, dst: str, filename: str
) -> tuple[bytes | str, list[LossNote]]:
    """Read `data` (format `src`, detected when None) and write it as `dst`, with every loss."""
    if dst not in FORMATS:
        message = f"expected one of {', '.join(FORMATS)}, got {dst}"
        raise FormatError([Problem(filename, "(output)", message)])
    parsed = read(data, filename=filename, fmt=src)
    output, losses = FORMATS[dst].write_report(parsed.pack)
    return output, [*parsed.losses, *losses]


__all__ = ["FORMATS", "Format", "FormatError", "LossNote", "ParsedPack", "Problem", "convert",
           "detect", "read"]  # fmt: skip
