"""Smoke tests of the study benches: the ACT-R learners, the app's pool replay, the grid, and
the ACT-R oracle (bench/study_oracle.py): its pricing, its plan and what it reports."""

from __future__ import annotations

import importlib
import itertools
import math
import random
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from app.study.scheduling import new_card, review
from app.study.selection import Candidate
from app.study_service.candidates import DUE_LIMIT, NEW_SAMPLE

ROOT = Path(__file__).resolve().parents[1]
NOW = datetime(2025, 1, 6, 18, tzinfo=UTC)


@pytest.fixture(scope="module")
def actr():
    with pytest.MonkeyPatch.context() as patch:
        patch.syspath_prepend(str(ROOT))
        yield importlib.import_module("bench.study_actr")


def test_actr_recall_decays_and_spacing_beats_massing(actr):
    spaced, massed = actr.ActrMemory(actr.BASELINE), actr.ActrMemory(actr.BASELINE)
    assert spaced.recall(0.75) == 0.0
    for k in range(4):
        spaced.study(0.75 + 2 * k, True)
        massed.study(0.75 + k * 30 / 86_400, True)
    later = 0.75 + 2 * 3 + 7
    assert massed.recall(0.76) > massed.recall(2.75) > massed.recall(7.75)
    # The same four presentations last longer spaced than massed (Pavlik & Anderson's effect).
    assert spaced.recall(later) > massed.recall(later) + 0.1
    # A presentation made at high activation decays faster than the first one.
    assert massed.decays[0] == actr.DECAY_INTERCEPT < massed.decays[-1]


def test_actr_world_is_seeded_and_answers_with_guessing(actr):
    one = actr.make_actr_world(7, 50, [0.0] * 50)
    two = actr.make_actr_world(7, 50, [0.0] * 50)
    assert [m.times for m in one.memories] == [m.times for m in two.memories]
    answers = [one.answer(i, 0.75, typed=False, n_choices=4) for i in range(50)]
    # Unknown items are right about one time in four by a blind guess.
    assert 3 <= sum(answers) <= 30
    assert 0.0 < one.mean_recall(1.75) < 1.0


def _cand(i: int, card=None, last_seen=None, difficulty: float = 0.0) -> Candidate:
    return Candidate(i, f"f{i}", "multiple_choice", 4, difficulty, card, last_seen, 0, True)


def test_app_pool_replay_keeps_the_apps_bounds():
    pool = importlib.import_module("bench.study_pool")
    studied = []
    for i in range(DUE_LIMIT + 50):
        card, _ = review(new_card(NOW), 3, NOW - timedelta(days=30 + i), steps=False)
        studied.append(_cand(i, card, NOW - timedelta(days=30 + i)))
    unseen = [_cand(1000 + i) for i in range(NEW_SAMPLE + 10)]
    offered = pool.app_pool(studied + unseen, NOW)
    ids = {c.question_id for c in offered}
    assert sum(c.card is None for c in offered) == NEW_SAMPLE
    assert {1000 + i for i in range(NEW_SAMPLE)} <= ids
    # The oldest due are kept, the newest due beyond the limit only if seen most recently.
    assert DUE_LIMIT + 49 in ids and len(ids) < len(studied) + len(unseen)
    assert not any(c.card is None for c in pool.app_pool(studied + unseen, NOW, new=False))


def test_app_pool_replay_can_offer_the_easiest_unseen_questions():
    pool = importlib.import_module("bench.study_pool")
    # Pack order puts the hardest first; the easiest are at the end of the pack.
    unseen = [_cand(i, difficulty=-0.01 * i) for i in range(NEW_SAMPLE + 10)]
    first = {c.question_id for c in pool.app_pool(unseen, NOW)}
    easiest = {c.question_id for c in pool.app_pool(unseen, NOW, easiest=True)}
    assert first == set(range(NEW_SAMPLE))
    assert easiest == set(range(10, NEW_SAMPLE + 10))


def test_grid_runs_one_tiny_cell_on_both_families(capsys):
    grid = importlib.import_module("bench.study_grid")
    code = grid.main(
        "--items 12 --per-day 6 --days 3 --seeds 2 --learners 2 --workers 1 "
        "--ablate cap20,pool,easepool,solo,priced --cohort 1".split()
    )
    out = capsys.readouterr().out
    assert code == 0
    rows = [line for line in out.splitlines() if line.startswith(("exp ", "actr "))]
    assert len(rows) == 2, out
    assert "cap20/L" in out and "pool/L" in out and "solo/L" in out and "priced/L" in out
    assert "easepool/L" in out
    assert "g/leit" in out and "nan" not in out and "fcast" in out
    assert "1 earlier learners per item table" in out


