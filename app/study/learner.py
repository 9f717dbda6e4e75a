"""What Quire knows about a learner, and how one answer changes it.

The learner's Elo skill and last answers (for new questions and the success target), and their
memory model (`policy.MemoryModel`): a correction of FSRS's recall learned from their answers
to reviewed cards, which also sets the retention FSRS schedules for. Plain data in and out,
like `selection`, which uses it.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields, replace
from datetime import datetime

from app.study import elo, forecast, payoff, policy
from app.study.scheduling import AGAIN, CardState

RECENT_WINDOW = 20
BIAS_K = 0.1
_RETENTION_RANGE = (0.7, 0.99)


@dataclass
class LearnerState:
    """The learner's Elo skill, last answers (oldest first), count, and memory calibration."""

    skill: float = 0.0
    recent: list[bool] = field(default_factory=list)
    answered: int = 0
    # The learner's correction of FSRS's recall (policy.MemoryModel), learned from their answers
    # to reviewed cards: bias (> 0: remembers better), slope, hardness (< 0: worse on failed cards).
    memory_bias: float = 0.0
    memory_slope: float = 1.0
    memory_hardness: float = 0.0
    # Further weights (> 0: cards reviewed more often, or lapsed more often, are recalled better
    # than FSRS predicts).
    memory_practice: float = 0.0
    memory_lapse: float = 0.0
    # log of the learner's factor on FSRS's first stabilities (< 0: forgets new facts faster).
    memory_first: float = 0.0
    # FSRS parameters fitted to the learner's own log (`fitting.fit`; None: the defaults), how
    # many answers they were fitted on, and the answer count of the last refit attempt (kept
    # or rejected: what paces the refits): written by the refit, not by each answer.
    fsrs_parameters: tuple[float, ...] | None = None
    fsrs_fitted_on: int = 0
    fsrs_attempted_on: int = 0
    # The forecast's weights (`forecast.Forecast`, field by field): the chance of a right answer
    # Quire states for a reviewed card. Nothing that decides what is asked reads them.
    forecast_bias: float = 0.0
    forecast_slope: float = 1.0
    forecast_last: float = 0.0
    forecast_once: float = 0.0
    forecast_twice: float = 0.0
    forecast_elapsed: float = 0.0
    forecast_item: float = 1.0
    # What a review buys this learner beyond the reference (`payoff.Payoff`): their answers
    # right after a review answered right and the summed surplus of those answers over the
    # predicted chance, and the prior surplus earlier learners left (`payoff.pooled`, set on
    # the first answer). They set the due threshold (`due_threshold`).
    payoff_answers: int = 0
    payoff_surplus: float = 0.0
    payoff_prior: float = payoff.PRIOR_SURPLUS


# The fields only a refit writes (an answer, and its undo, leave them as they are).
FITTED_FIELDS = ("fsrs_parameters", "fsrs_fitted_on", "fsrs_attempted_on")
# The learner's fields holding `forecast.Forecast`'s weights, in its field order.
FORECAST_FIELDS = tuple(f"forecast_{item.name}" for item in fields(forecast.Forecast))


def memory_model(learner: LearnerState) -> policy.MemoryModel:
    """The learner's memory model from its stored weights."""
    return policy.MemoryModel(
        learner.memory_bias,
        learner.memory_slope,
        learner.memory_hardness,
        learner.memory_practice,
        learner.memory_lapse,
        # Fitted parameters hold the learner's own first stabilities: no scale on top of them.
        learner.memory_first if learner.fsrs_parameters is None else 0.0,
        *(() if learner.fsrs_parameters is None else (tuple(learner.fsrs_parameters),)),
    )


def due_threshold(learner: LearnerState) -> float:
    """The recall at which a reviewed card is due for this learner (`payoff.due_recall` of their
    surplus after right reviews, shrunk towards the prior earlier learners left)."""
    bought = payoff.Payoff(learner.payoff_answers, learner.payoff_surplus)
    return payoff.due_recall(payoff.estimate(bought, learner.payoff_prior))


def calibrated_recall(card: CardState, learner: LearnerState, now: datetime) -> float:
    """FSRS's recall in continuous time (as selection sees it), corrected for the learner."""
    model = memory_model(learner)
    return model.recall(model.card_fsrs_recall(card, now), card.difficulty, card.reps, card.lapses)


def forecast_weights(learner: LearnerState) -> forecast.Forecast:
    """The learner's forecast weights from their stored fields."""
    return forecast.Forecast(*(getattr(learner, name) for name in FORECAST_FIELDS))


