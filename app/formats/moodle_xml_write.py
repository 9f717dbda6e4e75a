"""Write a pack as Moodle XML: one <question> per pack question, grouped by category."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Mapping
from typing import Any

from app.formats import moodle_media
from app.formats.common import Losses, LossNote, answers_of, fmt_number, weight_of
from app.formats.markup import sanitised
from app.formats.moodle_grades import invalid

FORMATS_OUT = {
    None: "plain_text",
    "html": "html",
    "markdown": "markdown",
    "moodle": "moodle_auto_format",
}
QTYPES = {
    "multiple_choice": "multichoice",
    "multiple_response": "multichoice",
    "true_false": "truefalse",
    "cloze": "shortanswer",
    "short_answer": "shortanswer",
    "numeric": "numerical",
    "matching": "matching",
    "essay": "essay",
    "description": "description",
    "ordering": "ordering",
}


def _text(parent: ET.Element, tag: str, value: str, fmt: str | None = None) -> ET.Element:
    node = ET.SubElement(parent, tag)
    if fmt is not None:
        node.set("format", fmt)
    ET.SubElement(node, "text").text = value
    return node


def _answer(parent: ET.Element, answer: Mapping[str, Any], fmt: str) -> ET.Element:
    node = ET.SubElement(parent, "answer", fraction=fmt_number(weight_of(answer)), format=fmt)
    ET.SubElement(node, "text").text = answer["text"]
    _text(node, "feedback", answer.get("feedback", ""), fmt)
    return node


def write(pack: Mapping[str, Any]) -> str:
    """The pack as a Moodle XML question file."""
    return write_report(pack)[0]


def write_report(pack: Mapping[str, Any]) -> tuple[str, list[LossNote]]:
    """The pack as Moodle XML, and notes on what Moodle XML could not hold."""
    losses = Losses()
    quiz = ET.Element("quiz")
    category = None
    for question in pack["questions"]:
        if question.get("category") and question["category"] != category:
            category = question["category"]
            node = ET.SubElement(quiz, "question", type="category")
            _text(node, "category", category)
        _question(quiz, question, losses)
    ET.indent(quiz)
    body = ET.tostring(quiz, encoding="unicode")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + body + "\n", losses.notes()


def _question(quiz: ET.Element, q: Mapping[str, Any], losses: Losses) -> None:
    qtype = QTYPES[q["type"]]
    fmt = FORMATS_OUT[q.get("text_format")]
    if q.get("text_format") == "html":  # Moodle shows what it imports: only what Quire shows
        q = sanitised(q)
    node = ET.SubElement(quiz, "question", type=qtype)
    _text(node, "name", q.get("title") or q["id"])
    _text(node, "questiontext", q["prompt"], fmt)
    _text(node, "generalfeedback", q.get("explanation", ""), fmt)
    ET.SubElement(node, "defaultgrade").text = "0" if qtype == "description" else "1"
    ET.SubElement(node, "penalty").text = "0.3333333"
    ET.SubElement(node, "hidden").text = "0"
    ET.SubElement(node, "idnumber").text = q["id"]
    if qtype == "multichoice":
        single = q["type"] == "multiple_choice" or q.get("single", False)
        ET.SubElement(node, "single").text = "true" if single else "false"
        ET.SubElement(node, "shuffleanswers").text = "true"
        ET.SubElement(node, "answernumbering").text = "abc"
        for answer in answers_of(q):
            _answer(node, answer, fmt)
    elif qtype == "truefalse":
        feedback = {a["text"]: a.get("feedback", "") for a in q.get("answers", [])}
        for choice in ("True", "False"):
            weight = 100 if q["answer"] == choice else 0
            text = feedback.get(choice, "")
            _answer(node, {"text": choice.lower(), "weight": weight, "feedback": text}, fmt)
    elif qtype == "shortanswer":
        ET.SubElement(node, "usecase").text = "0"
        for answer in answers_of(q):
            _answer(node, answer, fmt)
    elif qtype == "numerical":
        _numerical(node, q, fmt, losses)
    elif qtype == "matching":
        ET.SubElement(node, "shuffleanswers").text = "true"
        for pair in q["pairs"]:
            sub = _text(node, "subquestion", pair["left"], fmt)
            answer = ET.SubElement(sub, "answer")
            ET.SubElement(answer, "text").text = pair["right"]
    elif qtype == "ordering":
        for setting, value in (
            ("layouttype", "VERTICAL"), ("selecttype", "ALL"), ("selectcount", "0"),
            ("gradingtype", "ABSOLUTE_POSITION"), ("showgrading", "SHOW"),
        ):  # fmt: skip
            ET.SubElement(node, setting).text = value
        for item in q["items"]:
            _answer(node, {"text": item["text"], "weight": 1}, fmt)
        if any("date" in item or "quote" in item for item in q["items"]):
            losses.add(q["id"], "Moodle ordering items have no date or quote: dropped")
    elif qtype == "essay":
        ET.SubElement(node, "responseformat").text = "editor"
        ET.SubElement(node, "responserequired").text = "1"
        ET.SubElement(node, "responsefieldlines").text = "15"
        _text(node, "graderinfo", q.get("answer", ""), fmt)
        _text(node, "responsetemplate", "", fmt)
    if qtype not in ("matching", "ordering"):
        bad = invalid(answers_of(q) if qtype != "numerical" else q["answers"])
        if bad:
            note = f"fractions Moodle refuses ({', '.join(bad)}): Moodle stops the whole import"
            losses.add(q["id"], note)
    moodle_media.attach(node, q.get("media", []))
    if q.get("tags"):
        tags = ET.SubElement(node, "tags")
        for tag in q["tags"]:
            _text(tags, "tag", tag)
    _note_losses(q, losses)


def _numerical(node: ET.Element, q: Mapping[str, Any], fmt: str, losses: Losses) -> None:
    for answer in q["answers"]:
        if "min" in answer:
            # Moodle numerical answers are value ± tolerance: a range becomes its midpoint.
            middle = round((answer["min"] + answer["max"]) / 2, 12)
            half = round(answer["max"] - middle, 12)
            answer = {**answer, "text": fmt_number(middle), "tolerance": half}
            losses.add(q["id"], "numeric ranges are written as midpoint ± half-width")
        written = _answer(node, answer, fmt)
        if answer["text"] == "*":  # Moodle's "any other answer" has no tolerance
            continue
        ET.SubElement(written, "tolerance").text = fmt_number(float(answer.get("tolerance", 0)))


def _note_losses(q: Mapping[str, Any], losses: Losses) -> None:
    losses.add(q["id"], "Moodle XML has no quote, source, kind, difficulty or quality")
    if q.get("correction"):
        losses.add(q["id"], "Moodle XML has no correction for false statements: dropped")
