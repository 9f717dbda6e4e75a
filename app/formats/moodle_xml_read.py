"""Moodle XML import, parsed with defusedxml: no DTDs, entities or external files."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import Any

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import DefusedXMLParser

from app.formats import moodle_media
from app.formats.common import (
    DEFAULT_KIND,
    FormatError,
    Losses,
    LossNote,
    ParsedPack,
    Problem,
    Problems,
    decode_text,
    empty_pack,
    file_source,
    finish,
    span_quote,
    unique_id,
)
from app.formats.moodle_xml_questions import (
    SUPPORTED,
    question_variants,
    rich_text,
    text_at,
    texts_at,
)


class _Target:
    """An ElementTree builder that also notes where each <question> starts and ends."""

    def __init__(self) -> None:
        self.builder = ET.TreeBuilder()
        self.expat: Any = None
        self.spans: list[list[int]] = []  # [start byte, end byte, line]

    def start(self, tag: str, attrs: dict[str, str]) -> ET.Element:
        if tag == "question":
            self.spans.append([self.expat.CurrentByteIndex, -1, self.expat.CurrentLineNumber])
        return self.builder.start(tag, attrs)

    def end(self, tag: str) -> ET.Element:
        if tag == "question" and self.spans:
            self.spans[-1][1] = self.expat.CurrentByteIndex
        return self.builder.end(tag)

    def data(self, text: str) -> None:
        self.builder.data(text)

    def close(self) -> ET.Element:
        return self.builder.close()


def parse_xml(text: str, filename: str) -> tuple[ET.Element, _Target]:
    """Parse XML safely; DTDs, entities and external references are refused with their line."""
    target = _Target()
    parser = DefusedXMLParser(target=target, forbid_dtd=True)
    target.expat = parser.parser
    try:
        parser.feed(text.encode("utf-8"))
        root = parser.close()
    except DefusedXmlException as exc:
        line = parser.parser.CurrentLineNumber
        got = type(exc).__name__.replace("Forbidden", "").lower() or "a forbidden construct"
        message = f"expected XML without DTDs, entities or external references, got a {got}"
        raise FormatError([Problem(filename, f"line {line}", message)]) from exc
    except ET.ParseError as exc:
        line, column = exc.position
        reason = str(exc).split(":")[0]
        message = f"expected well-formed XML, got {reason} at column {column + 1}"
        raise FormatError([Problem(filename, f"line {line}", message)]) from exc
    return root, target


def _char_offsets(text: str, byte_offsets: list[int]) -> dict[int, int]:
    # Byte offsets from expat sit on tag boundaries, so decoding between them is always safe.
    encoded, out, chars, previous = text.encode("utf-8"), {}, 0, 0
    for offset in sorted(set(byte_offsets)):
        chars += len(encoded[previous:offset].decode("utf-8", errors="replace"))
        out[offset], previous = chars, offset
    return out


def read(data: bytes | str, *, filename: str) -> ParsedPack:
    """Parse a Moodle XML question file into a pack; FormatError lists every problem found."""
    text = decode_text(data, filename)
    declared = re.match(r"<\?xml[^>]*encoding=[\"']([^\"']+)", text.lstrip())
    problems = Problems(filename)
    if declared and declared.group(1).lower().replace("-", "") != "utf8":
        problems.add(1, f"expected encoding UTF-8, got {declared.group(1)}")
        problems.raise_if_any()
    root, target = parse_xml(text, filename)
    if root.tag != "quiz":
        problems.add(1, f"expected a <quiz> root element, got <{root.tag}>")
        problems.raise_if_any()
    elements = root.findall("question")
    spans = [s for s in target.spans if s[1] >= 0]
    if len(spans) != len(elements):
        problems.add(1, "expected <question> elements directly inside <quiz>, got nested ones")
        problems.raise_if_any()
    offsets = _char_offsets(text, [n for s in spans for n in s[:2]])
    pack, source = empty_pack(filename), file_source(text, filename)
    pack["sources"].append(source)
    losses, seen, category = Losses(), set(), None
    for number, (element, span) in enumerate(zip(elements, spans, strict=True), start=1):
        qtype, line = element.get("type", ""), span[2]
        if qtype == "category":
            category = text_at(element, "category") or None
            continue
        name = text_at(element, "name").strip()
        where = f"question {number} ({name or qtype})"
        if qtype not in SUPPORTED and qtype not in ("cloze", "multianswer"):
            losses.add(f"line {line}", f"question type {qtype!r} is not supported: skipped")
            continue
        before = len(problems.items)
        variants = question_variants(element, qtype, where, line, problems, losses)
        if len(problems.items) > before or not variants:
            continue
        files = moodle_media.read_files(element, where, problems, losses)
        old = [(node.text or "").strip() for node in element.iter("image") if (node.text or "")]
        for image in dict.fromkeys(old):
            losses.add(where, f"embedded file {image!r} not kept: Moodle 1.9 <image> is not read")
        if len(problems.items) > before:
            continue
        end = offsets[span[1]] + len("</question>")
        quote = span_quote(source, offsets[span[0]], end)
        base = (element.findtext("idnumber") or "").strip() or name
        for part, fields in enumerate(variants, start=1):
            candidate = base if len(variants) == 1 else f"{base}-{part}"
            uid = unique_id(candidate, seen, len(pack["questions"]) + 1)
            entry = {"id": uid, "kind": DEFAULT_KIND, **fields, "quote": quote}
            entry["explanation"] = rich_text(element, "generalfeedback", entry.get("text_format"))
            entry = _with_media(entry, files, where, losses)
            title = name if len(variants) == 1 else f"{name or qtype} (gap {part})"
            if title and title != uid:
                entry["title"] = title[:255]
            if category:
                entry["category"] = category[:500]
            tags = [t.strip()[:64] for t in texts_at(element, "tags/tag") if t.strip()]
            if tags:
                entry["tags"] = list(dict.fromkeys(tags))
            pack["questions"].append(entry)
    if not pack["questions"] and not problems.items:
        problems.add("(file)", "expected at least one supported question, got none")
    problems.raise_if_any()
    notes = [*losses.notes(), LossNote("(all)", "Moodle XML has no kind or quote: kind=other")]
    return finish(pack, filename, notes)


def _with_media(
    entry: dict[str, Any],
    files: dict[str, dict[str, Any]],
    where: str,
    losses: Losses,
) -> dict[str, Any]:
    """The question with its embedded files as `media` (HTML questions), or a loss note naming
    each file (plain text holds none)."""
    if entry.get("text_format") != "html":
        for name in files:
            losses.add(
                where, f"embedded file {name!r} not kept: a plain-text question holds no media"
            )
        return entry
    # The quote stays verbatim: it is the file's own text.
    entry = {k: v if k == "quote" else moodle_media.rewrite(v, files) for k, v in entry.items()}
    if files:
        entry["media"] = list(files.values())
    return entry
