"""Turn a format's weighted answers into pack question fields (shared by GIFT and Moodle XML)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

_BLANK = re.compile(r"_{3,}")


def number(value: float) -> int | float:
    """A whole number as an int, so packs say 100 rather than 100.0."""
    return int(value) if float(value).is_integer() and abs(value) < 1e15 else value


def clean(answers: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """Answers with numbers tidied and empty feedback dropped."""
    out = []
    for answer in answers:
        item = {k: number(v) if isinstance(v, float) else v for k, v in answer.items()}
        if not item.get("feedback"):
            item.pop("feedback", None)
        out.append(item)
    return out


def _special(answers: Sequence[dict[str, Any]]) -> bool:
    return any(a.get("feedback") or a.get("weight", 100) not in (0, 100) for a in answers)


def choice_fields(answers: Sequence[dict[str, Any]], *, single: bool) -> dict[str, Any]:
    """multiple_choice when Quire's own type fits (one right of 3-10), else multiple_response."""
    answers = clean(answers)
    choices = [a["text"] for a in answers]
    right = [a["text"] for a in answers if a.get("weight", 100) == 100]
    positive = [a["text"] for a in answers if a.get("weight", 100) > 0]
    if single and len(right) == 1 and 3 <= len(choices) <= 10:
        out = {"type": "multiple_choice", "answer": right[0], "choices": choices}
        return out | ({"answers": answers} if _special(answers) else {})
    return {
        "type": "multiple_response",
        "answer": "; ".join(positive),
        "choices": choices,
        "single": single,
        "answers": answers,
    }


def true_false_fields(truth: str, feedback: dict[str, str]) -> dict[str, Any]:
    """A true/false question; per-answer feedback goes into `answers`."""
    out: dict[str, Any] = {"type": "true_false", "answer": truth, "choices": ["True", "False"]}
    if any(feedback.values()):
        out["answers"] = clean(
            [
                {"text": c, "weight": 100 if c == truth else 0, "feedback": feedback.get(c, "")}
                for c in ("True", "False")
            ]
        )
    return out


def typed_fields(answers: Sequence[dict[str, Any]], prompt: str) -> dict[str, Any]:
    """cloze when the prompt has a blank, else short_answer; extra right answers go to accept."""
    answers = clean(answers)
    right = [a["text"] for a in answers if a.get("weight", 100) == 100]
    best = right or [max(answers, key=lambda a: a.get("weight", 100))["text"]]
    out: dict[str, Any] = {
        "type": "cloze" if _BLANK.search(prompt) else "short_answer",
        "answer": best[0],
    }
    if len(right) > 1:
        out["accept"] = list(dict.fromkeys(right[1:]))
    return out | ({"answers": answers} if _special(answers) else {})


def numeric_fields(answers: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """A numeric question: its answers with tolerances or ranges, the best one as `answer`."""
    answers = clean(answers)
    right = [a["text"] for a in answers if a.get("weight", 100) == 100]
    best = right or [max(answers, key=lambda a: a.get("weight", 100))["text"]]
    return {"type": "numeric", "answer": best[0], "answers": answers}


def matching_fields(pairs: Sequence[tuple[str, str]]) -> dict[str, Any]:
    """A matching question; `answer` spells the pairs out."""
    shown = "; ".join(f"{left} → {right}" for left, right in pairs if left)
    return {
        "type": "matching",
        "answer": shown,
        "pairs": [{"left": left, "right": right} for left, right in pairs],
    }
