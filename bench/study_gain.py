"""Issue 18: the horizon-gain decision rule, first with the true recall (a ceiling).

The due-first rule (a card is due below a recall threshold, every due card before a new one)
starves new items on the ACT-R learners. This rule prices every item alike, seen or new, due or
not: the expected true recall summed over the day-ends of the next `horizon` days (the
benchmark's own checkpoints) if the item is asked now, minus the same if it is not, and asks the
item with the largest gain. "Asked now" is played out on a copy of the true memory, right (with
the chance the learner recalls it now) and wrong, so the growth a review builds is the family's
own. No app can see the memory; this shows what the rule itself is worth on each family.

The rule is `study_ceiling.run_gain_seeing`; this script compares its horizons with the
due-first ceiling and the baselines. `--diagnose` instead runs Quire on one learner (the app's
rule, or `--priced`: every card priced by its own expected gain, no due threshold) and prints,
at the start of some days, Quire's expected gain of every candidate (`policy.new_gain`,
`policy.review_gain` under its corrected FSRS) beside the true gain over the same horizon,
new and seen cards apart: where the estimate, not the rule, goes wrong (`--estimator`: under one
of bench/study_estimate.py's estimators instead of the app's).

Run: python -m bench.study_gain [--family actr --items 300 --per-day 40 --learners 2 --seeds 2
     --horizons 1,3,7,0]
     python -m bench.study_gain --diagnose [--priced --family exp --seeds 2 --horizons 3
     --estimator exp4]
"""

from __future__ import annotations

import argparse
import math
import random
import statistics
import sys
import time
from contextlib import nullcontext
from multiprocessing import Pool

from app.study import elo, policy
from app.study.learner import memory_model
from bench.study_ceiling import run_gain_seeing, run_seeing, true_gain
from bench.study_estimate import VARIANTS, priced_with
from bench.study_grid import CEILING_DUE, _world, add_cell_arguments, cohort_table
from bench.study_simulation import START, run_fixed, run_leitner, run_quire, run_random

# The days whose start `diagnose` reports.
DIAGNOSED_DAYS = (3, 6, 10, 15, 22)


def simulate(job: tuple) -> dict:
    """Every scheduler on copies of one learner: (family, seed, index, items, days, per_day,
    horizons) → avg recall by name."""
    family, seed, index, items, days, per_day, horizons = job

    def rng() -> random.Random:
        return random.Random(seed * 31 + index)

    def world():
        return _world(family, seed, index, items)

    out = {f"gain{h or 'end'}": run_gain_seeing(world(), days, per_day, h) for h in horizons}
    out["due-first"] = max(
        run_seeing(world(), days, per_day, rng(), 0.0, None, due) for due in CEILING_DUE
    )
    for name, runner in (("leitner", run_leitner), ("random", run_random), ("fixed", run_fixed)):
        out[name] = statistics.mean(runner(world(), days, per_day, rng()).daily_recall)
    return out


def diagnose(
    family: str,
    seed: int,
    items: int,
    per_day: int,
    horizon: int,
    priced: bool,
    estimator: str = "",
):
    """Quire's expected gains beside the true ones, new and seen cards apart, at the start of
    `DIAGNOSED_DAYS`, for learner 0 of the seed (4 earlier learners fill the item table, with
    the app's estimates; `estimator`: learner 0's from bench/study_estimate.py's VARIANTS)."""
    world = _world(family, seed, 0, items)
    reported: set[int] = set()

    def watch(candidates, learner, now) -> None:
        t = (now - START).total_seconds() / 86_400
        day = int(t)
        if day not in DIAGNOSED_DAYS or day in reported:
            return
        reported.add(day)
        recall = policy.fsrs_corrected(memory_model(learner))
        checkpoints = [float(k) for k in range(day + 1, day + horizon + 1)]
        pairs: dict[str, list[tuple[float, float]]] = {"new": [], "seen": []}
        for cand in candidates:
            truth = true_gain(world.memories[cand.question_id], t, checkpoints) / horizon
            if cand.card is None:
                known = elo.logistic(learner.skill - cand.difficulty)
                pairs["new"].append((policy.new_gain(known, recall, horizon), truth))
            else:
                gain, _ = policy.review_gain(cand.card, now, recall, horizon)
                pairs["seen"].append((gain, truth))
        for kind, rows in pairs.items():
            if len(rows) < 3:
                continue
            est, true = [e for e, _ in rows], [g for _, g in rows]
            corr = statistics.correlation(est, true) if len(set(est)) > 1 else math.nan
            print(
                f"day {day:>2} {kind:<5}{len(rows):>4}  Quire mean {statistics.mean(est):.3f} "
                f"top {max(est):.3f}  true mean {statistics.mean(true):.3f} top {max(true):.3f}"
                f"  correlation {corr:+.2f}"
            )

    table = cohort_table((family, seed, items, 30, per_day, 4))
    rule = {"review_recall": 0.0} if priced else {}
    patch = priced_with(VARIANTS[estimator]) if estimator else nullcontext()
    with patch:
        result = run_quire(
            world,
            30,
            per_day,
            random.Random(seed * 31),
            shared=table,
            horizon_days=horizon,
            watch=watch,
            **rule,
        )
    print(f"avg recall {statistics.mean(result.daily_recall):.3f}")


def main(argv: list[str] | None = None) -> int:
    """Print each scheduler's avg recall and its ratio to Leitner and to the fixed cycle."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_cell_arguments(parser)
    parser.add_argument("--seeds", default="2")
    parser.add_argument("--horizons", default="1,3,7,0", help="days; 0: up to the last day")
    parser.add_argument("--workers", type=int, default=0)
    parser.add_argument("--diagnose", action="store_true", help="Quire's gains beside the truth")
    parser.add_argument("--priced", action="store_true", help="diagnose: no due threshold")
    parser.add_argument(
        "--estimator", default="", choices=["", *VARIANTS], help="diagnose: another estimator"
    )
    args = parser.parse_args(argv)
    started = time.perf_counter()
    horizons = tuple(int(h) for h in args.horizons.split(","))
    seeds = [int(s) for s in args.seeds.split(",")]
    if args.diagnose:
        run = (args.family, seeds[0], args.items, args.per_day, horizons[0], args.priced)
        diagnose(*run, estimator=args.estimator)
        return 0
    jobs = [
        (args.family, s, i, args.items, args.days, args.per_day, horizons)
        for s in seeds
        for i in range(args.learners)
    ]
    with Pool(args.workers or None) as pool:
        results = pool.map(simulate, jobs)
    print(
        f"{args.family}, {args.items} items, {args.per_day} a day, seeds {seeds}, "
        f"{args.learners} learners each"
    )
    for name in results[0]:
        value = statistics.mean(r[name] for r in results)
        leitner = statistics.mean(r["leitner"] for r in results)
        fixed = statistics.mean(r["fixed"] for r in results)
        print(f"{name:<10}{value:>8.3f}{value / leitner:>8.3f}{value / fixed:>8.3f}")
    print(f"({time.perf_counter() - started:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
