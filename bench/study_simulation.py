"""Issue 3, benchmark 1: Quire's study policy against simple ones, on simulated learners.

The learners (bench/study_learners.py) forget exponentially, not as FSRS assumes: a time
constant h that starts from the learner's ability and the item's difficulty, grows after a
successful recall by a factor that is larger the more had been forgotten (the spacing effect)
and falls after a failure, with defaults taken from published figures (FSRS-6's fitted
defaults, SuperMemo, Settles & Meeder's Duolingo study); see that module's docstring and
bench/README.md for the sources.

Every policy gets the same learners, items, number of questions a day and answering dice.
Measured at the end of each simulated day from the true model: the mean recall probability
over all items (unstudied ones count at their prior). Quire's predicted chance of a right
answer is `Choice.expected` (FSRS's recall corrected by the learner's memory model, with the
guessing floor, for a reviewed card; the Elo estimate for a new one); its log loss is compared
with always predicting the learner's running success rate.
Quire is run as the app runs it: at most `NEW_PER_DAY` new questions a day (the
app's default `new_per_day`, passed to `choose_next` as `max_new`). A right choice answer
likely to be a blind guess is scheduled as Again (`scheduling_rating`), and FSRS's retention is
set with the card's review and lapse counts, as the app's answer recording does.

`--sensitivity` repeats the comparison, with fewer learners, over a grid of memory rules:
initial time constant 0.5, 1 or 2 days × growth rules old (about 1.3× per review, the first
version of this benchmark; with 1 day it is exactly that version), literature (the default)
and high (twice the literature growth).

Run: python -m bench.study_simulation [--learners 50 --days 30 --per-day 40 --items 200]
     python -m bench.study_simulation --sensitivity [--learners 10]
"""

from __future__ import annotations

import argparse
import math
import random
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from multiprocessing import Pool

from app.study import elo, fitting, forecast, pacing, payoff
from app.study.learner import (
    LearnerState,
    calibrated_recall,
    due_threshold,
    observe,
    scheduling_retention,
)
from app.study.policy import elapsed_days
from app.study.scheduling import new_card, rating_for_answer, review, scheduling_rating
from app.study.selection import TYPED, Candidate, choose_next
from bench import study_forecast_gain as forecast_gain
from bench.study_learners import HIGH, LITERATURE, OLD, MemoryRules, World, make_world
from bench.study_payoff_rules import PayoffRule
from bench.study_pool import app_pool

START = datetime(2025, 1, 6, tzinfo=UTC)
SESSION_HOUR = 18
SECONDS_PER_QUESTION = 30
N_CHOICES = 4
LEITNER_DAYS = (1, 2, 4, 8, 16)
RETENTION = 0.9
POLICIES = ("quire", "random", "fixed", "leitner")
# The app's default daily limit of new questions (User.new_per_day), which it passes as max_new:
# None, "auto" (no fixed count: new questions are paced by their expected gain against reviews).
NEW_PER_DAY = None
# `run_quire(adaptive="priced")`: (horizon, new weight) of the forecast-priced rule a learner
# whose reviews buy no more than the reference prices gets (the eleventh session's best on ACT-R).
ADAPTIVE_PRICED = (3, 2.0)
GRID_STARTS = (0.5, 1.0, 2.0)
GRID_RULES = (OLD, LITERATURE, HIGH)
GRID_LEARNERS = 10


@dataclass
class ItemTable:
    """What every learner's answers say about each item (the app's `item_stats`): its Elo
    difficulty and how many answers that rests on, and its pooled memory offset
    (`forecast.ItemMemory`, learned from every learner's reviews of it)."""

    difficulty: list[float]
    answers: list[int]
    memory: list[forecast.ItemMemory]
    # The forecast weights each earlier learner ended with (`forecast.pooled` starts the next).
    learners: list[forecast.Forecast] = field(default_factory=list)
    # What a review bought each earlier learner (`payoff.pooled` starts the next one's estimate).
    payoffs: list[payoff.Payoff] = field(default_factory=list)

    @classmethod
    def fresh(cls, n: int) -> ItemTable:
        """Items no one has answered: the pack's neutral prior."""
        return cls([elo.initial_difficulty(0.5)] * n, [0] * n, [forecast.ItemMemory()] * n)

    def copy(self) -> ItemTable:
        """An independent copy (each measured learner starts from the same table)."""
        return ItemTable(
            list(self.difficulty),
            list(self.answers),
            list(self.memory),
            list(self.learners),
            list(self.payoffs),
        )


