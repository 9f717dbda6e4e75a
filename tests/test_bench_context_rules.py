"""bench.context_rules tells which rule changed a prompt (no spaCy model loaded)."""

from __future__ import annotations

from bench.context_rules import rule_of


def test_a_name_written_in_is_told_from_a_time_frame():
    before = "Fill in the blank: A subsidiary of the Foundation was founded in _____."
    named = "Fill in the blank: A subsidiary of the Mozilla Foundation was founded in _____."
    assert rule_of(before, named).startswith("reference written out")
    framed = "Fill in the blank: Prices rose by _____ (in 2011)."
    assert rule_of("Fill in the blank: Prices rose by _____.", framed) == "time frame written in"
    assert rule_of("Fill in the blank: … rose by _____.", "Fill in the blank: Prices rose.")
