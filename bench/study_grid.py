"""Issue 18: Quire's study policy on two learner families, over items × questions a day.

Families: `exp` (bench/study_learners.py: one exponential time constant per memory, the
literature rules) and `actr` (bench/study_actr.py: ACT-R activation with Pavlik & Anderson's
spacing-dependent decay, written independently). In every cell each learner meets, on fresh
copies of the same memories and answering dice: Quire as the app runs it (`quire`), random
order, a fixed cycle, Leitner boxes and the ceiling (the true-recall rule of
bench/study_ceiling.py: due at a true recall threshold, the most faded first, else a new item,
no cap; the better of the thresholds 0.4 and 0.7 for each learner; no app can see the true
recall), and the horizon-gain rule with the true recall (`gain`: every item priced alike by
the recall its asking adds over the next days, bench/study_ceiling.py's `run_gain_seeing`; the
`g/` columns are its ratios). Ablations on request: Quire with the old fixed cap of 20 new
questions a day (`--ablate cap20`), Quire with no cap (`auto`, the default now, for runs
where NEW_PER_DAY is changed), Quire offered only the app's bounded candidate pool instead of
every item (`--ablate pool`), the same pool with the easiest unseen questions (lowest Elo
difficulty) as its new sample instead of the first in pack order (`--ablate easepool`), Quire as
the first learner of the pack (`--ablate solo`), Quire
given the day's budget (`--ablate paced`: when more cards are due than the learner's usual day
holds, new questions by expected gain against the marginal review, `app.study.pacing`; its ± is
the paired SE of Quire − paced as a share of paced) and Quire pricing every card by its
expected gain under its own estimates, no due threshold (`--ablate priced`), and Quire with
FSRS parameters fitted to the learner's own log by fsrs-rs (`--ablate fitted`: once the log
holds `--fit-from` reviews on a later day, default `fitting.MIN_REVIEWS`, refitted every
`fitting.REFIT_EVERY` answers; its scheduler and recall estimate use them; printed on a line of
its own: ÷ Leitner with the paired SE of fitted − Leitner, ÷ random, ÷ Quire with the paired SE
of fitted − Quire, and its log-loss gap against the running mean), and Quire with the forecast
deciding when a card is due instead of the reference estimate (`--ablate decide`), and the
priced rule with its gains read from the forecast (`--ablate priced-forecast`,
`study_forecast_gain`; one column per `--priced-forecast horizon:new-weight` setting, each also
on a line of its own: ÷ Leitner, ÷ random, ÷ fixed, ÷ Quire with the paired SE of it − Quire),
and, since issue 18's payoff (Quire's due threshold is the learner's own, `app.study.payoff`),
the rule before it, due at corrected recall 0.7 for every learner (`--ablate due70`), and
due-first or, for a learner whose reviews buy no more than the reference prices, the
forecast-priced rule (`--ablate adaptive-priced`); both on a line of their own against every
baseline and Quire, with paired SEs. `--ablate oracle` (ACT-R only; NaN on the exponential
family) adds the schedule planned on each learner's true memories (bench/study_oracle.py), the
fixed cycle over as many items as it asks, the easiest by the truth (`true-set`) or by the item
table's Elo difficulty (`est-set`), and a profile of what each schedule did; `--ablate
ws3,ws4,ws5` Quire with a working set for learners at the low due threshold (no new question
once 3-5 days' questions of items are in study), `wse4,wse5,wse6` the same with its new
questions only among the items earlier learners' reviews say are recalled best.

Earlier learners: as in the app, where every learner's answers move a question's shared Elo
difficulty (`item_stats`), the measured learners start from the item table that `--cohort`
(default 4) earlier learners of the same bank leave after studying it with Quire, one after
another (`cohort_table`); each measured learner studies on a copy of it.

Per cell: each policy's avg recall (the mean true recall over all items at the end of each day,
averaged over days), the median over seeds of the per-seed means; Quire ÷ Leitner, ÷ random and
÷ fixed, medians over seeds of the per-seed ratios, with the paired standard error of
Quire − Leitner over all learners (same learners, same dice) as a share of Leitner's mean;
`!` marks a cell where Quire is below Leitner (or the fixed cycle) by more than that error.
Log loss of Quire's predicted chance of a right answer against the learner's running success
rate, over all answers of the cell (`gap` = running mean − Quire), and `truth`: the running
mean's loss minus that of the true chance of each answer (recall or a blind guess, which no app
can see), the most any estimate could gain there.
`fcast`: the same gap for the forecast (`app.study.forecast`: the reference estimate that
decides, recalibrated by the learner's answers and the item's pooled offset from every learner's
reviews), on the same answers: it decides nothing, so every other figure is unchanged by it.

Seeds: constants are tuned on seed 2 only (`--seeds 2`); the reported runs use 11, 12, 13.

Run: python -m bench.study_grid [--families exp,actr --items 100,300,1000 --per-day 20,40,80
     --seeds 11,12,13 --learners 4 --cohort 4 --ablate cap20,pool,easepool,solo,paced,priced,due70
     --no-ceiling]
"""

