"""The learned ranker trained on more readings against the recipe shipped before, out of fold.

Run from the repository root after `python -m bench.train_ranker --readings`:
    python -m bench.ranker_compare

Both recipes are scored on the same rows with the same folds by text (GroupKFold, 5): every
reading of bench/judging/labels/readings.csv (features as the generator computes them today)
that the hard rules let through to the model. Per fold, the old recipe (the tune label rounds,
features as their judges saw the question, C 0.1) and each new recipe are fitted on the other
folds' texts and predict the fold's rows. Printed: AUC and the acceptance of the rows at or
above the old threshold and the shipped one, over all rows, by the shapes a bank keeps and by
split; and the 90% interval of each new recipe's gain in AUC over the old.
"""

from __future__ import annotations

import csv
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from app.generation.acceptability import features, load_model
from bench.label_for_ranker import split_sources
from bench.ranker_labels import LABEL_ROUNDS, LABELS_DIR, META, READINGS_CSV
from bench.train_ranker import C_GRID, judged_parts, judged_question

OLD_C = 0.1
OLD_THRESHOLD = 0.4
SHAPES = ("cloze/date", "cloze/figure", "cloze/place", "mc/date")


def read_table(path: Path = READINGS_CSV) -> tuple[list[str], list[dict]]:
    """Feature names and the table's rows (numbers as floats, meta columns as read)."""
    with path.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    names = [n for n in rows[0] if n not in META]
    for row in rows:
        for name in names:
            row[name] = float(row[name])
    return names, rows


def as_judged(names: Sequence[str]) -> list[dict]:
    """The old recipe's rows: the tune label rounds, features of the question as judged."""
    titles = {s.id: s.title for s in split_sources("tune")}
    keys = sorted(p for pattern in LABEL_ROUNDS["tune"] for p in LABELS_DIR.glob(pattern))
    rows = []
    for key, blocks, verdicts in judged_parts(keys):
        for verdict in verdicts:
            q = judged_question(key[str(verdict.number)], blocks[str(verdict.number)])
            values = features(q, titles[q.quote.source])
            rows.append({"source": q.quote.source, "label": str(int(verdict.acceptable))} | values)
    return [r | {n: float(r.get(n, 0.0)) for n in names} for r in rows]


def fitted(rows: Sequence[dict], names: Sequence[str], c: float) -> Callable[[dict], float]:
    """A standardised logistic regression fitted to the rows: row -> probability."""
    import numpy as np
    from sklearn.linear_model import LogisticRegression
    from sklearn.preprocessing import StandardScaler

    x = np.asarray([[r[n] for n in names] for r in rows])
    y = np.asarray([int(r["label"]) for r in rows])
    scaler = StandardScaler().fit(x)
    model = LogisticRegression(C=c, max_iter=2000).fit(scaler.transform(x), y)
    return lambda row: float(
        model.predict_proba(scaler.transform(np.asarray([[row[n] for n in names]])))[0, 1]
    )


def folds(rows: Sequence[dict], n: int = 5) -> dict[str, int]:
    """Each text's fold (GroupKFold over the table's rows)."""
    import numpy as np
    from sklearn.model_selection import GroupKFold

    groups = [r["source"] for r in rows]
    fold_of = {}
    for k, (_, test) in enumerate(GroupKFold(n_splits=n).split(np.zeros(len(rows)), groups=groups)):
        fold_of.update({groups[i]: k for i in test})
    return fold_of


def out_of_fold(train_rows, eval_rows, names, c, fold_of) -> list[float]:
    """Each evaluated row's probability from a fit on the other folds' texts."""
    predicted = [0.0] * len(eval_rows)
    for k in sorted(set(fold_of.values())):
        model = fitted([r for r in train_rows if fold_of.get(r["source"]) != k], names, c)
        for i, row in enumerate(eval_rows):
            if fold_of[row["source"]] == k:
                predicted[i] = model(row)
    return predicted


def chosen_c(rows, names, fold_of) -> float:
    """C by out-of-fold log loss over the training rows themselves (as train_ranker does)."""
    from sklearn.metrics import log_loss

    labels = [int(r["label"]) for r in rows]
    losses = {c: log_loss(labels, out_of_fold(rows, rows, names, c, fold_of)) for c in C_GRID}
    return min(C_GRID, key=lambda c: (round(losses[c], 4), c))


