"""bench/figure_readings.py reads the tuning readings only, never a blind measurement."""

from __future__ import annotations

from bench.figure_readings import readable_keys


def test_no_blind_measurement_is_read():
    names = [path.name for path in readable_keys()]
    assert names, "the tuning readings are there to read"
    blind = ("fresh6", "fresh7", "russia-iran-seed155", "russia-iran-seed158")
    assert not any(n.startswith(blind) for n in names)
    assert not any("threshold" in str(path) for path in readable_keys())


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
