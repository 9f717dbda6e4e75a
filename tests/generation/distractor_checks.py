"""Checks shared by the date and amount distractor tests: the answer's form, a seeded choice."""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from typing import Any

Parse = Callable[[str], Any]
Make = Callable[..., list[str]]


def assert_written_like(parse: Parse, make: Make, answer: str, pattern: str) -> None:
    """Three distractors for the answer, each matching pattern (the answer's written form)."""
    distractors = make(answer, parse(answer), random.Random(0))
    assert len(distractors) == 3
    for text in distractors:
        assert re.fullmatch(pattern, text), text


def assert_seeded(parse: Parse, make: Make, answer: str, seeds: int) -> None:
    """One seed always gives the same distractors, and across seeds the choice changes."""
    value = parse(answer)
    first = make(answer, value, random.Random(0))
    assert first == make(answer, value, random.Random(0))
    outcomes = {tuple(make(answer, value, random.Random(seed))) for seed in range(seeds)}
    assert len(outcomes) > 1  # the rng does drive the choice
