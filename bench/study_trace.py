"""Issue 18: what Quire does for one simulated learner, day by day, beside a fixed cycle.

Prints, for each learner of a cell (family, items, questions a day): Quire's, Leitner's and the
fixed cycle's avg recall; how many new questions Quire asked each day and how many it had asked
in all; and the learner's *true* recall when Quire reviewed (no app can see it): the quartiles,
beside Quire's own estimate of it (means, and how well the two correlate). Then, by how many
times the item had been asked before (0: a new question, 1, 2, 3 or more), the log loss of
Quire's predicted chance of a right answer, of the running success rate, of the true chance
(recall or a blind guess) and of the forecast (`app.study.forecast`, the reference estimate
recalibrated, which decides nothing): where the estimate loses to the truth.
This is how the gap to random order and the fixed cycle on the ACT-R learners was found.

Run: python -m bench.study_trace [--family actr --items 300 --per-day 40 --learners 2 --seed 2]
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys

from bench.study_grid import COHORT, _world, add_cell_arguments, cohort_table
from bench.study_simulation import (
    RETENTION,
    Result,
    log_loss,
    run_fixed,
    run_leitner,
    run_quire,
)

# Answers are grouped by the item's earlier questions: 0, 1, 2, and this many or more.
EXPOSURE_GROUPS = 4


def trace(family: str, seed: int, index: int, items: int, days: int, per_day: int, table):
    """Quire on one learner: (avg recall, new questions by day, true recall at each review,
    the item's earlier questions at each answer, Quire's result)."""
    world = _world(family, seed, index, items)
    answer = world.answer
    asked: dict[int, int] = {}
    new_by_day = [0] * days
    at_review: list[float] = []
    exposures: list[int] = []

    def watched(item: int, t: float, typed: bool, n_choices: int) -> bool:
        if item in asked:
            at_review.append(world.memories[item].recall(t))
        else:
            new_by_day[int(t)] += 1
        exposures.append(asked.get(item, 0))
        asked[item] = asked.get(item, 0) + 1
        return answer(item, t, typed, n_choices)

    world.answer = watched
    shared = None if table is None else table.copy()
    result = run_quire(world, days, per_day, random.Random(seed * 31 + index), shared=shared)
    return sum(result.daily_recall) / days, new_by_day, at_review, exposures, result


def by_exposure(
    exposures: list[int], result: Result
) -> list[tuple[int, int, float, float, float, float]]:
    """Per group of earlier questions (the last group: that many or more), (group, answers,
    Quire's log loss, the running mean's, the true chance's, the forecast's)."""
    rows = []
    for group in range(EXPOSURE_GROUPS):
        picked = [k for k, seen in enumerate(exposures) if min(seen, EXPOSURE_GROUPS - 1) == group]
        if not picked:
            continue
        answered = [result.predictions[k] for k in picked]
        loss = log_loss([(p, c) for p, _, c in answered])
        running = log_loss([(b, c) for _, b, c in answered])
        truth = log_loss([(result.truth[k], result.predictions[k][2]) for k in picked])
        said = log_loss([(result.forecasts[k][0], result.forecasts[k][2]) for k in picked])
        rows.append((group, len(picked), loss, running, truth, said))
    return rows


def main(argv: list[str] | None = None) -> int:
    """Trace each learner of one cell and print what Quire did."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_cell_arguments(parser)
    parser.add_argument("--seed", type=int, default=2)
    parser.add_argument("--cohort", type=int, default=COHORT)
    args = parser.parse_args(argv)
    cell = (args.family, args.seed, args.items, args.days, args.per_day, args.cohort)
    table = cohort_table(cell) if args.cohort else None
    for index in range(args.learners):
        quire, new_by_day, at_review, exposures, result = trace(
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
        if len(result.recall_pairs) >= 2:
            estimated, true = zip(*result.recall_pairs, strict=True)
            print(
                f"  Quire's estimate there: mean {statistics.mean(estimated):.2f} against "
                f"{statistics.mean(true):.2f}, correlation "
                f"{statistics.correlation(estimated, true):.2f}"
            )
        for group, answers, loss, running, truth, said in by_exposure(exposures, result):
            label = f"{group}+" if group == EXPOSURE_GROUPS - 1 else str(group)
            print(
                f"  asked {label:<2} before: {answers:>4} answers, log loss Quire {loss:.3f}, "
                f"running mean {running:.3f}, true chance {truth:.3f}, forecast {said:.3f}"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
