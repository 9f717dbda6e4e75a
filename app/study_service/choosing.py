"""Choosing what to show: the learner's plan, today's limits, and the next question per mode."""

from __future__ import annotations

import random
import zoneinfo
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, time, timedelta, tzinfo
from functools import cache

from sqlalchemy import Select, func, select

from app.accounts_models import User
from app.extensions import db
from app.models import Question
from app.study.balance import balance_types
from app.study.learner import LearnerState
from app.study.scheduling import LEARNING, RELEARNING
from app.study.selection import TYPED, Candidate, Choice, choose_next, predict
from app.study_models import Card, LearnerSkill, StudyPlan
from app.study_service.candidates import (
    Pool,
    Scope,
    answered_siblings,
    answers_since,
    in_rotation,
    load_choice,
    load_pool,
    new_orders,
    new_questions,
    today_counts,
)
from app.study_service.rows import learner_from_row

# Like Anki's learn-ahead limit: a learning step due this soon is shown rather than making the
# learner wait for it.
LEARN_AHEAD = timedelta(minutes=20)


def local_zone(user: User | None) -> tzinfo:
    """The learner's time zone (UTC for visitors and unknown names)."""
    try:
        return zoneinfo.ZoneInfo(user.timezone if user is not None else "UTC")
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return zoneinfo.ZoneInfo("UTC")


def day_bounds(now: datetime, tz: tzinfo) -> tuple[datetime, datetime]:
    """The start and end of the learner's local day containing `now`, as aware datetimes."""
    local = now.astimezone(tz)
    start = datetime.combine(local.date(), time(0), tzinfo=tz)
    end = datetime.combine(local.date() + timedelta(days=1), time(0), tzinfo=tz)
    return start, end


def plan_of(user: User | None) -> StudyPlan | None:
    """The learner's saved plan, if any."""
    return None if user is None else db.session.get(StudyPlan, user.id)


def own_plan(user: User) -> StudyPlan:
    """The learner's plan, or a new empty one added to the session (not committed)."""
    plan = plan_of(user)
    if plan is None:
        plan = StudyPlan(user_id=user.id, source_ids=[], kinds=[], tags=[])
        db.session.add(plan)
    return plan


def scope_of(plan: StudyPlan | None) -> Scope:
    """The questions a plan covers (everything without a plan)."""
    if plan is None:
        return Scope()
    return Scope(plan.pack_id, tuple(plan.source_ids), tuple(plan.kinds), tuple(plan.tags))


@dataclass(frozen=True)
class Today:
    """Today's new cards and reviews so far, and what the learner's limits leave (`new_left`
    None: no fixed limit, the pace is the policy's)."""

    new_done: int
    reviews_done: int
    new_left: int | None
    reviews_left: int

    @property
    def may_add(self) -> bool:
        """Whether a new question may be asked today."""
        return self.new_left is None or self.new_left > 0


def today(user: User | None, now: datetime) -> Today:
    """Count today's new cards and reviews (undone and cram answers do not count)."""
    if user is None:
        return Today(0, 0, None, User.reviews_per_day.default.arg)
    start, _ = day_bounds(now, local_zone(user))
    row = db.session.execute(_today_counts(), {"user_id": user.id, "since": start}).one()
    return _limits(user, int(row[0]), int(row[1]))


def _limits(user: User, new_done: int, reviews_done: int) -> Today:
    return Today(
        new_done,
        reviews_done,
        None if user.new_per_day is None else max(0, user.new_per_day - new_done),
        max(0, user.reviews_per_day - reviews_done),
    )


@cache
def _today_counts() -> Select:
    # Built once, run on every choice: building it cost about as much as running it.
    new_done, reviews_done = today_counts()
    return select(new_done, reviews_done).where(*answers_since())


def learner_state(user_id: int | None) -> LearnerState:
    """The learner's skill estimate (a fresh one for a visitor or a first answer)."""
    return learner_from_row(None if user_id is None else db.session.get(LearnerSkill, user_id))


def choose_quiz(
    user: User | None,
    scope: Scope,
    now: datetime,
    rng: random.Random,
    learner: LearnerState | None = None,
) -> Choice | None:
    """The adaptive quiz's next question: due, new near the target, or a review ahead
    (`learner`: the skill state when the caller has it, else read)."""
    if user is None:
        limits, siblings = today(None, now), {}
        reviews = limits.reviews_left > 0
        pool = load_pool(None, scope, now, due_reviews=reviews, ahead=reviews, new=limits.may_add)
    else:
        # The pool with every part, today's counts and today's siblings in one round trip;
        # narrowed to the parts today's limits allow when they rule some out (read again only
        # when the due part was cut at its limit).
        start, _ = day_bounds(now, local_zone(user))
        reads = load_choice(user.id, scope, now, start)
        limits = _limits(user, reads.new_done, reads.reviews_done)
        pool, siblings = reads.pool, reads.answered_siblings
        if limits.reviews_left <= 0 or not limits.may_add:
            reviews = limits.reviews_left > 0
            parts = {"due_reviews": reviews, "ahead": reviews, "new": limits.may_add}
            pool = reads.narrowed(**parts) or load_pool(user.id, scope, now, **parts)
    if learner is None:
        learner = learner_state(None if user is None else user.id)
    # No one question type may fill a quiz while others wait (app/study/balance.py).
    return _choose(balance_types(pool.values()), learner, user, limits, now, rng, siblings)


