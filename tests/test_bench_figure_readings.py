"""bench/figure_readings.py reads the tuning readings only, never a blind measurement."""

from __future__ import annotations

from bench import outside
from bench.figure_readings import readable_keys, readings


def test_no_blind_measurement_is_read():
    names = [path.name for path in readable_keys()]
    assert names, "the tuning readings are there to read"
    blind = (*outside.UNREAD, *outside.BLIND_SAMPLES)
    assert not any(n.startswith(blind) and n.split("-")[0] != "fresh6" for n in names)
    assert not any(n.startswith(outside.BLIND_SAMPLES) for n in names)
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


def test_the_clean_split_is_only_counted_and_its_texts_are_never_loaded_for_readings(
    monkeypatch,
):
    """fresh7 (fourteenth session) is measured on only: figure_readings counts its bank without
    writing a question out, and genre_readings, which loads every split's texts, skips it."""
    from bench import figure_readings, genre_readings, outside, recall

    assert "fresh7" in figure_readings.COUNTED_ONLY and "fresh7" not in figure_readings.DUMPED
    asked = []
    monkeypatch.setattr(outside, "load_split", lambda split: asked.append(split) or ([], []))
    monkeypatch.setattr(genre_readings.corpus, "load_sources", lambda: [])
    monkeypatch.setattr(recall, "load_articles", lambda: [])
    genre_readings.texts()
    assert "fresh7" in outside.SPLITS and "fresh7" not in asked
