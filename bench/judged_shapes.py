"""Judged acceptance by question shape, and the shipped model's precision by threshold, over
every verdict a developer may learn from (never the fresh split).

Run from the repository root:
    python -m bench.judged_shapes

A shape is the question's form and its answer's kind ("cloze/organisation", "wh/figure"). The
verdicts are those of every sample `sample_for_judging.readable_keys` lets a tool read: the
tuning labels (bench/judging/labels/) and the judged samples of the tuning, held-out (already
read, so tuning data now) and bundled texts (`bundled-*` and `russia-iran-*`, the bundled bank
at several commits, tuned on as well); `fresh-*` files are never read. Outside texts (tuning
and held-out splits) and the bundled bank are counted apart, since rules fitted to one showed
little on the other. The model's precision is shown on the held-out and bundled samples: the
model was not trained on them, but the refused shapes and the strict threshold's share were
chosen by looking at them, so these are tuning figures, not measurements.
"""

from __future__ import annotations

import json
import re
import sys
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from app.generation.acceptability import (
    features,
    floor_threshold,
    form_of,
    load_model,
    probability,
    refused,
    refused_shape,
)
from app.generation.types import Question
from bench.label_for_ranker import LABELS_DIR
from bench.sample_for_judging import JUDGING_DIR, readable_keys
from bench.train_ranker import judged_parts, judged_question

OUTSIDE = ("tune", "heldout")
THRESHOLDS = (0.2, 0.3, 0.4, 0.5, 0.6)


@dataclass(frozen=True)
class Judged:
    """One judged question as its judge saw it, its verdict and where it was drawn from."""

    question: Question
    title: str
    acceptable: bool
    group: str  # the sample's split (tune, heldout) or, for a pack's, its name (bundled, ...)


def judged(paths: Sequence[Path] | None = None) -> Iterator[Judged]:
    """Every judged question of the readable samples (or of `paths`), with its verdict."""
    for key_path in readable_keys(JUDGING_DIR, LABELS_DIR) if paths is None else paths:
        about = json.loads(key_path.read_text(encoding="utf-8"))
        if "questions" not in about:
            continue  # a comparison of two banks, keyed by bank rather than by question
        group = about.get("split") or key_path.name.split("-seed")[0]
        for key, blocks, verdicts in judged_parts([key_path]):
            for verdict in verdicts:
                block = blocks[str(verdict.number)]
                title = re.search(r"^- Source: (.*)$", block, re.M)
                question = judged_question(key[str(verdict.number)], block)
                yield Judged(question, title.group(1) if title else "", verdict.acceptable, group)


def shape(question: Question) -> str:
    """The question's form and its answer's kind."""
    return f"{form_of(question)}/{question.kind}"


def by_shape(rows: Sequence[Judged]) -> dict[str, dict[str, list[int]]]:
    """shape -> {"outside" | "bank": [accepted, judged]}."""
    table: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0]))
    for row in rows:
        cell = table[shape(row.question)]["outside" if row.group in OUTSIDE else "bank"]
        cell[0] += row.acceptable
        cell[1] += 1
    return table


def precision_by_threshold(
    rows: Sequence[Judged], model: dict, thresholds: Sequence[float] = THRESHOLDS
) -> list[tuple[float, int, int]]:
    """(threshold, accepted, kept) among the rows the rules let through, by threshold."""
    scored = []
    for row in rows:
        values = features(row.question, row.title)
        if not refused(values):
            scored.append((probability(values, model), row.acceptable))
    return [
        (t, sum(ok for p, ok in scored if p >= t), sum(1 for p, _ in scored if p >= t))
        for t in thresholds
    ]


def main() -> int:
    """Print the shapes' acceptance and the model's precision by threshold."""
    rows = list(judged())
    print(f"{len(rows)} judged questions outside the fresh split")
    print(f"{'shape':28s} {'outside texts':>16s} {'bundled bank':>16s}  refused")
    table = by_shape(rows)
    for name in sorted(table, key=lambda s: -sum(c[1] for c in table[s].values())):
        cells = [table[name].get(g, [0, 0]) for g in ("outside", "bank")]
        text = "  ".join(f"{a:4d}/{n:<4d} {a / n if n else 0:4.0%}" for a, n in cells)
        example = next(r for r in rows if shape(r.question) == name)
        shut = refused_shape(features(example.question, ""))
        print(f"{name:28s} {text}  {'yes' if shut else ''}")
    model = load_model()
    thresholds = sorted({*THRESHOLDS, floor_threshold(model), model["threshold"]})
    for group in ("heldout", "russia-iran", "bundled"):
        picked = [r for r in rows if r.group == group]
        line = "  ".join(
            f">={t}: {a}/{n} {a / n if n else 0:.0%}"
            for t, a, n in precision_by_threshold(picked, model, thresholds)
        )
        print(f"model on {group} (not trained on, but tuned by): {line}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
