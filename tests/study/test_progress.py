"""Dashboard figures from plain cards and review rows."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta, timezone

import pytest

from app.study import scheduling as sch
from app.study.progress import (
    ReviewRow,
    forecast,
    mastery,
    question_history,
    streak,
    true_retention,
)

NOW = datetime(2025, 3, 10, 12, 0, tzinfo=UTC)


def row(qid, when, correct=True, before=sch.REVIEW, kind="date", source="s1"):
    return ReviewRow(qid, kind, source, when, sch.GOOD if correct else sch.AGAIN, correct, before)


def reviewed(days_ago, stability):
    card, _ = sch.review(
        sch.new_card(NOW - timedelta(days=days_ago)), sch.EASY, NOW - timedelta(days=days_ago)
    )
    return replace(card, stability=stability)


def test_mastery_by_source_and_kind():
    questions = {
        1: {"source": "s1", "kind": "date"},
        2: {"source": "s1", "kind": "person"},
        3: {"source": "s2", "kind": "date"},
        4: {"source": "s2", "kind": "date"},
    }
    cards = {1: reviewed(0, 30.0), 3: reviewed(10, 2.0)}
    result = mastery(cards, questions, NOW)
    s1, s2 = result["by_source"]["s1"], result["by_source"]["s2"]
    assert (s1["questions"], s1["studied"], s1["mastered"]) == (2, 1, 0.5)
    # One card reviewed just now (recall 1, short of it by the logit's clip), one never studied.
    assert s1["recall"] == pytest.approx(0.5, abs=1e-3)
    assert s2["mastered"] == 0.0 and 0 < s2["recall"] < 0.5
    assert result["by_kind"]["date"]["questions"] == 3
    assert result["by_kind"]["person"] == {
        "questions": 1,
        "studied": 0,
        "recall": 0.0,
        "mastered": 0.0,
    }


def test_forecast_counts_overdue_today_and_skips_suspended_and_far_cards():
    cards = [replace(sch.new_card(NOW), due=NOW + timedelta(days=d)) for d in (-3, 0, 1, 1, 29, 30)]
    cards.append(replace(sch.new_card(NOW), due=NOW, suspended=True))
    counts = forecast(cards, NOW)
    assert len(counts) == 30
    assert counts[0] == 2 and counts[1] == 2 and counts[29] == 1 and sum(counts) == 5


def test_forecast_uses_the_local_day():
    late = NOW.replace(hour=23, minute=30)
    card = replace(sch.new_card(NOW), due=late)
    assert forecast([card], NOW, days=2) == [1, 0]
    assert forecast([card], NOW, days=2, tz=timezone(timedelta(hours=3))) == [0, 1]


def test_true_retention_counts_only_review_cards_since_the_date():
    rows = [
        row(1, NOW - timedelta(days=1), True),
        row(2, NOW - timedelta(days=1), False),
        row(3, NOW - timedelta(days=1), True),
        row(4, NOW - timedelta(days=1), False, before=sch.LEARNING),
        row(5, NOW - timedelta(days=1), True, before=None),
        row(6, NOW - timedelta(days=40), False),
    ]
    assert true_retention(rows, NOW - timedelta(days=30)) == pytest.approx(2 / 3)
    assert true_retention(rows, NOW) is None


@pytest.mark.parametrize(
    "days_ago, expected",
    [((0, 1, 2), 3), ((1, 2), 2), ((0, 2, 3), 1), ((2, 3), 0), ((), 0), ((0, 0, 1), 2)],
)
def test_streak(days_ago, expected):
    rows = [row(1, NOW - timedelta(days=d)) for d in days_ago]
    assert streak(rows, NOW) == expected


def test_question_history_is_oldest_first():
    rows = [row(1, NOW), row(2, NOW), row(1, NOW - timedelta(days=2))]
    assert [r.reviewed_at for r in question_history(rows, 1)] == [NOW - timedelta(days=2), NOW]
