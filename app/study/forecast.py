"""The chance of a right answer to a reviewed card, as predicted: the reference estimate
recalibrated by what this learner's answers and every learner's answers to the item say.

The reference is the recall the scheduling decisions use (`learner.calibrated_recall`: FSRS
corrected by the learner's `policy.MemoryModel`); the due rule's threshold (recall 0.7) and the
expected gains were tuned against it, and a sharper estimate fed to them made the policy worse
(bench/README.md, "A forecast beside the reference estimate"). So the forecast does not decide
what is asked: it is the chance Quire states, and it learns from its own errors only. (The bench
scores it, `study_grid`'s `fcast`; the app learns it in `answering.step`, keeps the weights on
the learner's skill row and the offsets on `item_stats`, and shows it on the progress pages.)

    logit R = bias + slope·logit R_ref + last·l + once·[1 answer] + twice·[2 answers]
              + elapsed·ln(1 + days) + item·offset(item)

l is +1 when the learner's last answer to the card was right, −1 when wrong (a right answer
after a near-blind guess says little, one after recall says much, and FSRS's state hides
which); the counts let a learner's second and third answers differ from what the reference
curve says of them (its first stabilities are Anki users'); `offset` is the item's, pooled from
every learner's answers to it (`ItemMemory`), so an item others forget fast is predicted low
from this learner's first review of it, and `item` is how far this learner's forecast trusts
it (1 at the start; earlier learners' pooled weights end near 0.85–0.9 on the ACT-R learners,
whose item strength is the same for everyone, and 0.2–0.55 on the exponential ones, whose
items differ mostly in their first memories: bench/README.md, the fifteenth session). Both
learn online by a gradient step on log loss
(the guessing floor included). A new learner's weights start where earlier learners' went
(`pooled`: their mean; the defaults, the reference unchanged, when there are none): a
learner's own reviews move six weights slowly, and how the reference errs is much the same
for learners of one population (bench/README.md, the eleventh session: +0.012 to +0.014 nats).
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Sequence
from dataclasses import astuple, dataclass

from app.study import elo

# Per-learner learning rates of (bias, slope, last, once, twice, elapsed, item).
RATES = (0.05, 0.02, 0.05, 0.05, 0.05, 0.02, 0.05)
WEIGHT_LIMIT = 6.0
# The slope may fall to 0: most learners' slopes sat at the old floor of 0.2 (the other
# features say more than the reference's logit), and the floor cost log loss on ACT-R.
SLOPE_RANGE = (0.0, 3.0)
# The item offset's step shrinks with the answers it rests on, like Elo's (Pelánek's K); the
# larger first steps measure an item from the few reviews a small cohort leaves sooner.
ITEM_K, ITEM_K_DECAY = 0.8, 0.1
_R_CLAMP = (0.001, 0.999)
# Whose weights a new learner starts from (`pooled`): learners with this many answers, at most
# this many of them (the latest), so that a start is one bounded read.
POOL_MIN_ANSWERS, POOL_LEARNERS = 200, 500


@dataclass(frozen=True)
class Forecast:
    """One learner's recalibration of the reference recall (the weights of the formula above)."""

    bias: float = 0.0
    slope: float = 1.0
    last: float = 0.0
    once: float = 0.0
    twice: float = 0.0
    elapsed: float = 0.0
    item: float = 1.0


@dataclass(frozen=True)
class ItemMemory:
    """What every learner's reviews say about an item: its offset on the recall logit (> 0:
    recalled better than predicted) and how many answers it rests on."""

    offset: float = 0.0
    answers: int = 0


@dataclass(frozen=True)
class Card:
    """What the forecast reads of a reviewed card: answers to it before this one, whether the
    last was right, and days since it."""

    answers: int
    last_right: bool
    days: float


def pooled(earlier: Sequence[Forecast]) -> Forecast:
    """A new learner's starting weights: the mean of the weights earlier learners have reached
    (how the reference errs for learners like them), the defaults when there are none."""
    if not earlier:
        return Forecast()
    return Forecast(
        *(statistics.fmean(column) for column in zip(*map(astuple, earlier), strict=True))
    )


def features(reference: float, card: Card, item: ItemMemory) -> tuple[float, ...]:
    """The inputs paired with `Forecast`'s weights, in its field order."""
    r = min(_R_CLAMP[1], max(_R_CLAMP[0], reference))
    return (
        1.0,
        math.log(r / (1.0 - r)),
        1.0 if card.last_right else -1.0,
        1.0 if card.answers == 1 else 0.0,
        1.0 if card.answers == 2 else 0.0,
        math.log1p(max(0.0, card.days)),
        item.offset,
    )


def _weights(forecast: Forecast) -> tuple[float, ...]:
    return (
        forecast.bias,
        forecast.slope,
        forecast.last,
        forecast.once,
        forecast.twice,
        forecast.elapsed,
        forecast.item,
    )


def recall(forecast: Forecast, item: ItemMemory, reference: float, card: Card) -> float:
    """The forecast recall of a reviewed card whose reference recall is `reference`."""
    x = features(reference, card, item)
    return elo.logistic(sum(w * xi for w, xi in zip(_weights(forecast), x, strict=True)))


def chance(
    forecast: Forecast, item: ItemMemory, reference: float, card: Card, n_choices: int
) -> float:
    """The forecast chance of a right answer: recall, or a blind guess one time in k."""
    floor = elo.guess_floor(n_choices)
    return floor + (1.0 - floor) * recall(forecast, item, reference, card)


def learn(
    forecast: Forecast,
    item: ItemMemory,
    reference: float,
    card: Card,
    n_choices: int,
    correct: bool,
) -> tuple[Forecast, ItemMemory]:
    """The learner's weights and the item's offset after one answer: a gradient step on the log
    loss of the forecast chance (the guessing floor included)."""
    floor = elo.guess_floor(n_choices)
    x = features(reference, card, item)
    r = recall(forecast, item, reference, card)
    p = min(1.0 - 1e-6, max(1e-6, floor + (1.0 - floor) * r))
    # d log-likelihood / d logit R.
    grad = ((1.0 if correct else 0.0) - p) * (1.0 - floor) * r * (1.0 - r) / (p * (1.0 - p))
    moved = [w + rate * grad * xi for w, rate, xi in zip(_weights(forecast), RATES, x, strict=True)]
    moved = [min(WEIGHT_LIMIT, max(-WEIGHT_LIMIT, w)) for w in moved]
    moved[1] = min(SLOPE_RANGE[1], max(SLOPE_RANGE[0], moved[1]))
    # The offset is every learner's: it steps by the error on the logit, not scaled by how far
    # this learner's `item` weight trusts it.
    step = ITEM_K / (1.0 + ITEM_K_DECAY * item.answers)
    offset = min(WEIGHT_LIMIT, max(-WEIGHT_LIMIT, item.offset + step * grad))
    return Forecast(*moved), ItemMemory(offset, item.answers + 1)
