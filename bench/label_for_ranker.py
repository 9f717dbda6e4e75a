"""Blind labelling samples of the tuning texts' candidate questions, for the learned ranker.

Run from the repository root:
    python -m bench.label_for_ranker --seed 81 -n 400 --parts 5
    python -m bench.label_for_ranker --split tune2 --seed 141 -n 400 --parts 8 --not-refused

Generates over a tuning split (`tune` unless --split says `tune2`) with a wide pool (more
questions per text than the bank keeps, so the ranker sees what it must choose between), draws
n questions taken from each text in turn, and writes them in parts for several judges:
bench/judging/labels/<split>-seed<S>-part<K>.md / .verdicts.csv / .key.json, in the format of
bench.sample_for_judging. `--not-refused` draws only candidates the hard rules let through to
the learned model (`acceptability.ruled_out`), so labels are spent where the model decides.
Only tuning texts are labelled: the held-out texts and the bundled bank stay unseen by the ranker.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from app.generation import acceptability, pipeline
from app.generation.pipeline import GenerationResult
from app.generation.types import SourceText
from bench import corpus, outside, recall
from bench.sample_for_judging import JUDGING_DIR, _head_commit, stratified_sample, write_sample

LABELS_DIR = JUDGING_DIR / "labels"
# About one candidate per this many words: four times the bank's density.
POOL_WORDS_PER_FACT = 6
# The labels of seed 81 were drawn with up to three facts per sentence.
POOL_FACTS_PER_GROUP = 3


def split_sources(split: str) -> list[SourceText]:
    """A split's texts: its corpus files and its articles with human questions (if any)."""
    sources, failures = outside.load_split(split)
    for failure in failures:
        print(f"warning: left out {failure}", file=sys.stderr)
    return sources + [a.source for a in recall.load_articles() if a.split == split]


def generate_pool(split: str = "tune", nlp=None) -> tuple[GenerationResult, dict[str, str]]:
    """The generator's wide candidate pool over one split (no learned ranker), and titles."""
    sources = split_sources(split)
    result = pipeline.generate(
        sources,
        nlp if nlp is not None else corpus.load_nlp(),
        words_per_fact=POOL_WORDS_PER_FACT,
        learned_ranker=False,
        facts_per_group=POOL_FACTS_PER_GROUP,
    )
    return result, {s.id: s.title for s in sources}


def candidate_pool(
    split: str = "tune", nlp=None, not_refused: bool = False
) -> tuple[list[dict], dict[str, str]]:
    """Every candidate the generator offers the ranker over one split, and the texts' names;
    with `not_refused`, only those the hard rules let through to the learned model."""
    result, names = generate_pool(split, nlp)
    questions = result.questions
    if not_refused:
        questions = [q for q in questions if not acceptability.ruled_out(q, names[q.quote.source])]
    return [corpus.question_to_dict(q) for q in questions], names


def _labelled_ids(directory: Path) -> set[str]:
    """Ids of the questions already drawn into a labelling part."""
    ids: set[str] = set()
    for key in directory.glob("*.key.json"):
        ids |= {q["id"] for q in json.loads(key.read_text(encoding="utf-8"))["questions"].values()}
    return ids


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: draw the labelling sample and write it in parts."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=outside.TUNING, default=outside.TUNE)
    parser.add_argument("--seed", type=int, required=True, help="chosen before looking")
    parser.add_argument("-n", type=int, default=400)
    parser.add_argument("--parts", type=int, default=5)
    parser.add_argument("--per-text", type=int, default=60, help="at most this many per text")
    parser.add_argument("--out", type=Path, default=LABELS_DIR)
    parser.add_argument(
        "--unlabelled", action="store_true", help="leave out questions already in a part"
    )
    parser.add_argument(
        "--not-refused",
        action="store_true",
        help="only candidates the hard rules let through to the learned model",
    )
    args = parser.parse_args(argv)
    questions, names = candidate_pool(args.split, not_refused=args.not_refused)
    if args.unlabelled:
        done = _labelled_ids(args.out)
        questions = [q for q in questions if q["id"] not in done]
    sample = stratified_sample(questions, len(questions), args.seed)
    taken: Counter[str] = Counter()
    capped = []
    for question in sample:  # no one long text may fill the labels
        source = question["quote"]["source"]
        if taken[source] < args.per_text:
            taken[source] += 1
            capped.append(question)
    sample = capped[: args.n]
    size = -(-len(sample) // args.parts)
    for part in range(args.parts):
        chunk = sample[part * size : (part + 1) * size]
        out = args.out / f"{args.split}-seed{args.seed}-part{part + 1}"
        about = {"split": args.split, "seed": args.seed, "part": part + 1, "pool": len(questions)}
        about |= {"pool_words_per_fact": POOL_WORDS_PER_FACT, "quire_commit": _head_commit()}
        if args.not_refused:
            about["not_refused"] = True
        for path in write_sample(chunk, names, out, about):
            print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
