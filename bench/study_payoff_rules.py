"""Other ways to turn what a review buys a learner into their due threshold, for the bench's
ablations (issue 18, thirteenth and fourteenth sessions): a softer map, a prior pooled per kind of
learner, a tally that stops after the learner's first answers, and the prior pooled as the mean of
earlier learners' rates (the app's rule before the fourteenth session)."""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass

from app.study import payoff


@dataclass(frozen=True)
class PayoffRule:
    """A variant of `payoff`'s rule: the map's ends (surplus and threshold), whether the prior is
    pooled only over earlier learners of the learner's kind, whether it is the mean of their rates
    (each learner alike, whatever their answers) instead of `payoff.pooled`, and after how many
    counted answers the tally stops (None: never, as the app's)."""

    surplus_low: float = payoff.SURPLUS_LOW
    surplus_high: float = payoff.SURPLUS_HIGH
    low_recall: float = payoff.LOW_RECALL
    by_kind: bool = False
    mean_pool: bool = False
    cap: int | None = None

    def observe(
        self,
        tally: payoff.Payoff,
        answers_before: int,
        last_right: bool,
        correct: bool,
        predicted: float,
    ) -> payoff.Payoff:
        """The tally after one answer to a reviewed card; unchanged once it holds `cap` answers."""
        if self.cap is not None and tally.answers >= self.cap:
            return tally
        return payoff.observe(tally, answers_before, last_right, correct, predicted)

    def prior(self, tally: payoff.Payoff, earlier: Sequence[payoff.Payoff]) -> float:
        """The prior: `payoff.pooled` over every earlier learner (`mean_pool`: the mean of their
        rates), or (`by_kind`, once the learner has `PRIOR_WEIGHT` answers) over those on the
        learner's side of `SURPLUS_SWITCH`."""
        earlier = [p for p in earlier if p.rate() is not None]
        if self.by_kind and tally.answers >= payoff.PRIOR_WEIGHT:
            high = (tally.rate() or 0.0) >= payoff.SURPLUS_SWITCH
            earlier = [p for p in earlier if ((p.rate() or 0.0) >= payoff.SURPLUS_SWITCH) == high]
        if not self.mean_pool:
            return payoff.pooled(earlier)
        rates = [p.rate() or 0.0 for p in earlier]
        return statistics.fmean(rates) if rates else payoff.PRIOR_SURPLUS

    def threshold(self, tally: payoff.Payoff, earlier: Sequence[payoff.Payoff]) -> float:
        """The due threshold for a learner with this tally."""
        surplus = payoff.estimate(tally, self.prior(tally, earlier))
        if surplus >= self.surplus_high:
            return payoff.HIGH_RECALL
        if surplus <= self.surplus_low:
            return self.low_recall
        share = (surplus - self.surplus_low) / (self.surplus_high - self.surplus_low)
        return self.low_recall + share * (payoff.HIGH_RECALL - self.low_recall)


RULES = {
    # The app's rule through this path (a check: same figures as `quire`).
    "same": PayoffRule(),
    # The map's ramp moved down and widened: 0.4 at a surplus of 0.02, 0.7 at 0.10 (the app's
    # from the thirteenth to the fifteenth session), and the twelfth session's map, 0.4 at 0.06,
    # 0.7 at 0.12.
    "soft": PayoffRule(surplus_low=0.02, surplus_high=0.10),
    "map0612": PayoffRule(surplus_low=0.06, surplus_high=0.12),
    # The ramp between the families' 30-day surpluses (ACT-R -0.02 to 0.05, exponential 0.07 to
    # 0.21 on the tuning seeds' trace): 0.4 at 0.03, 0.7 at 0.08 (the app's since the fifteenth
    # session, branch seed76).
    "shift": PayoffRule(surplus_low=0.03, surplus_high=0.08),
    # The map's low end raised: 0.55 instead of 0.4.
    "floor55": PayoffRule(low_recall=0.55),
    "kind": PayoffRule(by_kind=True),
    # The prior as the mean of earlier learners' rates, a rate on 5 answers counting as much as
    # one on 500 (the app's before the fourteenth session).
    "meanpool": PayoffRule(mean_pool=True),
    # The learner's first 60 or 100 answers after a right review decide, then the tally stops.
    "early60": PayoffRule(cap=60),
    "early100": PayoffRule(cap=100),
    "early60soft": PayoffRule(surplus_low=0.02, surplus_high=0.10, cap=60),
}
