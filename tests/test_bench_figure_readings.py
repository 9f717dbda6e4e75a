"""bench/figure_readings.py reads the tuning readings only, never a blind measurement."""

from __future__ import annotations

from bench import outside
from bench.figure_readings import readable_keys, readings


def test_no_blind_measurement_is_read():
    names = [path.name for path in readable_keys()]
    assert names, "the tuning readings are there to read"
    # By the first word of the name: "fresh6-…" and "fresh7-…" (tuning) start with "fresh" too.
    assert not any(n.split("-")[0] in outside.UNREAD for n in names)
    assert not any(n.startswith(outside.BLIND_SAMPLES) for n in names)
    assert any(n.startswith("fresh7-") for n in names)  # tuning from the fifteenth session
    assert not any("threshold" in str(path) for path in readable_keys())


def test_fresh6_is_read_with_every_reader_of_its_samples():
    """fresh6 became tuning material in session 14; seed 160's two readers wrote their own
    files (-f160a, -f160b) beside a blank one, and only -reader2 files were read before."""
    parts = {r.part for r in readings(None) if r.part.startswith("fresh6-")}
    assert parts == {
        "fresh6-stratified-seed151",
        "fresh6-stratified-seed151-reader2",
        "fresh6-stratified-seed154",
        "fresh6-stratified-seed154-reader2",
        "fresh6-stratified-seed157",
        "fresh6-stratified-seed157-reader2",
        "fresh6-stratified-seed160-f160a",
        "fresh6-stratified-seed160-f160b",
    }


def test_fresh7_is_read_with_every_reader_of_its_samples():
    """fresh7 became tuning material in the fifteenth session; its two seeds were read by two
    readers each, in their own files beside a blank one."""
    parts = {r.part for r in readings(None) if r.part.startswith("fresh7-")}
    assert parts == {
        f"fresh7-stratified-seed{seed}-f{seed}{reader}" for seed in (163, 165) for reader in "ab"
    }


def test_the_clean_split_is_only_counted_and_its_texts_are_never_loaded_for_readings(
    monkeypatch,
):
    """fresh8 (fifteenth session) is measured on only: figure_readings counts its bank without
    writing a question out, and genre_readings, which loads every split's texts, skips it;
    fresh7, measured on in the fourteenth, is written out and read like any tuning split."""
    from bench import figure_readings, genre_readings, outside, recall

    assert "fresh8" in figure_readings.COUNTED_ONLY and "fresh8" not in figure_readings.DUMPED
    assert "fresh7" in figure_readings.DUMPED and "fresh7" not in figure_readings.COUNTED_ONLY
    asked = []
    monkeypatch.setattr(outside, "load_split", lambda split: asked.append(split) or ([], []))
    monkeypatch.setattr(genre_readings.corpus, "load_sources", lambda: [])
    monkeypatch.setattr(recall, "load_articles", lambda: [])
    genre_readings.texts()
    assert "fresh8" in outside.SPLITS and "fresh8" not in asked and "fresh7" in asked
