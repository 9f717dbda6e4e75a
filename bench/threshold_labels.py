"""Held-out labels for the learned ranker's threshold: the review pool of a split nobody tunes on.

Run from the repository root:
    python -m bench.threshold_labels draw --split fresh4 --seed 146 --parts 2
    python -m bench.threshold_labels features --split fresh4
    python -m bench.threshold_labels curve --split fresh4

`draw` generates the split as an upload is generated for review (`review_pool=True`: every fact
above the model's floor, each with the model's probability as its quality), keeps a snapshot of
every pool question's id, type, kind and quality (bench/judging/threshold/<split>-pool.json), and
writes the pool's questions no blind sample of the split has judged yet, in parts for fresh
judges (format of bench.sample_for_judging). `curve` joins every judged reading of the split
(these parts and the split's blind samples in bench/judging/) with the snapshot's quality and
prints acceptance by band and above each candidate threshold. The model never trains on these
labels (`ranker_labels.CLOSED_SPLITS` refuses fresh4): they choose its threshold.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path

from app.generation import acceptability, pipeline
from app.generation.choosing import banked
from bench import corpus, outside
from bench.judged_tally import judged, parse_verdicts, question_blocks
from bench.sample_for_judging import JUDGING_DIR, _head_commit, stratified_sample, write_sample

THRESHOLD_DIR = JUDGING_DIR / "threshold"
BAND = 0.05
CANDIDATES = (0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6)


def features_path(split: str) -> Path:
    """Where the features of the split's judged readings are kept, for bench.train_ranker."""
    return THRESHOLD_DIR / f"{split}-features.csv"


def pool_path(split: str) -> Path:
    """Where the split's review-pool snapshot is kept."""
    return THRESHOLD_DIR / f"{split}-pool.json"


def review_pool(split: str) -> tuple[list[dict], dict[str, str]]:
    """The split's review pool as pack-shaped dicts (quality = the model's probability)."""
    sources, failures = outside.load_split(split)
    for failure in failures:
        print(f"warning: left out {failure}", file=sys.stderr)
    result = pipeline.generate(sources, corpus.load_nlp(), review_pool=True)
    return [corpus.question_to_dict(q) for q in result.questions], {s.id: s.title for s in sources}


def judged_keys(split: str) -> list[Path]:
    """Every sample key of the split: its blind samples and its threshold parts."""
    keys = [*JUDGING_DIR.glob(f"{split}-*.key.json"), *THRESHOLD_DIR.glob(f"{split}-*.key.json")]
    return sorted(keys)


def readings(keys: Iterable[Path]) -> list[tuple[str, bool]]:
    """(question id, acceptable) for every judged reading of those samples, every reader's."""
    return [(entry["id"], ok) for entry, _, ok in judged_readings(keys)]


def judged_readings(keys: Iterable[Path]):
    """(key entry, the question's block of the .md, acceptable) for every judged reading."""
    for key_path in keys:
        key = json.loads(key_path.read_text(encoding="utf-8"))["questions"]
        base = str(key_path).removesuffix(".key.json")
        markdown = Path(base + ".md").read_text(encoding="utf-8")
        blocks = question_blocks(markdown)
        for verdicts in sorted(Path(base).parent.glob(Path(base).name + "*.verdicts.csv")):
            text = verdicts.read_text(encoding="utf-8")
            if judged(text):
                for v in parse_verdicts(text, sorted(int(n) for n in key)):
                    yield key[str(v.number)], blocks[str(v.number)], v.acceptable


def write_features(split: str) -> int:
    """Write the features of every judged reading of the split whose shape a bank keeps (one
    row a reading: two readers of a question are two rows), as the judge saw each question."""
    from bench.train_ranker import judged_question

    sources, _ = outside.load_split(split)
    titles = {s.id: s.title for s in sources}
    rows = []
    for entry, block, acceptable in judged_readings(judged_keys(split)):
        question = judged_question(entry, block)
        if banked(question):
            values = acceptability.features(question, titles[question.quote.source])
            rows.append({"id": question.id, "label": int(acceptable)} | values)
    with features_path(split).open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(sorted(rows, key=lambda r: (r["id"], r["label"])))
    return len(rows)


