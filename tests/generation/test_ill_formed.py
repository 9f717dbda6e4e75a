"""Sentences the source wrote badly are not asked (ill_formed.py): fresh7's judged prompts that
both readers marked "grammatical: no", copied from the source."""

from __future__ import annotations

import pytest

from app.generation.guessing import Salience
from app.generation.ill_formed import SUBJECT_COMMA, TWO_SUBJECTS, VERBLESS, ill_formed
from app.generation.mentions import EntityIndex
from app.generation.refusals import refusal

from .test_facts import facts_of

pytestmark = pytest.mark.slow

DANTO = (
    "In 1998, Arthur Danto, suggested a thought experiment showing that the status of an "
    "artifact results from the ideas a culture applies to it."
)


@pytest.mark.parametrize(
    ("sentence", "why"),
    [
        (
            'Walter Scott Houston (1912–1993) who wrote the "Deep-Sky Wonders" column in Sky & '
            "Telescope magazine for almost 50 years.",
            VERBLESS,
        ),
        (
            "Since the mid-1960s, Western-influenced Azerbaijani pop music, in its various forms, "
            "that has been growing in popularity in Azerbaijan, while genres as rock and hip hop "
            "of alternative music genres are encouraged.",
            TWO_SUBJECTS,
        ),
        (DANTO, SUBJECT_COMMA),
        ("State insect: four-spot skimmer dragonfly, adopted 1995.", SUBJECT_COMMA),
        ("The man in the grey suit, was never seen again in 1990.", SUBJECT_COMMA),
        # fresh6's and fresh7's: the same slip ("Thomas Bopp, shared"; "Reichenbach, published").
        (
            "In 1845, Baron Carl Reichenbach, published his studies on Odic force, but his "
            "research did not enter the mainstream of scientific discussion.",
            SUBJECT_COMMA,
        ),
        (
            'Robert E. Cox (1917–1989) who conducted the "Gleanings for ATMs" column in Sky and '
            "Telescope magazine for 35 years.",
            VERBLESS,
        ),
    ],
)
def test_the_sources_slips(nlp, sentence, why):
    [sent] = nlp(sentence).sents
    assert ill_formed(sent) == why


@pytest.mark.parametrize(
    "sentence",
    [
        "In 1995, Norway agreed to supply the reactor to Chile.",
        # An apposition or an aside holds another comma: the subject's comma closes it.
        "Anna Berg, secretary of the Nordic Council, signed the Vienna Agreement in 1999.",
        "Berg, however, signed the treaty in 1999.",
        "The Peace of Westphalia is a treaty signed in 1648.",
        # A participle's commas (tune's IBM sentence), a root the parser misread (tune's
        # MacDowell: "Already in 1685, when ... appeared, the custom ... began"): well formed.
        "International Business Machines Corporation (using the trademark IBM), nicknamed Big "
        "Blue, is an American multinational technology company present in over 170 countries.",
        "Already in 1685, when Corelli's sonatas for strings appeared, the custom of decreasing "
        "the number of movements to three began to obtain, and a century later this custom was "
        "universal.",
        "In 1695, John Ravenscroft, a descendant, possibly, of Thomas Ravenscroft, published at "
        "Rome, sonatas for violins, but they were mere imitations of Corelli.",
        # heldout's: the parser's subject is a conjunct ("or Bugava"), its verb tagged VBN.
        "In the autumn of 1858 two native farmers of the parish of Bugaba, or Bugava, discovered "
        "a golden image that had been exposed by the uprooting of a plant.",
        "From 2000 to 2002, Tarrant, along with several other Texas water districts, offered to "
        "purchase water from Oklahoma and the Choctaw and Chickasaw Nations.",
        # fresh6's and fresh7's misparsed good sentences (a main clause read as a relative one,
        # a past tense as a modifier, a participle as the verb).
        "In Germany the anarchist Erich Mühsam was arrested on charges unknown in the early "
        "morning hours of 28 February 1933, within a few hours after the Reichstag fire in Berlin.",
        "In 1932 an expedition set out from MGM's studios in Hollywood to Alaska to film what was "
        'then billed as "The Biggest Picture Ever Made."',
        "Sitka, renamed New Archangel from 1804 to 1867, on Baranof Island in the Alexander "
        "Archipelago in what is now Southeast Alaska, became the capital of Russian America.",
    ],
)
def test_well_formed_sentences_pass(nlp, sentence):
    [sent] = nlp(sentence).sents
    assert ill_formed(sent) is None


def test_a_fact_of_an_ill_formed_sentence_is_refused(nlp, recognizers):
    [fact] = [f for f in facts_of(nlp, recognizers, DANTO + "\n") if f.answer == "1998"]
    assert fact.ill_formed == SUBJECT_COMMA
    assert refusal(fact, EntityIndex(), Salience(), set()) == SUBJECT_COMMA
