"""Where the human questions of the recall subset are lost: the stage that drops each answer.

Run from the repository root (tuning articles only unless told otherwise):
    python -m bench.recall_loss                  # table of stages by kind, strict and pool
    python -m bench.recall_loss --list place     # one line per missed place question

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

from bench import corpus
from bench.answer_kinds import RECALL_KINDS
from bench.matching import normalise
from bench.recall import Article, HumanQuestion, classify, load_articles, spacy_entities
from bench.yield_loss import NO_QUESTION, trace_sources

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
    overlapping = []
    for fact in facts:
        if fact.source != human.source:
            continue
        start = fact.quote.start + fact.answer_start
        end = start + len(fact.answer)
        if any(start < e and s < end for s, e in human.spans):
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


def table(rows: Sequence[tuple[HumanQuestion, str, object]]) -> dict[str, Counter[str]]:
    """Counts of each stage by kind (a refusal's reason cut to its first clause)."""
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for human, reason, _ in rows:
        counts[short(reason)][human.kind] += 1
    return counts


def short(reason: str) -> str:
    """A stage's name for the table: refusals and kinds of shape kept apart, details cut."""
    return reason.split(" (")[0] if not reason.startswith("not a shape") else reason


def print_table(title: str, counts: Mapping[str, Counter[str]]) -> None:
    """The stages by kind, the most common first."""
    print(f"\n{title}")
    print(f"{'stage':64s} " + " ".join(f"{k[:6]:>6s}" for k in RECALL_KINDS))
    for reason, row in sorted(counts.items(), key=lambda kv: -sum(kv[1].values())):
        print(f"{reason[:64]:64s} " + " ".join(f"{row[k]:6d}" for k in RECALL_KINDS))


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: the tables (strict bank and review pool), and the listed misses."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=("tune", "heldout"), default="tune")
    parser.add_argument("--list", choices=RECALL_KINDS, action="append", default=[])
    parser.add_argument("--pool", action="store_true", help="the review pool only")
    args = parser.parse_args(argv)
    articles = load_articles()
    nlp = corpus.load_nlp()
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


if __name__ == "__main__":
    sys.exit(main())
