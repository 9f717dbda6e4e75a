"""bench.judged_shapes: the judged verdicts a developer may learn from, by question shape."""

from __future__ import annotations

import json

from app.generation.acceptability import features, refused_shape
from bench import judged_shapes


def test_no_fresh_sample_is_ever_read(tmp_path):
    names = (
        "fresh-stratified-seed1",
        "fresh2-stratified-seed3",
        "tune-seed1-part1",
        "heldout-seed2",
    )
    for name in names:
        key = {"split": name.split("-")[0], "questions": {}}
        (tmp_path / f"{name}.key.json").write_text(json.dumps(key), encoding="utf-8")
    # A fresh2 sample written with --out under a readable name is still refused by its split.
    key = {"split": "fresh2", "questions": {}}
    (tmp_path / "tune-renamed-seed4.key.json").write_text(json.dumps(key), encoding="utf-8")
    found = judged_shapes.readable_key_files([tmp_path])
    assert [p.name for p in found] == ["heldout-seed2.key.json", "tune-seed1-part1.key.json"]
    shipped = judged_shapes.readable_key_files()
    assert shipped and not any(p.name.startswith("fresh") for p in shipped)


def test_every_shape_refused_was_accepted_well_below_the_base_rate():
    rows = list(judged_shapes.judged())
    base = sum(r.acceptable for r in rows) / len(rows)
    refused = [r for r in rows if refused_shape(features(r.question, ""))]
    assert len(rows) >= 1600 and len(refused) >= 300
    assert sum(r.acceptable for r in refused) / len(refused) < base / 3
    for name, cells in judged_shapes.by_shape(refused).items():
        accepted = sum(a for a, _ in cells.values())
        judged = sum(n for _, n in cells.values())
        assert judged < 10 or accepted / judged < base * 2 / 3, name


def test_the_shipped_model_is_more_precise_above_its_threshold_on_texts_it_never_saw():
    rows = [r for r in judged_shapes.judged() if r.group == "heldout"]
    model = judged_shapes.load_model()
    (_, low_ok, low_n), (_, high_ok, high_n) = judged_shapes.precision_by_threshold(
        rows, model, (model["floor_threshold"], model["threshold"])
    )
    assert high_n >= 50 and high_ok / high_n > low_ok / low_n + 0.1