def test_grid_prints_each_seeds_row_when_asked(capsys):
    grid = importlib.import_module("bench.study_grid")
    code = grid.main(
        "--families actr --items 12 --per-day 6 --days 3 --seeds 2,3 --learners 1 --workers 1 "
        "--no-ceiling --cohort 1 --ablate meanpool --by-seed".split()
    )
    out = capsys.readouterr().out
    assert code == 0
    rows = [line for line in out.splitlines() if line.startswith("actr ")]
    assert len(rows) == 3, out
    assert "seed 2:" in out and "seed 3:" in out and out.count("meanpool:") == 3


def test_cohort_fills_the_item_table_the_measured_learners_copy():
    grid = importlib.import_module("bench.study_grid")
    table = grid.cohort_table(("exp", 2, 20, 2, 10, 2))
    # Two earlier learners answered 10 questions a day for 2 days, each answer counted on its item.
    assert sum(table.answers) == 2 * 2 * 10
    fresh = grid.ItemTable.fresh(20)
    # An item's first answers move its difficulty from the pack's prior; unasked ones keep it.
    for i, answers in enumerate(table.answers):
        assert (table.difficulty[i] != fresh.difficulty[i]) == (answers > 0)
    before = table.copy()
    grid.simulate(("exp", 2, 0, 20, 2, 10, ("solo",), table))
    # Each measured learner studies on a copy: the next one starts from the same table.
    assert table == before


def test_forecast_rides_beside_the_choices_and_pools_item_offsets():
    grid = importlib.import_module("bench.study_grid")
    sim = importlib.import_module("bench.study_simulation")
    # Earlier learners' reviews move the items' pooled memory offsets (the forecast's).
    table = grid.cohort_table(("actr", 2, 20, 4, 10, 2))
    assert any(m.answers > 0 and m.offset != 0.0 for m in table.memory)
    result = sim.run_quire(grid._world("actr", 2, 0, 20), 4, 10, sim.random.Random(5), shared=table)
    assert len(result.forecasts) == len(result.predictions) == 40
    said = [f for f, p in zip(result.forecasts, result.predictions, strict=True) if f != p]
    # New questions keep the Elo prediction; reviewed cards get the forecast, same outcomes.
    assert said and all(0.0 < f[0] < 1.0 for f in said)
    assert [f[1:] for f in result.forecasts] == [p[1:] for p in result.predictions]
    # It decides nothing: the same run without earlier reviews' offsets chooses the same.
    blank = grid.cohort_table(("actr", 2, 20, 4, 10, 2))
    blank.memory = [sim.forecast.ItemMemory()] * 20
    again = sim.run_quire(grid._world("actr", 2, 0, 20), 4, 10, sim.random.Random(5), shared=blank)
    assert again.predictions == result.predictions and again.daily_recall == result.daily_recall
    assert again.forecasts != result.forecasts


def test_a_learners_forecast_starts_from_earlier_learners_weights():
    grid = importlib.import_module("bench.study_grid")
    sim = importlib.import_module("bench.study_simulation")
    fc = sim.forecast
    # Each earlier learner leaves the forecast weights it ended with in the item table.
    table = grid.cohort_table(("actr", 2, 20, 4, 10, 2))
    assert len(table.learners) == 2 and fc.Forecast() not in table.learners
    mine, answers = table.copy(), []
    result = sim.run_quire(
        grid._world("actr", 2, 0, 20), 4, 10, sim.random.Random(5), shared=mine, record=answers
    )
    assert mine.learners[:2] == table.learners and len(mine.learners) == 3
    # The measured learner's first review is forecast with the earlier learners' mean weights.
    k = next(n for n, answer in enumerate(answers) if answer[1])
    item, _, reference, seen, choices = answers[k][:5]
    start = fc.pooled(table.learners)
    said = fc.chance(start, table.memory[item], reference, seen, choices)
    assert result.forecasts[k][0] == pytest.approx(said)
    # The forecast deciding when a card is due runs as an ablation beside the app's rule.
    out = grid.simulate(("actr", 2, 0, 20, 4, 10, ("decide",), table, False))
    assert 0.0 < out["decide"] < 1.0


