"""One Moodle XML <question> element read as Quire question fields, per question type."""

from __future__ import annotations

import math
import re
import xml.etree.ElementTree as ET
from typing import Any

from app import media
from app.formats import moodle_cloze, moodle_media
from app.formats.build import (
    choice_fields,
    matching_fields,
    numeric_fields,
    true_false_fields,
    typed_fields,
)
from app.formats.common import Losses, Problems, fmt_number
from app.formats.markup import plain, to_html
from app.formats.moodle_grades import allowed, nearest

FORMATS_IN = {"html": "html", "markdown": "markdown", "moodle_auto_format": "moodle"}
SUPPORTED = (
    "multichoice", "truefalse", "shortanswer", "matching", "numerical", "essay", "description",
    "ordering",
)  # fmt: skip


def question_variants(
    element: ET.Element, qtype: str, where: str, line: int, problems: Problems, losses: Losses
) -> list[dict[str, Any]]:
    """The question's fields: one set, or one per Cloze gap; none when it has problems."""
    if qtype != "ordering":  # an ordering answer's fraction is its place, not a grade
        _check_grades(element, where, problems)
    if qtype in ("cloze", "multianswer"):
        return _cloze(element, where, problems, losses)
    fields = _fields(element, qtype, problems, line, losses)
    return [fields] if fields is not None else []


def text_at(element: ET.Element, path: str) -> str:
    """The <text> under `path`, as written; empty when there is none."""
    found = element.find(f"{path}/text")
    return (found.text or "") if found is not None else ""


def texts_at(element: ET.Element, path: str) -> list[str]:
    """Every <text> under `path` (tags/tag, say), as written."""
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
    brackets; HTML keeps its @@PLUGINFILE@@ references (the reader's `_with_media` checks them)."""
    text = text.strip()
    if text_format != "html":
        text = _EMBEDDED.sub(media.image_text, text)
    elif own == "html":
        text = moodle_media.audio_players(text)
    if text_format == "html":
        return to_html(text, own)
    return plain(to_html(text, own)) if own else text


def rich_text(element: ET.Element, path: str, text_format: str | None) -> str:
    """The text at `path` (questiontext, generalfeedback...) in the question's text format."""
    node = element.find(path)
    if node is None:
        return ""
    return _convert(text_at(node, "."), _own_format(node, text_format), text_format)


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
        text = _convert(text_at(node, "."), own, None if typed else text_format)
        if typed:
            text = plain(to_html(text, own)) if own else text
        feedback = rich_text(node, "feedback", text_format)
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
    prompt = rich_text(element, "questiontext", fmt)
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
        subquestions = element.findall("subquestion")
        pairs = [
            (_convert(text_at(s, "."), _own_format(s, fmt), fmt), text_at(s, "answer").strip())
            for s in subquestions
        ]
        out.update(matching_fields(pairs))
    elif qtype == "ordering":
        items = [{"text": a["text"].strip()} for a in answers]
        out.update(type="ordering", items=items, answer=" → ".join(i["text"] for i in items))
    elif qtype == "essay":
        out["answer"] = plain(rich_text(element, "graderinfo", "html"))[:1000]
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
    text = rich_text(element, "questiontext", fmt)
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
