"""What the learner did today, as the pool reads it: today's counts towards the daily limits, and
today's answered questions that have a sibling (read through the cards' last-seen index)."""

from __future__ import annotations

from datetime import datetime
from functools import lru_cache

from sqlalchemy import Select, bindparam, case, exists, func, select
from sqlalchemy.orm import aliased
from sqlalchemy.sql.elements import ColumnElement

from app.extensions import db
from app.models import Question
from app.study.scheduling import REVIEW
from app.study.siblings import answered_by_key, sibling_key
from app.study_models import Card, ReviewLog


def today_counts() -> tuple[ColumnElement[int], ColumnElement[int]]:
    """Counts of new cards and of reviews among `answers_since`'s rows."""
    return (
        func.count(case((ReviewLog.card_state.is_(None), 1))),
        func.count(case((ReviewLog.card_state == REVIEW, 1))),
    )


def answers_since() -> tuple[ColumnElement[bool], ...]:
    """The learner's answers (`user_id`) since `since` (both bound later) that count towards
    today's limits: undone and cram answers do not."""
    return (
        ReviewLog.user_id == bindparam("user_id"),
        ReviewLog.reviewed_at >= bindparam("since"),
        ReviewLog.undone.is_(False),
        ReviewLog.mode != "cram",
    )


def answered_siblings(user_id: int | None, since: datetime) -> dict[str, frozenset[int]]:
    """The questions this learner has seen since `since` that have a sibling, by sibling key
    (the cards' last-seen index; at most a day's answers). A question without a sibling keeps
    nothing out, so it is not read: a day of answers would otherwise be read on every choice."""
    if user_id is None:
        return {}
    rows = db.session.execute(_answered_with_siblings(), {"user_id": user_id, "since": since})
    return answered_by_key(
        (qid, sibling_key(source, start, end)) for qid, source, start, end in rows
    )


@lru_cache(maxsize=1)
def _answered_with_siblings() -> Select:
    other = aliased(Question)
    has_sibling = (
        exists()
        .where(
            other.source_id == Question.source_id,
            other.quote_start == Question.quote_start,
            other.quote_end == Question.quote_end,
            other.id != Question.id,
        )
        .correlate(Question)
    )
    return (
        select(Question.id, Question.source_id, Question.quote_start, Question.quote_end)
        .join(Card, Card.question_id == Question.id)
        .where(
            Card.user_id == bindparam("user_id"),
            Card.last_seen_at >= bindparam("since"),
            has_sibling,
        )
    )
