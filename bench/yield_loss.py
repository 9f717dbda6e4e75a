"""Where labelled tuning questions are lost: the stage of generation that drops each one.

Run from the repository root:
    python -m bench.yield_loss                 # tune and tune2, accepted and rejected labels
    python -m bench.yield_loss --list accepted # one line per lost accepted question
    python -m bench.yield_loss --list all      # every labelled question: verdict and stage

Generates the bank over each tuning split as `quire generate` would (learned ranker, strict
threshold, one fact per sentence, the per-text cap), keeping the refusals' reasons, and follows
every labelled question's fact (bench/judging/labels/tune*: its id is the fact's id and a form
suffix) through the stages: not found as a fact, refused (refusals.py, by reason), no question
built, a hard rule of the learned ranker (acceptability.refused), below the model's floor or
its threshold, a shape no bank keeps (choosing.banked), the one-per-sentence choice (or an
answer asked already, or given elsewhere), the per-text cap. A fact counts as produced when
the bank asks it in any form. Tuning labels only: the held-out splits are never read here.
"""

from __future__ import annotations

import argparse
import csv
import difflib
import json
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import replace
from pathlib import Path

from app.generation import acceptability, pipeline, ranking
from app.generation.choosing import banked, bar, chosen
from bench import corpus
from bench.label_for_ranker import LABELS_DIR, split_sources
from bench.outside import TUNING

MARKS = ("grammatical", "answerable", "correct", "distractors", "worth_asking")


def labels(split: str) -> dict[str, bool]:
    """Each labelled question id of one tuning split, and whether judges accepted it."""
    return judged(sorted(LABELS_DIR.glob(f"{split}-seed*.key.json")))