def with_forecast(learner: LearnerState, weights: forecast.Forecast) -> LearnerState:
    """The learner holding `weights` as their forecast."""
    moved = {
        name: getattr(weights, item.name)
        for name, item in zip(FORECAST_FIELDS, fields(weights), strict=True)
    }
    return replace(learner, **moved)


def forecast_card(
    card: CardState, exposures: int, last_rating: int | None, now: datetime
) -> forecast.Card:
    """What the forecast reads of a reviewed card: its answers so far (`exposures`), whether the
    last was right (`last_rating` above Again) and the days since its last review."""
    return forecast.Card(exposures, was_right(last_rating), policy.elapsed_days(card, now))


def was_right(last_rating: int | None) -> bool:
    """Whether a card's last rating (None: never answered) was a right answer."""
    return last_rating is not None and last_rating > AGAIN


def stated_recall(
    card: CardState,
    exposures: int,
    last_rating: int | None,
    learner: LearnerState,
    item: forecast.ItemMemory,
    now: datetime,
) -> float:
    """The recall Quire states for a card: the forecast for a reviewed card, else the reference
    (`calibrated_recall`, which is what every decision reads)."""
    reference = calibrated_recall(card, learner, now)
    if card.last_review is None:
        return reference
    seen = forecast_card(card, exposures, last_rating, now)
    return forecast.recall(forecast_weights(learner), item, reference, seen)


def scheduling_retention(
    learner: LearnerState,
    desired: float = 0.9,
    difficulty: float | None = None,
    *,
    reps: int | None = None,
    lapses: int = 0,
) -> float:
    """The retention to give FSRS so the learner's corrected recall at the due date is `desired`
    (`difficulty`, `reps`, `lapses`: the card's before the review, reps None when unknown)."""
    retention = memory_model(learner).fsrs_retention(desired, difficulty, reps, lapses)
    return min(_RETENTION_RANGE[1], max(_RETENTION_RANGE[0], retention))


def observe(
    learner: LearnerState,
    difficulty: float,
    item_answers: int,
    correct: bool,
    n_choices: int,
    *,
    recall_predicted: float | None = None,
    card: CardState | None = None,
    now: datetime | None = None,
    answers_before: int = 0,
    last_right: bool = False,
) -> tuple[LearnerState, float]:
    """The learner and the question's difficulty after one answer (n_choices 0 when typed).

    For a reviewed card pass `recall_predicted` (the `Choice.expected` it was asked with): the
    surprise then moves the learner's memory model instead of the item's difficulty. With the
    `card` as it was before the answer and `now`, all of the model's weights learn; without,
    only its bias. `answers_before` (the card's earlier answers) and `last_right` (whether the
    last was right) feed what a review buys the learner (`payoff.observe`).
    """
    if recall_predicted is not None:
        surprise = (1.0 if correct else 0.0) - recall_predicted
        model = memory_model(learner)
        if card is not None and card.last_review is not None and now is not None:
            fsrs_now = model.card_fsrs_recall(card, now)
            model = model.learn_first(card, now, surprise)
            model = model.learn(fsrs_now, card.difficulty, surprise, card.reps, card.lapses)
        else:
            model = replace(model, bias=model.bias + BIAS_K * surprise)
        bias = min(elo.LIMIT, max(-elo.LIMIT, model.bias))
        recent = [*learner.recent, correct][-RECENT_WINDOW:]
        memory = {
            "memory_slope": model.slope,
            "memory_hardness": model.hardness,
            "memory_practice": model.practice,
            "memory_lapse": model.lapse,
            "memory_first": model.first,
        }
        bought = payoff.observe(
            payoff.Payoff(learner.payoff_answers, learner.payoff_surplus),
            answers_before,
            last_right,
            correct,
            recall_predicted,
            elo.guess_floor(n_choices),
        )
        memory["payoff_answers"], memory["payoff_surplus"] = bought.answers, bought.surplus
        answered = learner.answered + 1
        return replace(learner, recent=recent, answered=answered, memory_bias=bias, **memory), (
            difficulty
        )
    skill, difficulty = elo.update(
        learner.skill,
        difficulty,
        correct,
        n_choices,
        k_learner=elo.k_factor(learner.answered),
        k_item=elo.k_factor(item_answers),
    )
    recent = [*learner.recent, correct][-RECENT_WINDOW:]
    return replace(learner, skill=skill, recent=recent, answered=learner.answered + 1), difficulty
