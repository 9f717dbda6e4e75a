"""What the worth-asking rules of issue 14 change on the tuning split, and whom they refuse.

Run from the repository root:
    python -m bench.worth_rules

Two generations over the tuning split (never the held-out texts): the ranker's wide labelling
pool, whose refusals are joined to the blind labels the ranker trains on (bench/judging/
labels; the share accepted among the questions a rule refuses, beside the share among all), and the
bank's own settings with the learned ranker, counting what each rule changes:
1. background dates refused (refusals.BACKGROUND_DATE);
2. questions whose answer another kept prompt prints (given_elsewhere);
3. date or person prompts that name no party (worth.names_no_party), counted per prompt form;
4. sentences whose date gives way to the sentence's news (choosing._news_first).
"""

from __future__ import annotations

import csv
import json
import re
import sys
from collections import Counter
from collections.abc import Callable, Collection, Sequence

from app.generation import choosing, given_elsewhere, mentions, pipeline, ranking, refusals, worth
from app.generation.types import SourceText
from bench import corpus, outside, recall
from bench.label_for_ranker import LABELS_DIR, generate_pool

CRITERIA = ("grammatical", "answerable", "correct", "distractors", "worth_asking")


def labelled() -> dict[str, tuple[bool, str, str, str]]:
    """Every labelled question the ranker trains on (features.csv): (accepted, its prompt, its
    labelling part, its source); the prompt only for a date or person (the kinds
    names_no_party judges)."""
    with (LABELS_DIR / "features.csv").open(encoding="utf-8") as rows:
        trained = {row["id"] for row in csv.DictReader(rows)}
    out = {}
    for key in sorted(LABELS_DIR.glob("*.key.json")):
        questions = json.loads(key.read_text(encoding="utf-8"))["questions"]
        part = key.name.removesuffix(".key.json")
        md = key.with_name(part + ".md").read_text(encoding="utf-8")
        prompts = dict(re.findall(r"^## (\d+)\n(?:.*\n)*?- Prompt: (.*)$", md, re.M))
        with key.with_name(part + ".verdicts.csv").open(encoding="utf-8") as rows:
            for row in csv.DictReader(rows):
                q = questions[row["number"]]
                if q["id"] not in trained:
                    continue
                ok = all(row[c] == "yes" for c in CRITERIA)
                asked = q["kind"] in {"date", "person"} and q["type"] != "ordering"
                prompt = prompts.get(row["number"], "") if asked else ""
                out[q["id"]] = (ok, prompt, part, q["source"])
    return out


def nationalities(sources: Sequence[SourceText], nlp) -> dict[str, set[str]]:
    """Each text's own nationality words, from its NORP entities as the generator reads them."""
    found: dict[str, set[str]] = {}
    for source in sources:
        paragraphs = (p for p in source.text.split("\n\n") if p.strip())
        found[source.id] = {
            word
            for doc in nlp.pipe(paragraphs)
            for ent in doc.ents
            if ent.label_ == "NORP"
            for word in mentions.nationality_words(ent.text)
        }
    return found


def _share(oks: list[bool]) -> str:
    return f"{sum(oks)}/{len(oks)} accepted" + (f" ({sum(oks) / len(oks):.0%})" if oks else "")


