"""What the learner may be asked, read with a few indexed queries and handed to `choose_next`.

Candidates are the learner's due cards (oldest due first, bounded), the cards due soonest
(for reviewing ahead), the cards seen most recently (so a fact is not asked twice in a row),
and a bounded sample of questions never studied. None of these reads the review log; the daily
limits read only today's rows through the (user_id, reviewed_at) index.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache
from operator import itemgetter

from sqlalchemy import Select, bindparam, cast, literal_column, null, select, union_all
from sqlalchemy.sql.elements import ColumnElement

from app.extensions import db
from app.models import Question
from app.study.scheduling import CARD_STATE_FIELDS, REVIEW
from app.study.selection import Candidate
from app.study.siblings import answered_by_key, sibling_key
from app.study_models import Card, ItemStat
from app.study_service.rows import aware_or_none, guess_space, prior_difficulty, state_from_values

# The scope and today's reads live in their own modules; their names stay importable from here.
from app.study_service.scope import (  # noqa: F401
    _QUESTION_COLUMNS,
    UNGRADED_TYPES,
    Scope,
    in_rotation,
    list_length,
    new_orders,
    new_questions,
    new_sample,
)
from app.study_service.today import (  # noqa: F401
    _answered_with_siblings,
    answered_siblings,
    answers_since,
    today_counts,
)

DUE_LIMIT = 200
AHEAD_LIMIT = 40
RECENT_LIMIT = 30
NEW_SAMPLE = 60
TYPED_TYPES = frozenset({"multiple_choice", "cloze"})


@dataclass
class Pool:
    """Candidates by question id, with the question rows they came from."""

    candidates: dict[int, Candidate] = field(default_factory=dict)
    due: set[int] = field(default_factory=set)

    def values(self) -> list[Candidate]:
        """The candidates as a list for `choose_next`."""
        return list(self.candidates.values())


# The card's columns, read as plain values: loading Card entities cost most of a choice.
_CARD_COLUMNS = (
    Card.last_seen_at,
    Card.exposures,
    *(getattr(Card, name) for name in CARD_STATE_FIELDS),
)
_CARD_AT = len(_QUESTION_COLUMNS)


def _candidate(row: Sequence, with_card: bool) -> Candidate:
    """A candidate from a row of question columns, then the card's columns (`with_card`)."""
    qid, fact, qtype, choice_count, item_count, prior, learned, *quote = row[:_CARD_AT]
    card, last_seen, exposures = None, None, 0
    if with_card:
        seen_at, exposures, *state = row[_CARD_AT:]
        card, last_seen = state_from_values(state), aware_or_none(seen_at)
    return Candidate(
        question_id=qid,
        # Questions without a fact id are their own fact, not siblings of each other.
        fact=fact or f"question-{qid}",
        type=qtype,
        n_choices=guess_space(qtype, choice_count, item_count),
        difficulty=prior_difficulty(learned, prior),
        card=card,
        last_seen=last_seen,
        exposures=exposures,
        typed_available=qtype in TYPED_TYPES,
        sibling=sibling_key(*quote),
    )


# The parts of a pool, in the order their candidates are offered: (is due, has a card).
DUE, AHEAD, RECENT, NEW = range(4)
_PARTS = {DUE: (True, True), AHEAD: (False, True), RECENT: (False, True), NEW: (False, False)}
# What `load_choice` reads beside the pool, in the same statement: today's counts (one row) and
# today's answered questions that have a sibling.
COUNTS, SIBLINGS = 4, 5


def load_pool(
    user_id: int | None,
    scope: Scope,
    now: datetime,
    *,
    due: bool = True,
    due_reviews: bool = True,
    ahead: bool = False,
    recent: bool = True,
    new: bool = True,
) -> Pool:
    """The candidates for one choice; `due_reviews=False` keeps only learning cards among due."""
    learner = user_id is not None
    stmt = _pool_query(
        scope, learner, due and learner, due_reviews, ahead and learner, recent and learner, new
    )
    if stmt is None:
        return Pool()
    return _pool_from(db.session.execute(stmt, {"user_id": user_id, "now": now}).all())


def _pool_from(rows: Iterable[Sequence]) -> Pool:
    # One statement for every part: sorted by part (a stable sort keeps each part's own order,
    # as the database returned it), a question keeps the first part it came in.
    pool = Pool()
    for part, *row in sorted(rows, key=itemgetter(0)):
        is_due, with_card = _PARTS[part]
        qid = row[0]
        if qid not in pool.candidates:
            pool.candidates[qid] = _candidate(row, with_card)
        if is_due:
            pool.due.add(qid)
    return pool


@dataclass(frozen=True)
class ChoiceReads:
    """What a learner's quiz choice reads: the pool with every part, today's new cards and
    reviews so far, and today's answered questions that have a sibling (by sibling key)."""

    pool: Pool
    new_done: int
    reviews_done: int
    answered_siblings: dict[str, frozenset[int]]
    rows: tuple[Sequence, ...] = ()

    def narrowed(self, due_reviews: bool, ahead: bool, new: bool) -> Pool | None:
        """The pool `load_pool` reads with these parts, taken from this read's rows (so a choice
        past a daily limit reads the pool once); None when the due part filled its limit, so
        that due cards past it might be left out."""
        if not due_reviews and sum(row.part == DUE for row in self.rows) >= DUE_LIMIT:
            return None
        kept = {DUE, RECENT} | ({AHEAD} if ahead else set()) | ({NEW} if new else set())
        return _pool_from(
            row
            for row in self.rows
            if row.part in kept and (due_reviews or row.part != DUE or row.state != REVIEW)
        )


