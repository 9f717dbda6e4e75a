"""Guessability per text and kind: the default guesses, not every frequent name."""

from __future__ import annotations

from app.generation.guessing import Salience, habitual_pairs
from app.generation.mentions import Mention


def _salience(source: str, *mentions: tuple[str, str, int], into: Salience | None = None):
    salience = into or Salience()
    for text, kind, times in mentions:
        for _ in range(times):
            salience.add(source, Mention(0, 1, kind, kind.upper(), text))
    return salience


def test_the_texts_main_place_is_guessable_but_its_forts_are_not():
    # An article on a war names its forts often, but none takes a large share of its places.
    forts = [(f"Fort {n}", "place", 6) for n in ("Duquesne", "Necessity", "Le Boeuf", "Niagara")]
    salience = _salience("war", ("Ohio Country", "place", 20), *forts)
    assert salience.guessable("war", "ohio country")
    assert not salience.guessable("war", "fort duquesne")


def test_a_frequent_name_is_guessable_only_in_its_own_text():
    salience = _salience("a", ("Iran", "place", 10), ("Bushehr", "place", 2))
    _salience("b", ("Iran", "place", 1), ("Vienna", "place", 9), into=salience)
    assert salience.guessable("a", "iran")
    assert not salience.guessable("b", "iran")
    assert salience.anywhere() == {"iran", "vienna"}


def test_few_mentions_are_never_a_default_guess():
    salience = _salience("a", ("Oslo", "place", 4))
    assert not salience.guessable("a", "oslo")


def test_a_persons_full_name_and_surname_count_together():
    salience = _salience(
        "a",
        ("Vladimir Putin", "person", 3),
        ("Putin", "person", 3),
        *[(f"Person {n}", "person", 1) for n in "ABCDEFGHIJ"],
    )
    assert salience.guessable("a", "putin")
    assert salience.guessable("a", "vladimir putin")


def test_dates_and_figures_are_not_counted():
    salience = _salience("a", ("1999", "date", 50))
    assert not salience.guessable("a", "1999")


def test_names_written_together_often_are_a_habitual_pair():
    together = frozenset({"moscow", "tehran"})
    sentences = [("a", together | {f"x{n}"}) for n in range(4)]
    sentences += [("a", frozenset({"moscow", "vienna"}))] * 3
    sentences += [("b", together)]  # another text's sentences do not add up with these
    pairs = habitual_pairs(sentences)
    assert ("a", "moscow", "tehran") in pairs and ("a", "tehran", "moscow") in pairs
    assert ("a", "moscow", "vienna") not in pairs  # three sentences: not yet a habit
    assert ("b", "moscow", "tehran") not in pairs
