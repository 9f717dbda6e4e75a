"""Recall of human-written questions: how many of them Quire's generator also asks.

Run from the repository root:
    python -m bench.recall                    # both splits of bench/squad_subset.json
    python -m bench.recall --split tune --missed 30
    python -m bench.recall --review-pool      # what a teacher reviewing an upload is offered

Each article of the reading-comprehension subset becomes one source text (its paragraphs
joined by blank lines). A human question counts when its answer is a date, person, place,
organisation or number (see bench.answer_kinds) and is **recalled** when some generated
question quotes a passage overlapping one of its answers' spans and has the same answer
(bench.matching.covers: normalised equality with the answer or an accepted form; for
true/false the correct statement contains it; for ordering an item names it or is dated by it).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.generation.types import SourceText
from bench import corpus
from bench.answer_kinds import RECALL_KINDS, Entity, answer_kind
from bench.coverage import questions_by_source
from bench.matching import covers

ROOT = Path(__file__).resolve().parents[1]
SUBSET_PATH = ROOT / "bench" / "squad_subset.json"
PARAGRAPH_BREAK = "\n\n"
TARGET_OVERALL = 0.70
TARGET_PLACES_ORGANISATIONS = 0.50
TARGET_PER_1000_WORDS = 40.0
REVIEW_POOL_GENERATOR = "bench.recall:review_pool"

Question = Mapping[str, Any]


@dataclass(frozen=True)
class HumanQuestion:
    """A human question placed in its article's text: answers and their character spans."""

    id: str
    source: str
    question: str
    answers: tuple[str, ...]
    spans: tuple[tuple[int, int], ...]
    kind: str | None = None


@dataclass
class Article:
    """An article as one source text, with where each paragraph starts in it."""

    source: SourceText
    split: str
    paragraph_starts: list[int]
    questions: list[HumanQuestion] = field(default_factory=list)


def load_articles(path: Path = SUBSET_PATH) -> list[Article]:
    """The subset's articles, each joined into one text, with their questions placed in it."""
    data = json.loads(path.read_text(encoding="utf-8"))
    articles = []
    for item in data["articles"]:
        contexts = [paragraph["context"] for paragraph in item["paragraphs"]]
        starts, offset = [], 0
        for context in contexts:
            starts.append(offset)
            offset += len(context) + len(PARAGRAPH_BREAK)
        text = PARAGRAPH_BREAK.join(contexts)
        source = SourceText(id=item["title"], text=text, title=item["title"].replace("_", " "))
        article = Article(source, item["split"], starts)
        for start, paragraph in zip(starts, item["paragraphs"], strict=True):
            for qa in paragraph["qas"]:
                answers = tuple(answer["text"] for answer in qa["answers"])
                spans = tuple(
                    (start + a["answer_start"], start + a["answer_start"] + len(a["text"]))
                    for a in qa["answers"]
                )
                for answer, (begin, end) in zip(answers, spans, strict=True):
                    if text[begin:end] != answer:
                        raise ValueError(f"{qa['id']}: answer {answer!r} is not at {begin}")
                article.questions.append(
                    HumanQuestion(qa["id"], source.id, qa["question"], answers, spans)
                )
        articles.append(article)
    return articles


def classify(articles: Sequence[Article], entities_of) -> None:
    """Give every human question its answer's kind (None when not one of RECALL_KINDS).

    `entities_of(text)` returns the text's named entities as (start, end, label) triples;
    the kind comes from the first answer, as the annotators' first answer is the one asked.
    """
    for article in articles:
        entities: list[Entity] = list(entities_of(article.source.text))
        article.questions = [
            HumanQuestion(
                q.id,
                q.source,
                q.question,
                q.answers,
                q.spans,
                answer_kind(q.answers[0], q.spans[0][0], entities, q.question),
            )
            for q in article.questions
        ]


def spacy_entities(nlp):
    """An `entities_of` function backed by a spaCy pipeline."""

    def entities_of(text: str) -> list[Entity]:
        return [(ent.start_char, ent.end_char, ent.label_) for ent in nlp(text).ents]

    return entities_of


def recalled(human: HumanQuestion, questions: Sequence[Question]) -> Question | None:
    """The first generated question that asks what the human question asks, if any."""
    fact = {"source": human.source, "answer": human.answers[0], "aliases": list(human.answers)}
    for question in questions:
        if covers(question, fact, human.spans):
            return question
    return None


@dataclass
class SplitReport:
    """Recall by kind for one split, and the bank's size next to the prose it came from."""

    split: str
    words: int
    questions: int
    by_kind: dict[str, list[int]] = field(default_factory=dict)  # kind -> [recalled, total]
    other: int = 0
    missed: list[HumanQuestion] = field(default_factory=list)

    @property
    def per_1000_words(self) -> float:
        """Generated questions per 1,000 words of prose."""
        return 1000 * self.questions / self.words if self.words else 0.0

    def share(self, *kinds: str) -> tuple[int, int]:
        """(recalled, total) over the given kinds (all five when none are given)."""
        rows = [self.by_kind[kind] for kind in kinds or RECALL_KINDS]
        return sum(row[0] for row in rows), sum(row[1] for row in rows)


