"""Turn an authoring form's text into question fields, with errors per field (plain data).

Each type reads the fields it needs: choices and answers one per line, matching pairs as
`left => right`, ordering items in their right order. The quote is checked verbatim:
source_text[start:end] must equal the quote, and a quote given without offsets is looked up.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from app.packs.checks import sha256_text
from app.packs.format import validate_pack
from app.packs.record import QuestionRecord

QUESTION_TYPES = (
    "multiple_choice", "multiple_response", "true_false", "short_answer", "cloze", "ordering",
    "matching", "numeric", "essay", "description",
)  # fmt: skip
# The answer fields each type reads (the rest of the form is common to all types): the form
# shows only these for the chosen type; without its script it shows them all.
FIELD_TYPES: dict[str, tuple[str, ...]] = {
    "answer": (
        "multiple_choice", "true_false", "short_answer", "cloze", "numeric", "essay",
    ),
    "accept": ("short_answer", "cloze"),
    "choices": ("multiple_choice", "multiple_response"),
    "right_choices": ("multiple_response",),
    "items": ("ordering",),
    "pairs": ("matching",),
    "tolerance": ("numeric",),
    "correction": ("true_false",),
}  # fmt: skip
KINDS = ("other", "date", "person", "treaty", "organisation", "place", "figure", "equipment")
TEXT_FORMATS = ("", "html", "markdown")
# Moodle rounds fractional grades to these five decimals (100/3 is 33.33333).
_GRADE_DECIMALS = 5


@dataclass
class Draft:
    """Question column values, and error messages by form field name."""

    fields: dict[str, Any] = field(default_factory=dict)
    errors: dict[str, list[str]] = field(default_factory=dict)

    def error(self, name: str, message: str) -> None:
        """Record a problem with one form field."""
        self.errors.setdefault(name, []).append(message)


def lines(text: str | None) -> list[str]:
    """Non-empty, trimmed lines of a textarea."""
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def tag_list(text: str | None) -> list[str]:
    """Tags from "a, b, c", de-duplicated in order."""
    return list(dict.fromkeys(t.strip() for t in (text or "").split(",") if t.strip()))


def _number(text: str) -> float | None:
    try:
        value = float(text.replace(",", "").strip())
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def _share(count: int) -> float:
    return round(100 / count, _GRADE_DECIMALS)


def _type_fields(data: Mapping[str, str], draft: Draft) -> None:
    qtype = data.get("type", "")
    answer = (data.get("answer") or "").strip()
    out = draft.fields
    out.update(answer=answer, choices=[], accept=[], items=[], answers=[], pairs=[], single=None)
    out["correction"] = (data.get("correction") or "").strip() or None
    if qtype == "multiple_choice":
        out["choices"] = lines(data.get("choices"))
        if len(out["choices"]) < 3:
            draft.error("choices", "Give at least 3 choices, one per line.")
        if answer and answer not in out["choices"]:
            draft.error("answer", "The right answer must be one of the choices, written the same.")
    elif qtype == "multiple_response":
        choices, right = lines(data.get("choices")), lines(data.get("right_choices"))
        out["choices"] = choices
        if len(choices) < 2:
            draft.error("choices", "Give at least 2 choices, one per line.")
        if not right:
            draft.error("right_choices", "Give the right choices, one per line.")
        missing = [r for r in right if r not in choices]
        if missing:
            draft.error("right_choices", f"Not among the choices: {', '.join(missing)}.")
        wrong = [c for c in choices if c not in right]
        out["answers"] = [
            {"text": c, "weight": _share(len(right)) if c in right else -_share(len(wrong))}
            for c in choices
        ]
        out["answer"] = "; ".join(right)
        out["single"] = False
    elif qtype == "true_false":
        if answer not in ("True", "False"):
            draft.error("answer", 'Choose "True" or "False".')
        out["choices"] = ["True", "False"]
    elif qtype in ("short_answer", "cloze"):
        out["accept"] = [a for a in dict.fromkeys(lines(data.get("accept"))) if a != answer]
        if qtype == "cloze" and not re.search(r"_{3,}", data.get("prompt", "")):
            draft.error("prompt", "A cloze prompt needs a blank: three or more underscores (___).")
    elif qtype == "ordering":
        items = lines(data.get("items"))
        if not 2 <= len(items) <= 10:
            draft.error("items", "Give 2 to 10 items, one per line, in their right order.")
        out["items"] = [{"text": text} for text in items]
        out["answer"] = " → ".join(items)
    elif qtype == "matching":
        pairs = []
        for number, line in enumerate(lines(data.get("pairs")), start=1):
            left, arrow, right = line.partition("=>")
            if not arrow or not right.strip():
                draft.error("pairs", f"Line {number}: write it as “left => right”.")
                continue
            pairs.append({"left": left.strip(), "right": right.strip()})
        if sum(1 for p in pairs if p["left"]) < 2:
            draft.error("pairs", "Give at least 2 pairs.")
        out["pairs"] = pairs
        out["answer"] = "; ".join(f"{p['left']} → {p['right']}" for p in pairs if p["left"])
    elif qtype == "numeric":
        value = _number(answer)
        tolerance_text = (data.get("tolerance") or "").strip()
        tolerance = _number(tolerance_text) if tolerance_text else 0.0
        if value is None:
            draft.error("answer", "The answer of a numeric question must be a number.")
        if tolerance is None or tolerance < 0:
            draft.error("tolerance", "The tolerance must be a number, 0 or more.")
        entry: dict[str, Any] = {"text": answer, "weight": 100}
        if tolerance:
            entry["tolerance"] = tolerance
        out["answers"] = [entry]
    elif qtype == "description":
        out["answer"] = ""
    if qtype not in ("essay", "description") and not out["answer"]:
        draft.error("answer", "Give the right answer.")


def _quote_fields(data: Mapping[str, str], sources: Mapping[str, str], draft: Draft) -> None:
    source_id = data.get("source_id") or ""
    if source_id not in sources:
        draft.error("source_id", "Choose one of the pack's sources.")
        return
    text = sources[source_id]
    quote = data.get("quote_text") or ""
    start_text = (data.get("quote_start") or "").strip()
    end_text = (data.get("quote_end") or "").strip()
    if not start_text and not end_text and quote:
        count = text.count(quote)
        if count != 1:
            where = "does not appear" if count == 0 else f"appears {count} times"
            draft.error("quote_text", f"That quote {where} in the source: give its offsets.")
            return
        start_text, end_text = str(text.index(quote)), str(text.index(quote) + len(quote))
    if not start_text.isdigit() or not end_text.isdigit():
        draft.error("quote_start", "Select the quote in the source, or type its start and end.")
        return
    start, end = int(start_text), int(end_text)
    if not 0 <= start < end <= len(text):
        draft.error("quote_start", f"Offsets must satisfy 0 ≤ start < end ≤ {len(text):,}.")
        return
    if quote and text[start:end] != quote:
        draft.error(
            "quote_text",
            f"The source's text at {start}–{end} is “{text[start:end][:80]}”, not the quote "
            "given. Select the passage again.",
        )
        return
    draft.fields.update(
        source_id=source_id, quote_start=start, quote_end=end, quote_text=text[start:end]
    )


def build_draft(data: Mapping[str, str], sources: Mapping[str, str]) -> Draft:
    """Read a question form's values; `sources` maps the pack's source ids to their texts."""
    draft = Draft()
    qtype, kind = data.get("type", ""), data.get("kind") or "other"
    if qtype not in QUESTION_TYPES:
        draft.error("type", "Choose a question type.")
        return draft
    text_format = data.get("text_format") or ""
    draft.fields.update(
        type=qtype,
        kind=kind if kind in KINDS else "other",
        title=(data.get("title") or "").strip() or None,
        prompt=(data.get("prompt") or "").strip(),
        explanation=(data.get("explanation") or "").strip(),
        tags=tag_list(data.get("tags")),
        text_format=text_format if text_format in TEXT_FORMATS and text_format else None,
        fact=(data.get("fact") or "").strip()[:64],
    )
    difficulty = (data.get("difficulty") or "").strip()
    value = _number(difficulty) if difficulty else None
    if difficulty and (value is None or not 0 <= value <= 1):
        draft.error("difficulty", "Difficulty is a number from 0 (easy) to 1 (hard).")
    draft.fields["difficulty"] = value
    if not draft.fields["prompt"]:
        draft.error("prompt", "Write the question.")
    _type_fields(data, draft)
    _quote_fields(data, sources, draft)
    if not draft.errors:
        _schema_check(draft, sources)
    return draft


_FIELD_OF = {"quote": "quote_start", "id": "prompt", "tags": "tags", "items": "items"}


def _schema_check(draft: Draft, sources: Mapping[str, str]) -> None:
    """Check the question against the pack schema, so every export of it stays valid."""
    question = pack_question(draft.fields, "q")
    text = sources[draft.fields["source_id"]]
    pack = {
        "format": "quire-pack",
        "format_version": 1,
        "title": "check",
        "sources": [
            {
                "id": draft.fields["source_id"],
                "title": "s",
                "text": text,
                "sha256": sha256_text(text),
            }
        ],
        "questions": [question],
    }
    for error in validate_pack(pack, source_texts={draft.fields["source_id"]: text}):
        match = re.match(r"questions\[0\]\.?([a-z_]+)?", error.location)
        name = match.group(1) if match and match.group(1) else "prompt"
        draft.error(_FIELD_OF.get(name, name), error.message)


def pack_question(fields: Mapping[str, Any], uid: str) -> dict[str, Any]:
    """A question's column values as a pack question (the schema's field order)."""
    return QuestionRecord.from_row(fields, uid).to_pack()
