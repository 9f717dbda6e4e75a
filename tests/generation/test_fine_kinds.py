"""Wrong choices of the answer's fine kind, read from the names and the text's roles."""

from __future__ import annotations

import pytest

from app.generation.fine_kinds import role_head, same_fine_kind, same_role


@pytest.mark.parametrize(
    ("kind", "answer", "candidate", "same"),
    [
        ("place", "Fort Duquesne", "Fort Necessity", True),
        ("place", "Fort Duquesne", "Pittsburgh", False),
        ("place", "Pittsburgh", "Philadelphia", True),
        ("place", "Dushanbe", "Islamic Revolution", False),
        ("treaty", "Vienna Agreement", "Gore-Chernomyrdin agreement", True),
        ("treaty", "Vienna Agreement", "Article 146 of the Iranian Constitution", False),
        ("treaty", "UN Security Council resolutions", "UN resolution 2231", False),
        ("organisation", "Shanghai Cooperation Organisation", "Eurasian Economic Union", True),
        ("organisation", "Shanghai Cooperation Organisation", "Sukhoi", False),
        ("organisation", "OPEC", "NATO", True),
    ],
)
def test_same_fine_kind(kind, answer, candidate, same):
    assert same_fine_kind(kind, answer, candidate) is same


def test_a_persons_wrong_choices_hold_the_same_office_of_the_same_country():
    assert role_head("former Iranian President") == ("president", "Iranian")
    assert same_role("former Iranian President", "Iranian President")
    assert same_role("former Iranian President", "President")
    assert not same_role("former Iranian President", "Syrian President")
    assert not same_role("former Iranian President", "Russian Foreign Minister")
    assert not same_role("former Iranian President", None)  # Peter the Great: no such role
