"""Issue 3, benchmark 1: how far above Leitner any scheduler could get, and what holds Quire back.

A scheduler that could see each learner's true memory (which no app can) is run on the same
learners, items, daily questions and dice as bench/study_simulation.py: a card is due once its
true recall falls to `DUE_RECALL`, the most faded first, else a new question (at most
`NEW_PER_DAY` a day, as Quire), else the most faded card. It is run again with its view of each
card's recall blurred by an estimation error on the logit scale, drawn afresh after every
review (an estimate is revised by each answer), at several spreads. Quire's own error on the
cards it reviewed is measured in the same run, so its place on that curve can be read off.

`run_gain_seeing` is a second true-recall rule (issue 18, used by bench/study_grid.py and
bench/study_gain.py): no due threshold, every item priced alike, seen or new, by the expected
true recall its asking now adds over the next `GAIN_HORIZON` days, played out on a copy of the
memory so that the growth a review builds is the learner family's own.

Run: python -m bench.study_ceiling [--learners 20 --items 200 --per-day 40 --days 30]
"""

from __future__ import annotations

import argparse
import copy
import math
import random
import statistics
import sys
import time
from multiprocessing import Pool

from bench.study_learners import LITERATURE, World, make_world
from bench.study_simulation import (
    N_CHOICES,
    NEW_PER_DAY,
    RETENTION,
    SESSION_HOUR,
    _times,
    run_leitner,
    run_quire,
)

DUE_RECALL = 0.7
ERROR_SPREADS = (0.0, 0.5, 1.0, 1.5)
# The horizon-gain rule's horizon (days), chosen on seeds 2-4 (bench/study_gain.py): 5 was best
# on the exponential learners and within 0.01 of the best on the ACT-R ones.
GAIN_HORIZON = 5


def logit(p: float) -> float:
    """log(p / (1 - p)), with p kept inside (0.001, 0.999)."""
    p = min(0.999, max(0.001, p))
    return math.log(p / (1.0 - p))


def run_seeing(
    world: World,
    days: int,
    per_day: int,
    rng: random.Random,
    spread: float,
    new_per_day: int | None = NEW_PER_DAY,
    due_recall: float = DUE_RECALL,
) -> float:
    """The true-recall scheduler with an estimation error of `spread` logits: avg recall
    (`new_per_day` None: no daily cap on new items)."""
    n = len(world.memories)
    cap = n if new_per_day is None else new_per_day
    due_logit = logit(due_recall)
    error = [rng.gauss(0.0, spread) for _ in range(n)]
    introduced = 0
    daily = []
    for day in range(days):
        new_today = 0
        for t in _times(day, per_day):
            seen = min(
                ((logit(world.memories[i].recall(t)) + error[i], i) for i in range(introduced)),
                default=None,
            )
            may_add = introduced < n and new_today < cap
            if may_add and (seen is None or seen[0] > due_logit):
                item, introduced, new_today = introduced, introduced + 1, new_today + 1
            else:
                item = seen[1]
            world.answer(item, t, typed=False, n_choices=N_CHOICES)
            error[item] = rng.gauss(0.0, spread)
        daily.append(world.mean_recall(day + 1))
    return sum(daily) / days


def _clone(memory):
    """An independent copy of one true memory (either family)."""
    twin = copy.copy(memory)
    for name in ("times", "decays"):
        if hasattr(twin, name):
            setattr(twin, name, list(getattr(twin, name)))
    return twin


def true_gain(memory, t: float, checkpoints: list[float]) -> float:
    """Expected summed recall at the checkpoints if the item is asked at t, minus if not."""
    kept = sum(memory.recall(c) for c in checkpoints)
    p = memory.recall(t)
    asked = 0.0
    for recalled, weight in ((True, p), (False, 1.0 - p)):
        if weight <= 0.0:
            continue
        twin = _clone(memory)
        twin.study(t, recalled)
        asked += weight * sum(twin.recall(c) for c in checkpoints)
    return asked - kept


