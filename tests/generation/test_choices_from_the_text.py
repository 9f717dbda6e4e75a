"""Wrong choices for a name come from its own text or from texts on the same subject."""

from __future__ import annotations

from dataclasses import replace
from types import SimpleNamespace

import pytest

from app.generation import builders, corpus_questions, wrong_choices
from app.generation.dates import parse_date
from app.generation.distractors import Candidate
from app.generation.mentions import EntityIndex, Mention
from app.generation.types import Quote

NORMANS = ["Rollo", "Robert Guiscard", "Bohemond", "Tancred", "Richard", "Roger"]
BROWSER = ["Dave Hyatt", "Jamie Zawinski", "Mitchell Baker", "Brendan Eich"]


def fact(source: str, answer: str, others: list[str]) -> SimpleNamespace:
    """What the pool filter reads of a fact: its text, answer and the names beside it."""
    return SimpleNamespace(
        source=source,
        answer=answer,
        others=tuple(o.lower() for o in others),
        kind="person",
        label="PERSON",
        role=None,
        quote=Quote(source, 0, 10, f"{answer} did it."),
    )


def names_only(pools: dict, facts: list) -> wrong_choices.Context:
    """A generation context with only these name pools and the facts' related texts."""
    return wrong_choices.Context(
        pools=pools,
        dates=[],
        amounts=[],
        place_names=[],
        role_of={},
        valued={},
        topic=set(),
        latest={},
        related=wrong_choices.related_texts(facts, topic=set()),
    )


def test_texts_sharing_names_offer_each_other_theirs_and_others_do_not():
    facts = [
        fact("normans", "Rollo", NORMANS[1:]),
        fact("sicily", "Roger", NORMANS[:5]),  # a second text on the Normans
        fact("firefox", "Dave Hyatt", BROWSER[1:]),
    ]
    related = wrong_choices.related_texts(facts, topic=set())
    assert "tancred" in related["sicily"] and "roger" in related["normans"]
    assert not {"jamie zawinski", "brendan eich"} & related["normans"]
    assert not {"rollo", "tancred"} & related["firefox"]


def test_a_person_is_never_offered_people_of_an_unrelated_text():
    """Judges: "Rupert Murdoch and Jamie Zawinski are absurd as ancestors of a Byzantine
    family"; "Jacob Zuma is absurd as a Mozilla developer"."""
    facts = [
        fact("normans", "Rollo", []),
        fact("firefox", "Dave Hyatt", []),
        fact("normans", "Tancred", NORMANS[1:3]),  # other sentences of each text
        fact("firefox", "Brendan Eich", BROWSER[1:3]),
    ]
    people = [Candidate(n, n.lower(), "PERSON", 2) for n in NORMANS[:4] + BROWSER]
    context = names_only({"person": people}, facts)
    rng = builders.rng_for("x")
    assert set(wrong_choices.choose(facts[0], rng, context)) == {
        "Robert Guiscard",
        "Bohemond",
        "Tancred",
    }
    assert set(wrong_choices.choose(facts[1], rng, context)) == set(BROWSER[1:])


def test_a_name_read_as_both_person_and_place_is_no_ones_wrong_choice():
    """Judges: "Catlin and Burney are people" (offered as places); "Dublin Castle is a
    building, not a person"."""
    index = EntityIndex()
    for kind, text in [
        ("place", "Venice"),
        ("place", "Dublin Castle"),
        ("person", "Dublin Castle"),
        ("person", "Gaspare Spontini"),
        ("place", "Spontini"),
        ("person", "Michael Grade"),
    ]:
        index.add(Mention(0, 1, kind, "X", text))
    assert corpus_questions.unsure_kinds(index) == {"dublin castle", "spontini"}


def test_a_person_is_swapped_into_a_false_statement_only_with_a_known_office():
    """A judge: "Russian President Elena Andreeva" (a scholar swapped in for Putin) is absurd."""
    putin = fact("bundled", "Vladimir Putin", [])
    assert not corpus_questions.swappable(putin)
    putin.role = "Russian President"  # the wrong choice was then drawn among Russian presidents
    assert corpus_questions.swappable(putin)
    assert corpus_questions.swappable(SimpleNamespace(kind="place", role=None))


def test_a_form_the_key_accepts_is_never_a_wrong_choice():
    """The bundled bank offered "S-300" as a wrong choice for "SA-20s", which the text gives
    as the same system (asked here in the singular, whose choices are singular too)."""
    systems = ["S-300", "Shahed-136", "Mohajer-6", "Tor-M1"]
    sa20 = fact("arms", "SA-20", [])
    sa20.kind = sa20.label = "equipment"
    facts = [sa20, fact("arms", "Tor-M1", [n.lower() for n in systems[:3]])]
    pool = [Candidate(n, n.lower(), "equipment", 2) for n in systems]
    context = names_only({"equipment": pool}, facts)
    rng = builders.rng_for("x")
    assert "S-300" in wrong_choices.choose(sa20, rng, context)
    assert "S-300" not in wrong_choices.choose(sa20, rng, context, accept=["S-300"])


