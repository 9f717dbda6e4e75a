"""What the learner may be asked, read with a few indexed queries and handed to `choose_next`.

Candidates are the learner's due cards (oldest due first, bounded), the cards due soonest
(for reviewing ahead), the cards seen most recently (so a fact is not asked twice in a row),
and a bounded sample of questions never studied. None of these reads the review log; the daily
limits read only today's rows through the (user_id, reviewed_at) index.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache
from operator import itemgetter
from typing import Any

from sqlalchemy import (
    Integer,
    Select,
    String,
    and_,
    bindparam,
    case,
    cast,
    exists,
    func,
    literal_column,
    null,
    or_,
    select,
    union_all,
)
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import aliased
from sqlalchemy.sql.elements import BindParameter, ColumnElement
from sqlalchemy.sql.functions import FunctionElement

from app.extensions import db
from app.models import Question
from app.study.scheduling import CARD_STATE_FIELDS, REVIEW
from app.study.selection import Candidate
from app.study.siblings import answered_by_key, sibling_key
from app.study_models import Card, ItemStat, ReviewLog
from app.study_service.rows import aware_or_none, guess_space, prior_difficulty, state_from_values

DUE_LIMIT = 200
AHEAD_LIMIT = 40
RECENT_LIMIT = 30
NEW_SAMPLE = 60
TYPED_TYPES = frozenset({"multiple_choice", "cloze"})
# Shown in the bank and pack pages, but there is nothing to check an answer against.
UNGRADED_TYPES = ("essay", "description")


@dataclass(frozen=True)
class Scope:
    """A pack (or every pack), narrowed by sources, kinds and tags (each empty: no narrowing)."""

    pack_id: int | None = None
    source_ids: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()

    def conditions(self) -> list[ColumnElement[bool]]:
        """WHERE conditions on Question for this scope (studyable, gradable questions only)."""
        where: list[ColumnElement[bool]] = [
            Question.studyable(),
            Question.type.not_in(UNGRADED_TYPES),
        ]
        if self.pack_id is not None:
            where.append(Question.pack_id == self.pack_id)
        if self.source_ids:
            where.append(Question.source_id.in_(self.source_ids))
        if self.kinds:
            where.append(Question.kind.in_(self.kinds))
        if self.tags:
            where.append(or_(*(_has_tag(tag) for tag in self.tags)))
        return where


def in_rotation(now: datetime | BindParameter) -> ColumnElement[bool]:
    """Cards the learner studies at `now`: not suspended, and not buried past it."""
    return and_(
        Card.suspended.is_(False), or_(Card.buried_until.is_(None), Card.buried_until <= now)
    )


def _has_tag(tag: str) -> ColumnElement[bool]:
    # Tags are a JSON list; matching its text for the JSON-encoded tag works on SQLite and
    # PostgreSQL alike and only ever scans questions, never the log. Case is ignored, as Anki
    # ignores it in tags, by lowering both sides: SQLite's LIKE ignores case and PostgreSQL's
    # does not. (The JSON text escapes non-ASCII letters, so only ASCII case is folded.)
    needle = json.dumps(tag).lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return func.lower(cast(Question.tags, String)).like(f"%{needle}%", escape="\\")


@dataclass
class Pool:
    """Candidates by question id, with the question rows they came from."""

    candidates: dict[int, Candidate] = field(default_factory=dict)
    due: set[int] = field(default_factory=set)

    def values(self) -> list[Candidate]:
        """The candidates as a list for `choose_next`."""
        return list(self.candidates.values())


class list_length(FunctionElement):
    """The length of a JSON list column; NULL (PostgreSQL) or 0 (SQLite) for anything else."""

    type = Integer()
    inherit_cache = True


@compiles(list_length)
def _list_length(element: list_length, compiler: Any, **kw: Any) -> str:
    return f"json_array_length({compiler.process(element.clauses, **kw)})"


@compiles(list_length, "postgresql")
def _list_length_postgresql(element: list_length, compiler: Any, **kw: Any) -> str:
    # PostgreSQL raises on the length of a JSON null or object, which would fail the pool.
    value = compiler.process(element.clauses, **kw)
    return f"CASE WHEN json_typeof({value}) = 'array' THEN json_array_length({value}) END"


# The lengths of the choice and item lists, not the lists: decoding their JSON for every
# candidate cost more than choosing among them.
_QUESTION_COLUMNS = (
    Question.id,
    Question.fact,
    Question.type,
    list_length(Question.choices),
    list_length(Question.items),
    Question.difficulty,
    ItemStat.difficulty,
    Question.source_id,
    Question.quote_start,
    Question.quote_end,
)


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
        sample = new_questions(bindparam("user_id") if learner else None, scope).limit(NEW_SAMPLE)
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


def new_questions(user_id: int | BindParameter | None, scope: Scope) -> Select:
    """Questions in scope that this learner (an id, or a parameter bound later) has no card
    for, in pack order."""
    stmt = (
        select(*_QUESTION_COLUMNS)
        .outerjoin(ItemStat, ItemStat.question_id == Question.id)
        .where(*scope.conditions())
        .order_by(Question.pack_id, Question.position)
    )
    if user_id is not None:
        has_card = exists().where(and_(Card.user_id == user_id, Card.question_id == Question.id))
        stmt = stmt.where(~has_card)
    return stmt


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


def only(pool: Pool, question_ids: Iterable[int]) -> list[Candidate]:
    """The pool's candidates for these question ids."""
    return [pool.candidates[qid] for qid in question_ids if qid in pool.candidates]
