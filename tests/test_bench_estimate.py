"""The priced rule under other recall estimators (bench/study_estimate.py): curves, patching."""

from __future__ import annotations

import importlib
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from app.study import policy
from app.study.learner import LearnerState
from app.study.scheduling import new_card, review

ROOT = Path(__file__).resolve().parents[1]
NOW = datetime(2025, 1, 6, 18, tzinfo=UTC)


@pytest.fixture(scope="module")
def estimate():
    with pytest.MonkeyPatch.context() as patch:
        patch.syspath_prepend(str(ROOT))
        yield importlib.import_module("bench.study_estimate")


def test_curves_keep_fsrs_stability_and_a_steep_one_forgets_faster(estimate):
    for decay in estimate.DECAYS:
        assert estimate.curve(2.0, 2.0, decay) == pytest.approx(0.9)
    # FSRS-6's own exponent gives FSRS's curve.
    assert estimate.curve(5.0, 0.5, -policy._DECAY) == pytest.approx(policy.fsrs_recall(5.0, 0.5))
    # Five days after one wrong first answer (FSRS's 0.21-day stability): near 0.6 on FSRS's
    # flat curve, near nothing on the steep one, as on the exponential learners.
    assert estimate.curve(5.0, 0.212, 0.154) > 0.55 > 0.2 > estimate.curve(5.0, 0.212, 4.0)


def test_priced_with_a_steep_curve_prices_a_new_question_lower_and_restores_the_app(estimate):
    saved = (policy.fsrs_corrected, policy.MemoryModel.card_fsrs_recall)
    fsrs_price = policy.new_gain(0.0, policy.fsrs_corrected(policy.MemoryModel()), 5)
    with estimate.priced_with(estimate.VARIANTS["exp4"]):
        steep_price = policy.new_gain(0.0, policy.fsrs_corrected(policy.MemoryModel()), 5)
    assert steep_price < 0.5 * fsrs_price
    assert (policy.fsrs_corrected, policy.MemoryModel.card_fsrs_recall) == saved
    assert policy.new_gain(0.0, policy.fsrs_corrected(policy.MemoryModel()), 5) == fsrs_price


def test_running_selection_picks_the_curve_with_the_lowest_loss(estimate):
    card, _ = review(new_card(NOW), 1, NOW, steps=False)
    later = NOW + timedelta(days=5)
    run = estimate._Running(estimate.VARIANTS["plain-select"], 0.154)
    for _ in range(estimate.WARM):
        assert (run.decay, run.growth) == (0.154, 0.0)
        # Typed answers (no guessing), all forgotten five days after one wrong first answer.
        run.observe(LearnerState(), card, later, False, 0)
    assert run.decay == max(estimate.DECAYS)


def test_the_bench_runs_the_priced_variants(estimate, monkeypatch, capsys):
    monkeypatch.setattr(estimate, "WARM", 1)
    assert (
        estimate.main(
            "--families exp --seeds 2 --learners 1 --items 12 --per-day 8 --cohort 1 "
            "--variants select,exp4 --workers 1".split()
        )
        == 0
    )
    out = capsys.readouterr().out
    assert "exp    app" in out and "exp    select" in out and "exp    exp4" in out


def test_unknown_variant_is_refused(estimate):
    with pytest.raises(SystemExit):
        estimate.main(["--variants", "nothing"])


def test_growth_on_the_steep_curve_is_larger_and_restored(estimate):
    card, _ = review(new_card(NOW), 1, NOW, steps=False)
    later = NOW + timedelta(days=3)
    fsrs_growth = policy.next_stabilities(card, later)[0] / card.stability
    with estimate.priced_with(estimate.VARIANTS["exp4-grow"]):
        steep_growth = policy.next_stabilities(card, later)[0] / card.stability
    # FSRS reads a recall of 0.66 there and grows 13x; the steep curve's 0.28 grows it 31x.
    assert steep_growth > 2 * fsrs_growth
    assert policy.next_stabilities(card, later)[0] / card.stability == fsrs_growth
