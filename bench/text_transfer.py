"""Do features of the text around a question (bench/surroundings.py) help the learned
ranker, out of fold and on judged samples it was not trained on?

Run from the repository root (needs the `ranker` extra: scikit-learn):
    python -m bench.text_transfer [--c 0.1]

For each feature set (the shipped features, then with each group of text features added):
out of fold on the tuning labels (folds by text, C by log loss, as `train_ranker` does), the
AUC and the precision in the best tenth, fifth and half; then, trained on the tuning labels
only, on the readable judged samples outside them (`heldout-*`, `russia-iran-*`, `bundled-*`
by name; a `fresh*` file is never opened) among the questions the rules let through: the
acceptance at the strict threshold (the best tenth of the tuning candidates, out of fold) and
at the floor (half), the AUC over all of them and over the held-out split's alone ("hAUC"),
each with a 90% interval of its gain over the shipped features (paired bootstrap over the judged
questions). The judged samples are tuning data (rules and the strict share were chosen on
them), and so is this table once a feature set is chosen by it.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from app.generation import acceptability
from app.generation.types import Question
from bench import corpus, outside, recall, surroundings
from bench.judged_shapes import judged
from bench.sample_for_judging import JUDGING_DIR
from bench.train_ranker import (
    C_GRID,
    MIN_KEPT,
    STRICT_KEPT,
    choose_threshold,
    judged_parts,
    judged_question,
    out_of_fold,
)

# Named by their files' names, so no held-out (fresh*) file is ever opened to learn its split.
TRANSFER_GLOBS = ("heldout-*.key.json", "russia-iran-*.key.json", "bundled-*.key.json")
CENTRALITY = ("text_central", "text_lead", "text_position", "text_early")
LEAD = ("text_lead", "text_lead_rank")
RANKS = ("text_central_rank", "text_lead_rank", "text_echo_rank")
DWELL = ("text_echo", "text_answer_said", "text_answer_rate", "text_answer_top", "text_sentences")
BACKGROUND = ("year_distance", "year_before", "year_share", "event_aside")
GROUPS = {
    "old": (),
    "+centrality": CENTRALITY,
    "+ranks": RANKS,
    "+ranks+position": (*RANKS, "text_position", "text_early"),
    "+lead": LEAD,
    "+lead+years": (*LEAD, "year_distance"),
    "+dwell": DWELL,
    "+echo": ("text_echo",),
    "+dwell-echo": DWELL[1:],
    "+background": BACKGROUND,
    "+all": CENTRALITY + RANKS + DWELL + BACKGROUND,
}
SHARES = (0.1, 0.2, 0.5)


@dataclass
class Row:
    """One judged question: its verdict, its sample's group, both kinds of features."""

    label: int
    group: str  # the text (labels) or the sample's group (transfer)
    old: dict[str, float]
    new: dict[str, float]
    located: bool


def texts() -> dict[str, tuple[str, str]]:
    """Source id -> (text, title), for the tuning, held-out and bundled texts (no fresh one)."""
    sources = []
    for split in ("tune", "heldout"):
        loaded, failures = outside.load_split(split)
        sources += loaded
        for failure in failures:
            print(f"warning: left out {failure}", file=sys.stderr)
    sources += [a.source for a in recall.load_articles() if a.split in ("tune", "heldout")]
    sources += corpus.load_sources()
    return {s.id: (s.text, s.title) for s in sources}


def _row(q: Question, title: str, label: bool, group: str, known: dict) -> Row | None:
    if q.quote.source not in known:
        return None
    text, text_title = known[q.quote.source]
    prof = surroundings.profile(text, text_title)
    start = text.find(q.quote.text)
    new = surroundings.features(q, prof, start)
    return Row(int(label), group, acceptability.features(q, title), new, start >= 0)


def label_rows(known: dict) -> list[Row]:
    """The tuning labels, featured as `train_ranker.write_features` does, plus the text's."""
    rows = []
    for key, blocks, verdicts in judged_parts():
        for v in verdicts:
            q = judged_question(key[str(v.number)], blocks[str(v.number)])
            title = known.get(q.quote.source, ("", ""))[1]
            row = _row(q, title, v.acceptable, q.quote.source, known)
            if row:
                rows.append(row)
    return rows


def transfer_keys(directory: Path = JUDGING_DIR) -> list[Path]:
    """The key files of the judged samples outside the labels, picked by name alone."""
    return sorted({p for glob in TRANSFER_GLOBS for p in directory.glob(glob)})


def transfer_rows(known: dict) -> list[Row]:
    """The readable judged samples outside the labels, those the rules let through."""
    rows = []
    for j in judged(transfer_keys()):
        row = _row(j.question, j.title, j.acceptable, j.group, known)
        if row and not acceptability.refused(row.old):
            rows.append(row)
    return rows


def matrix(rows: Sequence[Row], names: Sequence[str]) -> list[list[float]]:
    """The rows' features in the order of `names` (old features first, then the text's)."""
    return [[(r.old | r.new)[n] for n in names] for r in rows]


def precision_at(scores, labels, share: float) -> float:
    """Acceptance among the best `share` by score."""
    pairs = sorted(zip(scores, labels, strict=True), key=lambda p: -p[0])
    n = max(1, round(share * len(pairs)))
    return sum(label for _, label in pairs[:n]) / n


