"""Train the learned ranker on blind judges' labels; write app/generation/acceptability_model.json.

Run from the repository root (needs the `ranker` extra: scikit-learn):
    python -m bench.train_ranker --features --readings   # rebuild both tables (generates)
    python -m bench.train_ranker          # train from bench/judging/labels/{features,readings}.csv

Labels are the verdicts of fresh judges (by ../shared/JUDGING.md) on questions of the texts a
developer may learn from (`bench.ranker_labels`: the tuning label rounds and the blind samples
of every split read since, fresh6 and fresh7 included; never fresh4's, fresh8's nor the last
blind sample of the bundled bank); a question is labelled acceptable when all five criteria are
yes, each reader's verdict a row. The tune label rounds are featured as their judges saw each
question (features.csv, from the judging files alone); every other reading as the generator
makes the question today when it ranks it (readings.csv: `--readings` generates every labelled
split, and a question the generator no longer makes is dropped). The regularisation (by log
loss) and the tuning threshold are chosen on out-of-fold predictions, folds by text (a text is
never both trained on and judged by the same fold), and the threshold shipped on fresh4's
held-out labels (`held_out_threshold`); the model file keeps the out-of-fold precision of the
label rounds' candidates at several shares kept (`curve`).
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from app.generation.types import Question, Quote
from bench import outside, ranker_labels, threshold_labels
from bench.judged_tally import judged, parse_verdicts, question_blocks
from bench.label_for_ranker import LABELS_DIR, split_sources

FEATURES_CSV = LABELS_DIR / "features.csv"
READINGS_CSV = ranker_labels.READINGS_CSV
MODEL_PATH = Path(__file__).resolve().parents[1] / "app" / "generation" / "acceptability_model.json"
C_GRID = (0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0)
# The keep threshold: the lowest whose out-of-fold precision reaches TARGET_PRECISION while
# keeping at least MIN_KEPT of the candidates; failing that, the best precision at MIN_KEPT.
# Half: the quarter kept before (seeds 91-94) cost two thirds of the recall of human questions
# for a gain in judged acceptance within the judges' spread. With the features of issue 14 the
# out-of-fold precision is 35% at half, 36% at two fifths, 41% at a fifth, for 34, 33 and 15
# human questions of 220 recalled on the tuning split: a fifth would cost over half the recall.
TARGET_PRECISION = 0.8
MIN_KEPT = 0.5
# Issue 14's strict gate: the threshold a question must pass is chosen keeping at least a tenth
# (out-of-fold precision 46% on the tuning texts, against 37% at half). On judged samples
# outside its labels (`python -m bench.judged_shapes`), those the rules let through were
# accepted 41% at the half's threshold (0.21), 47% at 0.4 and 56% at the tenth's (0.49) on
# the held-out split (351, 203, 89 questions), 40%, 49% and 52% on the bundled bank: tuning
# figures, not measurements, since this share and the refused shapes were chosen on those
# very samples (the held-out split's verdicts were read in session 5). A text whose
# questions all miss it keeps its best one above the half's threshold (`floor_threshold`,
# choosing.MIN_PER_TEXT), so every text still gets a question.
STRICT_KEPT = 0.1
# Issue 14 item 7: the threshold is chosen on held-out labels. Fresh judges read fresh4's whole
# review pool (every fact above the floor; `python -m bench.threshold_labels`), none of it
# trained on; the threshold shipped is the lowest candidate at which the shapes a bank keeps
# are accepted no less often than above the tuning tenth's threshold (a tie keeps the larger
# bank). On those labels acceptance was flat above 0.35 (56-62%), so the tenth's threshold
# bought nothing there that 0.4 does not.
# Trained on every readable reading (fourteenth session, 1,905 rows): the tenth of the
# candidates is 0.59 (62/106 of fresh4's readings accepted), the threshold 0.50 (95/154).
HELD_OUT_SPLIT = "fresh4"
CURVE_SHARES = (0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.8, 1.0)


def judged_parts(
    key_paths: Iterable[Path] | None = None,
) -> Iterator[tuple[dict, dict[str, str], list]]:
    """Each judged part (by default the labels'): its key's questions, its .md's blocks by
    number, and its verdicts. A part drawn but not judged yet (blank marks) is left out."""
    for key_path in sorted(LABELS_DIR.glob("*.key.json")) if key_paths is None else key_paths:
        verdicts = Path(str(key_path).replace(".key.json", ".verdicts.csv"))
        if not verdicts.exists() or not judged(verdicts.read_text(encoding="utf-8")):
            continue
        key = json.loads(key_path.read_text(encoding="utf-8"))["questions"]
        markdown = Path(str(key_path).replace(".key.json", ".md")).read_text(encoding="utf-8")
        blocks = question_blocks(markdown)
        expected = sorted(int(n) for n in key)
        yield key, blocks, parse_verdicts(verdicts.read_text(encoding="utf-8"), expected)


def labelled_ids(key_paths: Iterable[Path] | None = None) -> dict[str, bool]:
    """Question id -> acceptable, from every judged part in bench/judging/labels/ (or those)."""
    return {
        key[str(v.number)]["id"]: v.acceptable
        for key, _, verdicts in judged_parts(key_paths)
        for v in verdicts
    }


def judged_question(entry: dict, block: str) -> Question:
    """A labelled question as its judge saw it, from its key entry and its block of the .md."""
    prompt = re.search(r"^- Prompt: (.*)$", block, re.M).group(1)
    answer = re.search(r"^- Keyed answer: (.*)$", block, re.M).group(1)
    quoted = block.split("Quote:\n", 1)[1].split("\n\n", 1)[0]
    quote = "\n".join(line[2:] for line in quoted.splitlines())
    return Question(
        id=entry["id"],
        fact=entry["id"].rsplit("-", 1)[0],
        type=entry["type"],
        kind=entry["kind"],
        prompt=prompt,
        answer=answer,
        quote=Quote(entry["source"], 0, len(quote), quote),
        explanation="",
        difficulty=0.0,
        quality=0.0,
    )


# The tune label rounds, featured as their judges saw each question (features.csv). The other
# readings (readings.csv) are featured as the generator makes the question today: tune's own
# readings there are the same labels, of which today's generator still makes 330 of 700, and
# trained on both ways the model did worse out of fold (`bench.ranker_compare`).
TRAINED_ON = ("tune-seed*.key.json",)


def trained_keys() -> list[Path]:
    """The key files of the label rounds featured as judged (features.csv)."""
    return sorted({p for pattern in TRAINED_ON for p in LABELS_DIR.glob(pattern)})


def write_features(path: Path = FEATURES_CSV) -> int:
    """Write each tune label's features, from the judging files and the texts' titles."""
    from app.generation.acceptability import features

    titles = {s.id: s.title for split in outside.TUNING for s in split_sources(split)}
    rows = {}
    for key, blocks, verdicts in judged_parts(trained_keys()):
        for verdict in verdicts:
            q = judged_question(key[str(verdict.number)], blocks[str(verdict.number)])
            values = features(q, titles[q.quote.source])
            labelled = {"id": q.id, "source": q.quote.source, "label": int(verdict.acceptable)}
            rows[q.id] = labelled | values
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(next(iter(rows.values()))))
        writer.writeheader()
        writer.writerows(rows[i] for i in sorted(rows))
    return len(rows)


def training_rows(
    features_path: Path = FEATURES_CSV, readings_path: Path = READINGS_CSV
) -> list[dict[str, str]]:
    """The rows trained on: the tune labels as judged, then every other matched reading."""
    with features_path.open(encoding="utf-8") as handle:
        rows = [row | {"split": "tune"} for row in csv.DictReader(handle)]
    with readings_path.open(encoding="utf-8") as handle:
        rows += [row for row in csv.DictReader(handle) if row["split"] != "tune"]
    return rows


def read_features(
    features_path: Path = FEATURES_CSV, readings_path: Path = READINGS_CSV
) -> tuple[list[str], list[list[float]], list[int], list[str], list[bool]]:
    """Feature names, the matrix, the labels, each row's text and whether it is a candidate
    (a label round's, drawn at random from the generator's pool, not from what a bank kept)."""
    with features_path.open(encoding="utf-8") as handle:
        names = [n for n in next(csv.reader(handle)) if n not in ranker_labels.META]
    rows = training_rows(features_path, readings_path)
    matrix = [[float(r[n]) for n in names] for r in rows]
    candidates = [r["split"] in ranker_labels.LABEL_ROUNDS for r in rows]
    return names, matrix, [int(r["label"]) for r in rows], [r["source"] for r in rows], candidates


def out_of_fold(matrix, labels, groups, c: float):
    """Each row's probability from a model that never saw its text."""
    import numpy as np
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import GroupKFold
    from sklearn.preprocessing import StandardScaler

    x, y = np.asarray(matrix), np.asarray(labels)
    predicted = np.zeros(len(y))
    for train, test in GroupKFold(n_splits=min(5, len(set(groups)))).split(x, y, groups):
        scaler = StandardScaler().fit(x[train])
        model = LogisticRegression(C=c, max_iter=2000).fit(scaler.transform(x[train]), y[train])
        predicted[test] = model.predict_proba(scaler.transform(x[test]))[:, 1]
    return predicted


def choose_threshold(predicted, labels, min_kept: float = MIN_KEPT) -> tuple[float, float, float]:
    """(threshold, precision, share kept) by the rule of TARGET_PRECISION and `min_kept`."""
    pairs = sorted(zip(predicted, labels, strict=True), reverse=True)
    best = None
    accepted = 0
    for n, (p, label) in enumerate(pairs, 1):
        accepted += label
        share, precision = n / len(pairs), accepted / n
        if share < min_kept:
            continue
        if precision >= TARGET_PRECISION:
            best = (float(p), precision, share)  # keep lowering while the target holds
        elif best is None:
            best = (float(p), precision, share)
            break
    return best or (0.0, sum(labels) / len(labels), 1.0)


def precision_curve(predicted, labels, shares=CURVE_SHARES) -> list[dict[str, float]]:
    """Out-of-fold precision and threshold when keeping each share of the candidates, best first."""
    pairs = sorted(zip(predicted, labels, strict=True), reverse=True)
    curve = []
    for share in shares:
        n = max(1, round(share * len(pairs)))
        kept = pairs[:n]
        precision = sum(label for _, label in kept) / n
        curve.append(
            {
                "share": share,
                "threshold": round(float(kept[-1][0]), 4),
                "precision": round(precision, 4),
            }
        )
    return curve


def train(features_path: Path = FEATURES_CSV, readings_path: Path = READINGS_CSV) -> dict:
    """Fit the model on every label, with C and the threshold chosen out of fold."""
    import numpy as np
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import log_loss, roc_auc_score

    names, matrix, labels, groups, candidates = read_features(features_path, readings_path)
    scores = {}
    for c in C_GRID:
        predicted = out_of_fold(matrix, labels, groups, c)
        scores[c] = (log_loss(labels, predicted), roc_auc_score(labels, predicted), predicted)
    c = min(C_GRID, key=lambda value: (round(scores[value][0], 4), value))
    loss, auc, predicted = scores[c]
    # The shares kept are shares of the candidates the generator offers, which the label rounds
    # drew at random from its pool; the blind samples were drawn from what banks kept.
    pool = [(p, y) for p, y, drawn in zip(predicted, labels, candidates, strict=True) if drawn]
    pool_predicted, pool_labels = [p for p, _ in pool], [y for _, y in pool]
    tuning_threshold, precision, kept = choose_threshold(pool_predicted, pool_labels, STRICT_KEPT)
    floor, _, _ = choose_threshold(pool_predicted, pool_labels)
    x = np.asarray(matrix)
    means, scales = x.mean(axis=0), x.std(axis=0)
    scales[scales == 0] = 1.0
    model = LogisticRegression(C=c, max_iter=2000).fit((x - means) / scales, labels)
    trained = {
        "about": "Logistic regression on blind judges' labels; rebuilt by bench/train_ranker.py",
        "labels": len(labels),
        "acceptable": int(sum(labels)),
        "texts": len(set(groups)),
        "C": c,
        "out_of_fold": {
            "log_loss": round(float(loss), 4),
            "auc": round(float(auc), 4),
            "base_rate": round(sum(labels) / len(labels), 4),
            "candidates": len(pool),
            "candidates_base_rate": round(sum(pool_labels) / len(pool), 4),
            "precision_at_threshold": round(precision, 4),
            "share_kept": round(kept, 4),
            "curve": precision_curve(pool_predicted, pool_labels),
        },
        "threshold": round(tuning_threshold, 4),
        "tuning_threshold": round(tuning_threshold, 4),
        "floor_threshold": round(floor, 4),
        "features": names,
        "weights": [round(float(w), 6) for w in model.coef_[0]],
        "intercept": round(float(model.intercept_[0]), 6),
        "means": [round(float(m), 6) for m in means],
        "scales": [round(float(s), 6) for s in scales],
    }
    return trained | held_out_threshold(trained)


def held_out_threshold(model: dict, split: str = HELD_OUT_SPLIT) -> dict:
    """The threshold chosen on the split's held-out labels, and what it was chosen on."""
    if not threshold_labels.features_path(split).exists():
        return {}
    labelled = threshold_labels.labelled_by(model, split)
    chosen = round(threshold_labels.lowest_no_worse(labelled, model["tuning_threshold"]), 4)

    def accepted(at: float) -> list[int]:
        return list(threshold_labels.acceptance_curve(labelled, [at])[0][1:])

    about = {"split": split, "readings": len(labelled), "accepted_at_threshold": accepted(chosen)}
    about["accepted_at_tuning_threshold"] = accepted(model["tuning_threshold"])
    return {"threshold": chosen, "held_out": about}


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: optionally rebuild the feature table, then train and write the model."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--features", action="store_true", help="regenerate features.csv first")
    parser.add_argument(
        "--readings", action="store_true", help="regenerate readings.csv first (generates)"
    )
    parser.add_argument("--out", type=Path, default=MODEL_PATH)
    args = parser.parse_args(argv)
    if args.features:
        print(f"features of {write_features()} labelled questions -> {FEATURES_CSV}")
    if args.readings:
        for split, count in ranker_labels.write_table().items():
            print(f"{split}: {count}")
        print(f"-> {READINGS_CSV}")
    model = train()
    args.out.write_text(json.dumps(model, indent=1) + "\n", encoding="utf-8")
    print(
        json.dumps(
            {k: v for k, v in model.items() if k not in {"weights", "means", "scales", "features"}},
            indent=1,
        )
    )
    pairs = zip(model["features"], model["weights"], strict=True)
    for name, weight in sorted(pairs, key=lambda pair: -abs(pair[1]))[:15]:
        print(f"  {weight:+.3f}  {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
