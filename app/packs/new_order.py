"""A pack's "new questions" setting: in which order a learner meets the questions not yet studied.

Like Anki's "new card order": "pack order" (the order the pack lists them, as a teacher who
orders a lesson expects) or "easiest first" (the easiest unseen by Elo difficulty; on both
simulated learner families it brings the bounded pool nearer to offering every question,
bench/README.md "Which new question, a per-learner rule, the pool's new sample").
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

PACK_ORDER = "pack order"
EASIEST_FIRST = "easiest first"
NEW_ORDERS = (PACK_ORDER, EASIEST_FIRST)
# Packs written by `quire generate` (the bundled bank among them) have no author's order: their
# questions follow the sources' text, so the easiest first serves learners better.
GENERATED_BY = "quire"


def default_new_order(generator: Mapping[str, Any] | None) -> str:
    """The setting a pack starts with: easiest first for generated packs, else pack order."""
    name = (generator or {}).get("name") if isinstance(generator, Mapping) else None
    return EASIEST_FIRST if name == GENERATED_BY else PACK_ORDER
