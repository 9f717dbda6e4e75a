"""bench/genre_readings.py: every kind of reading, each with its text's genre."""

from __future__ import annotations

import pytest

from app.generation.acceptability import load_model
from bench import outside
from bench.figure_readings import _verdict_files, readings
from bench.genre_readings import READ_SPLITS, cell, keys, main, scored


def test_readings_of_every_kind_carry_the_title_their_judge_read():
    rows = list(readings(None))
    assert {r.kind for r in rows} >= {"date", "figure", "person"}
    assert all(r.title for r in rows[:50])
    assert {r.kind for r in readings()} == {"figure"}  # the figure rules' default


def test_scored_readings_keep_those_of_a_known_text_that_the_hard_rules_let_through():
    rows = [r for r in readings(None) if r.kind == "date"][:40]
    genres = {r.source: "book" for r in rows}

    kept = scored(rows, genres, load_model())
    assert kept and all(s.genre == "book" and 0 <= s.probability <= 1 for s in kept)
    assert scored(rows, {}, load_model()) == []
    assert cell([]) == "-" and cell(kept[:1]).endswith(("(0%)", "(100%)"))


def test_the_fresh_splits_samples_are_read_with_every_reader_but_no_blind_measurement():
    found = keys()
    names = {k.name for k in found}
    assert "fresh6-stratified-seed160.key.json" in names  # tuning material since fresh7
    assert not any(outside.blind(k) for k in found)
    assert all(k.name.split("-")[0] in (*READ_SPLITS, "bundled", "russia", "tune11", "tune11b")
               for k in found)  # fmt: skip
    seed160 = next(k for k in found if k.name == "fresh6-stratified-seed160.key.json")
    readers = {p.name for p in _verdict_files(seed160)}
    assert {"fresh6-stratified-seed160-f160a.verdicts.csv",
            "fresh6-stratified-seed160-f160b.verdicts.csv"} <= readers  # fmt: skip


def test_banks_refuses_a_split_not_read_for_tuning():
    with pytest.raises(SystemExit):
        main(["banks", "fresh8"])
