"""Chronology questions: dated events from one text, put in the order they happened."""

from __future__ import annotations

from collections.abc import Sequence

from app.generation.dates import date_sort_key
from app.generation.facts import Fact
from app.generation.mentions import normalise
from app.generation.types import ORDERING, Question, Quote

ORDERING_GROUP = 4


def orderings(facts: list[Fact]) -> list[Question]:
    """Chronology questions of each text: groups of its dated events spread over its timeline.

    Never across texts: events of unrelated texts in one question would be a riddle, and the
    question names one source.
    """
    by_source: dict[str, list[Fact]] = {}
    for fact in facts:
        if fact.date is not None and fact.event:
            by_source.setdefault(fact.source, []).append(fact)
    return [q for source in sorted(by_source) for q in _text_orderings(by_source[source])]


def _text_orderings(dated: list[Fact]) -> list[Question]:
    timeline: list[Fact] = []
    seen_events: set[str] = set()
    for fact in sorted(dated, key=lambda f: (date_sort_key(f.date), f.id)):
        event = normalise(fact.event)
        # Periods must not overlap the previous event, or the order would be a matter of taste.
        if event in seen_events or (timeline and fact.date.start <= timeline[-1].date.end):
            continue
        seen_events.add(event)
        timeline.append(fact)
    groups = len(timeline) // ORDERING_GROUP
    out = []
    for g in range(groups):
        group = timeline[g::groups][:ORDERING_GROUP]
        ids = "-".join(sorted(f.id[:6] for f in group))
        q = ordering(group, f"chrono-{ids}")
        if q:
            out.append(q)
    return out


def ordering(facts: Sequence[Fact], group: str) -> Question | None:
    """Put 3–5 dated events from one text in chronological order."""
    dated = [f for f in facts if f.event and f.date is not None]
    if not 3 <= len(dated) <= 5:
        return None
    dated.sort(key=lambda f: date_sort_key(f.date))
    keys = [date_sort_key(f.date)[:3] for f in dated]
    if len(set(keys)) != len(keys):
        return None
    items = tuple(
        {"text": f.event.rstrip("."), "date": f.answer, "quote": _quote_dict(f.quote)}
        for f in dated
    )
    first = dated[0]
    order = " → ".join(item["text"] for item in items)
    years = ", ".join(f"{f.answer}: {f.event.rstrip('.')}" for f in dated)
    q = Question(
        id=f"{group}-or",
        fact=group,
        type=ORDERING,
        kind="date",
        prompt="Put these events in the order they happened, earliest first.",
        answer=order,
        quote=first.quote,
        explanation=f"In the text's own dates: {years}.",
        difficulty=0.0,
        quality=0.0,
        items=items,
        tags=("date", f"source:{first.source}", "chronology"),
        group=group,
    )
    return q


def _quote_dict(quote: Quote) -> dict:
    return {"source": quote.source, "start": quote.start, "end": quote.end, "text": quote.text}