def test_forecast_gain_with_the_forecast_at_the_reference_is_the_reference_gain():
    fg = importlib.import_module("bench.study_forecast_gain")
    from app.study import forecast, policy
    from app.study.learner import LearnerState, memory_model

    learner = LearnerState()
    model = memory_model(learner)
    reference = policy.fsrs_corrected(model)
    card = review(new_card(NOW), 3, NOW, steps=False)[0]
    later = NOW + timedelta(days=4)
    start, blank = forecast.Forecast(), forecast.ItemMemory()
    # Bias 0, slope 1, no other weight, no item offset: the forecast is the reference.
    mine = fg.gain(start, blank, card, 1, True, 0.3, learner, later, 3)
    assert mine == pytest.approx(policy.review_gain(card, later, reference, 3, model.w)[0])
    first = fg.gain(start, blank, None, 0, False, 0.3, learner, later, 3)
    assert first == pytest.approx(policy.new_gain(0.3, reference, 3, model.w))
    # An item every learner recalls better than the reference says is worth less to review.
    known = forecast.ItemMemory(offset=2.0, answers=50)
    assert fg.gain(start, known, card, 1, True, 0.3, learner, later, 3) < mine


def test_priced_rule_with_the_forecast_changes_the_choices():
    grid = importlib.import_module("bench.study_grid")
    sim = importlib.import_module("bench.study_simulation")
    table = grid.cohort_table(("exp", 2, 20, 4, 10, 2))

    def asked(**options) -> tuple[list[int], object]:
        answers: list = []
        run = sim.run_quire(
            grid._world("exp", 2, 0, 20),
            4,
            10,
            sim.random.Random(5),
            shared=table.copy(),
            record=answers,
            **options,
        )
        return [a[0] for a in answers], run

    app, _ = asked()
    priced, _ = asked(review_recall=0.0)
    mine, run = asked(priced_forecast=(3, 1.0))
    # Neither the app's due rule nor the priced rule on the reference: the forecast's prices.
    assert mine != app and mine != priced and len(run.daily_recall) == 4
    out = grid.simulate(
        ("exp", 2, 0, 20, 4, 10, ("priced-forecast",), table, False, 400, ((3, 2.0),))
    )
    assert 0.0 < out["pf3:2"] < 1.0


def test_true_gain_plays_the_question_out_on_a_copy():
    ceiling = importlib.import_module("bench.study_ceiling")
    grid = importlib.import_module("bench.study_grid")
    days = [1.0, 2.0, 3.0]
    for family in ("exp", "actr"):
        memory = grid._world(family, 2, 0, 3).memories[1]
        untouched = grid._world(family, 2, 0, 3).memories[1]
        assert ceiling.true_gain(memory, 0.75, days) > 0.0
        # Pricing leaves the memory as it was: the question is played out on a clone.
        assert memory == untouched
    # On the exponential learners a question a minute after a failed one (recall about 1,
    # so no growth) adds less than the first question did, and less than asking it a day on.
    memory = grid._world("exp", 2, 0, 3).memories[1]
    first = ceiling.true_gain(memory, 0.75, days)
    memory.study(0.75, False)
    massed = ceiling.true_gain(memory, 0.751, days)
    assert massed < first and massed < ceiling.true_gain(memory, 1.75, [2.0, 3.0, 4.0])


def test_gain_rule_with_the_true_recall_asks_every_item_of_a_small_bank():
    ceiling = importlib.import_module("bench.study_ceiling")
    grid = importlib.import_module("bench.study_grid")
    world = grid._world("exp", 2, 0, 10)
    asked: set[int] = set()
    answer = world.answer

    def watched(item, t, typed, n_choices):
        asked.add(item)
        return answer(item, t, typed, n_choices)

    world.answer = watched
    avg = ceiling.run_gain_seeing(world, 3, 10, horizon=3)
    assert asked == set(range(10)) and 0.0 < avg < 1.0


