"""Moodle XML import and export, parsed with defusedxml: no DTDs, entities or external files."""

from __future__ import annotations

import math
import re
import xml.etree.ElementTree as ET
from collections.abc import Mapping
from typing import Any

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import DefusedXMLParser

from app.formats import moodle_xml_write
from app.formats.build import (
    choice_fields,
    matching_fields,
    numeric_fields,
    true_false_fields,
    typed_fields,
)
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

FORMATS_IN = {"html": "html", "markdown": "markdown", "moodle_auto_format": "moodle"}
SUPPORTED = (
    "multichoice", "truefalse", "shortanswer", "matching", "numerical", "essay", "description",
    "ordering",
)  # fmt: skip


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
            category = _text(element, "category") or None
            continue
        name = _text(element, "name").strip()
        if qtype not in SUPPORTED:
            losses.add(f"line {line}", f"question type {qtype!r} is not supported: skipped")
            continue
        fields = _fields(element, qtype, problems, line, losses)
        if fields is None:
            continue
        uid = unique_id((element.findtext("idnumber") or "").strip() or name, seen, number)
        end = offsets[span[1]] + len("</question>")
        entry = {"id": uid, "kind": DEFAULT_KIND, **fields}
        entry["quote"] = span_quote(source, offsets[span[0]], end)
        entry["explanation"] = _text(element, "generalfeedback").strip()
        if name and name != uid:
            entry["title"] = name[:255]
        if category:
            entry["category"] = category[:500]
        tags = [t.strip()[:64] for t in _all_text(element, "tags/tag") if t.strip()]
        if tags:
            entry["tags"] = tags
        pack["questions"].append(entry)
    if not pack["questions"] and not problems.items:
        problems.add("(file)", "expected at least one supported question, got none")
    problems.raise_if_any()
    notes = [*losses.notes(), LossNote("(all)", "Moodle XML has no kind or quote: kind=other")]
    return finish(pack, filename, notes)


def _text(element: ET.Element, path: str) -> str:
    found = element.find(f"{path}/text")
    return (found.text or "") if found is not None else ""


def _all_text(element: ET.Element, path: str) -> list[str]:
    return [(node.text or "") for node in element.findall(f"{path}/text")]


def _answers(element: ET.Element, problems: Problems, line: int) -> list[dict[str, Any]]:
    out = []
    for node in element.findall("answer"):
        raw = node.get("fraction", "0")
        try:
            weight = float(raw)
            if not (math.isfinite(weight) and -100 <= weight <= 100):
                raise ValueError(raw)
        except ValueError:
            problems.add(line, f"expected a fraction from -100 to 100, got {raw!r}")
            continue
        answer = {"text": _text(node, "."), "weight": weight, "feedback": _text(node, "feedback")}
        tolerance = node.findtext("tolerance")
        if tolerance is not None:
            answer["tolerance"] = tolerance
        out.append(answer)
    return out


def _fields(
    element: ET.Element, qtype: str, problems: Problems, line: int, losses: Losses
) -> dict[str, Any] | None:
    before = len(problems.items)
    text_node = element.find("questiontext")
    prompt = _text(element, "questiontext").strip()
    out: dict[str, Any] = {"type": qtype, "prompt": prompt, "answer": ""}
    fmt = FORMATS_IN.get(text_node.get("format", "") if text_node is not None else "")
    answers = _answers(element, problems, line)
    if qtype in ("multichoice", "shortanswer", "numerical", "truefalse") and not any(
        a["weight"] > 0 for a in answers
    ):
        problems.add(line, f"expected a {qtype} question with a right answer, got none")
        return None
    if qtype == "multichoice":
        single = element.findtext("single", "true").strip().lower() in ("true", "1")
        out.update(choice_fields(answers, single=single))
    elif qtype == "truefalse":
        best = max(answers, key=lambda a: a["weight"])["text"].strip().lower()
        truth = "True" if best == "true" else "False"
        feedback = {a["text"].strip().capitalize(): a["feedback"] for a in answers}
        out.update(true_false_fields(truth, feedback))
    elif qtype == "shortanswer":
        out.update(typed_fields(answers, prompt))
    elif qtype == "numerical":
        numbers = _numbers(answers, problems, line, losses)
        if not numbers:
            return None
        out.update(numeric_fields(numbers))
    elif qtype == "matching":
        pairs = [
            (_text(sub, ".").strip(), _text(sub, "answer").strip())
            for sub in element.findall("subquestion")
        ]
        out.update(matching_fields(pairs))
    elif qtype == "ordering":
        items = [{"text": a["text"].strip()} for a in answers]
        out.update(type="ordering", items=items, answer=" → ".join(i["text"] for i in items))
    elif qtype == "essay":
        out["answer"] = _text(element, "graderinfo").strip()[:1000]
    out["type"] = {"description": "description", "essay": "essay"}.get(qtype, out["type"])
    if fmt:
        out["text_format"] = fmt
    return out if len(problems.items) == before else None


def _numbers(
    answers: list[dict[str, Any]], problems: Problems, line: int, losses: Losses
) -> list[dict[str, Any]]:
    out = []
    for answer in answers:
        if answer["text"].strip() == "*":
            losses.add(f"line {line}", "the catch-all numeric answer '*' is not kept")
            continue
        try:
            value = float(answer["text"])
            tolerance = abs(float(answer.get("tolerance") or 0))
            if not (math.isfinite(value) and math.isfinite(tolerance)):
                raise ValueError(answer["text"])
        except ValueError:
            problems.add(line, f"expected a number, got {answer['text'][:40]!r}")
            continue
        out.append(answer | {"text": answer["text"].strip(), "tolerance": tolerance})
    if not out:
        problems.add(line, "expected a numeric answer, got none")
    return out


def write(pack: Mapping[str, Any]) -> str:
    """The pack as a Moodle XML question file."""
    return moodle_xml_write.write_report(pack)[0]


write_report = moodle_xml_write.write_report
