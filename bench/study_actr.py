"""A second family of simulated learners: ACT-R's activation with spacing-dependent decay.

Written from Pavlik & Anderson (2005), "Practice and forgetting effects on vocabulary memory: an
activation-based model of the spacing effect", Cognitive Science 29(4), 559-586
(doi:10.1207/s15516709cog0000_14), independently of bench/study_learners.py (nothing is shared
with it but the answering convention, its `World`: a choice question is also right by a blind
guess one time in k). Where study_learners.py keeps one exponential time constant per memory,
this model keeps every presentation:

- Activation at time t: m(t) = b + ln Σ_i (t - t_i)^(-d_i), a sum over the item's past
  presentations (each question with its feedback is one), ages in seconds of psychological time.
- Decay of presentation i: d_i = c · e^(m(t_i)) + a, m(t_i) the activation just before it (a for
  the first). A presentation made while the memory is still strong decays fast: that is the
  model's spacing effect, and why massed practice adds little that lasts.
- Recall probability: p = 1 / (1 + e^((τ - m) / s)).
- Psychological time: the paper fits retention over days by counting time between sessions at a
  fraction h of its length (Anderson, Fincham & Douglass 1999 found the same slowing); here each
  day's study time counts in full and the rest of the day at h.
- b = β_learner - β_item: the paper's fits add per-subject and per-item activation offsets.

Parameters as reported in the paper's fit of its Japanese-English vocabulary experiment (as the
reference text states them; not re-fitted here): a = 0.177, c = 0.217, τ = -0.704, s = 0.255,
h = 0.025. The offsets' spread (learner 0.35, item 0.5 activation units, `ABILITY_SD`,
`DIFFICULTY_SD`), the already-known facts (one presentation a month before, with probability
logistic(b - 2)) and a baseline offset of 0.6 (`BASELINE`) are this bench's choices, made before
any policy was run on the family, so that an average learner on an average item recalls about
0.3 a day after one presentation and 0.8-0.9 after daily or expanding practice.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, field

from bench.study_learners import World

DECAY_INTERCEPT = 0.177  # a
DECAY_SCALE = 0.217  # c
THRESHOLD = -0.704  # τ
NOISE = 0.255  # s
INTERSESSION = 0.025  # h
# Added to every memory's offset: with it an average learner on an average item recalls about
# 0.3 a day after one presentation (without it 0.04, far below the paper's learners).
BASELINE = 0.6
ABILITY_SD = 0.35
DIFFICULTY_SD = 0.5
KNOWN_SHIFT = 2.0
KNOWN_AGE_DAYS = 30.0
# The study session is at this hour of each day (bench.study_simulation's SESSION_HOUR) and
# counts in full up to this many seconds; the rest of the day at INTERSESSION.
SESSION_START = 18 / 24
SESSION_SECONDS = 3600.0
_DAY = 86_400.0


def psychological_seconds(t: float) -> float:
    """Psychological time at t days: each day's session in full, the rest of the day at h."""
    day = math.floor(t)
    into = min(SESSION_SECONDS, max(0.0, (t - day - SESSION_START) * _DAY))
    studied = day * SESSION_SECONDS + into
    return studied + INTERSESSION * (t * _DAY - studied)


@dataclass
class ActrMemory:
    """One learner×item memory: its presentations (psychological seconds) and their decays."""

    offset: float
    times: list[float] = field(default_factory=list)
    decays: list[float] = field(default_factory=list)

    def activation(self, now: float) -> float:
        """m at psychological time `now` (−inf before any presentation)."""
        total = 0.0
        for when, decay in zip(self.times, self.decays, strict=True):
            total += max(1.0, now - when) ** -decay
        return self.offset + math.log(total) if total > 0 else -math.inf

    def recall(self, t: float) -> float:
        """The true probability of recalling the item at time t (days)."""
        return self.recall_at(psychological_seconds(t))

    def recall_at(self, now: float) -> float:
        """The true probability of recalling the item at psychological time `now`."""
        m = self.activation(now)
        if m == -math.inf:
            return 0.0
        return 1.0 / (1.0 + math.exp(min(50.0, (THRESHOLD - m) / NOISE)))

    def study(self, t: float, recalled: bool) -> None:
        """A presentation at time t (days): a question and its feedback, right or wrong."""
        now = psychological_seconds(t)
        m = self.activation(now)
        # The offset is the learner's and item's, not the trace's: decay follows the trace's
        # own strength as in the paper, where b enters m and so the decay.
        decay = DECAY_INTERCEPT if m == -math.inf else DECAY_SCALE * math.exp(m) + DECAY_INTERCEPT
        self.times.append(now)
        self.decays.append(decay)


def make_actr_world(seed: int, items: int, item_difficulties: list[float]) -> World:
    """A learner with a random ability over the shared item difficulties (standard normal
    draws, scaled here to `DIFFICULTY_SD`)."""
    rng = random.Random(seed)
    ability = rng.gauss(0.0, ABILITY_SD)
    memories = []
    for d in item_difficulties[:items]:
        memory = ActrMemory(offset=BASELINE + ability - DIFFICULTY_SD * d)
        known = 1.0 / (1.0 + math.exp(-(memory.offset - KNOWN_SHIFT)))
        if rng.random() < known:
            memory.study(-KNOWN_AGE_DAYS, True)
        memories.append(memory)
    # The answering convention (recalled, or a blind guess one time in k) is study_learners'
    # World's; only the memories differ.
    return World(ability, item_difficulties[:items], memories, random.Random(seed * 7919 + 1))