def _choose(
    candidates: Iterable[Candidate],
    learner: LearnerState,
    user: User | None,
    limits: Today,
    now: datetime,
    rng: random.Random,
    siblings: dict[str, frozenset[int]] | None = None,
) -> Choice | None:
    """`choose_next` over the candidates within today's limits, today's siblings kept out
    (`siblings`: as read already, else read here)."""
    return choose_next(
        candidates,
        learner,
        now,
        rng,
        max_new=limits.new_left,
        answered_siblings=_siblings_today(user, now) if siblings is None else siblings,
    )


def choose_flashcard(
    user: User | None, scope: Scope, now: datetime, rng: random.Random
) -> Choice | None:
    """The next flashcard: only due cards and new ones within today's limits, as in Anki."""
    limits = today(user, now)
    user_id = None if user is None else user.id
    pool = load_pool(user_id, scope, now, due_reviews=limits.reviews_left > 0, new=limits.may_add)
    learner = learner_state(user_id)
    choice = _choose(pool.values(), learner, user, limits, now, rng)
    if choice is not None and _due_or_new(pool, choice.question_id):
        return _as_recall(pool, choice, learner, now)
    if user_id is None:
        return None
    soon = load_pool(user_id, scope, now + LEARN_AHEAD, ahead=False, recent=False, new=False)
    stepping = [
        cand
        for cand in soon.values()
        if cand.card is not None and cand.card.state in (LEARNING, RELEARNING)
    ]
    if not stepping:
        return None
    first = min(stepping, key=lambda cand: cand.card.due)
    expected = predict(first, learner, TYPED, now)
    return Choice(first.question_id, TYPED, "learning step due soon", expected)


def _siblings_today(user: User | None, now: datetime) -> dict[str, frozenset[int]]:
    # Siblings wait for the learner's next local day, as Anki's buried siblings do.
    if user is None:
        return {}
    start, _ = day_bounds(now, local_zone(user))
    return answered_siblings(user.id, start)


def _due_or_new(pool: Pool, question_id: int) -> bool:
    return question_id in pool.due or pool.candidates[question_id].card is None


def _as_recall(pool: Pool, choice: Choice, learner: LearnerState, now: datetime) -> Choice:
    # A flashcard is recalled without choices, so its prediction has no guessing floor.
    cand = pool.candidates[choice.question_id]
    return Choice(choice.question_id, TYPED, choice.reason, predict(cand, learner, TYPED, now))


def choose_cram(user: User, scope: Scope, started: datetime, now: datetime) -> Card | None:
    """Reviewing ahead: studied cards not yet seen since `started`, soonest due first; then
    those forgotten (Again) during it, longest ago first."""
    base = (
        select(Card)
        .join(Question, Question.id == Card.question_id)
        .where(
            Card.user_id == user.id,
            in_rotation(now),
            Card.last_review.is_not(None),
            *scope.conditions(),
        )
    )
    unseen = base.where((Card.last_seen_at < started) | Card.last_seen_at.is_(None))
    card = db.session.scalar(unseen.order_by(Card.due).limit(1))
    if card is not None:
        return card
    forgotten = base.where(Card.last_seen_at >= started, Card.last_rating == 1)
    return db.session.scalar(forgotten.order_by(Card.last_seen_at).limit(1))


def next_due(user: User | None, scope: Scope, now: datetime) -> datetime | None:
    """When the learner's next card in scope falls due (for "come back at ...")."""
    if user is None:
        return None
    return db.session.scalar(
        select(Card.due)
        .join(Question, Question.id == Card.question_id)
        .where(Card.user_id == user.id, in_rotation(now), Card.due > now)
        .where(*scope.conditions())
        .order_by(Card.due)
        .limit(1)
    )


@dataclass(frozen=True)
class Summary:
    """What a learner's study home shows: due today, new available, the mode to continue in."""

    plan: StudyPlan | None
    limits: Today
    due_today: int
    unseen: int
    new_available: int
    mode: str
    # The "new questions" settings of the packs in scope (`scope.new_orders`), sorted.
    new_orders: tuple[str, ...] = ()


def summary(user: User | None, now: datetime) -> Summary:
    """Counts for the study home and the site's home page (indexed queries only)."""
    plan = plan_of(user)
    scope = scope_of(plan)
    limits = today(user, now)
    due_today = 0
    if user is not None:
        _, end = day_bounds(now, local_zone(user))
        due_today = db.session.scalar(
            select(func.count())
            .select_from(Card)
            .join(Question, Question.id == Card.question_id)
            .where(Card.user_id == user.id, in_rotation(now), Card.due < end)
            .where(*scope.conditions())
        )
    unseen = db.session.scalar(
        select(func.count()).select_from(
            new_questions(None if user is None else user.id, scope).order_by(None).subquery()
        )
    )
    mode = plan.last_mode if plan is not None else "quiz"
    new_available = unseen if limits.new_left is None else min(unseen, limits.new_left)
    return Summary(plan, limits, due_today, unseen, new_available, mode, new_orders(scope))
