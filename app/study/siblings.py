"""Sibling questions: those made from one sentence, kept apart as Anki buries siblings.

Questions quoting the same span of the same source (the generator quotes the whole sentence a
question is made from) are siblings; answering one keeps the others out of the learner's quiz and
flashcards until their next local day (`selection.choose_next`'s `answered_siblings`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any, TypeVar

T = TypeVar("T")


def sibling_key(source_id: str | None, quote_start: int | None, quote_end: int | None) -> str:
    """The key shared by every question quoting this span of this source ("" when unknown)."""
    if not source_id or quote_start is None or quote_end is None:
        return ""
    return f"{source_id}:{quote_start}-{quote_end}"


def question_sibling_key(question: Any) -> str:
    """A question's sibling key, from anything with source_id, quote_start and quote_end."""
    return sibling_key(question.source_id, question.quote_start, question.quote_end)


def one_per_sibling_group(items: Iterable[T], key: Callable[[T], str]) -> list[T]:
    """The items in order, keeping only the first of each sibling group (no key: always kept)."""
    seen: set[str] = set()
    kept = []
    for item in items:
        group = key(item)
        if group and group in seen:
            continue
        seen.add(group)
        kept.append(item)
    return kept


def answered_by_key(rows: Iterable[tuple[int, str]]) -> dict[str, frozenset[int]]:
    """(question id, sibling key) pairs answered today → the ids answered under each key."""
    found: dict[str, set[int]] = {}
    for question_id, key in rows:
        if key:
            found.setdefault(key, set()).add(question_id)
    return {key: frozenset(ids) for key, ids in found.items()}


def kept_out(key: str, question_id: int, answered: Mapping[str, frozenset[int]]) -> bool:
    """Whether a sibling of this question, not the question itself, was answered today."""
    ids = answered.get(key) if key else None
    return bool(ids) and question_id not in ids