@dataclass
class Result:
    """What one policy achieved for one learner."""

    daily_recall: list[float] = field(default_factory=list)
    predictions: list[tuple[float, float, bool]] = field(default_factory=list)
    # Quire only: the same triples with `forecast.chance` for a reviewed card (the reference
    # estimate recalibrated; it decides nothing), `Choice.expected` for a new one.
    forecasts: list[tuple[float, float, bool]] = field(default_factory=list)
    # Quire only: (its recall estimate, the true recall) for each reviewed card it asked.
    recall_pairs: list[tuple[float, float]] = field(default_factory=list)
    # Quire only: the true chance of each right answer (recall or a blind guess), what a
    # predictor that saw the memory would say: the floor of any log loss.
    truth: list[float] = field(default_factory=list)


def _times(day: int, per_day: int):
    base = day + SESSION_HOUR / 24
    for i in range(per_day):
        yield base + i * SECONDS_PER_QUESTION / 86400


def _candidate(i: int, difficulty: float, card, last_seen, exposures: int) -> Candidate:
    return Candidate(
        i, f"fact-{i}", "multiple_choice", N_CHOICES, difficulty, card, last_seen, exposures, True
    )


def run_quire(
    world: World,
    days: int,
    per_day: int,
    rng: random.Random,
    retention: float = RETENTION,
    *,
    new_per_day: int | None = NEW_PER_DAY,
    pool: bool = False,
    easiest: bool = False,
    review_recall: float | None = None,
    shared: ItemTable | None = None,
    paced: bool = False,
    pooled_payoff: bool = True,
    horizon_days: int | None = None,
    watch: Callable[[list[Candidate], LearnerState, datetime], None] | None = None,
    fit_from: int | None = None,
    record: list | None = None,
    decide: bool = False,
    priced_forecast: tuple[int, float] | None = None,
    adaptive: bool = False,
    payoff_rule: PayoffRule | None = None,
    working_days: float | None = None,
    working_easiest: bool = False,
    spare: bool = False,
    spare_trace: list | None = None,
) -> Result:
    """Quire's policy: choose_next over FSRS cards and Elo estimates (`new_per_day` None: no
    fixed cap; `pool`: offered the app's bounded candidate pool instead of every item, its unseen
    sample the `easiest` or the first in pack order;
    `shared`: the items' estimates from earlier learners, as the app's `item_stats` holds
    them, updated in place by this learner's answers; `paced`: give `choose_next` the day's
    budget, `pacing.questions_left` from the learner's recent days, which the app does not do
    yet: see bench/README.md, "Pacing new questions against the day's budget"; `horizon_days`:
    the expected-gain horizon, None for the app's; `watch`: called with what `choose_next` is
    given before each choice, for diagnostics; `fit_from`: FSRS parameters fitted to the
    learner's own log (`fitting.fit`) once it holds this many reviews on a later day, refitted
    every `fitting.REFIT_EVERY` answers, used by the scheduler and the recall estimate, the cards'
    memory states recomputed under them; None: the defaults, as the app runs; `record`: each
    answer's inputs appended as a tuple (item, reviewed, reference, `forecast.Card`, choices,
    right, `Choice.expected`, running mean, true recall, card, skill, item difficulty, its
    answers, day), so that estimators can be replayed on the answers without rerunning them;
    `decide`: the forecast, not the reference, decides when a card is due; `priced_forecast`:
    (horizon, new weight) of the priced rule, no due threshold, its gains read from the
    forecast, `study_forecast_gain.gain`, a new question's gain times the new weight);
    `review_recall`: the due threshold, None for the learner's own (`learner.due_threshold`, as
    the app runs); `adaptive`: below `payoff.SURPLUS_SWITCH` of what a review buys the learner,
    the priced rule with the forecast's gains at `ADAPTIVE_PRICED` instead of due-first;
    `payoff_rule`: the due threshold from that variant of the payoff rule
    (`bench.study_payoff_rules`), its own tally kept beside the learner's; `working_days`: for a
    learner whose due threshold is at `payoff`'s low end (reviews buy no more than priced), no
    new question once this many days' questions of items have been asked (a working set, as
    bench/study_oracle.py's plans keep on ACT-R learners), None: no limit, as the app runs;
    `working_easiest`: the working set's new questions only among that many items recalled best
    by every earlier learner's reviews (the item table's `forecast.ItemMemory` offset, as the
    table stands when the learner starts); `spare`: a lowered due threshold only when the day's
    remaining questions are short of the cards at or below `payoff.HIGH_RECALL` (with budget to
    spare, an earlier review costs no new question), else `payoff.HIGH_RECALL`; not in the app."""
    n = len(world.memories)
    table = shared if shared is not None else ItemTable.fresh(n)
    difficulty, item_answers = table.difficulty, table.answers
    cards: list = [None] * n
    last_seen: list = [None] * n
    exposures = [0] * n
    last_right = [False] * n
    learner = LearnerState()
    # As the app starts a learner's forecast: from the weights earlier learners ended with.
    calibration = forecast.pooled(table.learners)
    # As the app starts what a review buys a learner: from what it bought earlier learners.
    # (`pooled_payoff=False`, `--ablate unpooled`: every learner from `payoff.PRIOR_SURPLUS`.)
    if pooled_payoff:
        learner = replace(learner, payoff_prior=payoff.pooled(table.payoffs))
    result = Result()
    tally = payoff.Payoff()
    right = 0
    candidates = [_candidate(i, difficulty[i], None, None, 0) for i in range(n)]
    answered_by_day: list[int] = []
    # `working_easiest`: the items every earlier learner's reviews say are recalled best.
    size = round(working_days * per_day) if working_days is not None else n
    best_known = set(sorted(range(n), key=lambda k: (-table.memory[k].offset, k))[:size])
    logs: list[list[fitting.LoggedAnswer]] = [[] for _ in range(n)]
    for day in range(days):
        new_today = 0
        recent = answered_by_day[-pacing.HISTORY_DAYS :]
        active = sum(1 for count in recent if count)
        for done, t in enumerate(_times(day, per_day)):
            now = START + timedelta(days=t)
            left = pacing.questions_left(sum(recent), active, done) if paced else None
            max_new = None if new_per_day is None else new_per_day - new_today
            working = working_days is not None and due_threshold(learner) <= payoff.LOW_RECALL
            if working and n - cards.count(None) >= working_days * per_day:
                max_new = 0
            offered = (
                app_pool(candidates, now, max_new is None or max_new > 0, easiest)
                if pool
                else candidates
            )
            if working and working_easiest:
                offered = [c for c in offered if c.card is not None or c.question_id in best_known]
            if watch is not None:
                watch(offered, learner, now)

            def due_recall(
                cand: Candidate, reference: float, now=now, weights=calibration
            ) -> float:
                k = cand.question_id
                seen = forecast.Card(exposures[k], last_right[k], elapsed_days(cards[k], now))
                return forecast.recall(weights, table.memory[k], reference, seen)

            priced = priced_forecast
            if adaptive:
                # Below the switch, coverage first: the priced rule instead of due-first.
                bought = payoff.Payoff(learner.payoff_answers, learner.payoff_surplus)
                surplus = payoff.estimate(bought, learner.payoff_prior)
                priced = ADAPTIVE_PRICED if surplus < payoff.SURPLUS_SWITCH else None

            def price(
                cand: Candidate,
                horizon: int,
                now=now,
                weights=calibration,
                learner=learner,
                new_weight=priced[1] if priced else 1.0,
            ) -> float:
                k = cand.question_id
                known = elo.logistic(learner.skill - cand.difficulty)
                args = (cards[k], exposures[k], last_right[k], known, learner, now, horizon)
                value = forecast_gain.gain(weights, table.memory[k], *args)
                return value if cards[k] is not None else value * new_weight

            threshold = (
                payoff_rule.threshold(tally, table.payoffs) if payoff_rule else review_recall
            )
            if spare and (threshold if threshold is not None else due_threshold(learner)) < (
                payoff.HIGH_RECALL
            ):
                waiting = sum(
                    1
                    for c in cards
                    if c is not None
                    and c.last_review is not None
                    and calibrated_recall(c, learner, now) <= payoff.HIGH_RECALL
                )
                if waiting <= per_day - done:
                    threshold = payoff.HIGH_RECALL
            if spare_trace is not None:
                at = threshold if threshold is not None else due_threshold(learner)
                bought = (learner.payoff_answers, learner.payoff_surplus, learner.payoff_prior)
                spare_trace.append((day, at, *bought))
            choice = choose_next(
                offered,
                learner,
                now,
                rng,
                max_new=max_new,
                review_recall=0.0 if priced else threshold,
                questions_left=left,
                horizon_days=priced[0] if priced else horizon_days,
                due_recall=due_recall if decide else None,
                price=price if priced else None,
            )
            if choice is None:
                break
            i = choice.question_id
            typed = choice.form == TYPED
            if cards[i] is not None:
                floor = elo.guess_floor(0 if typed else N_CHOICES)
                estimate = (choice.expected - floor) / (1.0 - floor)
                result.recall_pairs.append((estimate, world.memories[i].recall(t)))
            floor = elo.guess_floor(0 if typed else N_CHOICES)
            result.truth.append(floor + (1.0 - floor) * world.memories[i].recall(t))
            reviewed = cards[i] is not None and cards[i].last_review is not None
            if reviewed:
                reference = calibrated_recall(cards[i], learner, now)
                seen = forecast.Card(exposures[i], last_right[i], elapsed_days(cards[i], now))
                guesses = 0 if typed else N_CHOICES
                said = forecast.chance(calibration, table.memory[i], reference, seen, guesses)
            truth_now = world.memories[i].recall(t)
            correct = world.answer(i, t, typed, N_CHOICES)
            running = (right + 1) / (learner.answered + 2)
            if record is not None:
                record.append(
                    (
                        i,
                        reviewed,
                        reference if reviewed else None,
                        seen if reviewed else None,
                        0 if typed else N_CHOICES,
                        correct,
                        choice.expected,
                        running,
                        truth_now,
                        cards[i],
                        learner.skill,
                        difficulty[i],
                        item_answers[i],
                        day,
                    )
                )
            result.predictions.append((choice.expected, running, correct))
            result.forecasts.append((said if reviewed else choice.expected, running, correct))
            if reviewed:
                calibration, table.memory[i] = forecast.learn(
                    calibration, table.memory[i], reference, seen, guesses, correct
                )
            right_before, last_right[i] = last_right[i], correct
            if payoff_rule is not None and reviewed:
                tally = payoff_rule.observe(
                    tally, exposures[i], right_before, correct, choice.expected
                )
            right += correct
            new_today += cards[i] is None
            card = cards[i] or new_card(now)
            rating = rating_for_answer(correct, None, 10_000)
            # As the app does: the user's retention, adjusted for this learner's memory bias.
            cards[i], _ = review(
                card,
                scheduling_rating(rating, choice.expected, 0 if typed else N_CHOICES),
                now,
                desired_retention=scheduling_retention(
                    learner, retention, card.difficulty, reps=card.reps, lapses=card.lapses
                ),
                steps=False,
                parameters=learner.fsrs_parameters,
            )
            logs[i].append(
                fitting.LoggedAnswer(now, rating, choice.expected, 0 if typed else N_CHOICES)
            )
            learner, difficulty[i] = observe(
                learner,
                difficulty[i],
                item_answers[i],
                correct,
                0 if typed else N_CHOICES,
                recall_predicted=choice.expected if card.last_review is not None else None,
                card=card,
                now=now,
                answers_before=exposures[i],
                last_right=right_before,
            )
            item_answers[i] += 1
            last_seen[i] = now
            exposures[i] += 1
            candidates[i] = _candidate(i, difficulty[i], cards[i], now, exposures[i])
            if fit_from is not None and len(result.predictions) % fitting.REFIT_EVERY == 0:
                learner = _refit(learner, cards, logs, fit_from)
                candidates = [
                    _candidate(k, difficulty[k], cards[k], last_seen[k], exposures[k])
                    for k in range(n)
                ]
        answered_by_day.append(len(result.predictions) - sum(answered_by_day))
        result.daily_recall.append(world.mean_recall(day + 1))
    table.learners.append(calibration)
    table.payoffs.append(payoff.Payoff(learner.payoff_answers, learner.payoff_surplus))
    return result


