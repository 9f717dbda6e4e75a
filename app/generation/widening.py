"""A sentence that leans on the one before it: its quote widened to take that one in, and no
true/false statement made of it.

A sentence leans on the one before when it opens with a pronoun, names something only by a
description pointing back ("the deal", "the two governments", one the sentence before
introduces), or dates something relative to a time it does not give ("that year", "in July").
"""

from __future__ import annotations

import re

from spacy.tokens import Span

from app.generation.lost_context import ADDING, TIME_NOUNS, anchored, unanchored_time
from app.generation.met_before import introduced_before
from app.generation.pronouns import act_before, pro_verb
from app.generation.residue import plain_passage
from app.generation.span_text import text_of

# Sentence openers that tie a sentence to the one before; the ones that are also ordinary words
# ("then", "in addition to ...") count only when a comma sets them off.
_CONNECTIVE = re.compile(
    r"^(?:(?:but|and|yet|thus|indeed|however|moreover|furthermore|nevertheless|therefore|"
    r"meanwhile)\b[,\s]*|(?:so|still|then|also|instead|in addition|in fact|in sum|for example|"
    r"for instance|as a result|after all|of course),\s*)",
    re.IGNORECASE,
)


# "this day", "these years" point at the time of writing, not back at the text.
_DEMONSTRATIVES = {"this", "these", "those"}
_PRONOUN_START = re.compile(
    r"^(?:he|she|they|it|this|these|those|that|its|their|his|her|such|the latter|the former)\b",
    re.IGNORECASE,
)


def quote_span(sent: Span, leans: bool | None = None) -> Span:
    """The sentence, or with the one before it when a pronoun in it needs that context
    (`leans`: needs_previous(sent), when the caller has it already)."""
    if leans is None:
        leans = needs_previous(sent)
    if leans and sent.start > 0:
        previous = sent.doc[sent.start - 1].sent
        if len(previous) >= 4:
            return sent.doc[previous.start : sent.end]
    return sent


def needs_previous(sent: Span) -> bool:
    """It opens with a pronoun or adds to the sentence before ("A further ...", "Also, ..."), a
    personal pronoun stands before its main verb ("During his visit, he presented ..."), it
    names something only by a description that points back ("the deal", "the two
    governments"), repeats an act it does not tell ("did it"), or dates something relative to a
    time it does not give ("that year", "at the time", "in July")."""
    text = text_of(sent)
    if _PRONOUN_START.match(text) or ADDING.match(text):
        return True
    root = sent.root
    before_verb = sent.doc[sent.start : root.i]
    if any(t.lower_ in {"he", "she", "they", "his", "her", "their"} for t in before_verb):
        return True
    if any(points_to_antecedent(t) for t in sent) or month_without_year(sent):
        return True
    # "Kidd, who did it against 28 teams": the act is the sentence before's.
    if any(pro_verb(t) and act_before(t, sent.start) is None for t in sent):
        return True
    if introduced_before(sent):
        return True
    return bool(unanchored_time(text)) and not anchored(text)


# Nouns that, as "the X" with nothing to say which, name something the text introduced earlier.
_ANAPHORIC = {
    "deal", "agreement", "treaty", "accord", "city", "town", "expedition", "visit", "meeting",
    "talks", "war", "country", "government", "region", "move", "plan", "project", "company",
    "conflict", "campaign", "battle", "army", "fort", "attack", "decision", "programme",
    "program", "initiative", "announcement", "summit", "two", "three", "four", "sides",
    "parties", "ties",
    "relationship", "partnership", "alliance", "sanctions", "regime", "leader", "president",
    "governments", "countries", "states", "latter", "former", "organisation", "organization",
    "group", "administration", "side", "operation", "invasion", "election", "crisis",
    # Events and acts a text tells of once (judged readings: 0 of 11 accepted, "the launch"
    # of what, "the controversy", "the ruling", "the service" never named).
    "launch", "controversy", "ruling", "service", "dispute", "scandal",
}  # fmt: skip
MONTH_NAME = re.compile(
    r"\b(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December)\b"
)


def points_to_antecedent(token) -> bool:
    """A noun written "the X" (or "the two X") with no name, number or phrase saying which."""
    if token.pos_ not in {"NOUN", "NUM"} or token.dep_ not in {
        "nsubj", "nsubjpass", "dobj", "pobj", "poss",
    }:  # fmt: skip
        return False
    children = list(token.children)
    if not any(c.dep_ == "det" and c.lower_ == "the" for c in children):
        return False
    if token.lemma_.lower() not in _ANAPHORIC and token.lower_ not in _ANAPHORIC:
        return False
    modifiers = [c for c in children if c.dep_ not in {"det", "nummod", "advmod"}]
    return not any(
        (
            c.dep_ in {"prep", "relcl", "acl", "appos", "compound", "amod"}
            and (c.dep_ != "amod" or c.ent_type_ or c.pos_ == "PROPN")
        )
        or c.pos_ == "PROPN"
        or c.ent_type_
        for c in modifiers
    )


def month_without_year(sent: Span) -> bool:
    """A month named with no year anywhere in the sentence ("in July")."""
    text = text_of(sent)
    return bool(MONTH_NAME.search(text)) and not re.search(r"\b1\d{3}\b|\b20\d{2}\b", text)


def points_back(sentence: Span) -> bool:
    """Whether the sentence names something from the text before it ("this argument", "these
    talks"): as a stand-alone true/false statement it would not say what it is about."""
    return any(
        tok.lower_ in _DEMONSTRATIVES and tok.dep_ == "det" and tok.head.lemma_ not in TIME_NOUNS
        for tok in sentence
    )


def standalone_statement(sentence: str) -> str | None:
    """The sentence as a stand-alone statement for true/false, or None if it is not one."""
    text = plain_passage(sentence)
    text = _CONNECTIVE.sub("", text)
    if not text or _PRONOUN_START.match(text) or not 6 <= len(text.split()) <= 40:
        return None
    if text.count("“") != text.count("”") or text.endswith("?") or ":" in text:
        return None
    return text[0].upper() + text[1:]
