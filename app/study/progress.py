"""Progress figures for the dashboard, from plain cards and review-log rows.

Mastery is reported two ways per group of questions (a source, a kind):
- `recall`: the mean recall now over all questions in the group, the chance Quire states for
  each studied card (the forecast, given as `stated`; else the chooser's estimate,
  `learner.calibrated_recall`: FSRS in continuous time, corrected for the learner), a question
  never studied counting 0 (so the figure is "how much of this would you recall now");
- `mastered`: the share of the group's questions whose card has a stability of at least
  `MASTERED_DAYS` (Anki calls such cards mature).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, tzinfo
from typing import Any

from app.study.learner import LearnerState, calibrated_recall
from app.study.scheduling import REVIEW, CardState

MASTERED_DAYS = 21.0


@dataclass(frozen=True)
class ReviewRow:
    """One review-log row: which question, when, how it went, and the card state before it."""

    question_id: int
    kind: str
    source: str
    reviewed_at: datetime
    rating: int
    correct: bool
    card_state_before: int | None  # None: the question's first answer (no card yet)


def mastery(
    cards: Mapping[int, CardState],
    questions: Mapping[int, Mapping[str, Any]],
    now: datetime,
    learner: LearnerState | None = None,
    stated: Mapping[int, float] | None = None,
) -> dict[str, dict[str, dict[str, float]]]:
    """Per source and per kind: questions, studied, mean recall now and share mastered;
    `stated` holds the chance of recall shown for a card, by question id, where there is one."""
    learner = learner or LearnerState()
    stated = stated or {}
    groups: dict[str, dict[str, list]] = {
        "by_source": defaultdict(list),
        "by_kind": defaultdict(list),
    }
    for question_id, question in questions.items():
        card = cards.get(question_id)
        recall = None
        if card is not None and card.last_review is not None:
            recall = stated.get(question_id)
            if recall is None:
                recall = calibrated_recall(card, learner, now)
        groups["by_source"][question["source"]].append((card, recall))
        groups["by_kind"][question["kind"]].append((card, recall))
    return {
        name: {key: _summary(group) for key, group in sorted(by_key.items())}
        for name, by_key in groups.items()
    }


def _summary(group: list[tuple[CardState | None, float | None]]) -> dict[str, float]:
    cards = [card for card, _ in group]
    studied = [c for c, recall in group if recall is not None]
    mastered = [c for c in studied if (c.stability or 0.0) >= MASTERED_DAYS]
    recall = sum(r for _, r in group if r is not None)
    return {
        "questions": len(cards),
        "studied": len(studied),
        "recall": recall / len(cards) if cards else 0.0,
        "mastered": len(mastered) / len(cards) if cards else 0.0,
    }


def forecast(
    cards: Iterable[CardState], now: datetime, days: int = 30, tz: tzinfo = UTC
) -> list[int]:
    """Cards due on each of the next `days` local days; today's count includes overdue ones."""
    today = now.astimezone(tz).date()
    counts = [0] * days
    for card in cards:
        if card.suspended:
            continue
        offset = max(0, (card.due.astimezone(tz).date() - today).days)
        if offset < days:
            counts[offset] += 1
    return counts


def true_retention(rows: Iterable[ReviewRow], since: datetime) -> float | None:
    """The share of right answers on cards that were in review (as Anki computes it), or None."""
    outcomes = [
        row.correct for row in rows if row.reviewed_at >= since and row.card_state_before == REVIEW
    ]
    return sum(outcomes) / len(outcomes) if outcomes else None


def streak(rows: Iterable[ReviewRow], now: datetime, tz: tzinfo = UTC) -> int:
    """Consecutive local days with a review, ending today (or yesterday, if none yet today)."""
    days = {row.reviewed_at.astimezone(tz).date() for row in rows}
    today = now.astimezone(tz).date()
    day: date = today if today in days else today - timedelta(days=1)
    count = 0
    while day in days:
        count += 1
        day -= timedelta(days=1)
    return count


def question_history(rows: Iterable[ReviewRow], question_id: int) -> list[ReviewRow]:
    """The question's review rows, oldest first."""
    return sorted((r for r in rows if r.question_id == question_id), key=lambda r: r.reviewed_at)