def evaluate(
    train: Sequence[Row], test: Sequence[Row], names: Sequence[str], c: float | None = None
) -> dict:
    """Out-of-fold figures on `train`, and the transfer to `test` of a model fit on all of it
    (C chosen by out-of-fold log loss unless given)."""
    import numpy as np
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import log_loss, roc_auc_score

    x, y, groups = matrix(train, names), [r.label for r in train], [r.group for r in train]
    grid = C_GRID if c is None else (c,)
    fits = {value: out_of_fold(x, y, groups, value) for value in grid}
    c = min(grid, key=lambda v: (round(log_loss(y, fits[v]), 4), v))
    oof = fits[c]
    strict, _, _ = choose_threshold(oof, y, STRICT_KEPT)
    floor, _, _ = choose_threshold(oof, y, MIN_KEPT)
    xs = np.asarray(x)
    means, scales = xs.mean(axis=0), xs.std(axis=0)
    scales[scales == 0] = 1.0
    model = LogisticRegression(C=c, max_iter=2000).fit((xs - means) / scales, y)
    xt = (np.asarray(matrix(test, names)) - means) / scales
    p = model.predict_proba(xt)[:, 1]
    yt = np.asarray([r.label for r in test])
    heldout = np.asarray([r.group == "heldout" for r in test])
    out = {
        "C": c,
        "p": p,
        "h_auc": roc_auc_score(yt[heldout], p[heldout]),
        "oof_auc": roc_auc_score(y, oof),
        **{f"oof_p{s}": precision_at(oof, y, s) for s in SHARES},
        "t_auc": roc_auc_score(yt, p),
        **{f"t_p{s}": precision_at(p, yt, s) for s in SHARES},
    }
    for name, t in (("strict", strict), ("floor", floor)):
        kept = p >= t
        out[name] = (int(yt[kept].sum()), int(kept.sum()), t)
    by_group = {}
    for group in sorted({r.group for r in test}):
        mask = np.asarray([r.group == group for r in test]) & (p >= strict)
        by_group[group] = (int(yt[mask].sum()), int(mask.sum()))
    out["strict_by_group"] = by_group
    return out


def auc_gain_interval(
    test: Sequence[Row], new, old, draws: int = 500, group: str | None = None
) -> tuple[float, float]:
    """A 90% interval of the transfer AUC's gain over the old features, resampling the judged
    questions (of `group` only, if given; paired: both models score the same resample)."""
    import numpy as np
    from sklearn.metrics import roc_auc_score

    mask = np.asarray([group is None or r.group == group for r in test])
    y, new, old = np.asarray([r.label for r in test])[mask], new[mask], old[mask]
    rng = np.random.default_rng(0)
    gains = []
    for _ in range(draws):
        i = rng.integers(0, len(y), len(y))
        gains.append(roc_auc_score(y[i], new[i]) - roc_auc_score(y[i], old[i]))
    low, high = np.percentile(gains, [5, 95])
    return float(low), float(high)


def main(argv: Sequence[str] | None = None) -> int:
    """Print the table: each feature set, out of fold and in transfer."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--c", type=float, help="fix the regularisation instead of choosing it")
    fixed = parser.parse_args(argv).c
    known = texts()
    train, test = label_rows(known), transfer_rows(known)
    print(
        f"labels {len(train)} ({sum(r.label for r in train)} acceptable, "
        f"{sum(r.located for r in train)} quotes located); transfer {len(test)} let through "
        f"({sum(r.label for r in test)} acceptable, {sum(r.located for r in test)} located)"
    )
    old = list(train[0].old)
    print(
        f"{'features':13s} {'C':>5s} {'oofAUC':>6s} {'p.1':>5s} {'p.2':>5s} {'p.5':>5s} | "
        f"{'tAUC':>5s} {'gain 90%':>13s} {'hAUC':>5s} {'gain 90%':>13s} "
        f"{'p.1':>5s} {'p.2':>5s} {'p.5':>5s} | "
        "strict        floor"
    )
    base = None
    for label, extra in GROUPS.items():
        r = evaluate(train, test, old + list(extra), fixed)
        base = r["p"] if base is None else base
        low, high = auc_gain_interval(test, r["p"], base)
        h_low, h_high = auc_gain_interval(test, r["p"], base, group="heldout")
        (sa, sn, st), (fa, fn, _) = r["strict"], r["floor"]
        print(
            f"{label:13s} {r['C']:5g} {r['oof_auc']:6.3f} "
            + " ".join(f"{r[f'oof_p{s}']:5.1%}" for s in SHARES)
            + f" | {r['t_auc']:5.3f} [{low:+.3f},{high:+.3f}] "
            + f"{r['h_auc']:5.3f} [{h_low:+.3f},{h_high:+.3f}] "
            + " ".join(f"{r[f't_p{s}']:5.1%}" for s in SHARES)
            + f" | {sa}/{sn} {sa / max(sn, 1):.0%} (≥{st:.2f})  {fa}/{fn} {fa / max(fn, 1):.0%}"
            + "  by group "
            + ", ".join(f"{g} {a}/{n}" for g, (a, n) in r["strict_by_group"].items())
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
