"""GIFT, Moodle's text format: parse one question block's title, format, text and answers."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Any

from app.formats.common import Problems, fmt_number
from app.formats.gift_blocks import Block, unescape

_FORMATS = {"html": "html", "markdown": "markdown", "moodle": "moodle", "plain": None}
_TF = {"T": "True", "TRUE": "True", "F": "False", "FALSE": "False"}
_WEIGHT = re.compile(r"^%(-?\d+(?:\.\d+)?)%")


@dataclass
class GiftQuestion:
    """What one block says, before it becomes a pack question."""

    title: str | None = None
    text_format: str | None = None
    prompt: str = ""
    kind: str = "description"  # choice, truefalse, short, matching, numeric, essay, description
    answers: list[dict[str, Any]] = field(default_factory=list)
    truth: str = ""
    general: str = ""
    general_format: str | None = None  # the general feedback's own [format] tag, if any
    missing_word: bool = False
    idnumber: str = ""  # Moodle's [id:...] in the question's comments
    tags: list[str] = field(default_factory=list)  # Moodle's [tag:...] in its comments
    line: int = 0  # where the answer block opens, for errors found after parsing


def parse_block(block: Block, problems: Problems) -> GiftQuestion | None:
    """Parse one block; record problems (with line numbers) and return None when it is invalid."""
    before = len(problems.items)
    text, question = block.text.strip(), GiftQuestion()
    body_offset = block.text.index(text[0]) if text else 0
    if text.startswith("::"):
        close = text.find("::", 2)
        if close < 0:
            problems.add(block.line(body_offset), "expected a title closed by '::', got no '::'")
            return None
        question.title = unescape(text[2:close]).strip() or None
        text = text[close + 2 :].lstrip()
    question.idnumber, question.tags = id_and_tags(block.comments)
    text, question.text_format = split_format(text)
    opening, closing = text.find("{"), text.find("}")
    base = len(block.text.rstrip()) - len(text)
    at = block.line(base + max(opening, 0))
    if opening < 0 and closing < 0:
        question.prompt = unescape(text).strip()
        if not question.prompt:
            problems.add(at, "expected question text, got nothing")
        return question if len(problems.items) == before else None
    if opening < 0 or 0 <= closing < opening:
        problems.add(at, "expected '{' before '}', got '}' alone (write \\} for a literal brace)")
        return None
    closing = text.find("}", opening)
    if closing < 0:
        problems.add(at, "expected '}' closing the answers, got end of question")
        return None
    question.line, rest = at, text[closing + 1 :]
    if "{" in rest or "}" in rest:
        problems.add(at, "expected one answer block {...}, got a second (write \\{ for a brace)")
        return None
    prefix, inner = text[:opening], text[opening + 1 : closing]
    question.missing_word = bool(rest.strip())
    if question.missing_word:
        rest = rest.lstrip()
        glue = "" if rest[:1] in tuple(".,;:!?)") else " "
        prefix = f"{prefix.rstrip()} _____{glue}{rest}"
    question.prompt = unescape(prefix).strip()
    _parse_answers(inner, question, at, problems)
    return question if len(problems.items) == before else None


def split_format(text: str) -> tuple[str, str | None]:
    """A leading [html], [markdown], [moodle] or [plain] tag split off: (text, format or None)."""
    match = re.match(r"^\s*\[(\w+)\]", text)
    if match and match.group(1).lower() in _FORMATS:
        return text[match.end() :], _FORMATS[match.group(1).lower()] or "plain"
    return text, None


_ID = re.compile(r"\[id:((?:\\\]|[^\]\x00-\x1f])+)\]")
_TAGS = re.compile(r"\[tag:((?:\\\]|[^\]<>`\x00-\x1f])+)\]")


def id_and_tags(comments: str) -> tuple[str, list[str]]:
    """Moodle's [id:...] (the first) and [tag:...] tokens in a question's comments."""
    found = _ID.search(comments)
    idnumber = found.group(1).replace("\\]", "]").strip() if found else ""
    tags = [t.replace("\\]", "]").strip() for t in _TAGS.findall(comments)]
    return idnumber, [t for t in tags if t]


def _feedback(raw: str) -> tuple[str, str | None]:
    text, fmt = split_format(unescape(raw).strip())
    return text.strip(), fmt


def _parse_answers(inner: str, question: GiftQuestion, at: int, problems: Problems) -> None:
    if "####" in inner:
        inner, general = inner.rsplit("####", 1)
        question.general, question.general_format = _feedback(general)
    body = inner.strip()
    if not body:
        question.kind = "essay"
        return
    if body.startswith("#"):
        question.kind = "numeric"
        _parse_numeric(body[1:], question, at, problems)
        return
    head, *feedback = body.split("#")
    if "~" not in body and head.strip().upper() in _TF and len(feedback) <= 2:
        question.kind, question.truth = "truefalse", _TF[head.strip().upper()]
        (wrong, wfmt), (right, rfmt) = ([_feedback(f) for f in feedback] + [("", None)] * 2)[:2]
        for choice in ("True", "False"):
            good = choice == question.truth
            answer = {"text": choice, "weight": 100 if good else 0}
            if right if good else wrong:
                answer["feedback"] = right if good else wrong
                answer["feedback_format"] = rfmt if good else wfmt
            question.answers.append(answer)
        return
    if "~" not in body and not body.startswith("="):
        body = "=" + body  # Moodle: one short answer needs no '=' ({One})
    parts = re.split(r"(?=[=~])", body)
    if parts[0].strip():
        problems.add(at, f"expected '=' or '~' before an answer, got {_show(parts[0])}")
        return
    markers = [p[0] for p in parts[1:]]
    for part in parts[1:]:
        answer = _answer(part[0], part[1:], at, problems)
        if answer is not None:
            question.answers.append(answer)
    if "~" in markers:
        question.kind = "choice"
        question.truth = "single" if "=" in markers else "multiple"
    elif all("->" in a["text"] for a in question.answers):
        question.kind = "matching"
    else:
        question.kind = "short"


def _answer(marker: str, raw: str, at: int, problems: Problems) -> dict[str, Any] | None:
    raw = raw.strip()
    weight = 100.0 if marker == "=" else 0.0
    match = _WEIGHT.match(raw)
    if match:
        weight = float(match.group(1))
        raw = raw[match.end() :]
        if not -100 <= weight <= 100:
            problems.add(at, f"expected a weight from -100% to 100%, got {fmt_number(weight)}%")
    elif raw.startswith("%"):
        problems.add(at, f"expected a weight like %50%, got {_show(raw[:12])}")
    text, _, feedback = raw.partition("#")
    text, fmt = split_format(unescape(text).strip())
    answer: dict[str, Any] = {"text": text.strip(), "weight": weight}
    if fmt:
        answer["format"] = fmt
    note, note_format = _feedback(feedback)
    if note:
        answer["feedback"] = note
        if note_format:
            answer["feedback_format"] = note_format
    if not answer["text"]:
        problems.add(at, f"expected answer text after '{marker}', got nothing")
        return None
    return answer


def _parse_numeric(body: str, question: GiftQuestion, at: int, problems: Problems) -> None:
    before, body = len(problems.items), body.strip()
    # Moodle: what follows the first '~' is the feedback for any other answer (a catch-all *).
    body, tilde, wrong = body.partition("~")
    parts = re.split(r"(?=[=])", body) if body.startswith("=") else ["=" + body]
    for part in parts:
        if not part.strip():
            continue
        answer = _answer(part[0], part[1:], at, problems)
        if answer is None:
            continue
        value = answer["text"].replace(" ", "")
        if value == "*":
            question.answers.append(answer)
            continue
        try:
            if ".." in value:
                low, high = (_number(v) for v in value.split("..", 1))
                answer.update(min=min(low, high), max=max(low, high))
                answer["text"] = f"{fmt_number(answer['min'])}..{fmt_number(answer['max'])}"
            else:
                number, _, tolerance = value.partition(":")
                answer["tolerance"] = abs(_number(tolerance)) if tolerance else 0.0
                answer["text"] = fmt_number(_number(number))
        except ValueError:
            problems.add(
                at, f"expected a number, a number:tolerance or min..max, got {_show(value)}"
            )
            continue
        question.answers.append(answer)
    if tilde and question.answers:
        feedback, fmt = _feedback(wrong.partition("#")[2])
        catch_all = {"text": "*", "weight": 0.0}
        if feedback:
            catch_all.update(feedback=feedback, **({"feedback_format": fmt} if fmt else {}))
        question.answers.append(catch_all)
    if not question.answers and len(problems.items) == before:
        problems.add(at, "expected a numeric answer after '#', got nothing")


def _number(text: str) -> float:
    value = float(text)
    if not math.isfinite(value) or abs(value) > 1e15:
        raise ValueError(text)
    return value


def _show(text: str) -> str:
    text = unescape(text).strip()
    return f'"{text[:40]}…"' if len(text) > 40 else f'"{text}"'
