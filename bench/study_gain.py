"""Issue 18: the horizon-gain decision rule, first with the true recall (a ceiling).

The due-first rule (a card is due below a recall threshold, every due card before a new one)
starves new items on the ACT-R learners. This rule prices every item alike, seen or new, due or
not: the expected true recall summed over the day-ends of the next `horizon` days (the
benchmark's own checkpoints) if the item is asked now, minus the same if it is not, and asks the
item with the largest gain. "Asked now" is played out on a copy of the true memory, right (with
the chance the learner recalls it now) and wrong, so the growth a review builds is the family's
own. No app can see the memory; this shows what the rule itself is worth on each family.

The rule is `study_ceiling.run_gain_seeing`; this script compares its horizons with the
due-first ceiling and the baselines.

Run: python -m bench.study_gain [--family actr --items 300 --per-day 40 --learners 2 --seeds 2
     --horizons 1,3,7,30]
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from multiprocessing import Pool

from bench.study_ceiling import run_gain_seeing, run_seeing
from bench.study_grid import CEILING_DUE, _world
from bench.study_simulation import run_fixed, run_leitner, run_random


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


def main(argv: list[str] | None = None) -> int:
    """Print each scheduler's avg recall and its ratio to Leitner and to the fixed cycle."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--family", default="actr")
    parser.add_argument("--items", type=int, default=300)
    parser.add_argument("--per-day", type=int, default=40)
    parser.add_argument("--days", type=int, default=30)
    parser.add_argument("--learners", type=int, default=2)
    parser.add_argument("--seeds", default="2")
    parser.add_argument("--horizons", default="1,3,7,0", help="days; 0: up to the last day")
    parser.add_argument("--workers", type=int, default=0)
    args = parser.parse_args(argv)
    started = time.perf_counter()
    horizons = tuple(int(h) for h in args.horizons.split(","))
    seeds = [int(s) for s in args.seeds.split(",")]
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
