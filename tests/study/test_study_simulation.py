"""Smoke test of bench/study_simulation.py and its learners: a tiny seeded run, sane figures."""

from __future__ import annotations

import importlib
import math
import random
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def sim():
    with pytest.MonkeyPatch.context() as patch:
        patch.syspath_prepend(str(ROOT))
        yield importlib.import_module("bench.study_simulation")


@pytest.fixture(scope="module")
def learners(sim):
    return importlib.import_module("bench.study_learners")


def test_old_rules_forget_grow_with_spaced_success_and_keep_savings(learners):
    memory = learners.Memory(prior=0.05, h0=1.0, rules=learners.OLD)
    assert memory.recall(3.0) == 0.05
    memory.study(0.0, recalled=False)
    assert memory.recall(1.0) == pytest.approx(math.exp(-1.0))
    memory.study(2.0, recalled=True)
    spaced = memory.h
    assert spaced == pytest.approx(1.0 + 2.0 * (1.0 - math.exp(-2.0)))
    memory.study(2.001, recalled=True)
    assert memory.h == pytest.approx(spaced, rel=0.01)  # massed: hardly any gain
    for t in (30.0, 60.0, 90.0):
        memory.study(t, recalled=False)
    assert memory.h == 1.0


def test_literature_rules_reward_spacing_and_lapses_keep_the_geometric_mean(learners):
    memory = learners.Memory(prior=0.05, h0=2.0)
    memory.study(0.0, recalled=False)
    assert memory.h == 2.0
    # Reviewed at recall 0.9 with h = 10 days: about 3× for an average item (ease 1).
    memory.h = 10.0
    memory.study(10.0 * -math.log(0.9), recalled=True)
    assert memory.h == pytest.approx(30.0, rel=0.01)
    # Reviewed later (recall 0.5) the gain is larger.
    late = learners.Memory(prior=0.05, h0=2.0, h=10.0)
    late.study(10.0 * math.log(2.0), recalled=True)
    assert late.h > 100.0
    memory.study(memory.last + 60.0, recalled=False)
    assert memory.h == pytest.approx(math.sqrt(2.0 * 30.0))
    known = learners.Memory(prior=0.5, h0=2.0)
    known.study(0.0, recalled=True)
    assert known.h == 20.0  # already known at the first question


def test_ease_scales_start_and_growth(learners):
    bank = [0.0, 2.0]
    world = learners.make_world(5, 2, bank)
    easy, hard = world.memories
    assert easy.h0 > hard.h0 and easy.ease > hard.ease
    assert easy.h0 == pytest.approx(learners.LITERATURE.h_start * easy.ease)


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


def test_the_grid_holds_the_old_benchmark_and_the_default(sim, learners):
    cells = sim.grid_rules()
    assert len(cells) == len(sim.GRID_STARTS) * len(sim.GRID_RULES)
    assert learners.OLD in cells
    assert learners.LITERATURE in cells


def test_main_prints_the_table(sim, capsys):
    assert sim.main(["--learners", "1", "--days", "2", "--items", "10", "--workers", "1"]) == 0
    out = capsys.readouterr().out
    assert "quire / leitner" in out and "log loss" in out


def test_main_prints_the_sensitivity_grid(sim, capsys):
    argv = ["--sensitivity", "--learners", "1", "--days", "1", "--items", "8", "--per-day", "4"]
    assert sim.main([*argv, "--workers", "1"]) == 0
    rows = [line for line in capsys.readouterr().out.splitlines() if "old" in line]
    assert len(rows) == len(sim.GRID_STARTS)


@pytest.fixture(scope="module")
def ceiling(sim):
    return importlib.import_module("bench.study_ceiling")


def test_ceiling_run_is_deterministic_and_measures_quires_error(ceiling):
    job = (3, 0, 20, 3, 10)
    first, second = ceiling.simulate_learner(job), ceiling.simulate_learner(job)
    assert first == second
    assert set(first["seeing"]) == set(ceiling.ERROR_SPREADS)
    assert all(
        0.0 <= v <= 1.0 for v in (first["leitner"], first["quire"], *first["seeing"].values())
    )
    # Quire reviews some cards in three days of ten questions, and each is an error measured.
    assert first["quire_errors"]


def test_seeing_scheduler_reviews_the_most_faded_card_before_adding_one(ceiling, learners):
    world = learners.make_world(1, 6, [0.0, 0.5, 1.0, 1.5, 2.0, 2.5])
    answer, asked = world.answer, []

    def watched(item: int, t: float, **kwargs) -> bool:
        recalls = {i: m.recall(t) for i, m in enumerate(world.memories) if m.h is not None}
        asked.append((item, recalls))
        return answer(item, t, **kwargs)

    world.answer = watched
    ceiling.run_seeing(world, days=6, per_day=2, rng=random.Random(1), spread=0.0)
    assert len(asked) == 12
    reviews = 0
    for item, recalls in asked:
        faded = min(recalls.values(), default=1.0)
        if item in recalls:
            reviews += 1
            assert recalls[item] == faded  # the most faded card
            assert faded <= ceiling.DUE_RECALL or len(recalls) == 6
        else:
            assert faded > ceiling.DUE_RECALL  # a new card only when none is due
    assert reviews > 0
