"""Study rows as the domain's plain values, and back: cards, the learner's skill, an item's
difficulty and how many answers a blind guess picks from."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import fields
from datetime import datetime

from app.clock import as_utc
from app.study import elo
from app.study.learner import FITTED_FIELDS, LearnerState
from app.study.scheduling import CARD_STATE_FIELDS, CardState
from app.study_models import Card, LearnerSkill


def card_state(card: Card) -> CardState:
    """The domain value of a card row."""
    return state_from_values([getattr(card, name) for name in CARD_STATE_FIELDS])


_DUE_AT, _LAST_REVIEW_AT = CARD_STATE_FIELDS.index("due"), CARD_STATE_FIELDS.index("last_review")


def state_from_values(values: Sequence) -> CardState:
    """A card state from its column values in CARD_STATE_FIELDS order."""
    # Positional (CARD_STATE_FIELDS is CardState's field order): it runs for every candidate.
    state = list(values)
    state[_DUE_AT] = aware_or_none(state[_DUE_AT])
    state[_LAST_REVIEW_AT] = aware_or_none(state[_LAST_REVIEW_AT])
    return CardState(*state)


def learner_from_row(row: LearnerSkill | None) -> LearnerState:
    """The learner's state from their stored skill row (a fresh one when there is none)."""
    if row is None:
        return LearnerState()
    # Columns added by later migrations may be NULL on rows written before them.
    values = {
        item.name: getattr(row, item.name)
        for item in fields(LearnerState)
        if getattr(row, item.name) is not None
    }
    values["recent"] = list(values.get("recent") or [])
    if values.get("fsrs_parameters") is not None:
        values["fsrs_parameters"] = tuple(values["fsrs_parameters"])
    return LearnerState(**values)


def learner_columns(learner: LearnerState) -> dict[str, object]:
    """The skill row's columns an answer writes for this learner state (also what undo
    restores): all but the fitted parameters, which only a refit writes."""
    return {
        item.name: getattr(learner, item.name)
        for item in fields(LearnerState)
        if item.name not in FITTED_FIELDS
    }


def aware_or_none(moment: datetime | None) -> datetime | None:
    """A stored time as aware UTC (None stays None)."""
    return None if moment is None else as_utc(moment)


def n_choices(question_type: str, choices: Sequence[str] | None, items: Sequence | None) -> int:
    """How many answers a blind guess picks from: the choices, or the orders of the items."""
    return guess_space(question_type, len(choices or ()), len(items or ()))


def guess_space(question_type: str, choice_count: int | None, item_count: int | None) -> int:
    """`n_choices` from the lengths of the choices and items (None: no list)."""
    if question_type == "ordering":
        return math.factorial(min(item_count, 6)) if item_count else 0
    return choice_count or 0


def prior_difficulty(stat: float | None, prior: float | None) -> float:
    """The Elo difficulty: learned from answers when there are any, else the pack's estimate."""
    return stat if stat is not None else elo.initial_difficulty(0.5 if prior is None else prior)