from __future__ import annotations

import argparse
import math
import random
import statistics
import sys
import time
from multiprocessing import Pool
from typing import Any

from app.study import fitting
from app.study.selection import REVIEW_RECALL
from bench.study_actr import make_actr_world
from bench.study_ceiling import run_gain_seeing, run_seeing
from bench.study_learners import LITERATURE, make_world
from bench.study_oracle import easiest, plan, print_profiles, profile, run_oracle
from bench.study_payoff_rules import RULES
from bench.study_simulation import (
    RETENTION,
    ItemTable,
    log_loss,
    run_fixed,
    run_leitner,
    run_quire,
    run_random,
)

BASE_POLICIES = ("quire", "ceiling", "gain", "leitner", "random", "fixed")
ABLATIONS = (
    "cap20",
    "auto",
    "pool",
    "easepool",
    "solo",
    "paced",
    "priced",
    "fitted",
    "decide",
    "priced-forecast",
    "due70",
    "spare",
    "adaptive-priced",
    "unpooled",
    "oracle",
    "ws3",
    "ws4",
    "ws5",
    "wse4",
    "wse5",
    "wse6",
    *RULES,
)
# The ablations that are Quire with other options (each on its own world and dice, the earlier
# learners' table copied): name -> `run_quire` keyword arguments.
QUIRE_VARIANTS: dict[str, dict[str, Any]] = {
    "cap20": {"new_per_day": 20},
    "auto": {"new_per_day": None},
    "pool": {"pool": True},
    # The pool with the easiest unseen questions (lowest Elo difficulty) as its new sample.
    "easepool": {"pool": True, "easiest": True},
    # New questions paced against the day's budget (`app.study.pacing`), not in the app.
    "paced": {"paced": True},
    # Every card priced by its expected gain under Quire's estimates, no due threshold: the
    # horizon-gain rule without the true recall (a due card is never due first).
    "priced": {"review_recall": 0.0},
    # The forecast deciding when a card is due instead of the reference (eleventh session).
    "decide": {"decide": True},
    # The rule before issue 18's payoff: due at corrected recall 0.7 for every learner.
    "due70": {"review_recall": REVIEW_RECALL},
    # Each learner's payoff started from the old rule's prior, not earlier learners'.
    "unpooled": {"pooled_payoff": False},
    # Due-first, or the forecast-priced rule when reviews buy no more than priced.
    "adaptive-priced": {"adaptive": True},
    # A working set for learners at the low due threshold: no new question once 3, 4 or 5
    # days' questions of items are in study (bench/study_oracle.py's plans; not in the app).
    **{f"ws{k}": {"working_days": float(k)} for k in (3, 4, 5)},
    # The same, its new questions only among the items earlier learners' reviews say are
    # recalled best (the item table's `forecast.ItemMemory` offsets).
    **{f"wse{k}": {"working_days": float(k), "working_easiest": True} for k in (4, 5, 6)},
    # The learner's lowered threshold only on days short of budget for the cards at 0.7.
    "spare": {"spare": True},
    # Other maps from the payoff to the threshold (`bench.study_payoff_rules`).
    **{name: {"payoff_rule": rule} for name, rule in RULES.items()},
}
WORKING = ("ws3", "ws4", "ws5", "wse4", "wse5", "wse6")
# `--ablate oracle`'s columns: the oracle and the fixed cycles over as many items as it asks.
ORACLE_COLUMNS = ("oracle", "true-set", "est-set")
# Ablations printed against every baseline and Quire, with paired SEs.
AGAINST_ALL = (
    "due70",
    "spare",
    "adaptive-priced",
    "unpooled",
    "oracle",
    "true-set",
    "est-set",
    "ws3",
    "ws4",
    "ws5",
    "wse4",
    "wse5",
    "wse6",
    *RULES,
)
# `--ablate priced-forecast`: (horizon days, new-question weight) of each setting run.
PRICED_FORECAST = ((3, 1.0),)
# Earlier learners of the same bank whose answers fill the item table the measured ones start
# from (`cohort_table`), as the app's `item_stats` is shared; `--cohort 0` for none.
COHORT = 4
MEASURING_SEEDS = (11, 12, 13)
RUNNERS = {"leitner": run_leitner, "random": run_random, "fixed": run_fixed}
CEILING_DUE = (0.4, 0.7)