def split_report(
    split: str, articles: Sequence[Article], questions: Sequence[Question]
) -> SplitReport:
    """Match every classified human question of the split against the generated questions."""
    mine = [article for article in articles if article.split == split]
    report = SplitReport(
        split,
        corpus.word_count([article.source.text for article in mine]),
        len(questions),
        {kind: [0, 0] for kind in RECALL_KINDS},
    )
    by_source = questions_by_source(questions)
    for article in mine:
        for human in article.questions:
            if human.kind is None:
                report.other += 1
                continue
            row = report.by_kind[human.kind]
            row[1] += 1
            if recalled(human, by_source.get(human.source, ())):
                row[0] += 1
            else:
                report.missed.append(human)
    return report


def _percent(hit: int, total: int) -> str:
    return f"{hit / total:.0%}" if total else "-"


def print_report(report: SplitReport, articles: Sequence[Article]) -> None:
    """Print the kinds counted, recall by kind and overall, and the bank size, with targets."""
    names = [a.source.id for a in articles if a.split == report.split]
    counted = sum(total for _, total in report.by_kind.values())
    print(f"\n== {report.split}: {', '.join(names)}")
    kinds = ", ".join(f"{kind} {row[1]}" for kind, row in report.by_kind.items())
    print(f"human questions: {counted + report.other} ({kinds}; other answers {report.other})")
    print(f"{'kind':<14}{'recalled':>9}{'total':>7}{'recall':>8}   target")
    for kind, (hit, total) in report.by_kind.items():
        target = "≥ 50%" if kind in ("place", "organisation") else ""
        print(f"{kind:<14}{hit:>9}{total:>7}{_percent(hit, total):>8}   {target}")
    hit, total = report.share()
    print(f"{'overall':<14}{hit:>9}{total:>7}{_percent(hit, total):>8}   ≥ 70%")
    print(
        f"bank: {report.questions} questions over {report.words:,} words = "
        f"{report.per_1000_words:.1f} per 1,000 words (target ≤ {TARGET_PER_1000_WORDS:.0f})"
    )


def print_missed(report: SplitReport, questions: Sequence[Question], limit: int) -> None:
    """The human questions no generated question recalls, with what was asked there instead."""
    print(f"\nMissed in {report.split} ({len(report.missed)}; first {limit}):")
    for human in report.missed[:limit]:
        print(f"  [{human.kind}] {human.question}  -> {human.answers[0]!r}")
        near = [
            q
            for q in questions
            if (q.get("quote") or {}).get("source") == human.source
            and any(
                q["quote"]["start"] < end and start < q["quote"]["end"]
                for start, end in human.spans
            )
        ]
        for question in near[:2]:
            print(f"      quoted by a {question.get('type')} answering {question.get('answer')!r}")


def print_kinds(articles: Sequence[Article], split: str) -> None:
    """Every counted human question with the kind it was given, to audit the classifier."""
    print(f"\nKinds given in {split}:")
    for article in articles:
        if article.split != split:
            continue
        for human in article.questions:
            if human.kind is not None:
                print(f"  {human.kind:<13}{human.answers[0]!r:<40} {human.question}")


def review_pool(sources: Sequence[SourceText], nlp: Any) -> Any:
    """The generator as an upload runs it: the strict set plus the facts a reviewer may keep."""
    from app.generation.pipeline import generate

    return generate(sources, nlp, review_pool=True)


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: generate per split, then recall of the human questions by kind."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--subset", type=Path, default=SUBSET_PATH)
    parser.add_argument("--split", choices=("tune", "heldout"), action="append")
    parser.add_argument("--generator", default=corpus.DEFAULT_GENERATOR, help="module:function")
    parser.add_argument("--missed", type=int, default=0, metavar="N", help="list N misses")
    parser.add_argument("--kinds", action="store_true", help="list each question's kind")
    parser.add_argument(
        "--review-pool",
        action="store_true",
        help="the review pool an upload reaches (every fact above the ranker's floor)",
    )
    args = parser.parse_args(argv)

    if args.review_pool:
        args.generator = REVIEW_POOL_GENERATOR
    articles = load_articles(args.subset)
    nlp = corpus.load_nlp()
    classify(articles, spacy_entities(nlp))
    for split in args.split or ["tune", "heldout"]:
        sources = [article.source for article in articles if article.split == split]
        questions = corpus.generate_questions(sources, nlp, args.generator)
        report = split_report(split, articles, questions)
        print_report(report, articles)
        if args.missed:
            print_missed(report, questions, args.missed)
        if args.kinds:
            print_kinds(articles, split)
    return 0


if __name__ == "__main__":
    sys.exit(main())
