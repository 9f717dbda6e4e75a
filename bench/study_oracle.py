"""Issue 18: how far above random order a scheduler that knows each ACT-R learner can get.

An ACT-R memory (bench/study_actr.py) moves only with the times of its presentations: its
answer, right or wrong, changes nothing in it. So for a learner of that family the grid's
measure, avg recall (the mean true recall over all items at the end of each day, averaged over
the days: `World.mean_recall(day + 1)`), is a deterministic function of the schedule, which
item is asked in which of the day's slots, and a scheduler that knows every memory's offset and
past presentations can plan the whole month before it starts. `plan` does that:

1. Greedy: every (item, day) pair priced by what one more presentation of the item that day
   adds to its summed recall at every day-end of the run, given its presentations planned so
   far (before and after that day); the best pair whose day has a free slot is added, the
   item's prices recomputed, until every slot of every day is filled (the app asks a question
   in every slot, so the oracle does too, even at a loss).
2. Local search: a slot's item is replaced by another when what the first loses is less than
   what the second gains, and two items on different days swap days when that adds, until a
   full pass finds nothing (or `passes` run out).
3. Within each day the items are ordered so that those gaining most from a later slot come last.

`run_oracle` plays the plan out on the learner (`World.answer`, so the answering dice are
drawn as for every other policy) and returns its `Result`. Nothing here is an app rule: no app
sees the memory. The planned value is an achieved schedule, so it bounds the best scheduler from
below; it is not a proof that nothing does better (the local search can stop at a local optimum).

Pavlik & Anderson (2008), "Using a model to compute the optimal schedule of practice", J. Exp.
Psych.: Applied 14(2), 101-117, schedule by the gain per unit time of practice at each moment
under the same model; here every question costs the same slot, so gain per question is the rule.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field

from bench.study_actr import ActrMemory, psychological_seconds
from bench.study_learners import World
from bench.study_simulation import N_CHOICES, SESSION_HOUR, Result, _times

# Planning prices a presentation at the middle of the day's session (its slot is fixed last).
MID_SESSION = 0.5
# Local-search passes at most: on seed 12's first learner (300 x 40) the greedy plan gave 1.244x
# random order's avg recall, the passes 1.298, 1.301, 1.301, 1.301, 1.302, 1.302 (stopped after
# the sixth found nothing); started from the fixed cycle over the easiest items instead of the
# greedy plan, 1.258 and then 1.300, 1.301, 1.301, 1.301, 1.301.
PASSES = 12


@dataclass
class Plan:
    """Which days each item is asked on, and the summed recall the plan gives at the day-ends."""

    days_of: list[list[int]]
    value: float
    # How the search got there: summed recall after the greedy and after each local pass.
    trace: list[float] = field(default_factory=list)


def checkpoints(days: int) -> list[float]:
    """The grid's measurement times: the end of every day of the run."""
    return [float(day + 1) for day in range(days)]


def session_time(day: int, per_day: int, position: float) -> float:
    """The time (days) of the slot `position` (0 .. per_day - 1, fractional allowed) of a day."""
    slots = list(_times(day, per_day))
    spacing = slots[1] - slots[0] if per_day > 1 else 0.0
    return day + SESSION_HOUR / 24 + position * spacing


def value(memory: ActrMemory, times: list[float], ends: list[float]) -> float:
    """Summed true recall at the times `ends` of `memory` given presentations at `times` (days),
    on a copy: each end counts only the presentations made before it."""
    twin = ActrMemory(memory.offset, list(memory.times), list(memory.decays))
    total = 0.0
    studies = sorted(times)
    k = 0
    for end in ends:
        while k < len(studies) and studies[k] < end:
            twin.study(studies[k], True)
            k += 1
        total += twin.recall(end)
    return total


