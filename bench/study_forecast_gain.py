"""The priced rule with the forecast's recall (`study_grid --ablate priced-forecast`, bench only).

The priced rule (`choose_next(review_recall=0)`: no due threshold, every card priced by the
recall its asking adds over a horizon) reads its gains from the reference estimate in the app
(`policy.review_gain`, `policy.new_gain`). Here the same gains are read from the forecast
(`app.study.forecast`): at each day of the horizon the reference's curve (FSRS corrected by the
learner's memory model, with FSRS's stability and difficulty after a right or a wrong answer)
recalibrated by the learner's forecast weights and the item's pooled offset, the card's answer
count and last answer moved on by the answer played out. A new question keeps the Elo chance
that the learner already knows it (known answers are not forgotten, as in `policy.new_gain`);
`new_weight` scales its gain against a review's, the one constant besides the horizon.
"""

from __future__ import annotations

from datetime import datetime

from app.study import forecast, policy
from app.study.learner import LearnerState, memory_model
from app.study.scheduling import REVIEW, CardState

# FSRS's ratings, as `policy` plays a right and a wrong answer out.
_GOOD, _AGAIN = 3, 1


def gain(
    calibration: forecast.Forecast,
    item: forecast.ItemMemory,
    card: CardState | None,
    answers: int,
    last_right: bool,
    known: float,
    learner: LearnerState,
    now: datetime,
    horizon: int,
) -> float:
    """The mean gain in forecast recall over the horizon from asking a card now (`card` None or
    never reviewed: a first question, `known` the Elo chance the learner already knows it)."""
    model = memory_model(learner)
    reference = policy.fsrs_corrected(model)
    days = range(1, horizon + 1)

    def said(state: tuple, since: float, seen: forecast.Card) -> float:
        stability, difficulty, reps, lapses = state
        r = reference(stability, difficulty, since, reps, lapses)
        return forecast.recall(calibration, item, r, seen)

    def ahead(state: tuple, right: bool) -> float:
        return sum(said(state, day, forecast.Card(answers + 1, right, day)) for day in days)

    first = card is None or card.last_review is None
    s_right, s_wrong = (
        policy.next_stabilities(card, now, model.w) if not first else (model.w[2], model.w[0])
    )
    d = None if first else card.difficulty
    reps, lapses = (0, 0) if first else (card.reps, card.lapses)
    lapsed = lapses + (not first and card.state == REVIEW)
    right_state = (s_right, policy.next_difficulty(d, _GOOD, model.w), reps + 1, lapses)
    wrong_state = (s_wrong, policy.next_difficulty(d, _AGAIN, model.w), reps + 1, lapsed)
    if first:
        asked = known * ahead(right_state, True) + (1.0 - known) * ahead(wrong_state, False)
        return max(0.0, asked - known * horizon) / horizon
    since = policy.elapsed_days(card, now)
    state = (card.stability, d, reps, lapses)
    now_r = said(state, since, forecast.Card(answers, last_right, since))
    kept = sum(
        said(state, since + day, forecast.Card(answers, last_right, since + day)) for day in days
    )
    asked = now_r * ahead(right_state, True) + (1.0 - now_r) * ahead(wrong_state, False)
    return (asked - kept) / horizon