def run_gain_seeing(world, days: int, per_day: int, horizon: int = GAIN_HORIZON) -> float:
    """The true-recall horizon-gain rule: each question the item whose asking now adds the most
    expected true recall at the day-ends of the next `horizon` days (0: up to the last day),
    seen or new; avg recall. Gains are computed for every item at the start of each day and
    recomputed for the item just asked (the others' move little within a 20-minute session)."""
    daily = []
    n = len(world.memories)
    for day in range(days):
        last = days if horizon == 0 else day + horizon
        checkpoints = [float(k) for k in range(day + 1, last + 1)] or [float(day + 1)]
        start = day + SESSION_HOUR / 24
        gains = [true_gain(m, start, checkpoints) for m in world.memories]
        for t in _times(day, per_day):
            item = max(range(n), key=gains.__getitem__)
            world.answer(item, t, typed=False, n_choices=N_CHOICES)
            gains[item] = true_gain(world.memories[item], t, checkpoints)
        daily.append(world.mean_recall(day + 1))
    return sum(daily) / days


def simulate_learner(args: tuple) -> dict:
    """Leitner, Quire and the seeing scheduler at each spread, on copies of one learner."""
    seed, index, items, days, per_day = args
    bank = random.Random(seed)
    difficulties = [bank.gauss(0.0, 0.8) for _ in range(items)]

    def world() -> World:
        # The same learner and answering dice as bench/study_simulation.py gives this index.
        return make_world(seed * 100_003 + index, items, difficulties, LITERATURE)

    rng_seed = seed * 31 + index
    leitner = run_leitner(world(), days, per_day, random.Random(rng_seed))
    quire = run_quire(world(), days, per_day, random.Random(rng_seed), RETENTION)
    return {
        "leitner": sum(leitner.daily_recall) / days,
        "quire": sum(quire.daily_recall) / days,
        "quire_errors": [logit(true) - logit(est) for est, true in quire.recall_pairs],
        "seeing": {
            spread: run_seeing(world(), days, per_day, random.Random(rng_seed), spread)
            for spread in ERROR_SPREADS
        },
    }


def main(argv: list[str] | None = None) -> int:
    """Run every learner and print avg recall and the ratio to Leitner per scheduler."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--learners", type=int, default=20)
    parser.add_argument("--days", type=int, default=30)
    parser.add_argument("--per-day", type=int, default=40)
    parser.add_argument("--items", type=int, default=200)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--workers", type=int, default=0, help="processes (0: one per CPU)")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    jobs = [(args.seed, i, args.items, args.days, args.per_day) for i in range(args.learners)]
    with Pool(args.workers or None) as pool:
        results = pool.map(simulate_learner, jobs)
    print(
        f"{args.learners} learners, {args.items} items, {args.days} days, "
        f"{args.per_day} questions a day, seed {args.seed}"
    )
    leitner = statistics.mean(r["leitner"] for r in results)
    rows = [("leitner", leitner)]
    for spread in ERROR_SPREADS:
        label = "true recall" if spread == 0 else f"true recall ± {spread:.1f} logits"
        rows.append((label, statistics.mean(r["seeing"][spread] for r in results)))
    rows.append(("quire", statistics.mean(r["quire"] for r in results)))
    print(f"{'scheduler':<30}{'avg recall':>11}{'÷ leitner':>11}")
    for label, value in rows:
        print(f"{label:<30}{value:>11.3f}{value / leitner:>10.2f}×")
    errors = [e for r in results for e in r["quire_errors"]]
    print(
        f"Quire's error on the {len(errors)} reviewed cards it asked: "
        f"spread {statistics.pstdev(errors):.2f} logits, mean {statistics.mean(errors):+.2f} "
        "(true minus estimated recall)"
    )
    print(f"({time.perf_counter() - started:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