def test_a_system_of_unknown_type_or_in_the_plural_takes_no_choices_of_another_kind():
    """Bundled judging (seed 126): "Shahed-136 and Mohajer-6 are Iranian drones, not
    air-defence systems Iran would acquire, and they don't fit grammatically (no plural)"."""
    pool = [
        Candidate("Shahed-136", "shahed-136", "equipment:drone", 2),
        Candidate("Mohajer-6", "mohajer-6", "equipment:drone", 2),
        Candidate("S-400", "s-400", "equipment:system", 2),
        Candidate("Fateh-110", "fateh-110", "equipment", 2),
        Candidate("Tor-M1", "tor-m1", "equipment", 2),
        Candidate("Buk-M2", "buk-m2", "equipment", 2),
    ]
    plural = fact("arms", "SA-20s", [])
    plural.kind = plural.label = "equipment"
    single = fact("arms", "SA-21", [])
    single.kind = single.label = "equipment"
    other = fact("arms", "Tor-M1", [c.key for c in pool])  # another sentence of the text
    context = names_only({"equipment": pool}, [plural, single, other])
    rng = builders.rng_for("x")
    assert wrong_choices.choose(plural, rng, context) == []
    assert set(wrong_choices.choose(single, rng, context)) == {"Fateh-110", "Tor-M1", "Buk-M2"}


def test_plural_and_singular_designators_take_choices_of_their_own_number():
    """Review 14: "a _____" was offered "F-35s"; "Su-30MKIs" was read as singular and
    "iPhone 5s" (one phone) as plural."""
    pool = [
        Candidate(n, n.lower(), "equipment", 2)
        for n in ["F-35s", "MiG-29s", "B-52s", "Tor-M1", "Buk-M2", "S-400", "iPhone 5s"]
    ]
    single = fact("arms", "SA-21", [])
    plural = fact("arms", "Su-30MKIs", [])
    for f in (single, plural):
        f.kind = f.label = "equipment"
    other = fact("arms", "Tor-M1", [c.key for c in pool])
    context = names_only({"equipment": pool}, [single, plural, other])
    rng = builders.rng_for("x")
    assert set(wrong_choices.choose(plural, rng, context)) == {"F-35s", "MiG-29s", "B-52s"}
    assert not {"F-35s", "MiG-29s", "B-52s"} & set(wrong_choices.choose(single, rng, context))


def dated_fact(sentence: str, answer: str) -> SimpleNamespace:
    """What the wrong-date choice reads of a fact: its sentence, answer and date."""
    return SimpleNamespace(
        source="src",
        answer=answer,
        answer_start=sentence.index(answer),
        others=(),
        kind="date",
        date=parse_date(answer),
        quantity=None,
        bound="",
        quote=Quote("src", 0, len(sentence), sentence),
    )


@pytest.mark.parametrize(
    ("sentence", "answer"),
    [
        ("Rand wrote her longest novel in the 1950s.", "the 1950s"),
        ("Contacts in trade already existed in the ninth century.", "ninth century"),
        ("Griebling played the clown during the 1930s to 1950s.", "1930s to 1950s"),
    ],
)
def test_a_decade_or_a_century_is_asked_typed_not_chosen(sentence, answer):
    """Judges accepted 2 of 27 decades and 1 of 9 centuries chosen among wrong periods (a
    generation away, they fall outside the subject's life: "1990s is after Rand died (1982) and
    1910s when she was a child"; "the sixth century predates the Rus'"), against 25 of 47 and
    14 of 23 typed: such a date takes no wrong choices, and its cloze is asked instead."""
    fact = dated_fact(sentence, answer)
    dates = [("src", parse_date(d)) for d in ("the 1920s", "the 1970s", "the 1990s", "1962")]
    context = replace(names_only({}, []), dates=dates, latest={"src": 2000})
    assert wrong_choices.choose(fact, builders.rng_for("x"), context) == []
    year = dated_fact("Rand wrote her longest novel in 1957.", "1957")
    assert len(wrong_choices.choose(year, builders.rng_for("x"), context)) == 3


def test_a_wrong_year_another_sentence_on_all_the_same_names_dates_is_not_offered():
    """fresh5 readers (four of four): "In which year did Gershwin go to Paris?" offered 1928,
    "also a year Gershwin went to Paris" ("return to Paris, which he did in March 1928"). The
    names are the text's topic, so sharing one is no sign; sharing all of them is, and a month
    inside the wrong year makes it true."""
    fact = dated_fact("Gershwin went to Paris in 1926 to study.", "1926")
    fact.others = ("gershwin", "paris")
    dates = [("src", parse_date(y)) for y in ("1928", "1924", "1929", "1931", "1922")]
    valued = {
        "src": [
            ("march 1928", frozenset({"gershwin", "paris", "march 1928"})),
            ("1924", frozenset({"gershwin", "rhapsody in blue"})),  # one name: no sign
        ]
    }
    context = replace(
        names_only({}, []),
        dates=dates,
        latest={"src": 1937},
        valued=valued,
        topic={"gershwin", "paris"},
    )
    for seed in ("x", "y", "z"):
        wrong = wrong_choices.choose(fact, builders.rng_for(seed), context)
        assert len(wrong) == 3 and "1928" not in wrong
    assert any("1924" in wrong_choices.choose(fact, builders.rng_for(s), context) for s in "abcdef")