def _world(family: str, seed: int, index: int, items: int):
    bank = random.Random(seed)
    if family == "exp":
        difficulties = [bank.gauss(0.0, 0.8) for _ in range(items)]
        return make_world(seed * 100_003 + index, items, difficulties, LITERATURE)
    difficulties = [bank.gauss(0.0, 1.0) for _ in range(items)]
    return make_actr_world(seed * 100_003 + index, items, difficulties)


# Earlier learners of the same bank are numbered from here, apart from the measured ones.
COHORT_START = 1000


def add_cell_arguments(parser: argparse.ArgumentParser) -> None:
    """The options naming one cell of learners: family, items, per day, days, learners."""
    parser.add_argument("--family", default="actr")
    parser.add_argument("--items", type=int, default=300)
    parser.add_argument("--per-day", type=int, default=40)
    parser.add_argument("--days", type=int, default=30)
    parser.add_argument("--learners", type=int, default=2)


def cohort_table(job: tuple) -> ItemTable:
    """The item table `cohort` earlier learners leave after studying the bank with Quire one
    after another (family, seed, items, days, per_day, cohort), as the app's `item_stats` is
    shared: what every learner's answers say about each item."""
    family, seed, items, days, per_day, cohort = job
    table = ItemTable.fresh(items)
    for k in range(cohort):
        index = COHORT_START + k
        world = _world(family, seed, index, items)
        run_quire(world, days, per_day, random.Random(seed * 31 + index), RETENTION, shared=table)
    return table


def simulate(job: tuple) -> dict:
    """Every policy on copies of one learner: (family, seed, index, items, days, per_day,
    ablations[, item table from earlier learners]) → avg recall by policy and Quire's
    (prediction, running mean, outcome) triples."""
    family, seed, index, items, days, per_day, ablations, *rest = job
    table = rest[0] if rest else None
    ceiling = rest[1] if len(rest) > 1 else True
    fit_from = rest[2] if len(rest) > 2 else fitting.MIN_REVIEWS
    settings = rest[3] if len(rest) > 3 else PRICED_FORECAST

    def shared() -> ItemTable | None:
        return None if table is None else table.copy()

    def rng() -> random.Random:
        return random.Random(seed * 31 + index)

    def avg(result) -> float:
        return sum(result.daily_recall) / days

    worlds = {name: _world(family, seed, index, items) for name in ("quire", *RUNNERS)}
    quire = run_quire(worlds["quire"], days, per_day, rng(), RETENTION, shared=shared())
    out = {
        "quire": avg(quire),
        # The true-recall rule at two due thresholds, the better one for this learner: on the
        # ACT-R learners reviews pay most at low recall, on the exponential ones near 0.7.
        "ceiling": max(
            run_seeing(_world(family, seed, index, items), days, per_day, rng(), 0.0, None, due)
            for due in CEILING_DUE
        )
        if ceiling
        else math.nan,
        # The horizon-gain rule with the true recall: every item priced alike, due or not.
        "gain": run_gain_seeing(_world(family, seed, index, items), days, per_day)
        if ceiling
        else math.nan,
        "predictions": quire.predictions,
        "forecasts": quire.forecasts,
        "truth": [(p, c) for p, (_, _, c) in zip(quire.truth, quire.predictions, strict=True)],
    }
    for name, runner in RUNNERS.items():
        out[name] = avg(runner(worlds[name], days, per_day, rng()))
    if "oracle" in ablations:
        # The schedule planned on the true ACT-R memories (`study_oracle`; NaN on the other
        # family, whose memories move with the answers), and what each schedule did.
        # `true-set`, `est-set`: the fixed cycle over as many items as the oracle asks, the
        # easiest by their true offset or by the earlier learners' Elo difficulty (what the app
        # knows), to tell which items from when they are asked.
        if family == "actr":
            worlds["oracle"] = _world(family, seed, index, items)
            made = plan(worlds["oracle"].memories, days, per_day)
            out["oracle"] = avg(run_oracle(worlds["oracle"], days, per_day, made=made))
            truth = [-m.offset for m in worlds["oracle"].memories]
            known = table.difficulty if table is not None else [0.0] * items
            for name, rank in (("true-set", truth), ("est-set", known)):
                worlds[name] = _world(family, seed, index, items)
                order = easiest(made, rank)
                out[name] = avg(run_fixed(worlds[name], days, per_day, rng(), order))
            out["profiles"] = {
                name: profile(worlds[name].memories, days)
                for name in ("quire", "random", "fixed", "oracle", "true-set", "est-set")
            }
        else:
            out["oracle"] = out["true-set"] = out["est-set"] = math.nan
    for name, options in QUIRE_VARIANTS.items():
        if name in ablations:
            world = _world(family, seed, index, items)
            out[name] = avg(
                run_quire(world, days, per_day, rng(), RETENTION, shared=shared(), **options)
            )
    if "fitted" in ablations:
        world = _world(family, seed, index, items)
        fitted = run_quire(
            world, days, per_day, rng(), RETENTION, shared=shared(), fit_from=fit_from
        )
        out["fitted"], out["fitted_predictions"] = avg(fitted), fitted.predictions
    if "priced-forecast" in ablations:
        # The priced rule with its gains read from the forecast (`study_forecast_gain`), one run
        # per (horizon, new-question weight): bench/README.md, the eleventh session.
        for setting in settings:
            world = _world(family, seed, index, items)
            out[priced_name(setting)] = avg(
                run_quire(
                    world, days, per_day, rng(), RETENTION, shared=shared(), priced_forecast=setting
                )
            )
    if "solo" in ablations:
        # The first learner of a pack: no earlier learners' answers about its items.
        world = _world(family, seed, index, items)
        out["solo"] = avg(run_quire(world, days, per_day, rng(), RETENTION))
    return out


