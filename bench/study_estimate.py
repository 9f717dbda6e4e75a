"""Issue 18: the priced rule driven by other recall estimators than the app's (bench only).

The sixth session found that pricing every card by its expected gain (`choose_next` with
`review_recall=0`) beats due-first when it sees the true recall, and sinks the exponential
learners when Quire's estimates drive it: FSRS-6's flat forgetting curve (exponent 0.154) keeps a
card recalled at about 0.6 for a week after one wrong answer, so a new question is priced at
about 0.65 (true 0.25) and a review at a third of its true gain. This bench swaps the curve
under the same FSRS stabilities, inside the Quire run only, and runs the priced rule with it:

- `decay`: the curve's exponent, (1 + f·t/S)^-decay with recall 0.9 at t = S as in FSRS (4 is
  close to an exponential, the exponential learners' curve);
- `corrected`: keep the learner's online logistic correction (`policy.MemoryModel`) in the
  prices, or price with FSRS's dynamics alone (the first-exposure scale is kept if `first`);
- `grows_on_curve`: FSRS's stability growth after a right answer computed from this curve's
  recall (FSRS computes it from its own curve's, which is higher, so it grows less);
- `select`: instead of a fixed exponent, the exponent and a growth factor (e^g more stability
  per right review after the first) with the lowest running log loss over the learner's own
  reviews (`DECAYS` × `GROWTHS`, after `WARM` reviews): the learner's own curve.

The app is not changed: the estimator is patched into `app.study.policy` for the priced run
and restored after it (`priced_with`). Everything else is as `study_grid --ablate priced`.

Run: python -m bench.study_estimate [--families exp,actr --seeds 1,2 --learners 2 --items 300
     --per-day 40 --horizon 5 --variants exp4,plain-select]
"""

from __future__ import annotations

import argparse
import math
import random
import statistics
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from multiprocessing import Pool

from app.study import elo, policy
from app.study.learner import memory_model
from bench import study_simulation as sim
from bench.study_grid import _world, cohort_table

DECAYS = (0.154, 0.5, 1.5, 4.0)
GROWTHS = (0.0, 0.7, 1.4)
# Reviews answered before the running log loss may move the curve away from FSRS's.
WARM = 30


@dataclass(frozen=True)
class Estimator:
    """How the priced run estimates recall: a curve exponent, the correction, or a selection."""

    decay: float = -policy._DECAY
    corrected: bool = True
    select: bool = False
    first: bool = True
    # FSRS's stability growth computed from this curve's recall, not from FSRS's own curve's.
    grows_on_curve: bool = False


VARIANTS = {
    "fsrs": Estimator(),
    "select": Estimator(select=True),
    "plain-select": Estimator(corrected=False, select=True, first=False),
    "exp4": Estimator(decay=4.0, corrected=False, first=False),
    "exp4-first": Estimator(decay=4.0, corrected=False),
    "exp4-grow": Estimator(decay=4.0, corrected=False, first=False, grows_on_curve=True),
    "plain1.5": Estimator(decay=1.5, corrected=False, first=False),
}


def curve(days: float, stability: float, decay: float) -> float:
    """Recall `days` after a review on a power curve of exponent `decay`, 0.9 at `stability`."""
    factor = 0.9 ** (-1.0 / decay) - 1.0
    return (1.0 + factor * max(0.0, days) / stability) ** -decay


@dataclass
class _Running:
    """The running choice: the exponent and growth in use, and every candidate's log loss."""

    estimator: Estimator
    decay: float
    growth: float = 0.0
    loss: dict = field(default_factory=dict)
    reviews: int = 0

    def model(self, model: policy.MemoryModel) -> policy.MemoryModel:
        if self.estimator.corrected:
            return model
        return policy.MemoryModel(first=model.first if self.estimator.first else 0.0)

    def stability(self, model, stability, reps, lapses, growth) -> float:
        scaled = model.stability(stability, reps)
        if reps is not None and reps >= 2:
            scaled *= math.exp(growth * max(0, reps - 1 - lapses))
        return scaled

    def observe(self, learner, card, now, correct: bool, n_choices: int) -> None:
        """Score every candidate curve on one review and keep the best after `WARM`."""
        model = self.model(memory_model(learner))
        floor = elo.guess_floor(n_choices)
        days = policy.elapsed_days(card, now)
        for decay in DECAYS:
            for growth in GROWTHS:
                s = self.stability(model, card.stability, card.reps, card.lapses, growth)
                r = model.recall(curve(days, s, decay), card.difficulty, card.reps, card.lapses)
                p = min(1 - 1e-6, max(1e-6, floor + (1 - floor) * r))
                loss = -math.log(p if correct else 1 - p)
                self.loss[decay, growth] = self.loss.get((decay, growth), 0.0) + loss
        self.reviews += 1
        if self.reviews >= WARM:
            self.decay, self.growth = min(self.loss, key=self.loss.get)


