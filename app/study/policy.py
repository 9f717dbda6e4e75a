"""What asking a question now is worth: the expected gain in the learner's recall ahead.

Quire's goal for a learner is that they recall as much of what they study as possible, a
question never studied counting as what they already knew. Asking a question resets its memory
(a right answer also strengthens it, a wrong one is followed by the answer), so its worth is
the expected recall over the next `horizon` days if asked now, minus the recall expected
without it. That one measure compares a new question (nothing to lose, everything to gain)
with a fading one (worth more the more it has faded, less when it will fade again at once)
and a fresh one (worth almost nothing), so no fixed retention target is needed.

The memory model is FSRS's: its forgetting curve and stability updates with the package's
default parameters, or the learner's own once fitted (`fitting.fit`, `MemoryModel.w`), in
continuous time, corrected for the learner by `MemoryModel`, a logistic regression on FSRS's
recall, the card's FSRS difficulty and its review and lapse counts, learned online from the
learner's own answers to reviewed questions (`MemoryModel.learn`). Its prior is FSRS unchanged.

What a first exposure is worth is the learner's own too (`MemoryModel.first`): FSRS's default
first stabilities (0.21 days after a failed first answer, 2.3 after a right one) are fitted to
Anki users' logs, and with them a new question is worth more than most overdue reviews whatever
the learner. The stability of a card answered once is scaled by e^first, learned from the
learner's second exposures (`MemoryModel.learn_first`: the observed recall of a card seen once
against FSRS's prediction for it), so a learner who forgets new facts within a day prices new
questions low and one who keeps them prices them high.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime
from functools import lru_cache

from fsrs import Scheduler

from app.study import elo
from app.study.scheduling import REVIEW, CardState

HORIZON_DAYS = 3
_R_CLAMP = (0.001, 0.999)
_STABILITY_MIN = 0.001
_DAY_SECONDS = 86_400.0
# FSRS's parameters: the package's defaults, or the learner's own (`fitting.fit`) when stored.
Parameters = tuple[float, ...]
DEFAULT_PARAMETERS: Parameters = tuple(Scheduler().parameters)
_W = DEFAULT_PARAMETERS
_DECAY = -_W[20]
# FSRS numbers ratings 1..4 (Again..Good..Easy); an automatically graded right answer is Good.
_GOOD, _AGAIN, _EASY = 3, 1, 4
# The FSRS difficulty (1..10) the hardness feature is centred on, and its scale.
_D_CENTRE, _D_SCALE = 5.0, 5.0
# The practice feature: the card's review count, centred, scaled and capped.
_REPS_CENTRE, _REPS_SCALE, _REPS_CAP = 3.0, 3.0, 12
# The lapse feature: the card's lapse count divided by this, capped.
_LAPSE_SCALE, _LAPSE_CAP = 2.0, 6
# Online learning rates of the memory model's weights (bias, slope, hardness, practice, lapse).
LEARNING_RATES = (0.1, 0.02, 0.1, 0.05, 0.05)
SLOPE_RANGE = (0.2, 3.0)
WEIGHT_LIMIT = 6.0
# The first-exposure scale: its learning rate, and its range (e^-6 to e^3 times FSRS's).
FIRST_RATE = 0.3
FIRST_RANGE = (-6.0, 3.0)


@dataclass(frozen=True)
class MemoryModel:
    """The learner's correction of FSRS:
    logit R = bias + slope·logit R_fsrs + hardness·d + practice·n + lapse·l.

    d is the card's FSRS difficulty centred and scaled to about -1..1 (FSRS raises it on every
    failure), so a learner whose failed cards are forgotten faster than FSRS assumes gets a
    negative hardness. n is the card's review count and l its lapse count, scaled (`features`):
    FSRS's stability can lag a memory that grows faster (or slower) with each review than its
    default parameters say. The defaults (FSRS as it is) are the prior for a new learner.
    """

    bias: float = 0.0
    slope: float = 1.0
    hardness: float = 0.0
    practice: float = 0.0
    lapse: float = 0.0
    # log of the factor on FSRS's stability of a card answered once (0: FSRS's first stabilities).
    first: float = 0.0
    # The FSRS parameters corrected: the defaults, or the learner's fitted ones.
    w: Parameters = _W

    def stability(self, stability: float, reps: int | None) -> float:
        """The FSRS stability this learner's memory has: scaled by e^first after one answer."""
        return stability * math.exp(self.first) if reps == 1 else stability

    def card_fsrs_recall(self, card: CardState, now: datetime) -> float:
        """FSRS's recall of a reviewed card in continuous time with the learner's first-exposure
        scale (0 for a card never reviewed)."""
        if card.stability is None or card.last_review is None:
            return 0.0
        return fsrs_recall(
            elapsed_days(card, now), self.stability(card.stability, card.reps), self.w
        )

    def recall(
        self,
        fsrs_recall: float,
        difficulty: float | None,
        reps: int | None = None,
        lapses: int = 0,
    ) -> float:
        """The corrected recall probability of a card FSRS gives `fsrs_recall`."""
        logit_r, hard, done, lapsed = features(fsrs_recall, difficulty, reps, lapses)
        return elo.logistic(
            self.bias
            + self.slope * logit_r
            + self.hardness * hard
            + self.practice * done
            + self.lapse * lapsed
        )

    def fsrs_retention(
        self, desired: float, difficulty: float | None, reps: int | None = None, lapses: int = 0
    ) -> float:
        """The FSRS recall at which this model's recall is `desired` (a forgetful learner's
        is higher, so FSRS schedules shorter intervals)."""
        _, hard, done, lapsed = features(0.5, difficulty, reps, lapses)
        shift = self.bias + self.hardness * hard + self.practice * done + self.lapse * lapsed
        return elo.logistic((math.log(desired / (1.0 - desired)) - shift) / self.slope)

    def learn(
        self,
        fsrs_recall: float,
        difficulty: float | None,
        surprise: float,
        reps: int | None = None,
        lapses: int = 0,
    ) -> MemoryModel:
        """The model after one answer: a gradient step on log loss, `surprise` = outcome - p."""
        logit_r, hard, done, lapsed = features(fsrs_recall, difficulty, reps, lapses)
        rate_b, rate_s, rate_h, rate_p, rate_l = LEARNING_RATES
        slope = min(SLOPE_RANGE[1], max(SLOPE_RANGE[0], self.slope + rate_s * surprise * logit_r))
        return MemoryModel(
            _clamp(self.bias + rate_b * surprise),
            slope,
            _clamp(self.hardness + rate_h * surprise * hard),
            _clamp(self.practice + rate_p * surprise * done),
            _clamp(self.lapse + rate_l * surprise * lapsed),
            self.first,
            self.w,
        )

    def learn_first(self, card: CardState, now: datetime, surprise: float) -> MemoryModel:
        """The model after an answer to a card seen once (`card` before the answer): a gradient
        step of the first-exposure scale on log loss, `surprise` = outcome - p."""
        if card.reps != 1 or card.stability is None or card.last_review is None:
            return self
        days = elapsed_days(card, now)
        if days < 1.0:
            # A learning step minutes later (flashcards' 1 and 10 minutes) is no measure of the
            # forgetting over days this scale is for; FSRS's short-term formula governs there.
            return self
        scaled = self.stability(card.stability, 1)
        decay, factor = _curve(self.w[20])
        x = factor * days / scaled
        r = min(_R_CLAMP[1], max(_R_CLAMP[0], fsrs_recall(days, scaled, self.w)))
        # d logit(R) / d first, R = (1 + x)^decay with x ∝ e^-first.
        dlogit = -decay * x / ((1.0 + x) * (1.0 - r))
        first = self.first + FIRST_RATE * surprise * self.slope * dlogit
        return replace(self, first=min(FIRST_RANGE[1], max(FIRST_RANGE[0], first)))


