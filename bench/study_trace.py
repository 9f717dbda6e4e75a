"""Issue 18: what Quire does for one simulated learner, day by day, beside a fixed cycle.

Prints, for each learner of a cell (family, items, questions a day): Quire's, Leitner's and the
fixed cycle's avg recall; how many new questions Quire asked each day and how many it had asked
in all; and the learner's *true* recall when Quire reviewed (no app can see it): the quartiles.
This is how the gap to random order and the fixed cycle on the ACT-R learners was found.

Run: python -m bench.study_trace [--family actr --items 300 --per-day 40 --learners 2 --seed 2]
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys

from bench.study_grid import COHORT, _world, cohort_table
from bench.study_simulation import RETENTION, run_fixed, run_leitner, run_quire


def trace(family: str, seed: int, index: int, items: int, days: int, per_day: int, table):
    """Quire on one learner: (avg recall, new questions by day, true recall at each review)."""
    world = _world(family, seed, index, items)
    answer = world.answer
    asked: set[int] = set()
    new_by_day = [0] * days
    at_review: list[float] = []

    def watched(item: int, t: float, typed: bool, n_choices: int) -> bool:
        if item in asked:
            at_review.append(world.memories[item].recall(t))
        else:
            asked.add(item)
            new_by_day[int(t)] += 1
        return answer(item, t, typed, n_choices)

    world.answer = watched
    shared = None if table is None else table.copy()
    result = run_quire(world, days, per_day, random.Random(seed * 31 + index), shared=shared)
    return sum(result.daily_recall) / days, new_by_day, at_review


def main(argv: list[str] | None = None) -> int:
    """Trace each learner of one cell and print what Quire did."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--family", default="actr")
    parser.add_argument("--items", type=int, default=300)
    parser.add_argument("--per-day", type=int, default=40)
    parser.add_argument("--days", type=int, default=30)
    parser.add_argument("--learners", type=int, default=2)
    parser.add_argument("--seed", type=int, default=2)
    parser.add_argument("--cohort", type=int, default=COHORT)
    args = parser.parse_args(argv)
    cell = (args.family, args.seed, args.items, args.days, args.per_day, args.cohort)
    table = cohort_table(cell) if args.cohort else None
    for index in range(args.learners):
        quire, new_by_day, at_review = trace(
            args.family, args.seed, index, args.items, args.days, args.per_day, table
        )
        others = {
            name: sum(
                runner(
                    _world(args.family, args.seed, index, args.items),
                    args.days,
                    args.per_day,
                    random.Random(args.seed * 31 + index),
                ).daily_recall
            )
            / args.days
            for name, runner in (("leitner", run_leitner), ("fixed", run_fixed))
        }
        print(
            f"learner {index}: quire {quire:.3f}, leitner {others['leitner']:.3f}, "
            f"fixed {others['fixed']:.3f} (retention {RETENTION})"
        )
        print(f"  new questions by day: {new_by_day} ({sum(new_by_day)} of {args.items})")
        if len(at_review) >= 4:
            quartiles = ", ".join(f"{q:.2f}" for q in statistics.quantiles(at_review, n=4))
            print(
                f"  {len(at_review)} reviews at true recall: mean "
                f"{statistics.mean(at_review):.2f}, quartiles {quartiles}"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
