"""Moodle XML import and export, parsed with defusedxml: no DTDs, entities or external files."""

from __future__ import annotations

import math
import re
import xml.etree.ElementTree as ET
from collections.abc import Mapping
from typing import Any

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import DefusedXMLParser

from app import media
from app.formats import moodle_cloze, moodle_media, moodle_xml_write
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
    fmt_number,
    span_quote,
    unique_id,
)
from app.formats.markup import plain, to_html
from app.formats.moodle_grades import allowed, nearest

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
        where = f"question {number} ({name or qtype})"
        if qtype not in SUPPORTED and qtype not in ("cloze", "multianswer"):
            losses.add(f"line {line}", f"question type {qtype!r} is not supported: skipped")
            continue
        before = len(problems.items)
        if qtype != "ordering":  # an ordering answer's fraction is its place, not a grade
            _check_grades(element, where, problems)
        if qtype in ("cloze", "multianswer"):
            variants = _cloze(element, where, problems, losses)
        else:
            fields = _fields(element, qtype, problems, line, losses)
            variants = [fields] if fields is not None else []
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
            entry["explanation"] = _rich(element, "generalfeedback", entry.get("text_format"))
            entry = _with_media(entry, files, where, losses)
            title = name if len(variants) == 1 else f"{name or qtype} (gap {part})"
            if title and title != uid:
                entry["title"] = title[:255]
            if category:
                entry["category"] = category[:500]
            tags = [t.strip()[:64] for t in _all_text(element, "tags/tag") if t.strip()]
            if tags:
                entry["tags"] = list(dict.fromkeys(tags))
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


def _own_format(node: ET.Element | None, default: str | None = "html") -> str | None:
    """A text's format attribute; Moodle reads a missing one as html, an unknown one too."""
    name = (node.get("format") or "").strip() if node is not None else ""
    if not name:
        return default
    return None if name == "plain_text" else FORMATS_IN.get(name, "html")


_EMBEDDED = re.compile(r"<img\b[^>]*?src=[\"']@@PLUGINFILE@@/([^\"']+)[\"'][^>]*>", re.IGNORECASE)


def _convert(text: str, own: str | None, text_format: str | None) -> str:
    """Text written in format `own` as the question holds it: sanitised HTML or plain text.
    In plain text an embedded image (not kept: a loss note names it) leaves its alt text in
    brackets; HTML keeps its @@PLUGINFILE@@ references (`_with_media` checks them)."""
    text = text.strip()
    if text_format != "html":
        text = _EMBEDDED.sub(media.image_text, text)
    elif own == "html":
        text = moodle_media.audio_players(text)
    if text_format == "html":
        return to_html(text, own)
    return plain(to_html(text, own)) if own else text


def _rich(element: ET.Element, path: str, text_format: str | None) -> str:
    """The text at `path` (questiontext, generalfeedback...) in the question's text format."""
    node = element.find(path)
    if node is None:
        return ""
    return _convert(_text(node, "."), _own_format(node, text_format), text_format)


def _question_format(element: ET.Element) -> str | None:
    """Quire's text format for the question: HTML for html, markdown and Moodle auto-format."""
    return "html" if _own_format(element.find("questiontext")) else None


def _answers(
    element: ET.Element, problems: Problems, line: int, text_format: str | None, typed: bool
) -> list[dict[str, Any]]:
    """The answers, trimmed; a typed answer (short, numeric, true/false) as plain text."""
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
        own = _own_format(node, text_format)
        text = _convert(_text(node, "."), own, None if typed else text_format)
        if typed:
            text = plain(to_html(text, own)) if own else text
        feedback = _rich(node, "feedback", text_format)
        answer = {"text": text, "weight": weight, "feedback": feedback}
        tolerance = node.findtext("tolerance")
        if tolerance is not None:
            answer["tolerance"] = tolerance
        out.append(answer)
    return out


def _fields(
    element: ET.Element, qtype: str, problems: Problems, line: int, losses: Losses
) -> dict[str, Any] | None:
    before = len(problems.items)
    fmt = _question_format(element)
    prompt = _rich(element, "questiontext", fmt)
    out: dict[str, Any] = {"type": qtype, "prompt": prompt, "answer": ""}
    typed = qtype in ("shortanswer", "numerical", "truefalse")
    answers = _answers(element, problems, line, fmt, typed)
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
            (_convert(_text(sub, "."), _own_format(sub, fmt), fmt), _text(sub, "answer").strip())
            for sub in element.findall("subquestion")
        ]
        out.update(matching_fields(pairs))
    elif qtype == "ordering":
        items = [{"text": a["text"].strip()} for a in answers]
        out.update(type="ordering", items=items, answer=" → ".join(i["text"] for i in items))
    elif qtype == "essay":
        out["answer"] = plain(_rich(element, "graderinfo", "html"))[:1000]
    out["type"] = {"description": "description", "essay": "essay"}.get(qtype, out["type"])
    if fmt:
        out["text_format"] = fmt
    return out if len(problems.items) == before else None


def _numbers(
    answers: list[dict[str, Any]], problems: Problems, line: int, losses: Losses
) -> list[dict[str, Any]]:
    out = []
    for answer in answers:
        if answer["text"] == "*":  # Moodle's "any other answer", kept for its feedback
            out.append({k: v for k, v in answer.items() if k != "tolerance"})
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
    if not any(a["text"] != "*" for a in out):
        problems.add(line, "expected a numeric answer, got none")
    return out


def _check_grades(element: ET.Element, where: str, problems: Problems) -> None:
    """Moodle refuses a file with a grade outside its list (33 for 33.33333, say): so do we."""
    for number, node in enumerate(element.findall("answer"), start=1):
        try:
            weight = float(node.get("fraction", "0"))
        except ValueError:
            continue  # reported where the answers are read
        if math.isfinite(weight) and not allowed(weight):
            near = fmt_number(nearest(weight))
            problems.add(
                f"{where}: answer {number} fraction",
                f"expected one of Moodle's grades (100, 90, 83.33333, 80, ..., 5, 0 and their "
                f"negatives; {near} is nearest), got {node.get('fraction')}",
            )


def _cloze(
    element: ET.Element, where: str, problems: Problems, losses: Losses
) -> list[dict[str, Any]]:
    """A Cloze (multianswer) question as one Quire question per gap."""
    fmt = _question_format(element)
    text = _rich(element, "questiontext", fmt)
    found, wrong = moodle_cloze.gaps(text)
    for message in wrong:
        problems.add(where, message)
    if wrong:
        return []
    variants = moodle_cloze.questions(text, found)
    for fields in variants:
        if fmt:
            fields["text_format"] = fmt
    if len(variants) > 1:
        losses.add(where, f"a Cloze question of {len(variants)} gaps: one question per gap")
    if any("feedback" in a for f in variants for a in f.get("answers", [])):
        losses.add(where, "Cloze gap feedback is kept per answer")
    return variants


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


def write(pack: Mapping[str, Any]) -> str:
    """The pack as a Moodle XML question file."""
    return moodle_xml_write.write_report(pack)[0]


write_report = moodle_xml_write.write_report