class _Prices:
    """Each item's summed recall under its planned days, what adding one day would add and what
    dropping one of its days would lose."""

    def __init__(self, memories: list[ActrMemory], days: int, per_day: int) -> None:
        self.memories = memories
        self.days = days
        self.ends = checkpoints(days)
        self.at = [session_time(d, per_day, MID_SESSION * (per_day - 1)) for d in range(days)]
        self.days_of: list[list[int]] = [[] for _ in memories]
        self.base = [value(m, [], self.ends) for m in memories]
        self.add: list[list[float]] = [self._adds(i) for i in range(len(memories))]
        self.drop: list[dict[int, float]] = [{} for _ in memories]

    def worth(self, i: int, days: list[int]) -> float:
        """Item i's summed recall if asked on `days`."""
        return value(self.memories[i], [self.at[d] for d in days], self.ends)

    def _adds(self, i: int) -> list[float]:
        mine = self.days_of[i]
        return [
            self.worth(i, [*mine, d]) - self.base[i] if d not in mine else -1e9
            for d in range(self.days)
        ]

    def set_days(self, i: int, days: list[int], drops: bool = True) -> None:
        """Plan item i on `days` and reprice it (`drops`: also what dropping each day loses)."""
        self.days_of[i] = sorted(days)
        self.base[i] = self.worth(i, self.days_of[i])
        self.add[i] = self._adds(i)
        if drops:
            self.drop[i] = {
                d: self.base[i] - self.worth(i, [x for x in self.days_of[i] if x != d])
                for d in self.days_of[i]
            }

    def total(self) -> float:
        """The plan's summed recall over items and day-ends."""
        return sum(self.base)


def plan(
    memories: list[ActrMemory],
    days: int,
    per_day: int,
    passes: int = PASSES,
    start: list[list[int]] | None = None,
) -> Plan:
    """The oracle's schedule for these memories: greedy (or `start`, the days of each item, every
    day holding `per_day` items), then local search (module docstring)."""
    prices = _Prices(memories, days, per_day)
    n = len(memories)
    free = [per_day] * days
    on_day: list[list[int]] = [[] for _ in range(days)]
    if start is not None:
        for i, mine in enumerate(start):
            prices.days_of[i] = sorted(mine)
            for d in mine:
                on_day[d].append(i)
        free = [0] * days
    for _ in range(days * per_day if start is None else 0):
        best = max(
            ((prices.add[i][d], i, d) for i in range(n) for d in range(days) if free[d]),
            default=None,
        )
        if best is None:
            break
        _, i, d = best
        prices.set_days(i, [*prices.days_of[i], d], drops=False)
        free[d] -= 1
        on_day[d].append(i)
    for i in range(n):
        prices.set_days(i, prices.days_of[i])
    trace = [prices.total()]
    for _ in range(passes):
        improved = _replace_pass(prices, on_day) | _swap_pass(prices, on_day)
        trace.append(prices.total())
        if not improved:
            break
    return Plan([list(d) for d in prices.days_of], prices.total(), trace)


def _replace_pass(prices: _Prices, on_day: list[list[int]]) -> bool:
    """Each slot's item replaced by the item that gains most there, when that adds."""
    improved = False
    n = len(prices.memories)
    for d, items in enumerate(on_day):
        for slot, i in enumerate(items):
            gain, j = max((prices.add[j][d], j) for j in range(n))
            if gain - prices.drop[i][d] > 1e-9 and j != i:
                prices.set_days(i, [x for x in prices.days_of[i] if x != d])
                prices.set_days(j, [*prices.days_of[j], d])
                items[slot] = j
                improved = True
    return improved


# The swap pass checks exactly only this many swaps per slot, the best by the cached prices.
SWAP_CHECKS = 20


def _swap_pass(prices: _Prices, on_day: list[list[int]]) -> bool:
    """Each item moved to another day, swapping with an item there, when that adds: the swaps
    ranked by the cached prices (each item's add and drop, their interaction left out), the best
    `SWAP_CHECKS` priced exactly."""
    improved = False
    for d, items in enumerate(on_day):
        for slot, i in enumerate(items):
            mine = prices.days_of[i]
            keep = prices.drop[i][d]
            ranked = sorted(
                (
                    (prices.add[i][e] - keep + prices.add[k][d] - prices.drop[k][e], pos, e, k)
                    for e in range(prices.days)
                    if e not in mine
                    for pos, k in enumerate(on_day[e])
                    if d not in prices.days_of[k]
                ),
                reverse=True,
            )[:SWAP_CHECKS]
            best = None
            for _, pos, e, k in ranked:
                moved = [x for x in mine if x != d] + [e]
                theirs = [x for x in prices.days_of[k] if x != e] + [d]
                delta = (
                    prices.worth(i, moved)
                    - prices.base[i]
                    + prices.worth(k, theirs)
                    - prices.base[k]
                )
                if delta > 1e-9 and (best is None or delta > best[0]):
                    best = (delta, pos, e, k, moved, theirs)
            if best is not None:
                _, pos, e, k, moved, theirs = best
                prices.set_days(i, moved)
                prices.set_days(k, theirs)
                items[slot], on_day[e][pos] = k, i
                improved = True
    return improved


