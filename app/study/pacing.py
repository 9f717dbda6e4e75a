"""How many new questions today's study can afford: new ones against the review load.

A learner answers about as many questions a day as they usually do (`questions_left`, from
their recent days), so today's questions are a budget. When more cards are due than that budget
holds, some due cards wait whatever is asked; the budget is best spent on the questions with
the largest expected gain (`policy.review_gain`, `policy.new_gain`), as a greedy knapsack:
rank the due cards by gain; the last one the budget reaches sets the price of a question today
(`marginal_gain`), and a new question is asked when its gain is at least that price
(`pace_new`). Each new question asked leaves one slot less, so the price rises and new questions
stop once the reviews left are worth more: neither reviews starving new questions for days (the
most faded cards, nearly forgotten, gain little from one more failed answer) nor new questions
crowding out the reviews worth doing (Reddy et al. 2016, "Unbounded human learning": past a
critical rate of new items a review queue collapses).

When the due cards fit in the budget, or the budget is unknown (no earlier day), every due card
is reviewed first, as before: new questions then fill what is left of the day.

Not yet used by the app (`choose_next` gets no `questions_left` there): with FSRS's default
first stabilities the expected gain of a first question beats that of nearly every overdue
review, so on the simulated learners this pacing helps those whose overdue reviews mostly fail
(ACT-R) and costs those whose reviews pay (exponential) more: bench/README.md, "Pacing new
questions against the day's budget". The learner's own first-exposure worth
(`policy.MemoryModel.first`) now prices a first question, and pacing still loses on the
exponential learners ("What a first exposure is worth"): FSRS's flat default forgetting curve
keeps a new fact's predicted recall near its one-day value for days, so a first question is still
priced above the due reviews. A per-learner curve (chosen by its running log loss) mends the
estimate on those learners but not the pacing (0.70-0.81x Leitner on seed 2): bench/README.md,
"The learner's own curve, FSRS fitted to their log".
"""

from __future__ import annotations

import math
from collections.abc import Sequence

# The learner's usual day is read from this many days before today.
HISTORY_DAYS = 7


def questions_left(recent_answers: int, active_days: int, done_today: int) -> int | None:
    """The questions the learner will likely still answer today: their mean over the recent days
    they studied, less today's; None when they have no earlier day to go by."""
    if active_days <= 0 or recent_answers <= 0:
        return None
    return max(0, round(recent_answers / active_days) - done_today)


def marginal_gain(due_gains: Sequence[float], left: int | None) -> float:
    """The gain of the last due card today's budget reaches (-inf when every due card fits, or
    the budget is unknown: nothing due is then displaced by a new question)."""
    if left is None or len(due_gains) <= max(1, left):
        return -math.inf
    return sorted(due_gains, reverse=True)[max(1, left) - 1]


def pace_new(new_gain: float, due_gains: Sequence[float], left: int | None) -> bool:
    """Whether a new question is worth a slot of today's budget more than a due review: when
    the due cards overflow the budget, its gain must reach the marginal due card's."""
    if not due_gains:
        return True
    price = marginal_gain(due_gains, left)
    return price > -math.inf and new_gain >= price