def _clamp(weight: float) -> float:
    return min(WEIGHT_LIMIT, max(-WEIGHT_LIMIT, weight))


def features(
    fsrs_recall: float, difficulty: float | None, reps: int | None = None, lapses: int = 0
) -> tuple[float, float, float, float]:
    """The model's inputs: FSRS's recall on the logit scale, the scaled FSRS difficulty, and
    the card's scaled review and lapse counts (reps None: unknown, neutral)."""
    r = min(_R_CLAMP[1], max(_R_CLAMP[0], fsrs_recall))
    hard = 0.0 if difficulty is None else (difficulty - _D_CENTRE) / _D_SCALE
    done = 0.0 if reps is None else (min(reps, _REPS_CAP) - _REPS_CENTRE) / _REPS_SCALE
    return math.log(r / (1.0 - r)), hard, done, min(lapses, _LAPSE_CAP) / _LAPSE_SCALE


@lru_cache(maxsize=256)
def _curve(w20: float) -> tuple[float, float]:
    # The forgetting curve's exponent and the factor that makes recall 0.9 at one stability.
    decay = -w20
    return decay, 0.9 ** (1 / decay) - 1


def fsrs_recall(elapsed_days: float, stability: float, w: Parameters = _W) -> float:
    """FSRS's forgetting curve: the recall probability `elapsed_days` after the last review."""
    decay, factor = _curve(w[20])
    return (1.0 + factor * max(0.0, elapsed_days) / stability) ** decay


