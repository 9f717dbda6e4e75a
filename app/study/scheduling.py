"""FSRS spaced repetition around plain card values (the columns a database row would hold).

The `fsrs` package does the scheduling; this module converts to and from its `Card`, counts
lapses, flags leeches and keeps the state before each review so a rating can be undone.

Fuzz: the package's own fuzz draws from the global `random` module, so it is switched off
(`enable_fuzzing=False`) and results are deterministic. A caller that wants review intervals
spread out (so cards learned together do not stay due together) passes `rng` to `review`,
which shifts intervals of three days or more by up to ±5% using that generator.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, fields, replace
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from typing import Any

from fsrs import Card, Rating, Scheduler, State

from app.study import elo

LEARNING, REVIEW, RELEARNING = State.Learning.value, State.Review.value, State.Relearning.value
AGAIN, HARD, GOOD, EASY = (r.value for r in Rating)
RATINGS = (AGAIN, HARD, GOOD, EASY)
DEFAULT_RETENTION = 0.9
LEECH_THRESHOLD = 8
# A right choice answer is scheduled as Again when it was recalled with less than this chance
# (the rest being a blind guess), chosen on benchmark 1 with seed 2.
GUESS_POSTERIOR = 0.5

_DATETIME_FIELDS = ("due", "last_review")
_FUZZ_MIN_DAYS = 3.0
_FUZZ_SHARE = 0.05


@dataclass(frozen=True)
class CardState:
    """One learner×question card: FSRS memory state plus lapse and leech bookkeeping."""

    state: int
    step: int | None
    stability: float | None
    difficulty: float | None
    due: datetime
    last_review: datetime | None
    reps: int = 0
    lapses: int = 0
    suspended: bool = False
    leech: bool = False


@dataclass(frozen=True)
class ReviewRecord:
    """One rating as a review-log row would store it; `state_before` (JSON-able) allows undo."""

    rating: int
    reviewed_at: datetime
    duration_ms: int | None
    state_before: dict[str, Any]


@lru_cache(maxsize=256)
def _scheduler(
    desired_retention: float, steps: bool = True, parameters: tuple[float, ...] | None = None
) -> Scheduler:
    # parameters None: the package's defaults; else the learner's fitted ones (`fitting.fit`).
    chosen = {} if parameters is None else {"parameters": parameters}
    if steps:
        return Scheduler(desired_retention=desired_retention, enable_fuzzing=False, **chosen)
    return Scheduler(
        desired_retention=desired_retention,
        learning_steps=(),
        relearning_steps=(),
        enable_fuzzing=False,
        **chosen,
    )


def _utc(now: datetime) -> datetime:
    if now.tzinfo is None:
        raise ValueError("now must be timezone-aware (UTC)")
    return now.astimezone(UTC)


def _to_fsrs(state: CardState) -> Card:
    # card_id is fixed: the package would otherwise read the clock and sleep 1 ms per card.
    return Card(
        card_id=1,
        state=State(state.state),
        step=state.step,
        stability=state.stability,
        difficulty=state.difficulty,
        due=state.due,
        last_review=state.last_review,
    )


def new_card(now: datetime) -> CardState:
    """A card never reviewed, due at once."""
    return CardState(
        state=LEARNING, step=0, stability=None, difficulty=None, due=_utc(now), last_review=None
    )


# The columns a card row holds for its scheduling state, in CardState's order.
CARD_STATE_FIELDS = tuple(f.name for f in fields(CardState))


def state_to_dict(state: CardState) -> dict[str, Any]:
    """The card's fields as JSON-able values (datetimes as ISO 8601 strings)."""
    # Field by field, not `asdict`, whose deep copy of every value cost more on each answer.
    data = {name: getattr(state, name) for name in CARD_STATE_FIELDS}
    for name in _DATETIME_FIELDS:
        if data[name] is not None:
            data[name] = data[name].isoformat()
    return data


def state_from_dict(data: dict[str, Any]) -> CardState:
    """The card described by `state_to_dict`'s output."""
    values = dict(data)
    for name in _DATETIME_FIELDS:
        if values.get(name) is not None:
            values[name] = _utc(datetime.fromisoformat(values[name]))
    return CardState(**values)


