"""The app's bounded candidate pool (app/learn/candidates.py), replayed on simulated cards.

`load_pool` hands `choose_next` the learner's due cards (the `DUE_LIMIT` oldest due), the
`AHEAD_LIMIT` cards due soonest, the `RECENT_LIMIT` last seen and the first `NEW_SAMPLE` unseen
questions in pack order. The simulation offers Quire every item unless told to offer this pool,
so the two can be run side by side (`bench.study_grid --pool`).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from app.study.selection import Candidate
from app.study_service.candidates import AHEAD_LIMIT, DUE_LIMIT, NEW_SAMPLE, RECENT_LIMIT


def app_pool(
    candidates: Sequence[Candidate], now: datetime, new: bool = True, easiest: bool = False
) -> list[Candidate]:
    """The candidates `load_pool` would read for `now` (items in pack order = list order;
    `easiest`: the unseen sample is the `NEW_SAMPLE` of lowest Elo difficulty, ties in pack
    order, instead of the first in pack order)."""
    studied = [c for c in candidates if c.card is not None]
    due = sorted((c for c in studied if c.card.due <= now), key=lambda c: c.card.due)
    ahead = sorted((c for c in studied if c.card.due > now), key=lambda c: c.card.due)
    recent = sorted(
        (c for c in studied if c.last_seen is not None), key=lambda c: c.last_seen, reverse=True
    )
    chosen: dict[int, Candidate] = {}
    for part in (due[:DUE_LIMIT], ahead[:AHEAD_LIMIT], recent[:RECENT_LIMIT]):
        for cand in part:
            chosen.setdefault(cand.question_id, cand)
    if new:
        unseen = [c for c in candidates if c.card is None]
        if easiest:
            unseen.sort(key=lambda c: c.difficulty)
        for _, cand in zip(range(NEW_SAMPLE), unseen, strict=False):
            chosen.setdefault(cand.question_id, cand)
    return list(chosen.values())