def priced_name(setting: tuple[int, float]) -> str:
    """The result key of one `priced-forecast` setting: pf<horizon>:<new weight>."""
    return f"pf{setting[0]}:{setting[1]:g}"


def paired_se(a: list[float], b: list[float]) -> float:
    """The standard error of the mean of the paired differences a - b."""
    diffs = [x - y for x, y in zip(a, b, strict=True)]
    if any(math.isnan(d) for d in diffs):
        # A policy not run on this family (the oracle on the exponential learners).
        return math.nan
    return statistics.stdev(diffs) / math.sqrt(len(diffs)) if len(diffs) > 1 else 0.0


def cell_row(results: dict[int, list[dict]], policies: tuple[str, ...]) -> dict:
    """One cell's figures from its results by seed."""
    seeds = sorted(results)
    mean = {p: {s: statistics.mean(r[p] for r in results[s]) for s in seeds} for p in policies}
    row = {p: statistics.median(mean[p].values()) for p in policies}
    for other in ("leitner", "random", "fixed"):
        row[f"q/{other}"] = statistics.median(mean["quire"][s] / mean[other][s] for s in seeds)
    row["c/leitner"] = statistics.median(mean["ceiling"][s] / mean["leitner"][s] for s in seeds)
    for other in ("leitner", "fixed"):
        row[f"g/{other}"] = statistics.median(mean["gain"][s] / mean[other][s] for s in seeds)
    for ablation in policies[len(BASE_POLICIES) :]:
        row[f"{ablation}/leitner"] = statistics.median(
            mean[ablation][s] / mean["leitner"][s] for s in seeds
        )
    every = [r for s in seeds for r in results[s]]
    quire = [r["quire"] for r in every]
    for other in ("leitner", "fixed", "paced"):
        if other not in policies:
            continue
        values = [r[other] for r in every]
        row[f"se/{other}"] = paired_se(quire, values) / statistics.mean(values)
    predictions = [p for r in every for p in r["predictions"]]
    row["loss"] = log_loss([(p, c) for p, _, c in predictions])
    row["base"] = log_loss([(b, c) for _, b, c in predictions])
    # The forecast (`app.study.forecast`) on the same answers: it decides nothing, so the run
    # and the running mean are the same; only the predicted chance of a reviewed card differs.
    forecasts = [p for r in every for p in r["forecasts"]]
    row["forecast"] = log_loss([(p, c) for p, _, c in forecasts])
    if "fitted" in policies:
        fitted = [r["fitted"] for r in every]
        row["fitted/random"] = statistics.median(
            mean["fitted"][s] / mean["random"][s] for s in seeds
        )
        row["fitted/quire"] = statistics.median(mean["fitted"][s] / mean["quire"][s] for s in seeds)
        row["se/fitted"] = paired_se(fitted, [r["leitner"] for r in every]) / statistics.mean(
            r["leitner"] for r in every
        )
        row["se/fitted-quire"] = paired_se(fitted, quire) / statistics.mean(quire)
        answers = [p for r in every for p in r["fitted_predictions"]]
        row["fitted gap"] = log_loss([(b, c) for _, b, c in answers]) - log_loss(
            [(p, c) for p, _, c in answers]
        )
    for name in (p for p in policies if p.startswith("pf")):
        # A priced-forecast setting against every baseline, and against Quire on its learners.
        for other in ("random", "fixed", "quire"):
            row[f"{name}/{other}"] = statistics.median(
                mean[name][s] / mean[other][s] for s in seeds
            )
        row[f"se/{name}-quire"] = paired_se([r[name] for r in every], quire) / statistics.mean(
            quire
        )
    for name in (p for p in policies if p in AGAINST_ALL):
        # Against every baseline and Quire, with paired SEs.
        adaptive = [r[name] for r in every]
        for other in ("leitner", "random", "fixed", "quire"):
            values = [r[other] for r in every]
            row[f"{name}/{other}"] = statistics.median(
                mean[name][s] / mean[other][s] for s in seeds
            )
            row[f"se/{name}-{other}"] = paired_se(adaptive, values) / statistics.mean(values)
    row["truth"] = log_loss([pair for r in every for pair in r["truth"]])
    return row


