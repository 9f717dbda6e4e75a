"""Pacing new questions against the review load and the day's budget (issue 18)."""

from __future__ import annotations

import math
from datetime import timedelta

from app.study import pacing
from app.study import scheduling as sch
from tests.study.test_selection import NOW, cand, pick


def failed(days_ago: float) -> sch.CardState:
    """A card failed at its first answer `days_ago`, as the app schedules it (no learning steps)."""
    when = NOW - timedelta(days=days_ago)
    return sch.review(sch.new_card(when), sch.AGAIN, when, steps=False)[0]


def late_reviews() -> list:
    """Three due cards, each worth about 0.2-0.4 in expected recall from a review now."""
    return [
        cand(i, card_state=failed(days), seen=failed(days).last_review)
        for i, days in ((1, 2), (2, 5), (3, 60))
    ]


def test_questions_left_is_the_usual_day_less_today():
    assert pacing.questions_left(120, 3, 0) == 40
    assert pacing.questions_left(120, 3, 25) == 15
    assert pacing.questions_left(120, 3, 60) == 0
    assert pacing.questions_left(100, 3, 0) == 33


def test_questions_left_is_unknown_before_a_first_day():
    assert pacing.questions_left(0, 0, 10) is None


def test_marginal_gain_is_the_last_due_card_the_budget_reaches():
    assert pacing.marginal_gain([0.1, 0.4, 0.3, 0.2], 2) == 0.3
    # Every due card fits, or the budget is unknown: no due card is displaced.
    assert pacing.marginal_gain([0.1, 0.4], 2) == -math.inf
    assert pacing.marginal_gain([0.1, 0.4, 0.3], None) == -math.inf


def test_new_questions_stop_once_the_reviews_left_are_worth_more():
    due = [0.3, 0.2, 0.05, 0.01]
    # Three slots for four due cards: a new question (0.1) beats the third best review (0.05).
    assert pacing.pace_new(0.1, due, 3)
    # After it, two slots: the second best review (0.2) is worth more than a new question.
    assert not pacing.pace_new(0.1, due, 2)
    # The budget holds every due card: reviews first.
    assert not pacing.pace_new(0.9, due, 4)
    assert pacing.pace_new(0.0, [], 3)


def test_a_new_question_comes_when_late_reviews_overflow_the_day():
    # An unknown new question is worth about 0.67.
    due = late_reviews()
    new = cand(9, difficulty=3.0)
    assert pick([*due, new], questions_left=1).question_id == 9
    assert pick([*due, new], questions_left=1).reason.startswith("new question")


def test_due_cards_come_first_when_the_day_holds_them_or_its_budget_is_unknown():
    due = late_reviews()
    new = cand(9, difficulty=3.0)
    assert pick([*due, new], questions_left=3).reason == "due review"
    assert pick([*due, new]).reason == "due review"


def test_a_new_question_the_learner_knows_does_not_displace_a_review():
    due = late_reviews()
    known = cand(9, difficulty=-8.0)
    assert pick([*due, known], questions_left=1).reason == "due review"