def calibrated(recall: float, bias: float) -> float:
    """A recall probability shifted by the learner's memory bias on the logit scale."""
    r = min(_R_CLAMP[1], max(_R_CLAMP[0], recall))
    return elo.logistic(math.log(r / (1.0 - r)) + bias)


def elapsed_days(card: CardState, now: datetime) -> float:
    """Days since the card's last review, in continuous time (0 for a card never reviewed)."""
    if card.last_review is None:
        return 0.0
    return max(0.0, (now - card.last_review).total_seconds() / _DAY_SECONDS)


def card_recall(card: CardState, now: datetime, w: Parameters = _W) -> float:
    """FSRS's recall of a reviewed card in continuous time (the package's counts whole days,
    so it says 1 for a card seen 23 hours ago); 0 for a card never reviewed."""
    if card.stability is None or card.last_review is None:
        return 0.0
    return fsrs_recall(elapsed_days(card, now), card.stability, w)


def next_difficulty(difficulty: float | None, rating: int, w: Parameters = _W) -> float:
    """FSRS's difficulty after a rating (a card's first rating when `difficulty` is None)."""
    if difficulty is None:
        return _initial_difficulty(rating, w=w)
    delta = -w[6] * (rating - 3)
    damped = difficulty + delta * (10.0 - difficulty) / 9.0
    reverted = w[7] * _initial_difficulty(_EASY, clamp=False, w=w) + (1.0 - w[7]) * damped
    return min(10.0, max(1.0, reverted))


def _initial_difficulty(rating: int, clamp: bool = True, w: Parameters = _W) -> float:
    difficulty = w[4] - math.exp(w[5] * (rating - 1)) + 1.0
    return min(10.0, max(1.0, difficulty)) if clamp else difficulty


