"""Flags for the review queue: low quality scores and facts asked twice (plain data)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from app.study.answers import normalise

LOW_QUALITY = 0.5


@dataclass(frozen=True)
class Flag:
    """Why a question deserves a second look: a short code and a sentence for the reviewer."""

    code: str
    message: str
    # Ids of the other questions a flag is about, so the page can link to them.
    related: tuple[int, ...] = ()


def flags_by_question(
    questions: Iterable[Mapping[str, Any]], *, low_quality: float = LOW_QUALITY
) -> dict[int, list[Flag]]:
    """Flags per question id, over mappings with id, uid, fact, answer, quote_text, quality."""
    rows = list(questions)
    by_fact: dict[str, list[Mapping[str, Any]]] = defaultdict(list)
    by_answer: dict[tuple[str, str], list[Mapping[str, Any]]] = defaultdict(list)
    for row in rows:
        if row.get("fact"):
            by_fact[row["fact"]].append(row)
        answer = normalise(str(row.get("answer") or ""))
        if answer:
            by_answer[(answer, " ".join(str(row.get("quote_text") or "").split()))].append(row)
    flags: dict[int, list[Flag]] = defaultdict(list)
    for row in rows:
        quality = row.get("quality")
        if quality is not None and quality < low_quality:
            flags[row["id"]].append(
                Flag("low-quality", f"Low quality score ({quality:.2f} < {low_quality:.2f}).")
            )
        twins = {id(r): r for r in by_fact.get(row.get("fact") or "", [])}
        answer = normalise(str(row.get("answer") or ""))
        quote = " ".join(str(row.get("quote_text") or "").split())
        twins.update({id(r): r for r in by_answer.get((answer, quote), []) if answer})
        others = [r for r in twins.values() if r["id"] != row["id"]]
        if others:
            related = tuple(sorted(r["id"] for r in others))
            flags[row["id"]].append(
                Flag("duplicate", "Asks the same fact as another question:", related)
            )
    return dict(flags)
