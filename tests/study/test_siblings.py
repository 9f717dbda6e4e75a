"""The sibling key and the rule that keeps a sentence's other questions out for the day."""

from __future__ import annotations

import random
from datetime import UTC, datetime

from app.study.learner import LearnerState
from app.study.selection import Candidate, choose_next
from app.study.siblings import answered_by_key, kept_out, sibling_key

NOW = datetime(2025, 3, 1, 12, tzinfo=UTC)


def _new(qid: int, sibling: str) -> Candidate:
    return Candidate(qid, f"fact-{qid}", "multiple_choice", 4, 0.0, None, None, 0, True, sibling)


def test_sibling_key_is_the_source_and_quoted_span():
    assert sibling_key("src", 0, 64) == sibling_key("src", 0, 64) == "src:0-64"
    assert sibling_key("src", 0, 64) != sibling_key("src", 66, 114)
    assert sibling_key("other", 0, 64) != sibling_key("src", 0, 64)
    assert sibling_key(None, 0, 64) == sibling_key("src", None, 3) == ""


def test_only_the_others_are_kept_out():
    answered = answered_by_key([(1, "s:0-9"), (5, ""), (7, "s:20-30")])
    assert answered == {"s:0-9": frozenset({1}), "s:20-30": frozenset({7})}
    assert kept_out("s:0-9", 2, answered) and not kept_out("s:0-9", 1, answered)
    assert not kept_out("", 2, answered) and not kept_out("s:40-50", 2, answered)


def test_choose_next_skips_a_sibling_answered_today():
    candidates = [_new(2, "s:0-9"), _new(3, "s:10-19")]
    answered = {"s:0-9": frozenset({1})}
    for seed in range(20):
        choice = choose_next(
            candidates, LearnerState(), NOW, random.Random(seed), answered_siblings=answered
        )
        assert choice is not None and choice.question_id == 3
    alone = choose_next(
        candidates[:1], LearnerState(), NOW, random.Random(0), answered_siblings=answered
    )
    assert alone is None
    assert choose_next(candidates[:1], LearnerState(), NOW, random.Random(0)).question_id == 2


def test_one_per_sibling_group_keeps_the_first_of_each_in_order():
    from app.study.siblings import one_per_sibling_group

    items = [("a", "s1"), ("b", "s1"), ("c", ""), ("d", "s2"), ("e", ""), ("f", "s2")]
    kept = one_per_sibling_group(items, key=lambda item: item[1])
    assert [name for name, _ in kept] == ["a", "c", "d", "e"]
