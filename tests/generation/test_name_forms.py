"""Other names a reader would write: no title, the other designator, the short or long form."""

from __future__ import annotations

import pytest

from app.generation.name_forms import (
    add_alias,
    designator_forms,
    other_names,
    person_forms,
    same_systems,
)
from app.generation.pipeline import generate
from app.generation.types import SourceText


@pytest.mark.parametrize(
    ("answer", "expected"),
    [
        ("Ayatollah Ali Khamenei", ["Ali Khamenei", "Khamenei"]),
        ("President Hassan Rouhani", ["Hassan Rouhani", "Rouhani"]),
        ("Supreme Leader Ayatollah Ali Khamenei", ["Ali Khamenei", "Khamenei"]),
        ("Prime Minister Boris Johnson", ["Boris Johnson", "Johnson"]),
        ("President Putin", ["Putin"]),
        ("Dmitry Peskov", ["Peskov"]),
        ("King Charles III", ["Charles III"]),  # not "III", not "Charles"
        ("King John", []),  # a monarch's given name alone is no one in particular
        ("Peter the Great", []),
        # Held-out readers: "Observatory" alone was accepted for a place typed as a person.
        ("Arecibo Observatory", []),
        ("George Bush", ["Bush"]),  # a surname that is also a word stays a surname
        # russia-iran seed 95: "'Assad' not accepted" for "Bashar al-Assad".
        ("Bashar al-Assad", ["al-Assad", "Assad"]),
        # tune seed 81: "'Bashir' rejected" for "Omar Hassan al-Bashir".
        ("Omar Hassan al-Bashir", ["al-Bashir", "Bashir"]),
        ("Charles de Gaulle", ["de Gaulle"]),
    ],
)
def test_person_forms(answer, expected):
    assert person_forms(answer) == expected


@pytest.mark.parametrize(
    ("answer", "expected"),
    [("SA-20s", ["SA-20"]), ("S-300", ["S-300s"]), ("Su-35S", []), ("Shahed", [])],
)
def test_designator_forms(answer, expected):
    assert designator_forms(answer) == expected


def test_same_systems_pairs_a_designator_with_its_nato_name_only():
    text = (
        "the transfer of S-300/SA-20 GARGOYLE systems; the S-300 (SA-20) again; "
        "S-300/S-400 batteries and Su-35/MiG-29 fighters"
    )
    assert same_systems(text) == [("S-300", "SA-20"), ("S-300", "SA-20")]


def _aliases(*pairs: tuple[str, str]) -> dict[str, list[str]]:
    aliases: dict[str, list[str]] = {}
    for one, other in pairs:
        add_alias(aliases, one, other)
    return aliases


@pytest.mark.parametrize(
    ("answer", "expected"),
    [
        ("SA-20s", ["SA-20", "S-300", "S-300s"]),
        ("S-300", ["SA-20", "S-300s"]),
        ("FBI", ["Federal Bureau of Investigation"]),
        ("Federal Bureau of Investigation", ["FBI"]),
        ("the Islamic Revolutionary Guard Corps", ["IRGC"]),
        ("NCR", ["National Cash Register"]),
        ("S-400", ["S-400s"]),  # another system: not "SA-20"
        ("Bureau of Investigation", []),  # part of a name is not the name
        ("Central and Western Europe", []),  # nor is a broader place
    ],
)
def test_other_names_the_text_defines(answer, expected):
    aliases = _aliases(
        ("S-300", "SA-20"),
        ("Federal Bureau of Investigation", "FBI"),
        ("Islamic Revolutionary Guard Corps", "IRGC"),
        ("National Cash Register", "NCR"),
    )
    assert other_names(answer, aliases) == expected


@pytest.mark.parametrize(
    ("answer", "expected", "wrong"),
    [
        ("the United Nations", "UN", "US"),
        ("UN", "United Nations", "UK"),
        ("US", "United States", "USSR"),
        ("U.S.", "USA", "UN"),
        ("United States", "U.S.", "America"),
        ("UK", "United Kingdom", "Britain"),
        ("USSR", "Soviet Union", "Russia"),
        ("EU", "European Union", "Europe"),
    ],
)
def test_other_names_in_common_use(answer, expected, wrong):
    forms = other_names(answer, {})
    assert expected in forms
    assert wrong not in forms


def test_an_acronym_the_text_does_not_define_gets_no_long_form():
    assert other_names("FBI", _aliases(("Central Intelligence Agency", "CIA"))) == []


_DEFINED = """The inquiry

The Federal Bureau of Investigation (FBI) is the domestic security service of the United States. \
In March 2017 the director of the FBI told Congress that the inquiry had begun in July 2016. \
Agents of the FBI later questioned three aides of the campaign in New York. \
In 2018 an envoy of Ayatollah Ali Khamenei met aides of the campaign in Vienna.

In April 2015, Putin lifted a ban on the transfer of S-300/SA-20 GARGOYLE missile systems to Iran. \
Tehran had long sought SA-20s to defend its nuclear sites near Natanz.
"""


def test_generated_cloze_accepts_the_names_its_text_defines(nlp):
    result = generate(
        [SourceText("t1", _DEFINED, "The inquiry")],
        nlp,
        words_per_fact=1,
        learned_ranker=False,
        facts_per_group=5,
    )
    accept = {q.answer: set(q.accept) for q in result.questions if q.type == "cloze"}
    assert "Federal Bureau of Investigation" in accept["FBI"]
    assert {"SA-20", "S-300"} <= accept["SA-20s"]
    assert "US" in accept["United States"]
    assert {"Ali Khamenei", "Khamenei"} <= accept["Ayatollah Ali Khamenei"]
    assert "SA-20" not in accept["Iran"]