def next_stabilities(card: CardState, now: datetime, w: Parameters = _W) -> tuple[float, float]:
    """FSRS's stability after a right (Good) and after a wrong (Again) answer now."""
    if card.stability is None or card.difficulty is None or card.last_review is None:
        return w[_GOOD - 1], w[_AGAIN - 1]
    s, d = card.stability, card.difficulty
    days = elapsed_days(card, now)
    if days < 1.0:
        # Same-day review: FSRS's short-term formula, where Good never lowers stability.
        grow = math.exp(w[17] * (_GOOD - 3 + w[18])) * s ** -w[19]
        shrink = math.exp(w[17] * (_AGAIN - 3 + w[18])) * s ** -w[19]
        return s * max(1.0, grow), max(_STABILITY_MIN, s * shrink)
    r = fsrs_recall(days, s, w)
    success = s * (
        1.0 + math.exp(w[8]) * (11.0 - d) * s ** -w[9] * (math.exp(w[10] * (1.0 - r)) - 1.0)
    )
    forget = w[11] * d ** -w[12] * ((s + 1.0) ** w[13] - 1.0) * math.exp(w[14] * (1.0 - r))
    forget = min(forget, s / math.exp(w[17] * w[18]))
    return max(_STABILITY_MIN, success), max(_STABILITY_MIN, forget)


RecallFn = Callable[[float, float | None, float, int, int], float]
"""Predicted recall from (FSRS stability, FSRS difficulty, days since the last review, the
card's reviews, its lapses)."""


def fsrs_corrected(model: MemoryModel) -> RecallFn:
    """FSRS's forgetting curve corrected by the learner's memory model, as a recall function."""
    return lambda stability, difficulty, days, reps=None, lapses=0: model.recall(
        fsrs_recall(days, model.stability(stability, reps), model.w), difficulty, reps, lapses
    )


def fsrs_calibrated(bias: float) -> RecallFn:
    """FSRS's forgetting curve shifted by a memory bias only, as a recall function."""
    return fsrs_corrected(MemoryModel(bias=bias))


def _ahead(
    recall: RecallFn,
    stability: float,
    difficulty: float | None,
    since: float,
    horizon: int,
    counts: tuple[int, int],
) -> float:
    """Summed recall at 1..horizon days from now, the last review `since` days ago, `counts`
    the card's reviews and lapses."""
    reps, lapses = counts
    return sum(
        recall(stability, difficulty, since + day, reps, lapses) for day in range(1, horizon + 1)
    )


def review_gain(
    card: CardState,
    now: datetime,
    recall: RecallFn,
    horizon: int = HORIZON_DAYS,
    w: Parameters = _W,
) -> tuple[float, float]:
    """The mean gain in recall over the horizon from asking a reviewed card now, and its recall."""
    since = elapsed_days(card, now)
    d = card.difficulty
    counts = (card.reps, card.lapses)
    recall_now = recall(card.stability, d, since, card.reps, card.lapses)
    kept = _ahead(recall, card.stability, d, since, horizon, counts)
    s_right, s_wrong = next_stabilities(card, now, w)
    d_right, d_wrong = next_difficulty(d, _GOOD, w), next_difficulty(d, _AGAIN, w)
    # Without learning steps a card is in review after its first answer, so a failure lapses.
    right = (card.reps + 1, card.lapses)
    wrong = (card.reps + 1, card.lapses + (card.state == REVIEW))
    asked = recall_now * _ahead(recall, s_right, d_right, 0.0, horizon, right) + (
        1.0 - recall_now
    ) * _ahead(recall, s_wrong, d_wrong, 0.0, horizon, wrong)
    return (asked - kept) / horizon, recall_now


def new_gain(
    known: float, recall: RecallFn, horizon: int = HORIZON_DAYS, w: Parameters = _W
) -> float:
    """The mean gain in recall over the horizon from a first question, `known` the chance the
    learner already knows the answer (which, unlike a studied answer, is not forgotten)."""
    s_right, s_wrong = w[_GOOD - 1], w[_AGAIN - 1]
    d_right, d_wrong = _initial_difficulty(_GOOD, w=w), _initial_difficulty(_AGAIN, w=w)
    first = (1, 0)
    asked = known * _ahead(recall, s_right, d_right, 0.0, horizon, first) + (1.0 - known) * _ahead(
        recall, s_wrong, d_wrong, 0.0, horizon, first
    )
    return max(0.0, asked - known * horizon) / horizon