def test_study_gain_compares_horizons_and_diagnoses_quire(capsys):
    gain = importlib.import_module("bench.study_gain")
    assert gain.main("--items 12 --per-day 6 --days 3 --horizons 2,0 --workers 1".split()) == 0
    out = capsys.readouterr().out
    assert "gain2" in out and "gainend" in out and "due-first" in out and "fixed" in out
    assert gain.main("--diagnose --priced --items 12 --per-day 6 --horizons 2".split()) == 0
    out = capsys.readouterr().out
    # Day 3 starts with seen cards: Quire's gains are printed beside the true ones.
    assert "day  3 seen" in out and "correlation" in out and "avg recall" in out
    # Under another estimator (bench/study_estimate.py), restored after the run.
    saved = gain.policy.fsrs_corrected
    argv = "--diagnose --priced --items 12 --per-day 6 --horizons 2 --estimator exp4".split()
    assert gain.main(argv) == 0
    assert "day  3 seen" in capsys.readouterr().out and gain.policy.fsrs_corrected is saved


def test_grid_rejects_an_unknown_ablation():
    grid = importlib.import_module("bench.study_grid")
    with pytest.raises(SystemExit):
        grid.main(["--ablate", "nothing"])


def test_paired_se_is_the_se_of_the_differences():
    grid = importlib.import_module("bench.study_grid")
    assert grid.paired_se([1.0, 2.0, 3.0], [0.0, 1.0, 2.0]) == 0.0
    assert grid.paired_se([1.0, 3.0], [0.0, 0.0]) == pytest.approx(1.0)


def test_trace_counts_each_item_new_once_and_reports_reviews(capsys):
    trace = importlib.import_module("bench.study_trace")
    quire, new_by_day, at_review, exposures, result = trace.trace("actr", 2, 0, 12, 3, 8, None)
    # 24 questions over 12 items: each item is new at most once, the rest are reviews.
    assert sum(new_by_day) <= 12 and sum(new_by_day) + len(at_review) == 24
    assert all(0.0 <= r <= 1.0 for r in at_review) and 0.0 < quire < 1.0
    # One count of earlier questions per answer: as many zeros as new questions.
    assert len(exposures) == len(result.predictions) == 24
    assert exposures.count(0) == sum(new_by_day)
    rows = trace.by_exposure(exposures, result)
    assert sum(answers for _, answers, *_ in rows) == 24 and rows[0][:2] == (0, sum(new_by_day))
    assert trace.main("--items 12 --per-day 8 --days 3 --learners 1 --cohort 1".split()) == 0
    out = capsys.readouterr().out
    assert "learner 0: quire" in out and "of 12)" in out
    assert "asked 0  before" in out and "Quire's estimate there" in out


def test_policy_variants_run_on_both_families(capsys):
    study = importlib.import_module("bench.study_policy")
    code = study.main(
        "--items 12 --per-day 6 --seeds 2 --learners 1 --workers 1 --cohort 1 "
        "--variants ease,priced,choose".split()
    )
    out = capsys.readouterr().out
    assert code == 0
    for family in ("exp", "actr"):
        rules = {line.split()[1] for line in out.splitlines() if line.startswith(family + " ")}
        assert {"app", "ease", "priced", "choose", "leitner", "random", "fixed"} <= rules, out


def test_unpooled_payoff_starts_every_learner_from_the_old_rules_prior():
    grid = importlib.import_module("bench.study_grid")
    sim = importlib.import_module("bench.study_simulation")
    table = grid.cohort_table(("exp", 2, 20, 4, 10, 2))
    # Earlier learners whose reviews bought nothing beyond the reference: a low threshold.
    table.payoffs = [sim.payoff.Payoff(40, 0.0)]
    blank = table.copy()
    blank.payoffs = []

    def run(shared, **options):
        world = grid._world("exp", 2, 0, 20)
        return sim.run_quire(world, 10, 10, sim.random.Random(5), shared=shared.copy(), **options)

    unpooled = run(table, pooled_payoff=False)
    assert unpooled.daily_recall == run(blank).daily_recall
    assert run(table).daily_recall != unpooled.daily_recall