@contextmanager
def priced_with(estimator: Estimator) -> Iterator[_Running]:
    """Patch the estimator into `app.study.policy` (and the bench's answer recording, for the
    running selection) for one Quire run; restore the app's functions after it."""
    run = _Running(estimator, estimator.decay)
    saved = (
        policy.fsrs_corrected,
        policy.MemoryModel.card_fsrs_recall,
        sim.observe,
        policy.fsrs_recall,
    )
    observe = sim.observe

    def corrected(model):
        model = run.model(model)
        decay, growth = run.decay, run.growth
        return lambda s, d, days, reps=None, lapses=0: model.recall(
            curve(days, run.stability(model, s, reps, lapses, growth), decay), d, reps, lapses
        )

    def card_recall(model, card, now) -> float:
        if card.stability is None or card.last_review is None:
            return 0.0
        s = run.stability(model, card.stability, card.reps, card.lapses, run.growth)
        return curve(policy.elapsed_days(card, now), s, run.decay)

    def recording(learner, difficulty, answers, correct, n_choices, **kw):
        card = kw.get("card")
        reviewed = kw.get("recall_predicted") is not None and card is not None
        if estimator.select and reviewed and card.last_review is not None:
            run.observe(learner, card, kw["now"], correct, n_choices)
        return observe(learner, difficulty, answers, correct, n_choices, **kw)

    policy.fsrs_corrected = corrected
    policy.MemoryModel.card_fsrs_recall = card_recall
    sim.observe = recording
    if estimator.grows_on_curve:
        # `policy.next_stabilities` reads the recall its growth depends on from this name.
        # The parameters argument is ignored: the estimator's curve replaces FSRS's.
        policy.fsrs_recall = lambda days, stability, _w=None: curve(days, stability, run.decay)
    try:
        yield run
    finally:
        (
            policy.fsrs_corrected,
            policy.MemoryModel.card_fsrs_recall,
            sim.observe,
            policy.fsrs_recall,
        ) = saved


def _gap(result: sim.Result) -> float:
    """The running mean's log loss minus Quire's over the run's answers."""
    running = sim.log_loss([(b, c) for _, b, c in result.predictions])
    return running - sim.log_loss([(p, c) for p, _, c in result.predictions])


def simulate(job: tuple) -> dict:
    """The app's rule, Leitner and the priced rule under each variant, on copies of one
    learner: (family, seed, index, items, per_day, horizon, variants, item table)."""
    family, seed, index, items, per_day, horizon, variants, table = job

    def rng() -> random.Random:
        return random.Random(seed * 31 + index)

    def world():
        return _world(family, seed, index, items)

    app = sim.run_quire(world(), 30, per_day, rng(), shared=table.copy())
    leitner = sim.run_leitner(world(), 30, per_day, rng())
    out = {"app": statistics.mean(app.daily_recall), "app gap": _gap(app)}
    out["leitner"] = statistics.mean(leitner.daily_recall)
    for name in variants:
        with priced_with(VARIANTS[name]) as run:
            result = sim.run_quire(
                world(),
                30,
                per_day,
                rng(),
                shared=table.copy(),
                review_recall=0.0,
                horizon_days=horizon,
            )
        out[name] = statistics.mean(result.daily_recall)
        out[f"{name} gap"] = _gap(result)
        out[f"{name} curve"] = (run.decay, run.growth)
    return out


def variant_arguments(
    parser: argparse.ArgumentParser,
    argv: list[str] | None,
    seeds: str,
    variants: str,
    known: dict,
) -> tuple[argparse.Namespace, list[int], tuple[str, ...]]:
    """The options of a bench of variants on the default cell (families, seeds, learners, items,
    per day, earlier learners, variants among `known`, workers), parsed: the arguments, the
    seeds and the variants."""
    parser.add_argument("--families", default="exp,actr")
    parser.add_argument("--seeds", default=seeds)
    parser.add_argument("--learners", type=int, default=2)
    parser.add_argument("--items", type=int, default=300)
    parser.add_argument("--per-day", type=int, default=40)
    parser.add_argument("--cohort", type=int, default=4)
    parser.add_argument("--variants", default=variants)
    parser.add_argument("--workers", type=int, default=0)
    args = parser.parse_args(argv)
    chosen = tuple(args.variants.split(","))
    unknown = set(chosen) - set(known)
    if unknown:
        parser.error(f"--variants: unknown {sorted(unknown)}; expected some of {list(known)}")
    return args, [int(s) for s in args.seeds.split(",")], chosen


def main(argv: list[str] | None = None) -> int:
    """Print, per family, each rule's avg recall ÷ Leitner and its log-loss gap."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--horizon", type=int, default=5)
    args, seeds, variants = variant_arguments(parser, argv, "1,2", "exp4,plain-select", VARIANTS)
    started = time.perf_counter()
    print(f"{'family':<7}{'rule':<14}{'÷ Leitner':>10}{'gap':>8}  curves chosen")
    with Pool(args.workers or None) as pool:
        for family in args.families.split(","):
            made = [(family, s, args.items, 30, args.per_day, args.cohort) for s in seeds]
            tables = pool.map(cohort_table, made)
            jobs = [
                (family, s, i, args.items, args.per_day, args.horizon, variants, table)
                for s, table in zip(seeds, tables, strict=True)
                for i in range(args.learners)
            ]
            results = pool.map(simulate, jobs)
            leitner = statistics.mean(r["leitner"] for r in results)
            for name in ("app", *variants):
                value = statistics.mean(r[name] for r in results) / leitner
                gap = statistics.mean(r[f"{name} gap"] for r in results)
                chosen = [r[f"{name} curve"] for r in results] if name != "app" else ""
                print(f"{family:<7}{name:<14}{value:>10.3f}{gap:>8.3f}  {chosen}", flush=True)
    print(f"({time.perf_counter() - started:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