def print_cell(family: str, items: int, per_day: int, row: dict, policies: tuple) -> None:
    """One line of the table."""
    below_l = row["q/leitner"] < 1.0 - row["se/leitner"]
    below_f = row["q/fixed"] < 1.0 - row["se/fixed"]
    ablation = "".join(f"{row[f'{a}/leitner']:>8.3f}" for a in policies[len(BASE_POLICIES) :])
    if "se/paced" in row:
        ablation += f" ±{row['se/paced']:.3f}"
    print(
        f"{family:<5}{items:>6}{per_day:>5}"
        + "".join(f"{row[p]:>8.3f}" for p in BASE_POLICIES)
        + f"{row['q/leitner']:>7.3f}{'!' if below_l else ' '}±{row['se/leitner']:.3f}"
        + f"{row['q/random']:>7.2f}{row['q/fixed']:>7.2f}{'!' if below_f else ' '}"
        + f"{row['c/leitner']:>7.3f}{row['g/leitner']:>7.3f}{row['g/fixed']:>7.3f}"
        + f"{row['loss']:>7.3f}{row['base']:>7.3f}"
        + f"{row['base'] - row['loss']:>7.3f}"
        + f"{row['base'] - row['truth']:>7.3f}"
        + f"{row['base'] - row['forecast']:>7.3f}"
        + ablation,
        flush=True,
    )
    for name in (p for p in policies if p.startswith("pf")):
        print(
            f"{'':<16}{name}: ÷leitner {row[f'{name}/leitner']:.3f}"
            f"  ÷random {row[f'{name}/random']:.3f}  ÷fixed {row[f'{name}/fixed']:.3f}"
            f"  ÷quire {row[f'{name}/quire']:.3f} ±{row[f'se/{name}-quire']:.3f}",
            flush=True,
        )
    for name in (p for p in policies if p in AGAINST_ALL):
        print(
            f"{'':<16}{name}:"
            + "".join(
                f"  ÷{other} {row[f'{name}/{other}']:.3f} ±{row[f'se/{name}-{other}']:.3f}"
                for other in ("leitner", "random", "fixed", "quire")
            ),
            flush=True,
        )
    if "fitted/quire" in row:
        print(
            f"{'':<16}fitted: ÷leitner {row['fitted/leitner']:.3f} ±{row['se/fitted']:.3f}"
            f"  ÷random {row['fitted/random']:.3f}"
            f"  ÷quire {row['fitted/quire']:.3f} ±{row['se/fitted-quire']:.3f}"
            f"  gap {row['fitted gap']:.3f}",
            flush=True,
        )