def _refit(learner: LearnerState, cards: list, logs: list, fit_from: int) -> LearnerState:
    """The learner with FSRS parameters fitted to their log, `cards` (in place) with memory
    states recomputed under them; unchanged while the fit keeps the defaults."""
    parameters = fitting.fit(logs, fit_from)
    if parameters is None:
        return learner
    states = fitting.memory_states(fitting.histories(logs), parameters)
    for k, state in enumerate(states):
        if state is not None and cards[k] is not None:
            cards[k] = replace(cards[k], stability=state[0], difficulty=state[1])
    return replace(learner, fsrs_parameters=parameters)


def run_random(world: World, days: int, per_day: int, rng: random.Random) -> Result:
    """Each question a uniformly random item."""
    result = Result()
    n = len(world.memories)
    for day in range(days):
        for t in _times(day, per_day):
            world.answer(rng.randrange(n), t, typed=False, n_choices=N_CHOICES)
        result.daily_recall.append(world.mean_recall(day + 1))
    return result


def run_fixed(
    world: World, days: int, per_day: int, rng: random.Random, order: list[int] | None = None
) -> Result:
    """The items in a fixed order, cycling (`order`: only these items, in this order)."""
    result = Result()
    order = list(range(len(world.memories))) if order is None else order
    n = len(order)
    asked = 0
    for day in range(days):
        for t in _times(day, per_day):
            world.answer(order[asked % n], t, typed=False, n_choices=N_CHOICES)
            asked += 1
        result.daily_recall.append(world.mean_recall(day + 1))
    return result