class Counting:
    """Wraps the rules' functions to count what each changes in one generation."""

    def __init__(self) -> None:
        self.counts: Counter[str] = Counter()
        self.no_party: list[str] = []
        self.given: list[str] = []
        self.news: list[str] = []

    def __enter__(self) -> Counting:
        self.saved = (worth.names_no_party, choosing.not_given_elsewhere, choosing._news_first)
        worth.names_no_party = self._wrap_no_party(worth.names_no_party)
        choosing.not_given_elsewhere = self._wrap_given(given_elsewhere.not_given_elsewhere)
        choosing._news_first = self._wrap_news(choosing._news_first)
        return self

    def __exit__(self, *exc) -> None:
        worth.names_no_party, choosing.not_given_elsewhere, choosing._news_first = self.saved

    def _wrap_no_party(self, rule: Callable) -> Callable:
        def wrapped(prompt: str, *, demonyms: Collection[str]) -> bool:
            refused = rule(prompt, demonyms=demonyms)
            if refused:
                self.no_party.append(prompt)
            return refused

        return wrapped

    def _wrap_given(self, rule: Callable) -> Callable:
        def wrapped(questions):
            questions = list(questions)
            kept = rule(questions)
            ids = {id(q) for q in kept}
            self.given += [f"{q.answer} | {q.prompt}" for q in questions if id(q) not in ids]
            return kept

        return wrapped

    def _wrap_news(self, rule: Callable) -> Callable:
        def wrapped(facts, by_fact, news):
            first: dict[str, str] = {}
            for f in facts:
                first.setdefault(by_fact[f][0].group, f)
            ordered = rule(facts, by_fact, news)
            after: dict[str, str] = {}
            for f in ordered:
                after.setdefault(by_fact[f][0].group, f)
            for group, f in first.items():
                if after[group] != f:
                    old, new = by_fact[f][0], by_fact[after[group]][0]
                    self.news.append(f"{old.answer} -> {new.answer} | {new.prompt}")
            return ordered

        return wrapped


def main() -> int:
    """Print what each rule changes on the tuning split and its refusals' acceptance."""
    nlp = corpus.load_nlp()
    labels = labelled()
    base = [ok for ok, _, _, _ in labels.values()]
    print(f"labels: {len(labels)}, {_share(base)}")
    with Counting() as pool_count:
        pool, _ = generate_pool("tune", nlp)
    refused = {f for f, why in pool.refused.items() if why == refusals.BACKGROUND_DATE}
    hit = [ok for qid, (ok, _, _, _) in labels.items() if qid.split("-")[0] in refused]
    print(f"1. background dates refused in the labelling pool: {len(refused)} facts; "
          f"labelled questions among them: {_share(hit)}")  # fmt: skip
    sources, _ = outside.load_split("tune")
    sources += [a.source for a in recall.load_articles() if a.split == "tune"]
    demonyms = nationalities(sources, nlp)  # each labelled prompt judged with its own text's
    no_party = [
        ok
        for ok, prompt, _, source in labels.values()
        if prompt
        and worth.names_no_party(
            ranking.INSTRUCTION.sub("", prompt), demonyms=demonyms.get(source, set())
        )
    ]
    print(f"3. prompts naming no party, in the pool: {len(pool_count.no_party)} prompt forms; "
          f"labelled date or person prompts it refuses: {_share(no_party)}")  # fmt: skip
    # Rule 2 among the labels: each labelling part was one judge's pack, best first.
    pooled = {q.id: q for q in pool.questions}
    dropped = []
    for part in sorted({p for _, _, p, _ in labels.values()}):
        ids = [i for i, (_, _, p, _) in labels.items() if p == part and i in pooled]
        ordered = sorted((pooled[i] for i in ids), key=lambda q: -q.quality)
        kept = {q.id for q in given_elsewhere.not_given_elsewhere(ordered)}
        dropped += [labels[i][0] for i in ids if i not in kept]
    print(f"2. labelled questions whose answer another prompt of their part prints: "
          f"{_share(dropped)}")  # fmt: skip
    with Counting() as bank_count:
        bank = pipeline.generate(sources, nlp)
    background = sum(why == refusals.BACKGROUND_DATE for why in bank.refused.values())
    print(f"\nThe tuning split at the bank's settings: {len(bank.questions)} questions kept, "
          f"{Counter(q.kind for q in bank.questions).most_common()}")  # fmt: skip
    print(f"1. background date facts refused: {background}")
    print(f"2. questions dropped, answer printed by a better kept prompt: {len(bank_count.given)}")
    for line in bank_count.given[:8]:
        print("   ", line[:150])
    print(f"3. date or person prompt forms naming no party: {len(bank_count.no_party)}")
    print(f"4. sentences whose date gave way to their news: {len(bank_count.news)}")
    for line in bank_count.news[:8]:
        print("   ", line[:150])
    return 0


if __name__ == "__main__":
    sys.exit(main())