def main(argv: list[str] | None = None) -> int:
    """Run the grid and print one row per family × items × questions a day."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--families", default="exp,actr")
    parser.add_argument("--items", default="100,300,1000")
    parser.add_argument("--per-day", default="20,40,80")
    parser.add_argument("--seeds", default=",".join(map(str, MEASURING_SEEDS)))
    parser.add_argument("--learners", type=int, default=4, help="per seed and cell")
    parser.add_argument(
        "--by-seed", action="store_true", help="also print each seed's row below the cell's"
    )
    parser.add_argument("--days", type=int, default=30)
    parser.add_argument(
        "--cohort", type=int, default=COHORT, help="earlier learners filling the item table"
    )
    parser.add_argument(
        "--no-ceiling",
        action="store_true",
        help="skip the true-recall rule (it does not depend on Quire: reuse an earlier run's)",
    )
    parser.add_argument("--ablate", default="", help="comma list of: " + ", ".join(ABLATIONS))
    parser.add_argument(
        "--fit-from",
        type=int,
        default=fitting.MIN_REVIEWS,
        help="--ablate fitted: reviews on a later day before the first fit",
    )
    parser.add_argument(
        "--priced-forecast",
        default=",".join(f"{h}:{w:g}" for h, w in PRICED_FORECAST),
        help="--ablate priced-forecast: comma list of horizon:new-weight settings",
    )
    parser.add_argument("--workers", type=int, default=0, help="processes (0: one per CPU)")
    args = parser.parse_args(argv)
    families = args.families.split(",")
    item_counts = [int(x) for x in args.items.split(",")]
    budgets = [int(x) for x in args.per_day.split(",")]
    seeds = [int(x) for x in args.seeds.split(",")]
    ablations = tuple(a for a in args.ablate.split(",") if a)
    unknown = set(ablations) - set(ABLATIONS)
    if unknown:
        parser.error(f"--ablate: unknown {sorted(unknown)}; expected some of {ABLATIONS}")
    settings = tuple(
        (int(h), float(w)) for h, w in (x.split(":") for x in args.priced_forecast.split(","))
    )
    # Each priced-forecast setting is a column of its own.
    policies = BASE_POLICIES + tuple(
        name
        for a in ablations
        for name in (
            [priced_name(x) for x in settings]
            if a == "priced-forecast"
            else ORACLE_COLUMNS
            if a == "oracle"
            else [a]
        )
    )
    ceiling = not args.no_ceiling
    started = time.perf_counter()
    print(
        f"{args.learners} learners per seed and cell, seeds {seeds}, {args.days} days, "
        f"{args.cohort} earlier learners per item table; "
        "recall: medians over seeds; ratios: medians over seeds of per-seed ratios; "
        "± paired SE of quire - leitner as a share of leitner"
    )
    print(
        f"{'fam':<5}{'items':>6}{'/day':>5}"
        + "".join(f"{p:>8}" for p in BASE_POLICIES)
        + f"{'q/leit':>8}{'±SE':>6}{'q/rand':>7}{'q/fix':>7} {'c/leit':>7}{'g/leit':>7}"
        + f"{'g/fix':>7}{'loss':>7}{'base':>7}"
        + f"{'gap':>7}"
        + f"{'truth':>7}"
        + f"{'fcast':>7}"
        + "".join(f"{a + '/L':>8}" for a in policies[len(BASE_POLICIES) :])
    )
    with Pool(args.workers or None) as pool:
        for family in families:
            for items in item_counts:
                for per_day in budgets:
                    made = (family, items, args.days, per_day, args.cohort)
                    tables = (
                        pool.map(cohort_table, [(made[0], s, *made[1:]) for s in seeds])
                        if args.cohort
                        else [None] * len(seeds)
                    )
                    jobs = [
                        (
                            family,
                            seed,
                            i,
                            items,
                            args.days,
                            per_day,
                            ablations,
                            table,
                            ceiling,
                            args.fit_from,
                            settings,
                        )
                        for seed, table in zip(seeds, tables, strict=True)
                        for i in range(args.learners)
                    ]
                    out = pool.map(simulate, jobs)
                    by_seed = {
                        seed: out[k * args.learners : (k + 1) * args.learners]
                        for k, seed in enumerate(seeds)
                    }
                    print_cell(family, items, per_day, cell_row(by_seed, policies), policies)
                    if any("profiles" in r for r in out):
                        print_profiles(out, args.days)
                    if args.by_seed and len(seeds) > 1:
                        for seed in seeds:
                            print(f"seed {seed}:")
                            row = cell_row({seed: by_seed[seed]}, policies)
                            print_cell(family, items, per_day, row, policies)
    print(f"({time.perf_counter() - started:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