def test_payoff_rules_the_default_rule_is_the_apps_and_the_cap_stops_the_tally():
    grid = importlib.import_module("bench.study_grid")
    sim = importlib.import_module("bench.study_simulation")
    rules = importlib.import_module("bench.study_payoff_rules")
    table = grid.cohort_table(("exp", 2, 20, 4, 10, 2))

    def run(**options):
        world = grid._world("exp", 2, 0, 20)
        return sim.run_quire(world, 10, 10, sim.random.Random(5), shared=table.copy(), **options)

    assert run(payoff_rule=rules.PayoffRule()).daily_recall == run().daily_recall
    capped = rules.PayoffRule(cap=1)
    once = capped.observe(sim.payoff.Payoff(), 2, True, True, 0.4)
    assert once.answers == 1 and capped.observe(once, 2, True, False, 0.4) == once
    # By kind: once the learner has answers of their own, only earlier learners on their side.
    earlier = [sim.payoff.Payoff(10, 2.0), sim.payoff.Payoff(10, 0.0)]
    low = sim.payoff.Payoff(int(sim.payoff.PRIOR_WEIGHT), 0.0)
    assert rules.PayoffRule(by_kind=True, mean_pool=True).prior(low, earlier) == 0.0
    assert rules.PayoffRule(by_kind=True).prior(low, earlier) == sim.payoff.pooled(earlier[1:])
    # The old pool, the mean of the rates, beside the app's, every answer alike.
    assert rules.RULES["meanpool"].prior(low, earlier) == pytest.approx(0.1)
    assert rules.PayoffRule().prior(low, earlier) == sim.payoff.pooled(earlier)


@pytest.fixture(scope="module")
def oracle():
    with pytest.MonkeyPatch.context() as patch:
        patch.syspath_prepend(str(ROOT))
        yield importlib.import_module("bench.study_oracle")


def test_value_is_the_recall_the_memory_shows_at_each_end(oracle, actr):
    memory = actr.ActrMemory(0.4)
    memory.study(-30.0, True)
    ends = oracle.checkpoints(4)
    times = [2.76, 0.75, 0.76]
    priced = oracle.value(memory, times, ends)
    # The same presentations made on a real memory, the recall read at each day-end in turn.
    played = actr.ActrMemory(0.4, list(memory.times), list(memory.decays))
    total = 0.0
    for end in ends:
        for t in sorted(times):
            if end - 1 <= t < end:
                played.study(t, False)
        total += played.recall(end)
    assert priced == pytest.approx(total)
    assert len(memory.times) == 1  # priced on a copy


def _memories(actr, offsets):
    return [actr.ActrMemory(b) for b in offsets]


def test_plan_fills_every_slot_once_and_its_value_is_its_days(oracle, actr):
    memories = _memories(actr, [0.9, 0.3, -0.2, 0.6, 0.0, 1.2, -0.8, 0.5])
    made = oracle.plan(memories, days=4, per_day=3)
    for day in range(4):
        assert sum(day in days for days in made.days_of) == 3
    assert all(len(set(days)) == len(days) for days in made.days_of)
    prices = oracle._Prices(memories, 4, 3)
    assert made.value == pytest.approx(
        sum(prices.worth(i, days) for i, days in enumerate(made.days_of))
    )
    # The local search never loses what the greedy plan had.
    assert made.trace == sorted(made.trace)


def test_plan_finds_the_best_schedule_of_a_small_case(oracle, actr):
    memories = _memories(actr, [1.0, 0.2, -0.5])
    made = oracle.plan(memories, days=3, per_day=1)
    prices = oracle._Prices(memories, 3, 1)
    best = max(
        sum(prices.worth(i, [d for d, k in enumerate(order) if k == i]) for i in range(3))
        for order in itertools.product(range(3), repeat=3)
    )
    assert made.value == pytest.approx(best)


def _world(actr, seed):
    bank = random.Random(seed)
    return actr.make_actr_world(seed, 30, [bank.gauss(0.0, 1.0) for _ in range(30)])


def test_oracle_beats_random_and_fixed_order_on_the_same_learner(oracle, actr):
    sim = importlib.import_module("bench.study_simulation")
    days, per_day = 6, 5

    def avg(result):
        return sum(result.daily_recall) / days

    got = avg(oracle.run_oracle(_world(actr, 3), days, per_day))
    for runner in (sim.run_random, sim.run_fixed):
        assert got > 1.2 * avg(runner(_world(actr, 3), days, per_day, random.Random(1)))


def test_oracle_plans_actr_memories_only(oracle):
    learners = importlib.import_module("bench.study_learners")
    world = learners.make_world(1, 5, [0.0] * 5)
    with pytest.raises(TypeError):
        oracle.run_oracle(world, 2, 2)


