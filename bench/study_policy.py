"""Issue 18, eighth session: changes to the app's rule tried on both learner families (bench only).

Each variant is the app's `choose_next` with one or more changes patched in for its run only and
restored after it:

- `ease`: the new question offered is the one most likely answered right (its Elo prediction
  from the shared item table, the earlier learners' answers), not the one nearest the target
  success; the sixth session found the easy unseen items carry the gain on the ACT-R learners;
- `priced`: every card priced by its expected gain, no due threshold (`review_recall=0`,
  horizon 5), under `study_estimate`'s `exp4-grow` estimator (the seventh session's nearest).

Printed per family: each rule's avg recall and its ratio to Leitner, random order and the fixed
cycle (ratios of the means over every learner), and its log-loss gap to the running mean.

Run: python -m bench.study_policy [--families exp,actr --seeds 1,2,3,4 --learners 2 --items 300
     --per-day 40 --variants ease,priced,priced-ease]
"""

from __future__ import annotations

import argparse
import math
import random
import statistics
import sys
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from multiprocessing import Pool

from app.study import elo, policy, selection
from app.study.learner import calibrated_recall
from bench import study_simulation as sim
from bench.study_estimate import VARIANTS as ESTIMATORS
from bench.study_estimate import _gap, curve, priced_with, variant_arguments
from bench.study_grid import _world, cohort_table, paired_se

HORIZON = 5
VARIANTS = {
    "ease": ("ease",),
    "priced": ("priced",),
    "priced-ease": ("priced", "ease"),
    "choose": ("choose",),
}
# Answers to cards seen once or twice before the choice between the rules may leave due-first.
CHOOSE_WARM = 20
STEEP = ESTIMATORS["exp4-grow"].decay


def ease_score(cand, learner, aim, now) -> float:
    """The new question most likely answered right first (lower is better)."""
    return -selection.predict(cand, learner, selection.CHOICE, now) + (
        selection.EXPOSURE_WEIGHT * cand.exposures
    )


@contextmanager
def patched(name: str, attr: str, value) -> Iterator[None]:
    """Set module attribute `attr` to `value` for one run."""
    saved = getattr(name, attr)
    setattr(name, attr, value)
    try:
        yield
    finally:
        setattr(name, attr, saved)


@dataclass
class _Choosing:
    """The per-learner choice of rule: each rule's estimate scored on the learner's answers to
    cards seen once and twice (log loss), the priced rule in use while its estimate leads."""

    priced: bool = False
    loss_app: float = 0.0
    loss_steep: float = 0.0
    answers: int = 0

    def score(self, learner, card, now, correct: bool, n_choices: int) -> None:
        """Score both estimates on one answer to a card (as it was before the answer)."""
        if card is None or card.last_review is None or card.reps not in (1, 2):
            return
        floor = elo.guess_floor(n_choices)
        app = calibrated_recall(card, learner, now)
        steep = curve(policy.elapsed_days(card, now), card.stability, STEEP)
        for name, r in (("loss_app", app), ("loss_steep", steep)):
            p = min(1 - 1e-6, max(1e-6, floor + (1 - floor) * r))
            setattr(self, name, getattr(self, name) - math.log(p if correct else 1 - p))
        self.answers += 1
        if self.answers >= CHOOSE_WARM:
            self.priced = self.loss_steep < self.loss_app


@contextmanager
def choosing() -> Iterator[_Choosing]:
    """Patch the per-learner choice between the app's rule and the priced rule under the steep
    curve (`exp4-grow`: prices by the curve alone, FSRS's growth read off it) into one run; the
    learner's own model and the predictions stay the app's."""
    state = _Choosing()
    saved = (policy.fsrs_corrected, policy.next_stabilities, sim.choose_next, sim.observe)
    corrected, grows, choose, observe = saved

    def prices(model):
        if not state.priced:
            return corrected(model)
        return lambda s, d, days, reps=None, lapses=0: min(0.999, max(0.001, curve(days, s, STEEP)))

    def next_stabilities(card, now, w=policy.DEFAULT_PARAMETERS):
        if not state.priced:
            return grows(card, now, w)
        fsrs_recall = policy.fsrs_recall
        policy.fsrs_recall = lambda days, stability, _w=None: curve(days, stability, STEEP)
        try:
            return grows(card, now, w)
        finally:
            policy.fsrs_recall = fsrs_recall

    def choose_next(*args, **kwargs):
        if state.priced:
            kwargs.update(review_recall=0.0, horizon_days=HORIZON)
        return choose(*args, **kwargs)

    def recording(learner, difficulty, answers, correct, n_choices, **kw):
        state.score(learner, kw.get("card"), kw.get("now"), correct, n_choices)
        return observe(learner, difficulty, answers, correct, n_choices, **kw)

    policy.fsrs_corrected, policy.next_stabilities = prices, next_stabilities
    sim.choose_next, sim.observe = choose_next, recording
    try:
        yield state
    finally:
        policy.fsrs_corrected, policy.next_stabilities, sim.choose_next, sim.observe = saved