def review(
    state: CardState,
    rating: int,
    now: datetime,
    *,
    desired_retention: float = DEFAULT_RETENTION,
    duration_ms: int | None = None,
    leech_threshold: int = LEECH_THRESHOLD,
    rng: random.Random | None = None,
    steps: bool = True,
    parameters: tuple[float, ...] | None = None,
) -> tuple[CardState, ReviewRecord]:
    """The card after a rating (1 Again .. 4 Easy) and the review-log record of it.

    `steps=False` drops FSRS's same-day learning and relearning steps (1 and 10 minutes): the
    adaptive quiz spaces questions itself, so a card goes straight to a whole-day interval.
    `parameters`: the learner's fitted FSRS parameters, None for the defaults.
    """
    if rating not in RATINGS:
        raise ValueError(f"rating must be one of {RATINGS}, not {rating!r}")
    if state.suspended:
        raise ValueError("a suspended card cannot be reviewed; unsuspend it first")
    now = _utc(now)
    card, _ = _scheduler(_rounded(desired_retention), steps, parameters).review_card(
        _to_fsrs(state), Rating(rating), review_datetime=now, review_duration=duration_ms
    )
    due = card.due
    if rng is not None and card.state == State.Review:
        due = now + _fuzzed(due - now, rng)
    # As in Anki, only forgetting a graduated card is a lapse; failing a learning step is not.
    lapsed = state.state == REVIEW and rating == AGAIN
    lapses = state.lapses + lapsed
    became_leech = lapsed and _is_leech_lapse(lapses, leech_threshold)
    after = CardState(
        state=card.state.value,
        step=card.step,
        stability=card.stability,
        difficulty=card.difficulty,
        due=due,
        last_review=card.last_review,
        reps=state.reps + 1,
        lapses=lapses,
        suspended=became_leech,
        leech=state.leech or became_leech,
    )
    record = ReviewRecord(
        rating=rating, reviewed_at=now, duration_ms=duration_ms, state_before=state_to_dict(state)
    )
    return after, record


def _rounded(retention: float) -> float:
    # Schedulers are cached per retention; a per-learner value varies continuously.
    if not 0.0 < retention < 1.0:
        raise ValueError(f"desired retention must be between 0 and 1, not {retention!r}")
    return round(retention, 3)


def _is_leech_lapse(lapses: int, threshold: int) -> bool:
    # Anki flags at the threshold, then again every half threshold (8, 12, 16, ...).
    if threshold <= 0 or lapses < threshold:
        return False
    return (lapses - threshold) % max(1, threshold // 2) == 0


def _fuzzed(interval: timedelta, rng: random.Random) -> timedelta:
    days = interval / timedelta(days=1)
    if days < _FUZZ_MIN_DAYS:
        return interval
    return interval * (1 + rng.uniform(-_FUZZ_SHARE, _FUZZ_SHARE))


def unsuspend(state: CardState) -> CardState:
    """The card back in rotation; the leech flag stays so the learner can still find it."""
    return replace(state, suspended=False)


def preview(
    state: CardState,
    now: datetime,
    *,
    desired_retention: float = DEFAULT_RETENTION,
    steps: bool = True,
    parameters: tuple[float, ...] | None = None,
) -> dict[int, timedelta]:
    """The next interval each rating would give, for the Again/Hard/Good/Easy buttons."""
    now = _utc(now)
    scheduler = _scheduler(_rounded(desired_retention), steps, parameters)
    intervals = {}
    for rating in RATINGS:
        card, _ = scheduler.review_card(_to_fsrs(state), Rating(rating), review_datetime=now)
        intervals[rating] = card.due - now
    return intervals


def retrievability(state: CardState, now: datetime) -> float:
    """FSRS's predicted recall probability now (0 for a card never reviewed: nothing to recall).

    Elapsed time counts in whole days, as the package computes it, so it is 1 on the day of a
    review.
    """
    return float(_scheduler(DEFAULT_RETENTION).get_card_retrievability(_to_fsrs(state), _utc(now)))


def undo(record: ReviewRecord) -> CardState:
    """The card as it was before the review the record describes."""
    return state_from_dict(record.state_before)


def rating_for_answer(correct: bool, duration_ms: int | None, expected_ms: int) -> int:
    """The rating of an automatically graded answer: wrong Again, slow Hard, usual Good, fast Easy.

    Slow is more than twice the expected time, fast less than half of it; without a duration a
    right answer is Good.
    """
    if not correct:
        return AGAIN
    if duration_ms is None or expected_ms <= 0:
        return GOOD
    if duration_ms > 2 * expected_ms:
        return HARD
    if duration_ms < expected_ms / 2:
        return EASY
    return GOOD


def recall_given_right(expected: float, n_choices: int) -> float:
    """The chance that a right answer was recalled, not guessed: `expected` is the predicted
    chance of a right answer (`Choice.expected`), n_choices 0 when typed."""
    floor = elo.guess_floor(n_choices)
    if expected <= 0.0:
        return 0.0
    return min(1.0, max(0.0, (expected - floor) / ((1.0 - floor) * expected)))


def scheduling_rating(rating: int, expected: float, n_choices: int) -> int:
    """The rating to schedule with: a right choice answer that was more likely a lucky guess
    than recall (a question asked with choices before it was learned) counts as Again."""
    if rating == AGAIN or recall_given_right(expected, n_choices) >= GUESS_POSTERIOR:
        return rating
    return AGAIN
