"""Prompts that name a thing only by its place in a whole, or by what it is, stand only with
that whole or its name: "the first", "the last-named", "No. 1", "the middle movement", "the
composer", "its shorelines" (issue 14: lost context, the tuning labels' largest class of no)."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    "text, answer",
    [
        # Tuning labels (tune2): judges asked "the first of which piece?", "who is the
        # last-named?", "No. 1 of what work?", "which composer?".
        ("The first, which ends in the dominant key (C), contains 24 bars.", "24"),
        (
            'An opera by the last-named, which appeared at Hanover in 1689, has an "Air de '
            'Ballet."',
            "1689",
        ),
        ("No. 1 has an opening of 24 bars in common time, fugato.", "24"),
        (
            "Thomas Roseingrave, who went to Italy in 1710, became acquainted with the composer.",
            "Thomas Roseingrave",
        ),
        # Tuning labels (tune): "its shorelines": the lake is never named.
        (
            "Specifically, its shorelines lie in the German states of Bavaria and "
            "Baden-Württemberg.",
            "Bavaria",
        ),
        ("The former was a nephew of the Archbishop of Naples, and was born in 1550.", "1550"),
        ("In 1750 a second edition was published at Amsterdam.", "1750"),
        ("The middle movement opens with an 8-bar phrase, closing on the dominant.", "8-bar"),
        ("The software was released in 2002 by Gary Sherman.", "2002"),
    ],
)
def test_a_part_or_role_of_an_unnamed_whole_refuses_the_prompt(settled, text, answer):
    assert settled(text, answer) is None


@pytest.mark.parametrize(
    "text, answer",
    [
        ("Edmund Hillary was the first to climb Everest, in 1953.", "1953"),
        ("The first movement of the Eroica Symphony lasts 15 minutes.", "15"),
        ("Beethoven's second symphony was finished in 1802.", "1802"),
        ("No. 8 of the Paradies sonatas was printed in London in 1754.", "1754"),
        ("The first expedition reached the river Rhine in 1850.", "1850"),
        # "its" of a phrase inside the subject: the subject's own ("the release's").
        (
            "The QGIS 3.4 release, with its commitment to long-term support, came out in 2018.",
            "2018",
        ),
        # The composer named in the sentence as a work's owner, not as another party.
        (
            "The failure of Bizet's Carmen is said to have hastened the composer's death in 1875.",
            "1875",
        ),
        ("The idea of an introductory slow movement had already occurred to Haydn.", "Haydn"),
        ("Of his sons, Carl Philipp Emanuel did much for the sonata in 1760.", "1760"),
    ],
)
def test_a_named_whole_or_a_saying_which_phrase_stands(settled, text, answer):
    assert settled(text, answer) is not None


def test_the_composer_is_written_out_as_the_one_composer_the_paragraph_named(settled):
    text = (
        "Domenico Scarlatti was born at Naples in 1685. Thomas Roseingrave, who went to "
        "Italy in 1710, became acquainted with the composer."
    )
    assert settled(text, "1710") == (
        "Fill in the blank: Thomas Roseingrave, who went to Italy in _____, became acquainted "
        "with Domenico Scarlatti."
    )
