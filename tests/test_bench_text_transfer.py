"""bench.text_transfer: which judged samples it reads, and its precision in the best share."""

from __future__ import annotations

from bench import text_transfer


def test_transfer_samples_are_picked_by_name_and_never_a_fresh_one(tmp_path):
    names = [
        "heldout-stratified-seed1.key.json",
        "russia-iran-seed2.key.json",
        "bundled-seed3.key.json",
        "fresh-stratified-seed4.key.json",
        "fresh2-stratified-seed5.key.json",
        "tune-seed6-part1.key.json",  # a label: trained on, so no transfer
    ]
    for name in names:
        # Unreadable JSON: a file picked by name must not need opening to be left out.
        (tmp_path / name).write_text("not json", encoding="utf-8")
    picked = [p.name for p in text_transfer.transfer_keys(tmp_path)]
    assert picked == names[2:3] + names[:2]


def test_precision_at_a_share_counts_the_best_scored_first():
    scores = [0.9, 0.1, 0.8, 0.7, 0.2]
    labels = [1, 1, 0, 1, 0]
    assert text_transfer.precision_at(scores, labels, 0.2) == 1.0
    assert text_transfer.precision_at(scores, labels, 0.4) == 0.5
    assert text_transfer.precision_at(scores, labels, 1.0) == 0.6