def run_leitner(world: World, days: int, per_day: int, rng: random.Random) -> Result:
    """Five boxes reviewed every 1, 2, 4, 8, 16 days; new items when nothing is due."""
    result = Result()
    n = len(world.memories)
    box = [-1] * n  # -1: not introduced yet
    due = [0] * n
    introduced = 0
    for day in range(days):
        queue = sorted(
            (i for i in range(n) if box[i] >= 0 and due[i] <= day),
            key=lambda i: (box[i], due[i], i),
        )
        for t in _times(day, per_day):
            if queue:
                i = queue.pop(0)
            elif introduced < n:
                i, introduced = introduced, introduced + 1
                box[i] = 0
            else:
                # Nothing due and nothing new: review ahead the item due soonest.
                i = min(
                    (j for j in range(n) if due[j] > day),
                    key=lambda j: (due[j], j),
                    default=rng.randrange(n),
                )
            if world.answer(i, t, typed=False, n_choices=N_CHOICES):
                box[i] = min(box[i] + 1, len(LEITNER_DAYS) - 1)
            else:
                box[i] = 0
            due[i] = day + LEITNER_DAYS[box[i]]
        result.daily_recall.append(world.mean_recall(day + 1))
    return result


RUNNERS: dict[str, Callable[[World, int, int, random.Random], Result]] = {
    "quire": run_quire,
    "random": run_random,
    "fixed": run_fixed,
    "leitner": run_leitner,
}


