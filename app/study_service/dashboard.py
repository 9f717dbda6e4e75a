"""Figures for the progress pages, read with the learner's indexes and computed by progress.py."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta, tzinfo
from typing import Any

from sqlalchemy import Select, select

from app import visibility
from app.accounts_models import User
from app.clock import as_utc
from app.extensions import db
from app.models import Question
from app.study import progress
from app.study.forecast import ItemMemory
from app.study.learner import LearnerState, calibrated_recall, stated_recall
from app.study.scheduling import REVIEW, CardState
from app.study_models import Card, ItemStat, LearnerSkill, ReviewLog
from app.study_service.candidates import Scope
from app.study_service.rows import card_state, learner_from_row

RETENTION_DAYS = 30
MISSED = 1  # the rating of a wrong answer (FSRS's Again)
# The streak is counted from this many days of answers; longer streaks show as "at least".
STREAK_WINDOW = 400
STUDIED_SHOWN = 50


@dataclass(frozen=True)
class Dashboard:
    """Everything the progress page shows."""

    by_source: list[tuple[str, dict[str, float]]]
    by_kind: list[tuple[str, dict[str, float]]]
    forecast: list[int]
    retention: float | None
    retention_answers: int
    streak: int
    answered_today: int
    answered_total: int
    studied: list[dict[str, Any]]


def _review_rows(user_id: int, since: datetime) -> list[progress.ReviewRow]:
    rows = db.session.execute(
        select(ReviewLog, Question.kind, Question.source_id)
        .join(Question, Question.id == ReviewLog.question_id)
        .where(
            ReviewLog.user_id == user_id,
            ReviewLog.reviewed_at >= since,
            ReviewLog.undone.is_(False),
        )
        .order_by(ReviewLog.reviewed_at)
    ).all()
    return [
        progress.ReviewRow(
            question_id=log.question_id,
            kind=kind,
            source=source,
            reviewed_at=as_utc(log.reviewed_at),
            rating=log.rating or 0,
            correct=log.correct,
            card_state_before=log.card_state,
        )
        for log, kind, source in rows
        if log.mode != "cram"
    ]


def build(user: User, scope: Scope, now: datetime, tz: tzinfo) -> Dashboard:
    """Mastery by source and kind, the 30-day forecast, retention, streak and studied cards."""
    questions = {
        qid: {"source": source, "kind": kind}
        for qid, source, kind in db.session.execute(
            select(Question.id, Question.source_id, Question.kind).where(*scope.conditions())
        )
    }
    learner = learner_from_row(db.session.get(LearnerSkill, user.id))
    in_scope: dict[int, CardState] = {}
    stated: dict[int, float] = {}
    for card, offset, answers in db.session.execute(_with_memory(user.id)):
        if card.question_id in questions:
            state = in_scope[card.question_id] = card_state(card)
            memory = _memory(offset, answers)
            stated[card.question_id] = card_chance(card, learner, memory, now, state)
    # The recall shown is the chance stated per card (the forecast), summed per group.
    summary = progress.mastery(in_scope, questions, now, learner, stated)
    titles = dict(db.session.execute(visibility.source_options(user)).all())
    rows = _review_rows(user.id, now - timedelta(days=STREAK_WINDOW))
    since = now - timedelta(days=RETENTION_DAYS)
    recent = [row for row in rows if row.reviewed_at >= since]
    start_of_day = now.astimezone(tz).replace(hour=0, minute=0, second=0, microsecond=0)
    return Dashboard(
        by_source=[(titles.get(key, key), value) for key, value in summary["by_source"].items()],
        by_kind=[(key.capitalize(), value) for key, value in summary["by_kind"].items()],
        forecast=progress.forecast(in_scope.values(), now, 30, tz),
        retention=progress.true_retention(recent, since),
        retention_answers=sum(1 for row in recent if row.card_state_before == REVIEW),
        streak=progress.streak(rows, now, tz),
        answered_today=sum(1 for row in rows if row.reviewed_at >= start_of_day),
        answered_total=len(rows),
        studied=_studied(user.id, now, learner),
    )


def _with_memory(user_id: int, *columns: Any) -> Select:
    """The learner's cards, with `columns`, then their question's forecast offset and count."""
    return (
        select(Card, *columns, ItemStat.forecast_offset, ItemStat.forecast_answers)
        .outerjoin(ItemStat, ItemStat.question_id == Card.question_id)
        .where(Card.user_id == user_id)
    )


def _studied(user_id: int, now: datetime, learner: LearnerState) -> list[dict[str, Any]]:
    rows = db.session.execute(
        _with_memory(user_id, Question.prompt)
        .join(Question, Question.id == Card.question_id)
        .order_by(Card.last_seen_at.desc())
        .limit(STUDIED_SHOWN)
    ).all()
    return [
        {
            "question_id": card.question_id,
            "prompt": prompt,
            # The forecast (the chance stated); what is scheduled reads the reference.
            "recall": card_chance(card, learner, _memory(offset, answers), now),
            "due": as_utc(card.due),
            "lapses": card.lapses,
            "suspended": card.suspended,
            # Recall is near 100% right after any answer (the answer was just shown): a missed
            # question says so beside it, as Anki shows a relearning card.
            "missed": card.last_rating == MISSED,
        }
        for card, prompt, offset, answers in rows
    ]


def _memory(offset: float | None, answers: int | None) -> ItemMemory:
    return ItemMemory(offset or 0.0, answers or 0)


def card_chance(
    card: Card,
    learner: LearnerState,
    memory: ItemMemory,
    now: datetime,
    state: CardState | None = None,
) -> float:
    """The chance Quire states that the learner would recall the card now (the forecast);
    `state`, the card's scheduling state when the caller has read it already."""
    state = state or card_state(card)
    return stated_recall(state, card.exposures or 0, card.last_rating, learner, memory, now)


@dataclass(frozen=True)
class CardRecall:
    """One card's recall as the question's history page shows it: the chance Quire states (the
    forecast) and the reference estimate the schedule works from."""

    stated: float
    scheduled: float


def card_recall(card: Card, learner: LearnerState, now: datetime) -> CardRecall:
    """The card's stated chance of recall and the schedule's estimate, read with its question's
    forecast offset."""
    item = db.session.get(ItemStat, card.question_id)
    memory = ItemMemory() if item is None else _memory(item.forecast_offset, item.forecast_answers)
    scheduled = calibrated_recall(card_state(card), learner, now)
    return CardRecall(card_chance(card, learner, memory, now), scheduled)


def history(user_id: int, question_id: int) -> list[ReviewLog]:
    """The learner's answers to one question, oldest first (undone ones included, marked)."""
    return list(
        db.session.scalars(
            select(ReviewLog)
            .where(ReviewLog.user_id == user_id, ReviewLog.question_id == question_id)
            .order_by(ReviewLog.reviewed_at, ReviewLog.id)
        )
    )
