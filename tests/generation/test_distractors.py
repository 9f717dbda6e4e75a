"""Distractors: wrong choices of the answer's kind, never an alias, a quoted name or a repeat."""

from __future__ import annotations

import random

import pytest

from app.generation.distractors import Candidate, look_alike_long_forms, pick, renamed
from app.generation.mentions import is_alias, normalise
from app.generation.nlp import initials_match


def candidate(text: str, label: str = "PERSON", count: int = 2) -> Candidate:
    return Candidate(text, normalise(text), label, count)


PEOPLE = [
    candidate(name)
    for name in (
        "Anna Berg",
        "Otto Berg",  # shares the answer's surname
        "A. Berg",
        "Berg",
        "Otto Vahl",
        "Lena Holm",
        "Karl Strand",
        "Maria Lind",
        "Per Ekdahl",
        "Ines Roth",
        "Jonas Falk",
        "Jonas Falck",  # a spelling variant of another candidate
    )
]


@pytest.mark.parametrize("seed", range(12))
def test_pick_never_returns_aliases_exclusions_or_repeats(seed):
    exclude = ["Lena Holm", "Karl Strand"]
    chosen = pick("Anna Berg", "PERSON", PEOPLE, random.Random(seed), exclude=exclude)
    assert len(chosen) == 3
    assert len(set(chosen)) == 3
    for text in chosen:
        assert not is_alias(text, "Anna Berg")
        assert text not in exclude
        assert not any(is_alias(text, other) for other in chosen if other != text)


def test_pick_is_deterministic_for_a_seed():
    first = pick("Anna Berg", "PERSON", PEOPLE, random.Random("fact-1"))
    assert pick("Anna Berg", "PERSON", PEOPLE, random.Random("fact-1")) == first


def test_pick_shortlists_the_most_alike():
    alike = ["Otto Vahl", "Lena Holm", "Karl Strand", "Maria Lind", "Ines Roth", "Jonas Falk"]
    unlike = ["Northern Shipping", "Baltic Trading", "Harbour Press", "Fjord", "Oslo", "Bergen"]
    pool = [candidate(t) for t in alike] + [candidate(t, "ORG", 1) for t in unlike]
    for seed in range(10):
        # n=2 shortlists six: the same label, length and shape as the answer come first.
        chosen = pick("Anna Berg", "PERSON", pool, random.Random(seed), n=2)
        assert len(chosen) == 2
        assert set(chosen) <= set(alike)


def test_pick_gives_nothing_when_too_few():
    pool = [candidate("Anna Berg"), candidate("Otto Berg"), candidate("Otto Vahl")]
    assert pick("Anna Berg", "PERSON", pool, random.Random(0)) == []
    assert pick("Anna Berg", "PERSON", [], random.Random(0)) == []


@pytest.mark.parametrize(
    "long_form",
    [
        "Gulf Cooperation Council",
        "Association of Southeast Asian Nations",
        "North Atlantic Treaty Organization",
    ],
)
@pytest.mark.parametrize("seed", range(4))
def test_look_alike_long_forms_keep_the_initials(long_form, seed):
    short = "".join(w[0] for w in long_form.split() if w[0].isupper())
    variants = look_alike_long_forms(long_form, ["Global", "Court", "Agency"], random.Random(seed))
    assert len(variants) == 3
    assert len(set(variants)) == 3
    for variant in variants:
        assert variant != long_form
        assert len(variant.split()) == len(long_form.split())
        assert initials_match(short, variant.split())
        kept = [w for w in variant.split() if not w[0].isupper()]
        assert kept == [w for w in long_form.split() if not w[0].isupper()]  # "of" stays


def test_renamed_swaps_the_proper_name():
    names = ["Rome", "Paris", "Lisbon", "Nice", "New York"]
    variants = renamed("Treaty of Lisbon", names, random.Random(0))
    assert len(variants) == 3 and len(set(variants)) == 3
    for variant in variants:
        assert variant.startswith("Treaty of ")
        assert variant.removeprefix("Treaty of ") in {
            "Rome",
            "Paris",
            "Nice",
        }  # one word, not Lisbon
    assert renamed("Vienna Agreement", ["Oslo"], random.Random(0)) == ["Oslo Agreement"]
    # Nothing to swap in a name made only of title words.
    assert renamed("the treaty of peace", ["Rome"], random.Random(0)) == []