def simulate_learner(args: tuple) -> dict[str, Result]:
    """Every policy on fresh copies of the same learner: (seed, index, items, days, per_day[,
    Quire's retention[, memory rules]])."""
    seed, learner_index, items, days, per_day, *rest = args
    retention = rest[0] if rest else RETENTION
    rules = rest[1] if len(rest) > 1 else LITERATURE
    bank = random.Random(seed)
    item_difficulties = [bank.gauss(0.0, 0.8) for _ in range(items)]
    results = {}
    for policy in POLICIES:
        world = make_world(seed * 100_003 + learner_index, items, item_difficulties, rules)
        rng = random.Random(seed * 31 + learner_index)
        if policy == "quire":
            results[policy] = run_quire(world, days, per_day, rng, retention)
        else:
            results[policy] = RUNNERS[policy](world, days, per_day, rng)
    return results


def log_loss(pairs: list[tuple[float, bool]]) -> float:
    """The mean negative log-likelihood of the outcomes."""
    total = 0.0
    for p, outcome in pairs:
        p = min(1 - 1e-6, max(1e-6, p))
        total -= math.log(p if outcome else 1 - p)
    return total / max(1, len(pairs))


def summarise(all_results: list[dict[str, Result]]) -> dict:
    """Average recall over learners and days, the final day, and Quire's log losses."""
    table = {}
    for policy in POLICIES:
        daily = [r[policy].daily_recall for r in all_results]
        table[policy] = {
            "average": sum(sum(d) / len(d) for d in daily) / len(daily),
            "final": sum(d[-1] for d in daily) / len(daily),
        }
    predictions = [p for r in all_results for p in r["quire"].predictions]
    table["log_loss"] = {
        "quire": log_loss([(p, c) for p, _, c in predictions]),
        "baseline": log_loss([(b, c) for _, b, c in predictions]),
        "answers": len(predictions),
    }
    return table