def judged(key_paths: Sequence[Path]) -> dict[str, bool]:
    """Each question id of the samples' keys, and whether judges accepted it."""
    verdicts: dict[str, bool] = {}
    for key_path in key_paths:
        key = json.loads(key_path.read_text(encoding="utf-8"))["questions"]
        rows = key_path.with_name(key_path.name.replace(".key.json", ".verdicts.csv"))
        with rows.open(encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                ok = all(row[m].strip().lower() == "yes" for m in MARKS)
                verdicts[key[row["number"]]["id"]] = ok
    return verdicts


def labelled_quotes(split: str) -> dict[str, tuple[str, str, str]]:
    """Each labelled question id of one split: its source, keyed answer and quote."""
    found: dict[str, tuple[str, str, str]] = {}
    for key_path in sorted(LABELS_DIR.glob(f"{split}-seed*.key.json")):
        key = json.loads(key_path.read_text(encoding="utf-8"))["questions"]
        text = key_path.with_name(key_path.name.replace(".key.json", ".md")).read_text("utf-8")
        for section in re.split(r"^## ", text, flags=re.M)[1:]:
            number = section.split("\n", 1)[0].strip()
            answer = re.search(r"^- Keyed answer: (.*)$", section, re.M)
            quote = re.search(r"^Quote:\n> (.*)$", section, re.M)
            if number in key and answer and quote:
                entry = key[number]
                found[entry["id"]] = (entry["source"], answer.group(1), quote.group(1))
    return found


def fact_of(question_id: str) -> str:
    """A question id's fact id (the id without its form suffix)."""
    return question_id.rsplit("-", 1)[0]


def _hard_rule(q, title: str) -> str | None:
    """Which of the learned ranker's hard rules refuses the question, or None."""
    values = acceptability.features(q, title)
    if values.get("pronoun_start"):
        return "ranker rule: leading pronoun"
    if values.get("answer_in_title"):
        return "ranker rule: answer in title"
    if acceptability._guessable_name(values):
        return "ranker rule: everyday-English name"
    if acceptability.refused_shape(values):
        return "ranker rule: refused shape"
    if acceptability.dated_by_title(q, title):
        return "ranker rule: date the title prints"
    return None


def trace(split: str, nlp) -> tuple[dict[str, str], int, int]:
    """Why each fact of the split is not in its bank (absent facts are kept, with ""); the
    bank's question count and the split's words."""
    sources = split_sources(split)
    why, result, facts = trace_sources(sources, nlp)
    FACTS[split] = facts
    return why, len(result.questions), sum(len(s.text.split()) for s in sources)


def trace_sources(
    sources, nlp, **options
) -> tuple[dict[str, str], pipeline.GenerationResult, list]:
    """Why each fact of the sources is not in their bank ("produced" when it is), the result
    of generation (`options` as `pipeline.generate` takes them) and every fact found."""
    captured: dict = {}
    build, rank, resolve = pipeline.build, pipeline.rank, pipeline.resolve

    def keep_facts(facts, *args, **kwargs):
        captured["facts"] = list(facts)
        return resolve(facts, *args, **kwargs)

    def keep_built(kept, *args, **kwargs):
        captured["kept"] = [fact.id for fact in kept]
        captured["built"] = build(kept, *args, **kwargs)
        return captured["built"]

    def keep_ranked(questions, mentions, **kwargs):
        captured["rank"] = (questions, mentions, kwargs)
        return rank(questions, mentions, **kwargs)

    pipeline.build, pipeline.rank, pipeline.resolve = keep_built, keep_ranked, keep_facts
    try:
        result = pipeline.generate(sources, nlp, **options)
    finally:
        pipeline.build, pipeline.rank, pipeline.resolve = build, rank, resolve
    why: dict[str, str] = dict(result.refused)
    # Kept by the refusals, but every form's prompt refused (settling.py: a reference it
    # cannot settle, a lost time frame) or none built: the fact keeps its id.
    for fact in captured["kept"]:
        why.setdefault(fact, NO_QUESTION)
    for fact in {q.fact for q in captured["built"]}:
        why[fact] = ""
        why.setdefault(fact, "")
    for fact in {q.fact for q in result.questions}:
        why[fact] = "produced"
    _rank_stages(why, *captured["rank"])
    return why, result, captured["facts"]


FACTS: dict[str, list] = {}
NO_QUESTION = "kept, but no question built (a prompt that cannot stand alone)"


def renamed(split: str, source: str, answer: str, quote: str) -> str | None:
    """The fact now made of a labelled question whose id changed: same text and answer, a
    quote much like the labelled one."""
    norm = ranking.normalise
    best, score = None, 0.6
    for fact in FACTS[split]:
        # A date given to the day or month is now asked by its year (answer_spans).
        if fact.source != source or norm(fact.answer) not in {norm(answer), year_of(answer)}:
            continue
        ratio = difflib.SequenceMatcher(None, norm(fact.quote.text), norm(quote)).ratio()
        if norm(fact.quote.text) in norm(quote) or norm(quote) in norm(fact.quote.text):
            ratio = 1.0
        if ratio > score:
            best, score = fact.id, ratio
    return best


def _renaming(split: str, now: str, qid: str, quotes: Mapping[str, tuple[str, str, str]]) -> str:
    """How a labelled question's fact is found again: asked by its date's year, or its id
    changed (a quote widened or cut: the same blank in much the same passage)."""
    answer = next(f.answer for f in FACTS[split] if f.id == now)
    asked_by_year = ranking.normalise(answer) != ranking.normalise(quotes[qid][1])
    return "(asked by its year)" if asked_by_year else "(id changed)"


def year_of(answer: str) -> str:
    """The year a labelled full date ("18 November 2015") is asked by now, or ""."""
    years = re.findall(r"\b(?:1[0-9]|20)\d{2}\b", answer)
    return years[0] if len(years) == 1 and re.search(r"[A-Za-z]", answer) else ""


def _rank_stages(why: dict[str, str], questions, mentions: Mapping[str, int], kwargs) -> None:
    """Fill in the ranking stage that drops each built fact not produced."""
    model, titles = kwargs["model"], kwargs["titles"]
    scored = []
    for q in questions:
        count = mentions.get(ranking.normalise(q.answer), 1)
        scored.append(replace(q, quality=ranking.quality(q, count)))
    passing = [q for q in scored if q.quality >= ranking.MIN_QUALITY]
    unique = ranking._unique(passing)
    by_fact = ranking.all_forms(unique)
    learned = ranking.learned_forms(by_fact, model, titles)
    above = {f for f in learned if learned[f][0].quality >= bar(learned[f][0], model)}
    first_choice = set(chosen(learned, dict.fromkeys(above, 0), kwargs["news"], 1))
    groups_taken = {learned[f][0].group for f in first_choice}

    def stage(fact: str) -> str:
        if fact not in {q.fact for q in passing}:
            return "ranker: heuristic quality below MIN_QUALITY"
        if fact not in by_fact:
            return "ranker: duplicate prompt"
        if fact not in learned:
            best = by_fact[fact][0]
            rule = _hard_rule(best, titles.get(best.quote.source, ""))
            return rule or "ranker: below the model's floor"
        if fact not in above:
            return "ranker: between floor and threshold"  # or its bar (choosing.bar)
        if not banked(learned[fact][0]):
            return f"not a shape a bank keeps ({learned[fact][0].kind})"
        if fact not in first_choice:
            if learned[fact][0].group in groups_taken:
                return "one per sentence"
            return "answer asked already / given elsewhere"
        return "per-text cap"

    for fact, reason in why.items():
        if reason == "":
            why[fact] = stage(fact)


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: the table of causes, accepted against rejected labels."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--list",
        choices=("accepted", "rejected", "all"),
        help="print each lost one (all: every labelled question, produced or not, and its verdict)",
    )
    args = parser.parse_args(argv)
    nlp = corpus.load_nlp()
    table: dict[str, Counter[bool]] = defaultdict(Counter)
    listed = []
    for split in TUNING:
        why, count, words = trace(split, nlp)
        print(f"{split}: {count} questions, {words} words, {1000 * count / words:.2f} per 1,000")
        quotes = labelled_quotes(split)
        for qid, ok in labels(split).items():
            cause = why.get(fact_of(qid))
            if cause is None:
                now = renamed(split, *quotes[qid]) if qid in quotes else None
                cause = (
                    f"{_renaming(split, now, qid, quotes)} {why[now]}"
                    if now
                    else "not found as a fact"
                )
            table[cause][ok] += 1
            verdict = "accepted" if ok else "rejected"
            if args.list == "all":
                listed.append(f"{split} {qid} {verdict} {cause}")
            elif cause != "produced" and args.list == verdict:
                listed.append(f"{split} {qid} {cause}")
    print(f"{'cause':70s} accepted rejected")
    for cause, n in sorted(table.items(), key=lambda kv: -kv[1][True]):
        print(f"{cause[:70]:70s} {n[True]:8d} {n[False]:8d}")
    print("\n".join(listed))
    return 0


if __name__ == "__main__":
    sys.exit(main())
