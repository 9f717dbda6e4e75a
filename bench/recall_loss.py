"""Where the human questions of the recall subset are lost: the stage that drops each answer.

Run from the repository root (tuning articles only unless told otherwise):
    python -m bench.recall_loss                  # table of stages by kind, strict and pool
    python -m bench.recall_loss --list place     # one line per missed place question
    python -m bench.recall_loss --key            # the bundled answer key's facts, by stage

For every counted human question of a split (`bench.recall`), the facts the generator found
whose quote overlaps one of its answers' spans and whose answer is one of the human answers
(normalised as `bench.matching` does) are its candidates. A question with no candidate is
"no candidate" (split further: a fact of the sentence blanks an overlapping span, or none
does); otherwise the candidate that went furthest names the stage (`yield_loss.trace_sources`:
a refusal's reason, no prompt that stands alone, a ranker stage, or produced).
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence

from app.generation.types import KINDS
from bench import corpus
from bench.answer_kinds import RECALL_KINDS
from bench.figure_readings import readings
from bench.matching import answer_forms, evidence_spans, normalise
from bench.recall import Article, HumanQuestion, classify, load_articles, spacy_entities
from bench.yield_loss import NO_QUESTION, fact_of, trace_sources, year_of

# Later stages first: a candidate that reached one of these went further than one refused.
_ORDER = (
    "produced",
    "per-text cap",
    "answer asked already / given elsewhere",
    "one per sentence",
    "not a shape a bank keeps",
    "ranker: between floor and threshold",
    "ranker rule",
    "ranker: below the model's floor",
    "ranker: duplicate prompt",
    "ranker: heuristic quality below MIN_QUALITY",
    NO_QUESTION,
)
NO_CANDIDATE = "no candidate: no fact of the sentence blanks an overlapping span"
OTHER_SPAN = "no candidate: a fact blanks an overlapping span, another answer"


def _rank(reason: str) -> int:
    """How far a fact with this reason went (0 furthest); refusals come after every stage."""
    for i, stage in enumerate(_ORDER):
        if reason.startswith(stage):
            return i
    return len(_ORDER)


def stage(human: HumanQuestion, facts: Sequence, why: Mapping[str, str]) -> tuple[str, object]:
    """The stage that loses the human question's answer, and the candidate fact (or None)."""
    answers = {normalise(a) for a in human.answers}
    return span_stage(human.source, human.spans, answers, facts, why)


def span_stage(
    source: str,
    spans: Sequence[tuple[int, int]],
    answers: set[str],
    facts: Sequence,
    why: Mapping[str, str],
) -> tuple[str, object]:
    """The stage that loses an answer (normalised forms) given at these spans of a source."""
    overlapping = []
    for fact in facts:
        if fact.source != source:
            continue
        start = fact.quote.start + fact.answer_start
        end = start + len(fact.answer)
        if any(start < e and s < end for s, e in spans):
            overlapping.append(fact)
    candidates = [f for f in overlapping if normalise(f.answer) in answers]
    if not candidates:
        return (OTHER_SPAN if overlapping else NO_CANDIDATE), (overlapping or [None])[0]
    best = min(candidates, key=lambda f: _rank(why.get(f.id, "?")))
    return why.get(best.id, "?"), best


def losses(
    articles: Sequence[Article], split: str, nlp, review_pool: bool
) -> list[tuple[HumanQuestion, str, object]]:
    """Every counted human question of the split with its stage and candidate fact."""
    mine = [a for a in articles if a.split == split]
    why, _, facts = trace_sources([a.source for a in mine], nlp, review_pool=review_pool)
    rows = []
    for article in mine:
        for human in article.questions:
            if human.kind is not None:
                rows.append((human, *stage(human, facts, why)))
    return rows


def key_spans(text: str, fact: Mapping) -> list[tuple[int, int]]:
    """Where a key fact's answer (or an alias) stands inside its evidence; the evidence itself
    when no form is found there verbatim."""
    spans = []
    for start, end in evidence_spans(text, fact["evidence"]):
        passage = text[start:end].casefold()
        for form in (fact["answer"], *fact.get("aliases", ())):
            at = passage.find(form.casefold())
            if at >= 0 and form:
                spans.append((start + at, start + at + len(form)))
        spans += [] if spans else [(start, end)]
    return spans