def labelled_by(model: dict, split: str) -> list[tuple[float, bool]]:
    """(the model's probability, acceptable) for every judged reading in the features file."""
    with features_path(split).open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    return [
        (
            acceptability.probability(
                {k: float(v) for k, v in row.items() if k not in {"id", "label"}}, model
            ),
            row["label"] == "1",
        )
        for row in rows
    ]


def acceptance_curve(
    labelled: Sequence[tuple[float, bool]], candidates: Sequence[float] = CANDIDATES
) -> list[tuple[float, int, int]]:
    """For each candidate threshold: (threshold, acceptable readings, readings) at or above it."""
    return [
        (t, sum(ok for q, ok in labelled if q >= t), sum(1 for q, _ in labelled if q >= t))
        for t in candidates
    ]


def lowest_no_worse(labelled: Sequence[tuple[float, bool]], current: float) -> float:
    """The lowest candidate threshold whose held-out acceptance is no lower than the current
    threshold's (compared as fractions: a tie keeps the larger bank)."""
    _, ok_c, n_c = acceptance_curve(labelled, [current])[0]
    if not n_c:
        return current
    for t, ok, n in acceptance_curve(labelled, sorted({*CANDIDATES, current})):
        if n and ok * n_c >= ok_c * n:
            return t
    return current


def draw(split: str, seed: int, parts: int) -> None:
    """Write the pool snapshot and the unjudged pool questions in parts."""
    questions, names = review_pool(split)
    snapshot = {
        q["id"]: {"type": q["type"], "kind": q.get("kind"), "quality": q.get("quality")}
        for q in questions
    }
    THRESHOLD_DIR.mkdir(parents=True, exist_ok=True)
    about = {"split": split, "quire_commit": _head_commit(), "questions": snapshot}
    pool_path(split).write_text(json.dumps(about, indent=1) + "\n", encoding="utf-8")
    done = {qid for qid, _ in readings(judged_keys(split))}
    fresh = [q for q in questions if q["id"] not in done]
    sample = stratified_sample(fresh, len(fresh), seed)
    size = -(-len(sample) // parts)
    for part in range(parts):
        chunk = sample[part * size : (part + 1) * size]
        out = THRESHOLD_DIR / f"{split}-seed{seed}-part{part + 1}"
        about = {"split": split, "seed": seed, "part": part + 1, "pool": len(questions)}
        for path in write_sample(chunk, names, out, about | {"quire_commit": _head_commit()}):
            print(f"wrote {path}")
    print(
        f"pool {len(questions)}, judged before {len(questions) - len(fresh)}, drawn {len(sample)}"
    )


def curve(split: str) -> None:
    """Print the shipped model's acceptance curve on the split's judged readings (the shapes a
    bank keeps) and the threshold bench.train_ranker chooses from it."""
    model = acceptability.load_model()
    labelled = labelled_by(model, split)
    reference = model.get("tuning_threshold", model["threshold"])
    print(
        f"{len(labelled)} readings; threshold {model['threshold']}, chosen against the "
        f"tuning labels' {reference}; floor {acceptability.floor_threshold(model)}"
    )
    print("| at or above | acceptable | share |\n|---|---|---|")
    for t, ok, n in acceptance_curve(labelled, sorted({*CANDIDATES, reference})):
        print(f"| {t:.4g} | {ok}/{n} | {ok / n:.0%} |" if n else f"| {t:.4g} | 0/0 | – |")
    print(f"lowest threshold no worse than {reference}: {lowest_no_worse(labelled, reference)}")


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: `draw` or `curve`."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("action", choices=("draw", "features", "curve"))
    parser.add_argument("--split", choices=outside.HELD_OUT, required=True)
    parser.add_argument("--seed", type=int, help="chosen before looking (draw)")
    parser.add_argument("--parts", type=int, default=2)
    args = parser.parse_args(argv)
    if args.action == "draw":
        draw(args.split, args.seed, args.parts)
    elif args.action == "features":
        print(f"{write_features(args.split)} readings -> {features_path(args.split)}")
    else:
        curve(args.split)
    return 0


if __name__ == "__main__":
    sys.exit(main())
