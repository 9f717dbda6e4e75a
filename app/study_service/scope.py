"""Which questions a study scope covers, and the sample of them a learner has not studied yet.

A scope is a pack (or every pack) narrowed by sources, kinds and tags; `new_questions` orders its
unseen questions as each pack's "new questions" setting says (`app.packs.new_order`).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import (
    BigInteger,
    Float,
    Integer,
    Select,
    String,
    and_,
    case,
    cast,
    exists,
    func,
    literal,
    or_,
    select,
    union_all,
)
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.elements import BindParameter, ColumnElement
from sqlalchemy.sql.functions import FunctionElement

from app.extensions import db
from app.models import Pack, Question
from app.packs.new_order import EASIEST_FIRST, PACK_ORDER, RANDOM, shuffle_rank
from app.study_models import Card, ItemStat

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


def ease_order() -> ColumnElement[float]:
    """A question's Elo difficulty as an order key: learned from every learner's answers
    (`item_stats`) where there are any, else the pack's prior on the same scale.

    The prior is a share who fail, p; its logit (`elo.initial_difficulty`) is replaced by its
    tangent at p = 0.5, 4(p - 0.5), which orders priors alike without a logarithm in SQL (SQLite
    has one only in some builds); `choose_next` then weighs the sample with the exact value.
    """
    prior = func.coalesce(Question.difficulty, 0.5)
    return func.coalesce(ItemStat.difficulty, (prior - 0.5) * 4.0)


def new_order_key(
    user_id: int | BindParameter | None = None, setting: ColumnElement[str] = Pack.new_order
) -> ColumnElement[float]:
    """Within a pack, the easiest first or this learner's shuffle where the pack's `setting`
    says so, else one key for all (so that its questions keep their place)."""
    # No learner (a count over everyone, a guest's sample): one shuffle shared by all.
    learner = cast(user_id if user_id is not None else 0, BigInteger)
    shuffled = cast(shuffle_rank(learner, cast(Question.id, BigInteger)), Float)
    return case(
        (setting == EASIEST_FIRST, ease_order()),
        (setting == RANDOM, shuffled),
        else_=0.0,
    )


def new_questions(user_id: int | BindParameter | None, scope: Scope) -> Select:
    """Questions in scope that this learner (an id, or a parameter bound later) has no card
    for: pack by pack (as before), within a pack as its `new_order` says, ties in pack order."""
    return (
        _unseen(user_id, scope)
        .join(Pack, Pack.id == Question.pack_id)
        .order_by(Question.pack_id, new_order_key(user_id), Question.position)
    )


def new_sample(user_id: int | BindParameter | None, scope: Scope, size: int) -> Select:
    """The first `size` of `new_questions`, read so that packs in pack order cost the same
    whatever their size: their questions come through the (pack, position) index and the read
    stops at `size`; only the other packs' unseen questions are sorted (by ease or shuffle)."""
    # No join to packs: it would lead the plan, and the questions would be read whole. Each
    # part reads its packs' questions by pack, through the index.
    setting = select(Pack.new_order).where(Pack.id == Question.pack_id).scalar_subquery()
    parts = [
        _ordered_by(_unseen(user_id, scope).where(_in_packs(condition)), key)
        for condition, key in (
            (Pack.new_order == PACK_ORDER, None),
            (Pack.new_order != PACK_ORDER, new_order_key(user_id, setting)),
        )
    ]
    both = union_all(*(select(*part.limit(size).subquery().c) for part in parts)).subquery()
    shown = [column for column in both.c if column.key not in _ORDER_COLUMN_NAMES]
    return (
        select(*shown)
        .order_by(both.c.order_pack, both.c.order_key, both.c.order_position)
        .limit(size)
    )


def _unseen(user_id: int | BindParameter | None, scope: Scope) -> Select:
    stmt = (
        select(*_QUESTION_COLUMNS)
        .outerjoin(ItemStat, ItemStat.question_id == Question.id)
        .where(*scope.conditions())
    )
    if user_id is not None:
        has_card = exists().where(and_(Card.user_id == user_id, Card.question_id == Question.id))
        stmt = stmt.where(~has_card)
    return stmt


def _in_packs(condition: ColumnElement[bool]) -> ColumnElement[bool]:
    return Question.pack_id.in_(select(Pack.id).where(condition))


_ORDER_COLUMN_NAMES = ("order_pack", "order_key", "order_position")


def _ordered_by(stmt: Select, key: ColumnElement[float] | None) -> Select:
    # Each part carries the whole order's key, so the two parts merge in `new_questions`' order;
    # ordered by the labels, a key is computed once per row. Pack order has none: a constant
    # in ORDER BY would keep SQLite from reading the (pack, position) index in order.
    values = (
        Question.pack_id,
        cast(literal(0.0) if key is None else key, Float),
        Question.position,
    )
    labels = [value.label(name) for value, name in zip(values, _ORDER_COLUMN_NAMES, strict=True)]
    ordered = labels if key is not None else (Question.pack_id, Question.position)
    return stmt.add_columns(*labels).order_by(*ordered)


def new_orders(scope: Scope) -> tuple[str, ...]:
    """The "new questions" settings of the packs with questions in scope (a few packs' rows)."""
    in_scope = select(Question.pack_id).where(*scope.conditions()).distinct()
    stmt = select(Pack.new_order).where(Pack.id.in_(in_scope)).distinct()
    return tuple(sorted(db.session.scalars(stmt)))