def key_losses(
    key: Sequence[Mapping], sources: Sequence, nlp, review_pool: bool = False
) -> list[tuple[Mapping, str, object]]:
    """Every fact of an answer key with the stage that loses it (`quire generate`'s options)."""
    why, _, facts = trace_sources(sources, nlp, review_pool=review_pool)
    texts = {source.id: source.text for source in sources}
    rows = []
    for entry in key:
        spans = key_spans(texts.get(entry["source"], ""), entry)
        reason, fact = span_stage(entry["source"], spans, answer_forms(entry), facts, why)
        year = year_of(entry["answer"])
        if reason.startswith("no candidate") and year:
            # A date given to the month or day is asked by its year (answer_spans).
            by_year, fact_of_year = span_stage(entry["source"], spans, {year}, facts, why)
            if not by_year.startswith("no candidate"):
                reason, fact = f"(asked by its year) {by_year}", fact_of_year
        rows.append((entry, reason, fact))
    return rows


def reading_stages(rows: Sequence, why: Mapping[str, str]) -> dict[tuple[str, str], Counter[bool]]:
    """Judges' readings of questions (bench.figure_readings.Reading) by the stage that loses
    their fact today and their shape: accepted (True) and rejected (False) counts."""
    counts: dict[tuple[str, str], Counter[bool]] = defaultdict(Counter)
    for reading in rows:
        reason = why.get(fact_of(reading.id), "not found as a fact today")
        counts[short(reason), f"{reading.type}/{reading.kind}"][reading.acceptable] += 1
    return counts


def table(rows: Sequence[tuple[object, str, object]]) -> dict[str, Counter[str]]:
    """Counts of each stage by kind (a refusal's reason cut to its first clause)."""
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for asked, reason, _ in rows:
        kind = asked["kind"] if isinstance(asked, Mapping) else asked.kind
        counts[short(reason)][kind] += 1
    return counts


def short(reason: str) -> str:
    """A stage's name for the table: refusals and kinds of shape kept apart, details cut."""
    return reason.split(" (")[0] if not reason.startswith("not a shape") else reason


def print_table(
    title: str, counts: Mapping[str, Counter[str]], kinds: Sequence[str] = RECALL_KINDS
) -> None:
    """The stages by kind, the most common first."""
    print(f"\n{title}")
    print(f"{'stage':64s} " + " ".join(f"{k[:6]:>6s}" for k in kinds) + "    all")
    for reason, row in sorted(counts.items(), key=lambda kv: -sum(kv[1].values())):
        cells = " ".join(f"{row[k]:6d}" for k in kinds)
        print(f"{reason[:64]:64s} {cells} {sum(row.values()):6d}")


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: the tables (strict bank and review pool), and the listed misses."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=("tune", "heldout"), default="tune")
    parser.add_argument("--list", choices=RECALL_KINDS, action="append", default=[])
    parser.add_argument("--pool", action="store_true", help="the review pool only")
    parser.add_argument(
        "--key", action="store_true", help="the bundled answer key over the bundled sources"
    )
    args = parser.parse_args(argv)
    nlp = corpus.load_nlp()
    if args.key:
        return print_key_losses(nlp, args.pool)
    articles = load_articles()
    classify(articles, spacy_entities(nlp))
    for pool in (True,) if args.pool else (False, True):
        rows = losses(articles, args.split, nlp, pool)
        print_table(f"{args.split}, {'review pool' if pool else 'strict bank'}", table(rows))
        for human, reason, fact in rows:
            if human.kind in args.list and reason != "produced":
                got = f"{fact.kind}:{fact.answer!r}" if fact is not None else "-"
                asked = f"{human.question} -> {human.answers[0]!r}"
                print(f"  [{human.kind}] {asked} | {got} | {reason}")
    return 0


def print_key_losses(nlp, pool: bool) -> int:
    """The bundled answer key's stages by kind, the bundled bank's readable readings by stage,
    then one line per key fact not produced."""
    sources = corpus.load_sources()
    rows = key_losses(corpus.load_key(), sources, nlp, review_pool=pool)
    title = f"bundled answer key, {'review pool' if pool else 'strict bank'}"
    print_table(title, table(rows), kinds=KINDS)
    why = trace_sources(sources, nlp, review_pool=pool)[0]
    bundled = [r for r in readings(kind=None) if r.part.startswith(("russia", "bundled"))]
    print(f"\n{len(bundled)} readings of bundled questions (blind measurements left out), by stage")
    print(f"{'stage':64s} {'shape':26s} accepted rejected")
    counts = reading_stages(bundled, why)
    for (reason, shape), n in sorted(counts.items(), key=lambda kv: -sum(kv[1].values())):
        print(f"{reason[:64]:64s} {shape:26s} {n[True]:8d} {n[False]:8d}")
    for entry, reason, fact in rows:
        if reason != "produced":
            got = f"{fact.kind}:{fact.answer!r}" if fact is not None else "-"
            print(f"  {entry['id']} [{entry['kind']}] {entry['answer']!r} | {got} | {reason}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
