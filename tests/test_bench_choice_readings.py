"""The causes bench.choice_readings sorts rejected choice readings into, and its fact ids."""

from bench.choice_readings import cause, fact, standing
from bench.figure_readings import Reading


def _reading(why: str, acceptable: bool = False) -> Reading:
    return Reading(
        "3a57b061d440-mc-ab", "part", "multiple_choice", "s", "p", "a", "q", acceptable, why
    )


def test_a_reason_is_sorted_by_its_first_kind():
    assert cause(_reading("Mixed tenses: ... is ungrammatical")) == "garbled rewrite"
    assert cause(_reading('Leftover Markdown underscore in "the Chimes_"; clumsy')) == (
        "leftovers or markup"
    )
    assert cause(_reading("Distractor 1393 predates Henry IV's reign")) == (
        "a choice ruled out or also true"
    )
    assert cause(_reading("fine", acceptable=True)) == "accepted"


def test_a_fact_banked_as_a_choice_stands_as_one():
    dumped = {
        "s": {
            "bank": [
                {"id": "abc-cloze", "type": "cloze"},
                {"id": "abc-mc", "type": "multiple_choice"},
            ]
        }
    }
    assert fact("3a57b061d440-mc-ab") == "3a57b061d440"
    assert standing(dumped) == {"abc": "multiple_choice"}