def run_jobs(jobs: list[tuple], workers: int) -> list[dict[str, Result]]:
    """simulate_learner over the jobs, in `workers` processes (0: one per CPU; 1: in-process)."""
    if workers == 1:
        return [simulate_learner(job) for job in jobs]
    with Pool(workers or None) as pool:
        return pool.map(simulate_learner, jobs)


def print_table(table: dict) -> None:
    """The default run's table: recall by policy, Quire's ratios and its log loss."""
    print(f"{'policy':<10}{'avg recall':>12}{'final day':>12}")
    for policy in POLICIES:
        row = table[policy]
        print(f"{policy:<10}{row['average']:>12.3f}{row['final']:>12.3f}")
    quire = table["quire"]["average"]
    for other in ("random", "fixed", "leitner"):
        print(
            f"quire / {other:<8} average {quire / table[other]['average']:.2f}×  "
            f"final {table['quire']['final'] / table[other]['final']:.2f}×"
        )
    loss = table["log_loss"]
    print(
        f"log loss over {loss['answers']} answers: quire {loss['quire']:.3f}, "
        f"running-mean baseline {loss['baseline']:.3f}"
    )


def grid_rules() -> list[MemoryRules]:
    """The sensitivity grid's memory rules: each initial time constant × each growth rule."""
    return [rules.with_start(h) for h in GRID_STARTS for rules in GRID_RULES]


def sensitivity(args: argparse.Namespace) -> None:
    """Every cell of the grid with the same learners; one row per cell."""
    cells = grid_rules()
    jobs = [
        (args.seed, i, args.items, args.days, args.per_day, args.retention, rules)
        for rules in cells
        for i in range(args.learners)
    ]
    results = run_jobs(jobs, args.workers)
    print(
        f"{'h0 days':>8}  {'growth':<11}{'quire':>7}{'random':>8}{'fixed':>7}{'leitner':>8}"
        f"{'q/rand':>8}{'q/leit':>8}{'loss q':>8}{'base':>7}"
    )
    for n, rules in enumerate(cells):
        table = summarise(results[n * args.learners : (n + 1) * args.learners])
        avg = {policy: table[policy]["average"] for policy in POLICIES}
        loss = table["log_loss"]
        print(
            f"{rules.h_start:>8.1f}  {rules.name:<11}{avg['quire']:>7.3f}{avg['random']:>8.3f}"
            f"{avg['fixed']:>7.3f}{avg['leitner']:>8.3f}{avg['quire'] / avg['random']:>8.2f}"
            f"{avg['quire'] / avg['leitner']:>8.2f}{loss['quire']:>8.3f}{loss['baseline']:>7.3f}"
        )


def main(argv: list[str] | None = None) -> int:
    """Run the simulation (or the sensitivity grid) and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--learners", type=int, default=None, help=f"default 50, or {GRID_LEARNERS} per grid cell"
    )
    parser.add_argument("--days", type=int, default=30)
    parser.add_argument("--per-day", type=int, default=40)
    parser.add_argument("--items", type=int, default=200)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--retention",
        type=float,
        default=RETENTION,
        help="Quire's desired retention (the app's default is 0.9)",
    )
    parser.add_argument("--workers", type=int, default=0, help="processes (0: one per CPU)")
    parser.add_argument("--quick", action="store_true", help="10 learners, 10 days, 80 items")
    parser.add_argument(
        "--sensitivity",
        action="store_true",
        help="the grid of initial time constants × growth rules, fewer learners per cell",
    )
    args = parser.parse_args(argv)
    if args.learners is None:
        args.learners = GRID_LEARNERS if args.sensitivity else 50
    if args.quick:
        args.learners, args.days, args.items = 10, 10, 80
    started = time.perf_counter()
    print(
        f"{args.learners} learners{' per cell' if args.sensitivity else ''}, {args.items} items, "
        f"{args.days} days, {args.per_day} questions a day, seed {args.seed}"
    )
    if args.sensitivity:
        sensitivity(args)
    else:
        jobs = [
            (args.seed, i, args.items, args.days, args.per_day, args.retention)
            for i in range(args.learners)
        ]
        print_table(summarise(run_jobs(jobs, args.workers)))
    print(f"({time.perf_counter() - started:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