def load_choice(user_id: int, scope: Scope, now: datetime, since: datetime) -> ChoiceReads:
    """`load_pool` with every part (due reviews, ahead, recent, new), today's counts since
    `since` (as `choosing.today` counts them) and `answered_siblings(user_id, since)`, in one
    round trip where there were three."""
    stmt = _pool_query(scope, True, True, True, True, True, True, today=True)
    rows = db.session.execute(stmt, {"user_id": user_id, "now": now, "since": since}).all()
    counts = next(row for row in rows if row.part == COUNTS)
    siblings = answered_by_key(
        (row.question_id, sibling_key(row.source_id, row.quote_start, row.quote_end))
        for row in rows
        if row.part == SIBLINGS
    )
    pool_rows = tuple(row for row in rows if row.part < COUNTS)
    return ChoiceReads(
        _pool_from(pool_rows),
        int(getattr(counts, _NEW_DONE)),
        int(getattr(counts, _REVIEWS_DONE)),
        siblings,
        pool_rows,
    )


# The pool's statement is built once per scope and kind of choice (building it cost about as
# much as running it); the learner and the time are bound when it runs.
@lru_cache(maxsize=256)
def _pool_query(
    scope: Scope,
    learner: bool,
    due: bool,
    due_reviews: bool,
    ahead: bool,
    recent: bool,
    new: bool,
    today: bool = False,
) -> Select | None:
    """One UNION ALL of the pool's parts, each with its own order and limit, each row led by its
    part's number: one round trip where there were four (`today`: with today's counts and
    answered siblings too, laid out in the same columns, for `load_choice`)."""
    now = bindparam("now")
    active = (
        select(*_QUESTION_COLUMNS, *_CARD_COLUMNS)
        .join(Question, Question.id == Card.question_id)
        .outerjoin(ItemStat, ItemStat.question_id == Card.question_id)
        .where(Card.user_id == bindparam("user_id"), *scope.conditions())
        .where(in_rotation(now))
    )
    parts: list[tuple[int, Select]] = []
    if due:
        stmt = active.where(Card.due <= now)
        if not due_reviews:
            stmt = stmt.where(Card.state != REVIEW)
        parts.append((DUE, stmt.order_by(Card.due).limit(DUE_LIMIT)))
    if ahead:
        parts.append((AHEAD, active.where(Card.due > now).order_by(Card.due).limit(AHEAD_LIMIT)))
    if recent:
        stmt = (
            active.where(Card.last_seen_at.is_not(None))
            .order_by(Card.last_seen_at.desc())
            .limit(RECENT_LIMIT)
        )
        parts.append((RECENT, stmt))
    if new:
        sample = new_sample(bindparam("user_id") if learner else None, scope, NEW_SAMPLE)
        # No card: its columns are typed NULLs, so every part has the same columns.
        blank = (cast(null(), column.type) for column in _CARD_COLUMNS)
        parts.append((NEW, sample.add_columns(*blank)))
    if today:
        parts += [(COUNTS, _today_counts_row()), (SIBLINGS, _answered_siblings_rows())]
    if not parts:
        return None
    # Each part in a subquery of its own, so that its ORDER BY and LIMIT apply to it alone.
    numbered = [
        select(literal_column(str(number)).label("part"), *_labelled(stmt).subquery().c)
        for number, stmt in parts
    ]
    return numbered[0] if len(numbered) == 1 else union_all(*numbered)


def _labelled(stmt: Select) -> Select:
    # The same column names in every part (the union's columns are the first part's).
    return stmt.with_only_columns(
        *(column.label(name) for name, column in zip(_NAMES, stmt.selected_columns, strict=True))
    )


_ALL_COLUMNS = (*_QUESTION_COLUMNS, *_CARD_COLUMNS)
# The pool's columns by name, in `_candidate`'s order.
_NAMES = (
    "question_id",
    "fact",
    "type",
    "choice_count",
    "item_count",
    "prior",
    "learned",
    "source_id",
    "quote_start",
    "quote_end",
    "last_seen_at",
    "exposures",
    *CARD_STATE_FIELDS,
)
# Today's counts sit in the two list-length columns (integers, as counts are).
_NEW_DONE, _REVIEWS_DONE = "choice_count", "item_count"


def _laid_out(values: dict[str, ColumnElement]) -> list[ColumnElement]:
    # The pool's columns with `values` under their names and typed NULLs elsewhere (PostgreSQL
    # needs each column of a UNION to have one type).
    return [
        values.get(name, cast(null(), column.type))
        for name, column in zip(_NAMES, _ALL_COLUMNS, strict=True)
    ]


def _today_counts_row() -> Select:
    # Today's counts in the columns `load_choice` reads them from.
    new_done, reviews_done = today_counts()
    return select(*_laid_out({_NEW_DONE: new_done, _REVIEWS_DONE: reviews_done})).where(
        *answers_since()
    )


def _answered_siblings_rows() -> Select:
    """`_answered_with_siblings` in the pool's columns: the question id, its sibling key."""
    stmt = _answered_with_siblings()
    named = dict(zip(_SIBLING_NAMES, stmt.selected_columns, strict=True))
    return stmt.with_only_columns(*_laid_out(named))


_SIBLING_NAMES = ("question_id", "source_id", "quote_start", "quote_end")


def only(pool: Pool, question_ids: Iterable[int]) -> list[Candidate]:
    """The pool's candidates for these question ids."""
    return [pool.candidates[qid] for qid in question_ids if qid in pool.candidates]