def summary(predicted, rows, thresholds: Sequence[float]) -> str:
    """AUC and acceptance at or above each threshold."""
    from sklearn.metrics import roc_auc_score

    labels = [int(r["label"]) for r in rows]
    auc = roc_auc_score(labels, predicted) if 0 < sum(labels) < len(labels) else float("nan")
    line = f"AUC {auc:.3f}"
    for threshold in thresholds:
        kept = [y for p, y in zip(predicted, labels, strict=True) if p >= threshold]
        share = f"{sum(kept)}/{len(kept)} ({sum(kept) / len(kept):.0%})" if kept else "0/0"
        line += f"  at >= {threshold}: {share}"
    return line + f"  (base {sum(labels)}/{len(labels)})"


def report(predictions: dict[str, list[float]], rows: Sequence[dict], thresholds) -> None:
    """Print each recipe's figures over all rows, by shape and by split."""
    subsets = {"all": lambda r: True, "banked": lambda r: r["banked"] == "1"}
    subsets |= {s: (lambda r, s=s: r["shape"] == s) for s in SHAPES}
    subsets |= {"not tune": lambda r: r["split"] != "tune"}
    for split in sorted({r["split"] for r in rows}):
        subsets[f"split {split}"] = lambda r, s=split: r["split"] == s
    for name, keep in subsets.items():
        picked = [i for i, r in enumerate(rows) if keep(r)]
        print(f"{name} ({len(picked)} readings)")
        for recipe, predicted in predictions.items():
            line = summary([predicted[i] for i in picked], [rows[i] for i in picked], thresholds)
            print(f"  {recipe:28s} {line}")


def gain_interval(new, old, rows, draws: int = 1000, seed: int = 14) -> tuple[float, float]:
    """The 90% interval of new's AUC minus old's, texts drawn with replacement (a text's
    readings stay together: two readers of a question, and a text's questions, are not
    independent)."""
    import numpy as np
    from sklearn.metrics import roc_auc_score

    by_text: dict[str, list[int]] = {}
    for i, row in enumerate(rows):
        by_text.setdefault(row["source"], []).append(i)
    texts = sorted(by_text)
    labels = np.asarray([int(r["label"]) for r in rows])
    new, old = np.asarray(new), np.asarray(old)
    rng = np.random.default_rng(seed)
    gains = []
    for _ in range(draws):
        picked = np.concatenate(
            [by_text[texts[i]] for i in rng.integers(len(texts), size=len(texts))]
        )
        if 0 < labels[picked].sum() < len(picked):
            y = labels[picked]
            gains.append(roc_auc_score(y, new[picked]) - roc_auc_score(y, old[picked]))
    low, high = np.percentile(gains, [5, 95])
    return float(low), float(high)


def main(argv: Sequence[str] | None = None) -> int:
    """Fit the recipes fold by fold and print their out-of-fold figures."""
    names, rows = read_table()
    fold_of = folds(rows)
    evaluated = [r for r in rows if r["ruled_out"] == "0"]
    shipped = load_model()
    # The old model's threshold and the shipped one's: each recipe's scale is its own.
    thresholds = sorted({OLD_THRESHOLD, shipped["threshold"]})
    old = as_judged(names)
    for row in old:
        fold_of.setdefault(row["source"], -1)  # a text nothing matched today: always trained on
    recipes = {
        "old (tune, as judged)": (old, OLD_C),
        "tune, today's features": ([r for r in rows if r["split"] == "tune"], None),
        "all readings": (rows, None),
        "all let through": (evaluated, None),
        "old + samples": (old + [r for r in rows if r["split"] != "tune"], None),
    }
    predictions = {}
    for recipe, (train_rows, c) in recipes.items():
        c = c if c is not None else chosen_c(train_rows, names, fold_of)
        print(f"{recipe}: {len(train_rows)} rows, C {c}", flush=True)
        predictions[recipe] = out_of_fold(train_rows, evaluated, names, c, fold_of)
    report(predictions, evaluated, thresholds)
    banked = [i for i, r in enumerate(evaluated) if r["banked"] == "1"]
    for recipe in ("tune, today's features", "all readings", "all let through", "old + samples"):
        for name, picked in (("all", range(len(evaluated))), ("banked", banked)):
            low, high = gain_interval(
                [predictions[recipe][i] for i in picked],
                [predictions["old (tune, as judged)"][i] for i in picked],
                [evaluated[i] for i in picked],
            )
            print(f"AUC gain over old, {recipe}, {name}: 90% interval {low:+.3f} to {high:+.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
