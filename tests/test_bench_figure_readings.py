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
