"""Moodle's Cloze (multianswer) questions: `{1:MULTICHOICE:=a#ok~b#no}` gaps in a text.

Quire asks one gap at a time, so a Cloze question with n gaps becomes n questions, each showing
the text with its own gap as `_____` and the others as `[…]`: a multiple choice gap becomes a
choice question, a short answer gap a cloze, a numerical gap a numeric question.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from app.formats.build import choice_fields, numeric_fields, typed_fields
from app.formats.common import BLANK

_KINDS = {
    "MULTICHOICE": "choice", "MC": "choice", "MULTICHOICE_V": "choice", "MCV": "choice",
    "MULTICHOICE_H": "choice", "MCH": "choice", "MULTICHOICE_S": "choice", "MCS": "choice",
    "MULTICHOICE_VS": "choice", "MCVS": "choice", "MULTICHOICE_HS": "choice", "MCHS": "choice",
    "MULTIRESPONSE": "multi", "MR": "multi", "MULTIRESPONSE_H": "multi", "MRH": "multi",
    "MULTIRESPONSE_S": "multi", "MRS": "multi", "MULTIRESPONSE_HS": "multi", "MRHS": "multi",
    "SHORTANSWER": "short", "SA": "short", "MW": "short", "SHORTANSWER_C": "short",
    "SAC": "short", "MWC": "short", "NUMERICAL": "numeric", "NM": "numeric",
}  # fmt: skip
_GAP = re.compile(r"\{(\d*):([A-Z_]+):((?:\\.|[^\\}])*)\}")
_WEIGHT = re.compile(r"^%(-?\d+(?:\.\d+)?)%")


@dataclass
class Gap:
    """One gap: where it sits in the text, its kind and its weighted answers."""

    start: int
    end: int
    kind: str
    answers: list[dict[str, Any]] = field(default_factory=list)


def gaps(text: str) -> tuple[list[Gap], list[str]]:
    """The gaps of a Cloze text, and what is wrong with them (Moodle refuses such questions)."""
    found, problems = [], []
    for number, match in enumerate(_GAP.finditer(text), start=1):
        kind = _KINDS.get(match.group(2))
        if kind is None:
            problems.append(f"gap {number}: expected a Cloze type, got {match.group(2)!r}")
            continue
        gap = Gap(match.start(), match.end(), kind, _answers(match.group(3)))
        problem = _check(gap)
        if problem:
            problems.append(f"gap {number}: {problem}")
        found.append(gap)
    if not found and not problems:
        problems.append("expected at least one gap such as {1:SHORTANSWER:=answer}, got none")
    return found, problems


def _answers(body: str) -> list[dict[str, Any]]:
    out = []
    for raw in re.split(r"(?<!\\)~", body):
        raw = raw.strip()
        if not raw:
            continue
        weight = 0.0
        if raw.startswith("="):
            weight, raw = 100.0, raw[1:]
        else:
            match = _WEIGHT.match(raw)
            if match:
                weight, raw = float(match.group(1)), raw[match.end() :]
        parts = re.split(r"(?<!\\)#", raw, maxsplit=1)
        text, feedback = parts[0], parts[1] if len(parts) > 1 else ""
        answer = {"text": _unescape(text).strip(), "weight": weight}
        if _unescape(feedback).strip():
            answer["feedback"] = _unescape(feedback).strip()
        out.append(answer)
    return out


def _unescape(text: str) -> str:
    return re.sub(r"\\([~#}{/\"\\])", r"\1", text)


def _check(gap: Gap) -> str:
    answers = [a for a in gap.answers if a["text"]]
    if gap.kind in ("choice", "multi") and len(answers) < 2:
        return f"expected at least two choices, got {len(answers)}"
    if gap.kind == "choice" and not any(a["weight"] == 100 for a in answers):
        return "expected a choice worth 100%, got none"
    if not any(a["weight"] > 0 for a in answers):
        return "expected a right answer, got none"
    if gap.kind == "numeric":
        for answer in answers:
            value = answer["text"].split(":", 1)
            if answer["text"] != "*" and not all(_is_number(v) for v in value):
                return f"expected a number (or number:tolerance), got {answer['text']!r}"
    return ""


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def questions(text: str, found: list[Gap]) -> list[dict[str, Any]]:
    """One question's fields per gap: the prompt with that gap blank, the others shown as […]."""
    out = []
    for gap in found:
        pieces, last = [], 0
        for other in found:
            pieces += [text[last : other.start], BLANK if other is gap else "[…]"]
            last = other.end
        prompt = "".join([*pieces, text[last:]])
        answers = [a for a in gap.answers if a["text"]]
        if gap.kind in ("choice", "multi"):
            fields = choice_fields(answers, single=gap.kind == "choice")
        elif gap.kind == "numeric":
            fields = numeric_fields([_numeric(a) for a in answers])
        else:
            fields = typed_fields(answers, prompt)
        out.append({"prompt": prompt, **fields})
    return out


def _numeric(answer: dict[str, Any]) -> dict[str, Any]:
    if answer["text"] == "*":
        return answer
    value, _, tolerance = answer["text"].partition(":")
    out = answer | {"text": value.strip()}
    if tolerance.strip():
        out["tolerance"] = abs(float(tolerance))
    return out
