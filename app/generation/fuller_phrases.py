"""Descriptions settled from the text before them: "the deal" by "the 2015 nuclear deal", "the
two states" by "Russia and Iran" (issue 14, item 4: prompts that stand alone).

A bare "the X" (or "this X") whose X the paragraph spoke of before with words saying which is
that X; it is written out only when the paragraph gives one such phrase, so a prompt is never
settled by a guess between two.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from app.generation.descriptions import NUMBER_WORDS, POINTING_BACK, SELF_EVIDENT
from app.generation.fine_kinds import is_country
from app.generation.mentions import normalise

# Words that say which of a kind ("nuclear deal", "2015 deal", "border treaty").
_SAYING_WHICH = {"amod", "compound", "nummod"}
# Nouns "the two ..." names a pair of countries by.
PAIR_NOUNS = frozenset("state country nation government".split())
# Modifiers that point elsewhere themselves ("the same deal", "the other deal") or only count.
_NOT_WHICH = frozenset(
    POINTING_BACK
    | {"such", "latter", "former", "first", "last", "similar", "another", "further", "many"}
    | {"several", "various", "certain", "some", "both", "different", "additional", "few"}
)


def fuller_phrase(tok: Token, quote: Span) -> str:
    """ "the 2015 nuclear deal" for a bare "the deal" (or "this deal") when the paragraph
    before the passage names exactly one such deal with words saying which, last in the
    sentence just before the passage, and the prompt's sentence names nothing before it that
    "this" might point at instead; else ""."""
    lemma = tok.lemma_.lower()
    if tok.pos_ != "NOUN" or lemma in SELF_EVIDENT or quote.start == 0:
        return ""  # "this issue" may be any issue the text raised, the question just asked
    doc = tok.doc
    own = tok.sent
    start = min(t.i for t in tok.subtree if t.i <= tok.i)
    # "(from ASCII-1963, which had this character ...)": after other nouns of its sentence
    # "this" may be theirs (fresh7: the left arrow, not the BEL character before).
    if any(t.pos_ == "NOUN" for t in doc[own.start : start]):
        return ""
    found: dict[str, str] = {}
    last = -1
    for t in doc[: quote.start]:
        if t.pos_ != "NOUN" or t.lemma_.lower() != lemma or t.tag_ != tok.tag_:
            continue
        phrase = _which(t)
        if phrase is None:
            return ""  # "the same deal", "its deal": a phrase pointing elsewhere itself
        last = t.i
        if phrase:
            found.setdefault(normalise(phrase), phrase)
    # Spoken of further back, it may be another's ("the territory" two sentences after "the
    # Sassanid territory" was Albania's: fresh7).
    if len(found) != 1 or last < doc[quote.start - 1].sent.start:
        return ""
    phrase = next(iter(found.values()))
    said = {w.lower_ for w in own}
    added = set(normalise(phrase).split()) - {"the", lemma, normalise(tok.text)}
    # "These khanates, though often self-ruling" is no place for "the self-ruling khanates".
    return "" if added & said else phrase


def _which(t: Token) -> str | None:
    """The phrase saying which X the noun is ("the 2015 nuclear deal", "Iran's nuclear
    programme"), "" for a bare "the deal" (the same, said again), None when its words
    point elsewhere ("the same deal", "their deal") or say which in a way no short phrase
    keeps ("a deal", "the deal on Iran's programme": another deal, maybe)."""
    if any(c.dep_ in {"prep", "relcl", "acl", "appos"} for c in t.children):
        return None
    children = [c for c in t.children if c.i < t.i]
    if any(c.dep_ == "poss" and c.pos_ == "PRON" for c in children):
        return None
    mods = [c for c in children if c.dep_ in _SAYING_WHICH]
    if any(c.lower_ in _NOT_WHICH or c.lower_ in NUMBER_WORDS for c in mods):
        return None
    owner = [c for c in children if c.dep_ == "poss" and c.pos_ == "PROPN"]
    if not mods and not owner:
        return "" if any(c.lower_ == "the" for c in children) else None
    start = min(c.left_edge.i for c in [*mods, *owner])
    words = t.doc[start : t.i + 1]
    if any(w.pos_ in {"PRON", "DET", "PUNCT"} and w.text not in {"-", "'s", "’s"} for w in words):
        return None  # a span the parse ran on ("its own nuclear deal")
    return words.text if owner else "the " + words.text


def two_named(tok: Token) -> str:
    """ "Russia and Iran" for "the two states" when the sentence before it and its own words
    before it name exactly two countries; else "" (three named: which two is not said)."""
    counted = [c for c in tok.children if c.dep_ == "nummod" and c.lower_ == "two"]
    if not counted or tok.lemma_.lower() not in PAIR_NOUNS:
        return ""
    doc = tok.doc
    start = doc[tok.sent.start - 1].sent.start if tok.sent.start > 0 else 0
    names: list[str] = []
    for ent in doc[start : tok.i].ents:
        if ent.label_ == "GPE" and is_country(ent.text) and normalise(ent.text) not in names:
            names.append(normalise(ent.text))
    # "Russia invaded Ukraine, and Iranian-Russian collaboration ...": a third country by its
    # adjective (bundled bank: "the two countries" are Iran and Russia).
    adjectives = [
        w for e in doc[start : tok.i].ents if e.label_ == "NORP" for w in normalise(e.text).split()
    ]
    if len(names) != 2 or any(not any(n.startswith(w[:4]) for n in names) for w in adjectives):
        return ""
    written = {normalise(e.text): e.text for e in doc[start : tok.i].ents}
    return f"{written[names[0]]} and {written[names[1]]}"