def run_oracle(
    world: World, days: int, per_day: int, passes: int = PASSES, made: Plan | None = None
) -> Result:
    """The plan for this learner (`made`, else planned here) played out: each day's items in
    `_order`, answered on the learner's dice; the per-day recall as the grid measures it."""
    memories = world.memories
    if not all(isinstance(m, ActrMemory) for m in memories):
        raise TypeError("the oracle plans ACT-R memories only (their answers change nothing)")
    made = plan(memories, days, per_day, passes) if made is None else made
    result = Result()
    for day in range(days):
        order = _order(memories, made, day, days, per_day)
        for i, t in zip(order, _times(day, per_day), strict=True):
            world.answer(i, t, typed=False, n_choices=N_CHOICES)
        result.daily_recall.append(world.mean_recall(day + 1))
    return result


def _order(memories: list[ActrMemory], made: Plan, day: int, days: int, per_day: int) -> list[int]:
    """The items planned on `day`, those that gain most from a later slot last."""
    ends = checkpoints(days)
    mid = MID_SESSION * (per_day - 1)
    first, last = session_time(day, per_day, 0), session_time(day, per_day, per_day - 1)

    def lateness(i: int) -> float:
        others = [session_time(d, per_day, mid) for d in made.days_of[i] if d != day]
        return value(memories[i], [*others, last], ends) - value(
            memories[i], [*others, first], ends
        )

    items = [i for i, ds in enumerate(made.days_of) if day in ds]
    return sorted(items, key=lambda i: (lateness(i), i))


def easiest(made: Plan, rank: list[float]) -> list[int]:
    """As many items as `made` asks, the lowest by `rank` (an item's difficulty; its ties in
    item order): the fixed cycle over them asks the oracle's number of items, chosen by `rank`."""
    count = sum(1 for days in made.days_of if days)
    return sorted(range(len(rank)), key=lambda i: (rank[i], i))[:count]


PROFILE = ("studied", "per item", "new by day 3", "last new day", "recall at review", "gap days")


def profile(memories: list[ActrMemory], days: int) -> dict[str, float]:
    """What a schedule did, read from the ACT-R memories after it (any policy): the share of
    items asked at least once, presentations per item asked, the share of those items first
    asked by the end of day 3, the last day a new item came, the median true recall just before
    a presentation of an item already asked in the run, the median days between them."""
    day_length = psychological_seconds(1.0)
    start = psychological_seconds(0.0)
    asked, per_item, early, last_new, before, gaps = 0, [], 0, 0, [], []
    for m in memories:
        mine = [k for k, t in enumerate(m.times) if t >= start]
        if not mine:
            continue
        asked += 1
        per_item.append(len(mine))
        first_day = int(m.times[mine[0]] // day_length)
        early += first_day < 3
        last_new = max(last_new, first_day)
        for k, previous in zip(mine[1:], mine, strict=False):
            earlier = ActrMemory(m.offset, m.times[:k], m.decays[:k])
            before.append(earlier.recall_at(m.times[k]))
            gaps.append((m.times[k] - m.times[previous]) / day_length)
    return {
        "studied": asked / len(memories),
        "per item": statistics.mean(per_item) if per_item else 0.0,
        "new by day 3": early / max(1, asked),
        "last new day": float(min(last_new, days - 1)),
        "recall at review": statistics.median(before) if before else float("nan"),
        "gap days": statistics.median(gaps) if gaps else float("nan"),
    }


def print_profiles(results: list[dict], days: int) -> None:
    """The cell's schedules side by side: each `profile` figure, the mean over its learners."""
    names = list(results[0]["profiles"])
    print(f"{'':<16}{'profile':<18}" + "".join(f"{n:>9}" for n in names), flush=True)
    for key in PROFILE:
        cells = [statistics.mean(r["profiles"][n][key] for r in results) for n in names]
        print(f"{'':<16}{key:<18}" + "".join(f"{c:>9.3f}" for c in cells), flush=True)
