"""A pack's "new questions" setting: in which order a learner meets the questions not yet studied.

Like Anki's "new card order": "pack order" (the order the pack lists them, as a teacher who
orders a lesson expects), "easiest first" (the easiest unseen by Elo difficulty; on both
simulated learner families it brings the bounded pool nearer to offering every question,
bench/README.md "Which new question, a per-learner rule, the pool's new sample") or "random"
(each learner's own shuffle, the same from one request to the next: `shuffle_rank`).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

PACK_ORDER = "pack order"
EASIEST_FIRST = "easiest first"
RANDOM = "random"
# The same values, in the same order, as `new_order` in pack.schema.json (a test checks).
NEW_ORDERS = (PACK_ORDER, EASIEST_FIRST, RANDOM)
# Ranks of the random order: a hash of learner and question reduced below this prime.
SHUFFLE_MODULUS = 1_000_003
# Packs written by `quire generate` (the bundled bank among them) have no author's order: their
# questions follow the sources' text, so the easiest first serves learners better.
GENERATED_BY = "quire"


def default_new_order(generator: Mapping[str, Any] | None) -> str:
    """The setting a pack starts with: easiest first for generated packs, else pack order."""
    name = (generator or {}).get("name") if isinstance(generator, Mapping) else None
    return EASIEST_FIRST if name == GENERATED_BY else PACK_ORDER


def imported_new_order(data: Mapping[str, Any]) -> str:
    """The setting of a pack read from Quire's own file: its `new_order`, else the default."""
    return data.get("new_order") or default_new_order(data.get("generator"))


def shuffle_rank(user_id: Any, question_id: Any) -> Any:
    """A question's place in one learner's random order, fixed for the pair: from ints, an int;
    from SQL integer expressions (64-bit), the same value computed by the database."""
    # Two squarings mix learner and question, so that learners' orders are not one order
    # shifted; with 32-bit ids every intermediate stays below 2**48, inside a 64-bit integer.
    mixed = (user_id * 104_729 + question_id * 7_919 + 12_345) % SHUFFLE_MODULUS
    mixed = (mixed * mixed + user_id) % SHUFFLE_MODULUS
    return (mixed * mixed + question_id) % SHUFFLE_MODULUS