def test_profile_reads_what_a_schedule_did(oracle, actr):
    asked, left, known = actr.ActrMemory(0.5), actr.ActrMemory(0.5), actr.ActrMemory(0.5)
    known.study(-30.0, True)  # known before the run: not counted as asked
    asked.study(0.75, True)
    asked.study(2.75, True)
    figures = oracle.profile([asked, left, known], days=5)
    assert figures["studied"] == pytest.approx(1 / 3)
    assert figures["per item"] == 2
    assert figures["new by day 3"] == 1.0
    assert figures["last new day"] == 0.0
    once = actr.ActrMemory(0.5)
    once.study(0.75, True)
    assert figures["recall at review"] == pytest.approx(once.recall(2.75))
    assert figures["gap days"] == pytest.approx(2.0)
    assert math.isnan(oracle.profile([left], days=5)["gap days"])


def test_grid_prints_the_oracle_and_profiles_on_actr_only(capsys):
    grid = importlib.import_module("bench.study_grid")
    code = grid.main(
        "--families exp,actr --items 12 --per-day 4 --days 3 --seeds 2 --learners 1 "
        "--workers 1 --cohort 0 --no-ceiling --ablate oracle".split()
    )
    out = capsys.readouterr().out
    assert code == 0
    lines = out.splitlines()
    oracle_lines = [line for line in lines if line.strip().startswith("oracle:")]
    assert len(oracle_lines) == 2
    assert "nan" in oracle_lines[0] and "nan" not in oracle_lines[1]
    assert sum(line.strip().startswith("profile") for line in lines) == 1


def test_working_set_stops_new_questions_for_a_low_threshold_learner_only(actr):
    sim = importlib.import_module("bench.study_simulation")
    payoff = importlib.import_module("app.study.payoff")

    forecast = importlib.import_module("app.study.forecast")

    def asked(surplus: float, working_days: float | None, easiest: bool = False) -> set[int]:
        table = sim.ItemTable.fresh(40)
        # Earlier learners whose reviews bought nothing (or much): the low (high) due threshold.
        table.payoffs = [payoff.Payoff(1000, surplus * 1000)]
        # What their reviews say of each item: the last five recalled best.
        table.memory = [forecast.ItemMemory(k / 40, 10) for k in range(40)]
        world = _world_of(actr, 40)
        sim.run_quire(
            world,
            6,
            5,
            random.Random(1),
            shared=table,
            working_days=working_days,
            working_easiest=easiest,
        )
        start = actr.psychological_seconds(0.0)
        return {k for k, m in enumerate(world.memories) if any(t >= start for t in m.times)}

    assert len(asked(-0.1, None)) > 5
    assert len(asked(-0.1, 1.0)) == 5
    assert asked(-0.1, 1.0, easiest=True) == set(range(35, 40))
    assert asked(0.3, 1.0) == asked(0.3, None)
    assert len(asked(0.3, None)) > 5


def _world_of(actr, items):
    bank = random.Random(5)
    return actr.make_actr_world(5, items, [bank.gauss(0.0, 1.0) for _ in range(items)])


def test_easiest_takes_as_many_items_as_the_plan_asks_lowest_rank_first(oracle):
    made = oracle.Plan([[0], [], [1, 2], [], [3]], 0.0)
    assert oracle.easiest(made, [0.5, -1.0, 2.0, 0.5, 0.0]) == [1, 4, 0]


def test_plan_from_a_given_start_keeps_its_slots_and_never_loses(oracle, actr):
    memories = _memories(actr, [0.9, 0.3, -0.2, 0.6, 0.0, 1.2])
    start = [[0, 2], [1], [0], [1, 2], [], [0, 1, 2]]
    prices = oracle._Prices(memories, 3, 3)
    before = sum(prices.worth(i, days) for i, days in enumerate(start))
    made = oracle.plan(memories, days=3, per_day=3, start=start)
    assert made.trace[0] == pytest.approx(before)
    assert made.value >= before
    for day in range(3):
        assert sum(day in days for days in made.days_of) == 3


def test_fixed_cycle_over_given_items_asks_only_those_in_turn(actr):
    sim = importlib.import_module("bench.study_simulation")
    world = _world_of(actr, 6)
    sim.run_fixed(world, 1, 5, random.Random(1), order=[4, 1])
    start = actr.psychological_seconds(0.0)
    asked = [sum(t >= start for t in m.times) for m in world.memories]
    assert asked == [0, 2, 0, 0, 3, 0]
