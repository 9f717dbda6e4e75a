"""Smoke test of bench/study_simulation.py: a tiny seeded run, every policy, sane figures."""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def sim():
    with pytest.MonkeyPatch.context() as patch:
        patch.syspath_prepend(str(ROOT))
        yield importlib.import_module("bench.study_simulation")


def test_memory_model_forgets_grows_with_spaced_success_and_keeps_savings(sim):
    memory = sim.Memory(prior=0.05, h0=1.0)
    assert memory.recall(3.0) == 0.05
    memory.study(0.0, recalled=False)
    assert memory.recall(1.0) == pytest.approx(2.718281828**-1)
    memory.study(2.0, recalled=True)
    spaced = memory.h
    assert spaced > 2.0
    memory.study(2.001, recalled=True)
    assert memory.h == pytest.approx(spaced, rel=0.01)  # massed: hardly any gain
    for t in (30.0, 60.0, 90.0):
        memory.study(t, recalled=False)
    assert memory.h == 1.0


def test_tiny_run_is_deterministic_and_in_range(sim):
    job = (3, 0, 20, 3, 10)
    first, second = sim.simulate_learner(job), sim.simulate_learner(job)
    assert set(first) == set(sim.POLICIES)
    for policy in sim.POLICIES:
        assert first[policy].daily_recall == second[policy].daily_recall
        assert len(first[policy].daily_recall) == 3
        assert all(0.0 <= r <= 1.0 for r in first[policy].daily_recall)
    table = sim.summarise([first])
    assert table["log_loss"]["answers"] == 30
    assert table["log_loss"]["quire"] > 0


def test_main_prints_the_table(sim, capsys):
    assert sim.main(["--learners", "1", "--days", "2", "--items", "10", "--workers", "1"]) == 0
    out = capsys.readouterr().out
    assert "quire / leitner" in out and "log loss" in out
