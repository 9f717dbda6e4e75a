"""How many questions of each type a bank keeps, and a sample of its multiple choices.

    python -m bench.choice_types [--split tune|bundled] [--sample 20] [--seed 14]

Tuning split and the bundled texts only: held-out texts are measured once, elsewhere.
"""

from __future__ import annotations

import argparse
import random
from collections import Counter

from bench.corpus import load_nlp, load_sources
from bench.outside import load_split


def main(argv: list[str] | None = None) -> None:
    """Print counts of questions by type (and multiple choices by kind), then a sample."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--split", choices=("tune", "bundled"), default="tune")
    parser.add_argument("--sample", type=int, default=20)
    parser.add_argument("--seed", type=int, default=14)
    args = parser.parse_args(argv)
    from app.generation.pipeline import generate

    sources = load_sources() if args.split == "bundled" else load_split("tune")[0]
    questions = generate(sources, load_nlp()).questions
    types = Counter(q.type for q in questions)
    print(f"{args.split}: {len(questions)} questions", dict(sorted(types.items())))
    choices = [q for q in questions if q.type == "multiple_choice"]
    print("multiple choice by kind:", dict(Counter(q.kind for q in choices).most_common()))
    for q in random.Random(args.seed).sample(choices, min(args.sample, len(choices))):
        print(f"- [{q.kind}] {q.prompt[:110]}\n    {list(q.choices)} key={q.answer}")


if __name__ == "__main__":
    main()
