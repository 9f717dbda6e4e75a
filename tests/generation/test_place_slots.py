"""A rare name the tagger read as an organisation or a person, in a slot its sentence gives a
place, is a place (refusals.resolve): it was refused as a parser slip before."""

from __future__ import annotations

import pytest

from app.generation.facts import Fact
from app.generation.guessing import Salience
from app.generation.mentions import EntityIndex, Mention
from app.generation.refusals import resolve
from app.generation.types import Quote


def _fact(sentence: str, answer: str, kind: str) -> Fact:
    start = sentence.index(answer)
    quote = Quote("src", 0, len(sentence), sentence)
    return Fact(f"{kind}-{answer}", "src", kind, "", answer, quote, start, 0.0, group="g")


def _resolved(sentence: str, answer: str, kind: str) -> tuple[Fact, dict[str, str]]:
    index = EntityIndex()
    index.add(Mention(0, 1, kind, kind.upper(), answer))
    fact = _fact(sentence, answer, kind)
    refused: dict[str, str] = {}
    resolve([fact], index, Salience(), refused)
    return fact, refused


@pytest.mark.parametrize(
    ("sentence", "answer", "read_as"),
    [
        # SQuAD's Rhine and Normans (tuning articles): refused as slips, so never asked.
        (
            "A regulation of the Rhine was called for, with an upper canal near Diepoldsau and "
            "a lower canal at Fußach.",
            "Diepoldsau",
            "organisation",
        ),
        (
            "A regulation of the Rhine was called for, with an upper canal near Diepoldsau and "
            "a lower canal at Fußach.",
            "Fußach",
            "person",
        ),
        (
            "Bohemond signed a peace treaty with the Byzantines in the city of Deabolis.",
            "Deabolis",
            "organisation",
        ),
    ],
)
def test_a_rare_name_in_a_place_slot_is_a_place(sentence, answer, read_as):
    fact, refused = _resolved(sentence, answer, read_as)
    assert fact.kind == "place"
    assert fact.id not in refused


@pytest.mark.parametrize(
    ("sentence", "answer", "read_as"),
    [
        # "to" and "from" take people and bodies as well as places.
        ("The offer came from Velmora, the new owner.", "Velmora", "organisation"),
        ("He was an adviser to Quenlor for ten years.", "Quenlor", "person"),
        # An organisation at, in or through: an employer, a holder, a channel (fresh5, tune2).
        ("Phil Levy is the chief economist at Flexport.", "Flexport", "organisation"),
        (
            "Control of the oil industry is consolidated in Sonangol Group.",
            "Sonangol Group",
            "organisation",
        ),
        # The word of place belongs to a date before the name.
        ("In 951, Elfeg, the Bishop of Winchester, built an organ.", "Elfeg", "person"),
        # Not in a place's slot.
        ("The Frankish leader Oursel ruled the valley.", "Oursel", "person"),
        # A name everyday English writes: the refusal stands.
        ("The channels are under a licence held at Ofcom.", "Ofcom", "organisation"),
    ],
)
def test_other_slips_stay_refused(sentence, answer, read_as):
    fact, refused = _resolved(sentence, answer, read_as)
    assert fact.kind == read_as
    assert fact.id in refused


def test_a_credible_organisation_keeps_its_kind():
    """Named twice: not a slip, so the tagger's kind stands even in a place's slot."""
    index = EntityIndex()
    for _ in range(2):
        index.add(Mention(0, 1, "organisation", "ORG", "Velmora"))
    fact = _fact("The deal was signed at Velmora.", "Velmora", "organisation")
    resolve([fact], index, Salience(), {})
    assert fact.kind == "organisation"
