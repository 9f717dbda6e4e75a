"""bench/figure_readings.py reads the tuning readings only, never a blind measurement."""

from __future__ import annotations

from bench.figure_readings import readable_keys


def test_no_blind_measurement_is_read():
    names = [path.name for path in readable_keys()]
    assert names, "the tuning readings are there to read"
    blind = ("fresh6", "russia-iran-seed155", "russia-iran-seed158")
    assert not any(n.startswith(blind) for n in names)
    assert not any("threshold" in str(path) for path in readable_keys())
