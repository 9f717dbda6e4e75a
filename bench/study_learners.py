"""Simulated learners for benchmark 1 (bench/study_simulation.py): a memory model that is not FSRS.

Each learner×item memory forgets exponentially, p = exp(-t / h), t the days since the last
study and h the time constant in days (recall falls to 1/e ≈ 0.37 at t = h; the half-life in
the 50% sense is h·ln 2). Before its first study an item is recalled only with a small prior
chance (what the learner may already know), and recall never falls below that prior. A choice
question is also answered right by a blind guess one time in k (in study_simulation.py).

How h starts and changes (`MemoryRules`; `LITERATURE` is the default, `OLD` the rules this
benchmark used first). The figures below were chosen from published work before running any
policy against them; bench/README.md ("Simulated learners") gives the same reasoning.

- First study. An average learner on an average item starts at h = 2 days after seeing a fact
  once with its answer: FSRS-6's default initial stability for a card failed at first sight
  (0.21 days, the time to 90% recall, fitted by the open-spaced-repetition project to Anki
  review logs) gives h ≈ 2 days when an exponential curve is matched at 90%. Settles & Meeder's
  Leitner baseline for Duolingo (half-life 2^(right - wrong) days) starts at a 1-day half-life,
  h ≈ 1.4 days; SuperMemo's first optimum interval for well-formulated items (3–4 days at 90%)
  is longer, and Wozniak notes it is shorter for difficult items and new users. A fact the
  learner already knew at the first question starts ten times higher (FSRS-6: initial stability
  after Good / after Again ≈ 11).
- Ability and difficulty. h0 = h_start × ease with ease = exp(0.5 (ability - difficulty)); ease
  also scales the growth below, as FSRS's stability increase scales with (11 - D) and SM-2's
  interval factor ranges from 1.3 for hard items to 2.5 for easy ones.
- Growth on success. h is multiplied by 1 + G × ease × (h / 10 days)^-0.17 × (1 - r), r the
  recall probability at the moment of review. The (1 - r) term is the spacing effect: a massed
  repetition (r ≈ 1) adds almost nothing, a review on the verge of forgetting the most
  (SuperMemo's stabilization curve; FSRS's increase grows as e^(0.8 (1 - R)) - 1, nearly linear
  in 1 - R). The stabilization decay h^-0.17 is FSRS-6's default exponent (SuperMemo also finds
  the increase falling with stability). G = 20 gives an average item at h = 10 days a 3× gain
  when reviewed at r = 0.9, 7× at 0.7, 11× at 0.5. Anchors at r ≈ 0.9: Leitner's doubling (2×,
  Settles & Meeder's baseline), SM-2's interval factor 2.5 (Wozniak 1990; its second interval
  is 6× the first), FSRS-6's defaults 3–4× for medium difficulty, Pimsleur's graduated
  intervals about 5× each step.
- Failure. After a failed recall (and the answer shown), h falls to the geometric mean of h0 and
  its current value, never below h0: a lapse costs much of what was built but not all (Settles &
  Meeder's Leitner baseline halves the half-life; FSRS-6's default post-lapse stability is 5–30%
  of the previous stability and grows with it roughly as its square root, which the geometric
  mean reproduces within about a quarter for stabilities of 2 to 50 days at 90% recall;
  Ebbinghaus's savings keep it above h0).
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass

from app.study import elo

PRIOR_SHIFT = 2.5
H_MAX = 3650.0


@dataclass(frozen=True)
class MemoryRules:
    """How a simulated memory starts, grows on success and shrinks on failure (days)."""

    name: str
    h_start: float = 2.0
    known_boost: float = 10.0
    growth: float = 20.0
    growth_ref: float = 10.0
    growth_decay: float = 0.17
    growth_ease: bool = True
    lapse_shrink: float = 1.0
    lapse_keep: float = 0.5

    def with_start(self, h_start: float) -> MemoryRules:
        """The same rules from another initial time constant."""
        return MemoryRules(**{**self.__dict__, "h_start": h_start})


LITERATURE = MemoryRules("literature")
# The first version of this benchmark: h0 = 1 day whatever the first answer, h × (1 + 2(1 - r))
# on success (about 1.3× at the recall levels schedulers review at), halved on failure.
OLD = MemoryRules(
    "old",
    h_start=1.0,
    known_boost=1.0,
    growth=2.0,
    growth_decay=0.0,
    growth_ease=False,
    lapse_shrink=0.5,
    lapse_keep=1.0,
)
HIGH = MemoryRules("high", growth=40.0)


@dataclass
class Memory:
    """The true state of one learner×item memory."""

    prior: float
    h0: float
    ease: float = 1.0
    rules: MemoryRules = LITERATURE
    h: float | None = None
    last: float = 0.0  # days since the simulation's start, at the last study

    def recall(self, t: float) -> float:
        """The true probability of recalling the item at time t (days)."""
        if self.h is None:
            return self.prior
        return max(self.prior, math.exp(-(t - self.last) / self.h))

    def study(self, t: float, recalled: bool) -> None:
        """Update after a question and its feedback at time t."""
        rules = self.rules
        if self.h is None:
            self.h = self.h0 * (rules.known_boost if recalled else 1.0)
        elif recalled:
            forgotten = 1.0 - math.exp(-(t - self.last) / self.h)
            scale = self.ease if rules.growth_ease else 1.0
            scale *= (self.h / rules.growth_ref) ** -rules.growth_decay
            self.h = min(H_MAX, self.h * (1.0 + rules.growth * scale * forgotten))
        else:
            kept = rules.lapse_shrink * self.h0 * (self.h / self.h0) ** rules.lapse_keep
            self.h = max(self.h0, min(self.h, kept))
        self.last = t


@dataclass
class World:
    """One simulated learner facing the item bank; `dice` decides their answers."""

    ability: float
    difficulties: list[float]
    memories: list[Memory]
    dice: random.Random

    def answer(self, item: int, t: float, typed: bool, n_choices: int) -> bool:
        """Answer item at time t: recalled, or a lucky guess on a choice question."""
        memory = self.memories[item]
        recalled = self.dice.random() < memory.recall(t)
        guessed = not typed and self.dice.random() < 1.0 / n_choices
        memory.study(t, recalled)
        return recalled or guessed

    def mean_recall(self, t: float) -> float:
        """The mean true recall probability over all items at time t."""
        return sum(m.recall(t) for m in self.memories) / len(self.memories)


def make_world(
    seed: int, items: int, item_difficulties: list[float], rules: MemoryRules = LITERATURE
) -> World:
    """A learner with a random ability, over the shared item difficulties."""
    rng = random.Random(seed)
    ability = rng.gauss(0.0, 0.7)
    memories = []
    for d in item_difficulties[:items]:
        ease = math.exp(0.5 * (ability - d))
        prior = elo.logistic(ability - d - PRIOR_SHIFT)
        memories.append(Memory(prior=prior, h0=rules.h_start * ease, ease=ease, rules=rules))
    return World(ability, item_difficulties[:items], memories, random.Random(seed * 7919 + 1))