def run_variant(
    parts: tuple[str, ...], world, per_day: int, rng, table
) -> tuple[sim.Result, bool | None]:
    """One Quire run with the variant's changes patched in, and whether the per-learner choice
    ended on the priced rule (None: no choice)."""
    kwargs: dict = {}
    chosen = None
    with ExitStack() as stack:
        if "ease" in parts:
            stack.enter_context(patched(selection, "new_score", ease_score))
        if "choose" in parts:
            chosen = stack.enter_context(choosing())
        if "priced" in parts:
            stack.enter_context(priced_with(ESTIMATORS["exp4-grow"]))
            kwargs.update(review_recall=0.0, horizon_days=HORIZON)
        result = sim.run_quire(world, 30, per_day, rng, shared=table.copy(), **kwargs)
    return result, None if chosen is None else chosen.priced


def simulate(job: tuple) -> dict:
    """Every rule on copies of one learner: (family, seed, index, items, per_day, variants,
    item table)."""
    family, seed, index, items, per_day, variants, table = job

    def rng() -> random.Random:
        return random.Random(seed * 31 + index)

    def world():
        return _world(family, seed, index, items)

    out: dict = {}
    app = sim.run_quire(world(), 30, per_day, rng(), shared=table.copy())
    out["app"], out["app gap"] = statistics.mean(app.daily_recall), _gap(app)
    for name, runner in (
        ("leitner", sim.run_leitner),
        ("random", sim.run_random),
        ("fixed", sim.run_fixed),
    ):
        out[name] = statistics.mean(runner(world(), 30, per_day, rng()).daily_recall)
    for name in variants:
        result, priced = run_variant(VARIANTS[name], world(), per_day, rng(), table)
        out[name], out[f"{name} gap"] = statistics.mean(result.daily_recall), _gap(result)
        out[f"{name} priced"] = priced
    return out


def print_family(family: str, by_seed: list[list[dict]], variants: tuple[str, ...]) -> None:
    """Each rule's avg recall (median over seeds of the per-seed means), its ratios (medians over
    seeds of the per-seed ratios), the paired SE of rule - Leitner and rule - fixed over every
    learner as a share of the other's mean (`!`: below by more than that), and its gap."""
    names = ("leitner", "random", "fixed", "app", *variants)
    mean = {n: [statistics.mean(r[n] for r in rs) for rs in by_seed] for n in names}
    every = [r for rs in by_seed for r in rs]
    for name in ("leitner", "random", "fixed"):
        print(f"{family:<7}{name:<14}{statistics.median(mean[name]):>8.3f}")
    for name in ("app", *variants):
        ratio = {
            o: statistics.median(a / b for a, b in zip(mean[name], mean[o], strict=True))
            for o in ("leitner", "random", "fixed")
        }
        se = {
            o: paired_se([r[name] for r in every], [r[o] for r in every])
            / statistics.mean(r[o] for r in every)
            for o in ("leitner", "fixed")
        }
        mark = {o: "!" if ratio[o] < 1.0 - se[o] else " " for o in se}
        gap = statistics.mean(r[f"{name} gap"] for r in every)
        print(
            f"{family:<7}{name:<14}{statistics.median(mean[name]):>8.3f}"
            f"{ratio['leitner']:>7.3f}{mark['leitner']}±{se['leitner']:.3f}"
            f"{ratio['random']:>7.3f}{ratio['fixed']:>7.3f}{mark['fixed']}±{se['fixed']:.3f}"
            f"{gap:>7.3f}  {[r.get(f'{name} priced') for r in every] if name != 'app' else ''}",
            flush=True,
        )


def main(argv: list[str] | None = None) -> int:
    """Print, per family and rule, avg recall, its ratios and its log-loss gap."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    args, seeds, variants = variant_arguments(
        parser, argv, "1,2,3,4", "ease,priced,priced-ease", VARIANTS
    )
    started = time.perf_counter()
    print(
        f"{'family':<7}{'rule':<14}{'recall':>8}{'÷ L':>7}{'±SE':>7}{'÷ rand':>7}{'÷ fix':>7}"
        f"{'±SE':>7}{'gap':>7}"
    )
    with Pool(args.workers or None) as pool:
        for family in args.families.split(","):
            made = [(family, s, args.items, 30, args.per_day, args.cohort) for s in seeds]
            tables = pool.map(cohort_table, made)
            jobs = [
                (family, s, i, args.items, args.per_day, variants, table)
                for s, table in zip(seeds, tables, strict=True)
                for i in range(args.learners)
            ]
            results = pool.map(simulate, jobs)
            by_seed = [
                results[k * args.learners : (k + 1) * args.learners] for k in range(len(seeds))
            ]
            print_family(family, by_seed, variants)
    print(f"({time.perf_counter() - started:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
