"""Every tuning reading of a date question, what the date is in its sentence, and the verdicts.

Run from the repository root:
    python -m bench.date_readings            # acceptance by each feature of the date's place
    python -m bench.date_readings --list     # the readings a relative clause refuses

A reading is one judge's verdict on one cloze or multiple-choice question whose answer is a
date, from the same judged sets as bench.figure_readings (tuning material only: never a split
in outside.UNREAD, the last measurements of the bundled bank or the threshold labels). Each
feature is read off the quote as the judge read it, parsed anew: tuning figures, not
measurements. "Incidental" is a
rejection whose `why` says the blank is a side detail while the sentence's news goes untested.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Callable, Sequence

from spacy.tokens import Span

from app.generation import news
from bench import corpus
from bench.figure_readings import Reading, _answer_span, readings

INCIDENTAL = re.compile(
    r"incidental|untested|framing|side detail|in passing|time marker|trivia|\bthe news\b|point\b",
    re.I,
)
MONTH = re.compile(
    r"\b(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December)\b"
)
DAY = re.compile(rf"\b\d{{1,2}}(?:st|nd|rd|th)? {MONTH.pattern}|{MONTH.pattern} \d{{1,2}}\b(?!\d)")

# What the verb the date qualifies says, by its lemma.
ACTS = {
    "an agreement": {"sign", "agree", "conclude", "ratify"},
    "an election or office": {"elect", "win", "appoint", "become", "succeed", "take"},
    "a founding, opening or release": {
        *("found establish create open launch introduce form build publish release".split())
    },
    "a birth or death": {"bear", "die", "kill", "death", "birth"},
    "saying or announcing": {"announce", "say", "state", "report", "declare"},
}


def date_span(reading: Reading, nlp) -> Span | None:
    """The date in the quote: where the cloze blanked it, else its first occurrence."""
    span = _answer_span(reading, nlp) if reading.type == "cloze" else None
    if span is not None:
        return span
    text = reading.answer
    at = reading.quote.find(text)
    if at < 0:  # a choice keyed "1998" for "January 23, 1998": the year
        year = re.search(r"\d{3,4}", reading.answer)
        text = year.group() if year else ""
        at = reading.quote.find(text) if text else -1
    if at < 0:
        return None
    return nlp(reading.quote).char_span(at, at + len(text), alignment_mode="expand")


def clause_of(span: Span) -> str:
    """The nearest clause the date sits in below the sentence's main one, or "main"."""
    return next((t.dep_ for t in span.root.ancestors if t.dep_ in news.CLAUSES), "main")


def features(span: Span, reading: Reading) -> dict[str, object]:
    """What the date is in its sentence: its clause, role, precision, place and company."""
    sent = span.sent
    dates = [e for e in sent.ents if e.label_ == "DATE"]
    head = news._date_head(span)  # what the date qualifies, past its preposition
    return {
        "already background (news.py before)": _background_before(span),
        "clause": clause_of(span),
        "main-clause argument": news.main_argument(span),
        "opening adjunct (framing)": news.framing(span),
        "qualifies the sentence's root": head.i == sent.root.i,
        "preposition": span.root.head.lower_ if span.root.dep_ == "pobj" else "(none)",
        "to the day": bool(
            DAY.search(span.doc.text[max(sent.start_char, span.start_char - 16) : span.end_char])
        ),
        "a month": bool(MONTH.search(span.text)),
        "a decade": bool(re.search(r"\d0s\b", span.text)),
        "opens the sentence": span.start - sent.start <= 2,
        "first date of the sentence": not dates or span.start_char <= dates[0].start_char + 1,
        "sentence tokens": next(f"{lo}+" for lo in (60, 40, 30, 20, 0) if len(sent) >= lo),
        "what its verb says": next(
            (act for act, lemmas in ACTS.items() if head.lemma_.lower() in lemmas), "other"
        ),
        "type": reading.type,
    }


def _background_before(span: Span) -> bool:
    """background_date without this session's relative-clause rule."""
    rule, news._in_relative_clause = news._in_relative_clause, lambda _: False
    try:
        return news.background_date(span)
    finally:
        news._in_relative_clause = rule


def _row(name: str, rows: Sequence[tuple[Reading, dict]]) -> str:
    accepted = sum(r.acceptable for r, _ in rows)
    incidental = sum(_incidental(r) for r, _ in rows)
    share = 100 * accepted / len(rows)
    return f"  {name:44s} {accepted:4d} / {len(rows):4d} ({share:3.0f}%)   incidental {incidental}"


def _incidental(reading: Reading) -> bool:
    return not reading.acceptable and bool(INCIDENTAL.search(reading.why))


def table(rows: Sequence[tuple[Reading, dict]], keep: Callable[[dict], bool]) -> None:
    """Accepted / readings for each value of each feature, over the rows `keep` lets through."""
    kept = [(r, f) for r, f in rows if keep(f)]
    print(_row("all", kept))
    for name in kept[0][1]:
        values = sorted({str(f[name]) for _, f in kept})
        for value in values:
            subset = [(r, f) for r, f in kept if str(f[name]) == value]
            if len(subset) >= 5:
                print(_row(f"{name} = {value}", subset))


def main(argv: list[str] | None = None) -> int:
    """Print acceptance by feature, before and past the background rules."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--list", action="store_true")
    args = parser.parse_args(argv)
    nlp = corpus.load_nlp()
    rows = []
    for reading in readings("date"):
        if reading.type not in {"cloze", "multiple_choice"}:
            continue
        span = date_span(reading, nlp)
        if span is not None:
            values = features(span, reading)
            values["relative clause (news.py now)"] = news._in_relative_clause(span)
            rows.append((reading, values))
    print("accepted / readings, every date reading:")
    table(rows, lambda f: True)
    print("accepted / readings, the dates news.py did not already call background:")
    table(rows, lambda f: not f["already background (news.py before)"])
    if args.list:
        for reading, values in rows:
            if values["relative clause (news.py now)"]:
                verdict = "yes" if reading.acceptable else "no "
                print(f"{verdict} {reading.part} {reading.answer!r}: {reading.prompt[:120]}")
                print(f"    why: {reading.why[:160]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
