"""What a review buys this learner beyond what the reference model prices, and the due rule
that follows from it.

The reference estimate (FSRS corrected by the learner's `policy.MemoryModel`) prices a review's
effect with FSRS's stability growth. Learners differ in that growth: for some a review answered
right multiplies how long the memory lasts many times over (then reviews near the due threshold
pay, and due cards should come before new questions), for others it adds little beyond one more
trace of the fact (then a first presentation of an unseen item is worth more than a late review,
and covering the items wins). Which kind a learner is shows in the answer right after a review
answered right: its outcome against the chance the reference predicted for it. That surplus is
the causal, answer-dependent part of a review's worth the reference does not model (it is
measured where a right review was the cause and the next exposure the effect), and it is
estimated online per learner, starting from what earlier learners' logs said (`pooled`).

`due_recall` turns the surplus into the due threshold `selection.choose_next` compares a reviewed
card's recall with: the app's 0.7 while reviews pay beyond the model, down to `LOW_RECALL` when
they do not, so that new questions are no longer starved by a queue of late reviews that mostly
fail. bench/README.md, "What a review buys" (issue 18) and the thirteenth session after it,
has the measurements.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

# The due threshold when reviews pay beyond the reference (the app's `REVIEW_RECALL`) and when
# they do not.
HIGH_RECALL = 0.7
LOW_RECALL = 0.4
# The surplus (right answers beyond the predicted chance, per answer after a right review) at or
# above which the threshold is HIGH_RECALL, and at or below which it is LOW_RECALL; linear
# between. The ramp lies between the families' 30-day surpluses on the tuning seeds (ACT-R
# -0.02 to 0.05, exponential 0.065 to 0.21): at 0.06-0.12 it cut into the exponential family,
# whose surplus drifts down to 0.06-0.10 for some learners and took their threshold with it.
# Its top must also lie below what a learner who gains from reviews measures once the ramp has
# lowered their threshold: a lower threshold lowers the surplus it is set from (an exponential
# learner measures 0.07-0.08 at a threshold of 0.57-0.64 and 0.08-0.14 at 0.7), so a top at
# 0.10 held such learners, and through the pooled prior every later learner of the pack, on the
# ramp (bench/README.md, fifteenth session: seed 76).
SURPLUS_HIGH = 0.08
SURPLUS_LOW = 0.03
# The bench's `--ablate adaptive-priced`: below this surplus, coverage first (the priced rule).
SURPLUS_SWITCH = 0.09
# Before any evidence (no earlier learner, no own review): the app's rule, as a surplus worth
# this many answers.
PRIOR_SURPLUS = 0.15
PRIOR_WEIGHT = 20.0


@dataclass(frozen=True)
class Payoff:
    """A learner's answers right after a review answered right: how many, and the sum of each
    outcome (1 right, 0 wrong) minus the chance the reference predicted for it."""

    answers: int = 0
    surplus: float = 0.0

    def rate(self) -> float | None:
        """The mean surplus per answer (None before any)."""
        return self.surplus / self.answers if self.answers else None


def observe(
    payoff: Payoff,
    answers_before: int,
    last_right: bool,
    correct: bool,
    predicted: float,
    floor: float = 0.0,
) -> Payoff:
    """The payoff after one answer to a reviewed card (`answers_before`: the card's answers
    before this one; `last_right`: whether the last of them was right; `predicted`: the chance
    of a right answer the reference gave). Only an answer following a right review counts: a
    card answered once has only its first presentation behind it (`MemoryModel.first` learns
    that), and a wrong answer is followed by the answer shown, not by recall; `floor`: the
    chance of a blind guess, so that `predicted` gives the reference's recall. Nor does an
    answer asked above `HIGH_RECALL` (a review ahead, with budget to spare) count: its surplus
    is capped by one minus the prediction whatever the learner's memory, so such answers, most
    of them at 80 a day, pulled an exponential learner's rate down to an ACT-R learner's."""
    if answers_before < 2 or not last_right:
        return payoff
    if predicted > floor + (1.0 - floor) * HIGH_RECALL + 1e-9:
        return payoff
    return Payoff(payoff.answers + 1, payoff.surplus + (float(correct) - predicted))


def pooled(earlier: Sequence[Payoff]) -> float:
    """The prior surplus for a new learner: every earlier learner's counted answers taken
    together, shrunk towards `PRIOR_SURPLUS` as one learner's are (`estimate`)."""
    # Each counted answer is one outcome minus its predicted chance, about equally noisy
    # whoever gave it, so the least noisy pooled rate weights a learner by their answers: a rate
    # on 5 answers (standard error about 0.2) must not count as much as one on 500 (0.02), as it
    # did when the pool was the mean of the learners' rates (bench/README.md, fourteenth session).
    total = Payoff(sum(p.answers for p in earlier), sum(p.surplus for p in earlier))
    return estimate(total, PRIOR_SURPLUS)


def estimate(payoff: Payoff, prior: float = PRIOR_SURPLUS) -> float:
    """The learner's surplus: their own answers shrunk towards `prior` (worth `PRIOR_WEIGHT`)."""
    return (prior * PRIOR_WEIGHT + payoff.surplus) / (PRIOR_WEIGHT + payoff.answers)


def due_recall(surplus: float) -> float:
    """The due threshold for a learner with this surplus: `HIGH_RECALL` when reviews pay beyond
    the reference, `LOW_RECALL` when they do not, linear between."""
    if surplus >= SURPLUS_HIGH:
        return HIGH_RECALL
    if surplus <= SURPLUS_LOW:
        return LOW_RECALL
    share = (surplus - SURPLUS_LOW) / (SURPLUS_HIGH - SURPLUS_LOW)
    return LOW_RECALL + share * (HIGH_RECALL - LOW_RECALL)
