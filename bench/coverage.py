"""Answer-key coverage of a question pack, and a sample of questions for a human reading.

Run from the repository root:
    python -m bench.coverage                          # generate in-process, then report
    python -m bench.coverage --pack questions/packs/russia-iran.json
    python -m bench.coverage --pack PACK --sample 30 --seed 1
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import textwrap
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.generation.types import KINDS
from bench import corpus
from bench.matching import covers, evidence_spans, near_misses

Question = Mapping[str, Any]


@dataclass
class CoverageReport:
    """Covered and total facts by kind, and the facts no question covers."""

    by_kind: dict[str, list[int]] = field(default_factory=dict)  # kind -> [covered, total]
    covering: dict[str, list[str]] = field(default_factory=dict)  # fact id -> question ids
    uncovered: list[tuple[Mapping[str, Any], list[Question]]] = field(default_factory=list)

    @property
    def covered(self) -> int:
        """Facts covered by at least one question."""
        return sum(covered for covered, _ in self.by_kind.values())

    @property
    def total(self) -> int:
        """Facts in the key."""
        return sum(total for _, total in self.by_kind.values())


def questions_by_source(questions: Sequence[Question]) -> dict[str, list[Question]]:
    """Each source id with the questions quoting it (orderings under their items' sources too)."""
    by_source: dict[str, list[Question]] = {}
    for question in questions:
        sources = {(question.get("quote") or {}).get("source")}
        sources.update(
            (item.get("quote") or {}).get("source") for item in question.get("items", ())
        )
        for source in sources - {None}:
            by_source.setdefault(source, []).append(question)
    return by_source


def coverage_report(
    key: Sequence[Mapping[str, Any]], questions: Sequence[Question], texts: Mapping[str, str]
) -> CoverageReport:
    """Match every key fact against the questions (see bench.matching.covers)."""
    report = CoverageReport(by_kind={kind: [0, 0] for kind in KINDS})
    by_source = questions_by_source(questions)
    for fact in key:
        spans = evidence_spans(texts.get(fact["source"], ""), fact["evidence"])
        candidates = by_source.get(fact["source"], [])
        hits = [question["id"] for question in candidates if covers(question, fact, spans)]
        counts = report.by_kind.setdefault(fact["kind"], [0, 0])
        counts[1] += 1
        if hits:
            counts[0] += 1
            report.covering[fact["id"]] = hits
        else:
            report.uncovered.append((fact, near_misses(candidates, fact, spans)))
    return report


def quote_mismatches(questions: Sequence[Question], texts: Mapping[str, str]) -> list[str]:
    """Ids of questions whose quote text is not source[start:end] (should never happen)."""
    bad = []
    for question in questions:
        quote = question.get("quote") or {}
        text = texts.get(quote.get("source", ""))
        if text is not None and text[quote.get("start", 0) : quote.get("end", 0)] != quote.get(
            "text"
        ):
            bad.append(question["id"])
    return bad


def print_report(report: CoverageReport, questions: Sequence[Question]) -> None:
    """Print the table by kind, the overall share and the uncovered facts."""
    types = Counter(question.get("type") for question in questions)
    print(f"{len(questions)} questions: " + ", ".join(f"{n} {t}" for t, n in sorted(types.items())))
    print(f"\n{'kind':<14}{'covered':>9}{'total':>7}{'share':>8}")
    for kind, (covered, total) in report.by_kind.items():
        share = f"{covered / total:.0%}" if total else "-"
        print(f"{kind:<14}{covered:>9}{total:>7}{share:>8}")
    overall = report.covered / report.total if report.total else 0.0
    print(f"{'overall':<14}{report.covered:>9}{report.total:>7}{overall:>8.0%}")
    if not report.uncovered:
        return
    print(f"\nUncovered facts ({len(report.uncovered)}):")
    for fact, misses in report.uncovered:
        print(f"  {fact['id']} [{fact['kind']}] {fact['source']}: {fact['answer']!r}")
        print(f"      evidence: {fact['evidence']!r}")
        for question in misses[:3]:
            print(
                f"      quoted by {question['id']} ({question.get('type')}) answering "
                f"{question.get('answer')!r}"
            )


def sample_questions(questions: Sequence[Question], n: int, seed: int) -> list[Question]:
    """The n questions whose ids hash lowest under the seed.

    Ranking by a hash of (seed, id) rather than by position keeps the sample stable when the
    pack changes: a question that stays in the pack stays in the sample (or out of it), so a
    reader's verdicts keep counting and only new questions need reading.
    """

    def rank(question: Question) -> str:
        return hashlib.sha256(f"{seed}:{question['id']}".encode()).hexdigest()

    return sorted(questions, key=rank)[: min(n, len(questions))]


def format_question(question: Question) -> str:
    """A question in full, as a reader judging its acceptability needs to see it."""
    quote = question.get("quote") or {}
    lines = [
        f"[{question['id']}] {question.get('type')} / {question.get('kind')}",
        f"  Prompt: {question.get('prompt')}",
    ]
    lines += [
        f"    ({chr(97 + i)}) {choice}" for i, choice in enumerate(question.get("choices", ()))
    ]
    lines += [
        f"    - {item.get('text')} [{item.get('date', '')}]" for item in question.get("items", ())
    ]
    lines.append(f"  Answer: {question.get('answer')}")
    if question.get("accept"):
        lines.append(f"  Also accepted: {', '.join(question['accept'])}")
    if question.get("correction"):
        lines.append(f"  Correction: {question['correction']}")
    lines.append(f"  Quote ({quote.get('source')} {quote.get('start')}-{quote.get('end')}):")
    lines += textwrap.wrap(
        quote.get("text", ""), 96, initial_indent="    ", subsequent_indent="    "
    )
    lines.append(f"  Explanation: {question.get('explanation')}")
    return "\n".join(lines)


def acceptability(
    sample: Sequence[Question], verdicts: Mapping[str, Mapping[str, Any]]
) -> tuple[int, int, int]:
    """(acceptable, judged, unjudged) among the sampled questions."""
    judged = [verdicts[q["id"]] for q in sample if q["id"] in verdicts]
    acceptable = sum(1 for verdict in judged if verdict.get("ok") is True)
    return acceptable, len(judged), len(sample) - len(judged)


def print_sample(sample: Sequence[Question], verdicts: Mapping[str, Mapping[str, Any]]) -> None:
    """Print the sampled questions with any verdict already given, then the acceptable share."""
    for question in sample:
        print(format_question(question))
        verdict = verdicts.get(question["id"])
        if verdict is not None:
            print(
                f"  Verdict: {'ok' if verdict.get('ok') else 'NOT ok'} - {verdict.get('why', '')}"
            )
        print()
    acceptable, judged, unjudged = acceptability(sample, verdicts)
    share = f"{acceptable / judged:.0%}" if judged else "n/a"
    print(
        f"Acceptable: {acceptable}/{judged} judged sampled questions ({share}); "
        f"{unjudged} of {len(sample)} sampled still unjudged."
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: coverage report, optionally followed by a sample for human reading."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pack", type=Path, help="pack JSON to read (default: generate now)")
    parser.add_argument("--key", type=Path, default=corpus.KEY_PATH)
    parser.add_argument("--verdicts", type=Path, default=corpus.VERDICTS_PATH)
    parser.add_argument("--generator", default=corpus.DEFAULT_GENERATOR, help="module:function")
    parser.add_argument("--sample", type=int, default=0, metavar="N")
    parser.add_argument("--seed", type=int, default=0, metavar="S")
    args = parser.parse_args(argv)

    sources = corpus.load_sources()
    texts = {source.id: source.text for source in sources}
    key = corpus.load_key(args.key)
    problems = corpus.key_problems(key, texts)
    if problems:
        print("The answer key has problems:\n  " + "\n  ".join(problems), file=sys.stderr)
        return 2
    if args.pack:
        questions = corpus.load_pack_questions(args.pack)
    else:
        try:
            questions = corpus.generate_questions(sources, generator=args.generator)
        except NotImplementedError as error:
            print(f"The generator is not implemented yet ({error}); pass --pack.", file=sys.stderr)
            return 2
    bad_quotes = quote_mismatches(questions, texts)
    if bad_quotes:
        print(f"warning: {len(bad_quotes)} quotes differ from their source: {bad_quotes[:10]}")
    print_report(coverage_report(key, questions, texts), questions)
    if args.sample:
        verdicts = json.loads(args.verdicts.read_text(encoding="utf-8"))
        print(f"\nSample of {args.sample} (seed {args.seed}); verdicts from {args.verdicts}\n")
        print_sample(sample_questions(questions, args.sample, args.seed), verdicts)
        acceptable, judged, _ = acceptability(questions, verdicts)
        if judged:
            print(f"Across the whole pack: {acceptable}/{judged} judged questions acceptable.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
