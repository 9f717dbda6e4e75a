"""Amounts that describe a thing in passing rather than say what the sentence is about.

Judges refused most blanks over such a figure (issue 14; every tuning reading of a cloze
figure, `python -m bench.figure_readings`): the size of a thing named on the way ("a 40-acre
ranchito", "a five-year project", "dishes, each 5 metres wide"), the whole a part is counted
from ("8,000 of the 20,000 troops": the 8,000 is the news), a number that is part of a name
("Flight 610", "Building 24"), a description set beside a noun ("Tunisia, a nation of about 11
million people, was governed ..."). Each is read off the dependency parse of the sentence.
"""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

ATTRIBUTIVE = "an amount describing the noun it stands before (a 40-acre ranch)"
SIDE_MEASURE = "a size said in passing (each 5 metres wide, 30 km downstream)"
WHOLE_OF_A_PART = "the whole a part is counted from (8,000 of the 20,000 troops)"
PART_OF_A_NAME = "a number that is part of a name (Flight 610, Building 24)"
REFERENCE_NUMERAL = "a drawing's reference numeral (the disc 142, a valve 130)"
APPOSITION = "an amount in a description set beside a noun (a nation of 11 million people)"

# "five-year", "40-acre", "2,500-kilometre", "17-million": an amount hyphenated to its unit is
# written as an adjective, whatever the parser makes of it. Not "twenty-four", a number.
_HYPHENATED = re.compile(
    r"(?:\d|\b[a-z]+)-(?!(?:one|two|three|four|five|six|seven|eight|nine)\b)[a-z]+$",
    re.IGNORECASE,
)
_NOUNS = frozenset({"NOUN", "PROPN"})
# Units printed right after a number that the parser may make the phrase's head ("the 25% limit",
# "the 28.5°E position", "a 25 percent cap"); not any noun ("the 400 city laborers" counts them).
_UNITS = frozenset(
    "% ° ´ percent m km cm mm ft mi kg km2 m2 metres meters feet foot inches inch miles acres "
    "hectares tonnes tons".split()
)
# The amount is the change itself ("the predicted 10.8% growth"), not a size on the way.
_CHANGES = frozenset(
    "growth increase rise decline decrease fall drop gain loss cut jump surge reduction".split()
)
# "The Scillies lie twenty-seven miles west of Land's End": where a thing is, its statement.
_DIRECTIONS = frozenset(
    "north south east west northeast northwest southeast southwest away apart inland "
    "offshore".split()
)
_MONTHS = frozenset(
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec".split()
)


def incidental_figure(span: Span) -> str | None:
    """Why this amount is a detail the sentence gives on the way to its statement, or None."""
    if _attributive(span):
        return ATTRIBUTIVE
    if _side_measure(span):
        return SIDE_MEASURE
    if _whole_of_a_part(span):
        return WHOLE_OF_A_PART
    if _part_of_a_name(span):
        return PART_OF_A_NAME
    if _reference_numeral(span):
        return REFERENCE_NUMERAL
    if _in_apposition(span):
        return APPOSITION
    return None


def _amount(span: Span) -> Token:
    """The amount's top token: past the number to a unit printed right after it ("28.5°")."""
    token = span.root
    while (
        token.dep_ in {"nummod", "quantmod"}
        and token.head.i == span.end
        and (token.head.pos_ == "SYM" or token.head.lower_ in _UNITS)
    ):
        token = token.head
    return token


def _attributive(span: Span) -> bool:
    """'a 40-acre ranchito', 'the 25% limit': the amount qualifies the noun after it."""
    doc = span.doc
    following = doc[span.end] if span.end < len(doc) else None
    if _HYPHENATED.search(span.text) and following is not None and not following.is_sent_end:
        return following.pos_ in {"NOUN", "PROPN", "ADJ"}
    token = _amount(span)
    head = token.head
    return (
        token.dep_ in {"compound", "amod", "nmod"}
        and head.pos_ in _NOUNS
        and head.i > token.i
        and head.lemma_.lower() not in _CHANGES
    )


def _side_measure(span: Span) -> bool:
    """'each 5 metres wide', '30 km downstream of Duisburg', 'ten years prior': the amount
    measures an adjective or adverb that is itself a modifier, not what the clause says."""
    token = _amount(span)
    head = token.head
    if token.dep_ == "npadvmod" and head.pos_ in _NOUNS:
        return True  # "a square temple 30 meters to a side": a size hung on a noun
    if token.dep_ != "npadvmod" or head.pos_ not in {"ADJ", "ADV"} or head.dep_ != "advmod":
        return False
    return head.lower_ not in _DIRECTIONS or head.head.pos_ in _NOUNS


def _whole_of_a_part(span: Span) -> bool:
    """'8,000 of the 20,000 troops', 'only 12 of more than 140 municipalities', '40% of the
    554 districts': the whole, while the part counted from it is the sentence's news."""
    token = span.root
    while token.dep_ in {"nummod", "quantmod", "compound"} and token.head.pos_ in _NOUNS:
        token = token.head
    if token.dep_ != "pobj" or token.head.lower_ != "of":
        return False
    part = token.head.head
    return part.like_num or part.lower_ in {"%", "percent"}


def _part_of_a_name(span: Span) -> bool:
    """'Flight 610', 'Building 24', 'DD 214', 'FL 300': a bare number after a capitalised word
    (not a month, not the sentence's first) names a thing, it says no amount."""
    if not re.fullmatch(r"\d+", span.text) or span.start == 0:
        return False
    before = span.doc[span.start - 1]
    if before.text in {"-", "–"} and span.start > 1:
        before = span.doc[span.start - 2]  # "COVID-19"
    word = before.text.rstrip("-–")  # "COVID- 19", one token before the number
    return (
        word.isalpha()
        and word[:1].isupper()
        and before.lower_ not in _MONTHS
        and not before.is_sent_start
    )


# Nouns a bare number after them dates or ranks, not labels ("the year 1990", "the number 7").
_COUNTING_NOUNS = frozenset(
    "year years number numbers figure total size score rank page pages chapter verse".split()
)


def _reference_numeral(span: Span) -> bool:
    """'the disc 142 may be adjustable', 'a valve 130': a bare number right after a common noun
    that has its own article labels a part in a drawing (a patent's or a manual's), it says no
    amount (fresh7 readers, 4 of 4: "blanks a patent drawing's reference numeral")."""
    if not re.fullmatch(r"\d+", span.text) or span.start < 2:
        return False
    noun = span.doc[span.start - 1]
    following = span.doc[span.end] if span.end < len(span.doc) else None
    if following is not None and following.pos_ in _NOUNS | {"NUM"}:
        return False  # "the group 12 players": a count of what follows
    return (
        noun.pos_ == "NOUN"
        and noun.text.islower()
        and noun.lower_ not in _COUNTING_NOUNS
        and noun.lower_ not in _UNITS
        and any(c.dep_ == "det" and c.i < noun.i for c in noun.children)
    )


def _in_apposition(span: Span) -> bool:
    """'Tunisia, a mostly Muslim nation of about 11 million people, was ...': the amount is
    inside a noun phrase set beside another, a description on the way to the statement."""
    token = span.root
    while token.head.i != token.i and token.pos_ not in {"VERB", "AUX"}:
        if token.dep_ == "appos":
            return True
        token = token.head
    return False
