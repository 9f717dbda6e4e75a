"""Write packs as CSV/TSV: the column format (see tabular.py) and Quizlet's term-TAB-definition."""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping
from typing import Any

from app.formats.common import Losses, LossNote, fmt_number, weight_of
from app.formats.moodle_media import without_media

COLUMNS = (
    "id", "type", "kind", "prompt", "answer", "choices", "accept", "explanation", "tags",
    "difficulty", "source", "quote_start", "quote_end",
)  # fmt: skip


def join_list(items: Any) -> str:
    """Items as one cell, `|` between them, bars and backslashes escaped."""
    return "|".join(str(i).replace("\\", "\\\\").replace("|", "\\|") for i in items)


def _cells(q: Mapping[str, Any], losses: Losses) -> list[str]:
    qtype, answer, choices = q["type"], q.get("answer", ""), q.get("choices", [])
    if qtype == "matching":
        choices = [f"{p['left']} -> {p['right']}" for p in q["pairs"]]
        if any("->" in p["left"] for p in q["pairs"]):
            losses.add(q["id"], "a matching left side containing '->' cannot be read back")
    elif qtype == "ordering":
        choices = [item["text"] for item in q["items"]]
        if any(len(item) > 1 for item in q["items"]):
            losses.add(q["id"], "ordering items keep only their text (no dates or quotes)")
    elif qtype == "multiple_response":
        answer = join_list(a["text"] for a in q["answers"] if weight_of(a) > 0)
        losses.add(q["id"], "multiple-response weights become equal shares for right answers")
    elif qtype == "numeric":
        first = q["answers"][0]
        if "min" in first:
            answer = f"{fmt_number(first['min'])}..{fmt_number(first['max'])}"
        else:
            tolerance = first.get("tolerance", 0)
            answer = first["text"] + (f":{fmt_number(tolerance)}" if tolerance else "")
        if len(q["answers"]) > 1:
            losses.add(q["id"], "only the first numeric answer is kept")
    if q.get("answers") and qtype not in ("multiple_response", "numeric"):
        losses.add(q["id"], "per-answer weights and feedback are not kept")
    quote = q.get("quote") or {}
    return [
        q["id"], qtype, q.get("kind", ""), q["prompt"], answer,
        join_list(choices) if qtype != "true_false" else "",
        join_list(q.get("accept", [])), q.get("explanation", ""), join_list(q.get("tags", [])),
        fmt_number(q["difficulty"]) if "difficulty" in q else "",
        quote.get("source", ""), str(quote.get("start", "")), str(quote.get("end", "")),
    ]  # fmt: skip


def write_report(pack: Mapping[str, Any], *, delimiter: str = ",") -> tuple[str, list[LossNote]]:
    """The pack in the column format, and notes on what the columns could not hold."""
    losses, out = Losses(), io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for question in pack["questions"]:
        question = without_media(question, losses, "CSV")
        writer.writerow(_cells(question, losses))
        for name in ("correction", "quality", "fact", "title", "category", "text_format"):
            if question.get(name):
                losses.add(question["id"], f"no column for {name}")
    notes = losses.notes()
    if pack.get("sources"):
        notes.append(LossNote("sources", "source texts are not written; quotes name them by id"))
    return out.getvalue(), notes


def write(pack: Mapping[str, Any]) -> str:
    """The pack as CSV in the column format."""
    return write_report(pack)[0]


def write_tsv(pack: Mapping[str, Any]) -> str:
    """The pack as TSV in the column format."""
    return write_report(pack, delimiter="\t")[0]


def write_cards(pack: Mapping[str, Any]) -> str:
    """Quizlet's import form: prompt TAB answer, a card a line (tabs, newlines become spaces)."""
    return write_cards_report(pack)[0]


def write_cards_report(pack: Mapping[str, Any]) -> tuple[str, list[LossNote]]:
    """Quizlet cards, and notes on what two-sided cards could not hold."""

    def flat(text: str) -> str:
        return " ".join(text.split())

    losses, lines = Losses(), []
    for q in pack["questions"]:
        q = without_media(q, losses, "Quizlet's text import")
        if not q["answer"]:
            losses.add(q["id"], f"no answer to put on a card ({q['type']}): question dropped")
            continue
        lines.append(f"{flat(q['prompt'])}\t{flat(q['answer'])}")
        kept = {"id", "type", "kind", "prompt", "answer", "quote", "explanation"}
        if any(q.get(name) for name in q if name not in kept) or q.get("explanation"):
            losses.add(q["id"], "a card has prompt and answer only: choices, feedback... dropped")
        if q["prompt"] != flat(q["prompt"]) or q["answer"] != flat(q["answer"]):
            losses.add(q["id"], "tabs and line breaks became spaces")
    return "\n".join(lines) + "\n", losses.notes()
