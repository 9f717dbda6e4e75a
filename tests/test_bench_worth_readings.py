"""The worth-asking table: readers' lines sorted by cause, and only tuning samples read."""

from __future__ import annotations

from dataclasses import replace

import pytest

from bench import outside, worth_readings


@pytest.mark.parametrize(
    ("why", "expected"),
    [
        ("Lost context: 'the technology' (Audio-Animatronics) is never named", "lost context"),
        ("The prompt gives the answer away: 'ca 1870s' fix the late 19th century", "giveaway"),
        ("General knowledge (McCain v Obama was 2008)", "general knowledge"),
        (
            "Blanks a patent drawing reference numeral (disc 142); tests nothing",
            "incidental detail or trivia",
        ),
        ("Repeats a source error: the AAA was founded in 1902", "the source's own error"),
        ("", "other"),
    ],
)
def test_a_readers_line_goes_under_its_first_cause(why, expected):
    assert worth_readings.cause(why) == expected


def test_no_blind_sample_and_no_held_out_split_is_read():
    found = worth_readings.judged_keys()
    assert found, "no judged sample found"
    assert not [k for k in found if k.name.startswith("fresh8") or outside.blind(k)]
    assert any(k.name.startswith("fresh7-") for k in found)  # opened for tuning, by name


def test_each_reading_carries_its_five_marks():
    rows = list(worth_readings.all_readings())
    assert rows and all(len(r.marks) == 5 for r in rows)
    assert all(r.acceptable == all(r.marks) for r in rows)


def test_the_landmark_rule_reads_the_date_readings_only():
    date = worth_readings.Reading(
        id="q-1",
        part="p",
        type="cloze",
        source="s",
        answer="2014",
        quote="",
        prompt="Fill in the blank: Ties grew after Russia annexed Crimea in _____.",
        acceptable=False,
        why="",
        kind="date",
    )
    assert worth_readings.landmark(date, None)
    assert not worth_readings.landmark(replace(date, kind="place"), None)
