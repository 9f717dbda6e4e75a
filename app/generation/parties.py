"""Nouns that need a party or a setting the prompt may not give: "whose pivot?", "which war's
cease-fire?".

A relation or a change of course is someone's: "trade ties ... kept increasing", "a pivot
toward the U.S. would require ...", "the resolute turn to the West had been tempered" say
nothing of whose ties, pivot or turn when the sentence before named them. A cease-fire is in
some war. Blind judges refused such prompts (bundled judging, seed 126) for the question they
leave open. Read off the parse: what the noun's own phrase says (a possessor, "of", "between",
a nationality) or its own clause ("cooperation grew under the Clinton administration"); the
sentence around it only when a clause beside it names both sides ("relations improved after
Nixon visited China"), which the prompt must still show (`sides`).
"""

from __future__ import annotations

from spacy.tokens import Token

# Relations between parties, and changes of course by one: both name their party in their
# phrase ("Russia's pivot", "ties between Moscow and Tehran", "the Iranian turn").
RELATIONS = frozenset(
    "ties relations relationship cooperation partnership alliance rapprochement rivalry "
    "pivot turn shift tilt reorientation outreach engagement".split()
)
# A truce is in some conflict, which its phrase names ("a cease-fire in Syria").
TRUCES = frozenset("cease-fire ceasefire truce armistice".split())
# Prepositions that give a relation its direction, not its party ("a pivot toward the U.S.").
DIRECTIONS = frozenset("to toward towards into away from in on at over since during".split())
# Prepositions that give a truce its setting.
SETTINGS = frozenset("in for over on between of".split())
# ... and a place the truce's verb gives it ("signed at Panmunjom"); "with" names a party.
VERB_SETTINGS = SETTINGS | {"at", "near"}
# A truce is what its clause is about as subject or object.
TRUCE_ROLES = frozenset({"nsubj", "nsubjpass", "dobj"})
PARTY_LABELS = frozenset({"NORP", "GPE", "ORG", "PERSON"})
MAIN = frozenset({"nsubj", "nsubjpass"})
MODIFIERS = frozenset({"compound", "amod", "nmod", "poss"})


def partyless_relation(tok: Token) -> str | None:
    """The phrase of a relation or change of course that is its clause's subject with no party
    of its own ("Trade ties", "A substantive and permanent pivot"), else None."""
    if tok.pos_ != "NOUN" or tok.lower_ not in RELATIONS or tok.dep_ not in MAIN:
        return None
    if tok.head.dep_ not in {"ROOT", "conj"}:
        return None  # inside a subordinate clause, what the sentence is about is elsewhere
    if _has_party(tok) or any(_has_party(c) for c in tok.children if c.dep_ == "conj"):
        return None
    if _has_party(tok.head, beside=tok):
        return None  # "Cooperation grew under the Clinton administration": the verb says whose
    start = min([tok.i, *(c.left_edge.i for c in tok.children if c.i < tok.i)])
    return tok.doc[start : tok.i + 1].text


def _has_party(tok: Token, beside: Token | None = None) -> bool:
    """Whether the noun's own phrase names a party; for a verb (`beside` its relation), whether
    a phrase of the verb's names one: an agent or a preposition's object ("under the Clinton
    administration"), not a name deeper in ("according to Russian priorities")."""
    if beside is not None:
        objects = [
            o
            for c in tok.children
            if c.dep_ in {"prep", "agent"} and c != beside and c.lower_ not in DIRECTIONS
            for o in c.children
            if o.dep_ == "pobj"
        ]
        named = [*objects, *(m for o in objects for m in o.children if m.dep_ in MODIFIERS)]
        return any(t.ent_type_ in PARTY_LABELS for t in named)
    for c in tok.children:
        if c.dep_ == "poss" or c.tag_ == "PRP$":
            return True
        if c.dep_ in {"compound", "amod", "nmod"} and (c.pos_ == "PROPN" or c.ent_type_):
            return True
        if c.dep_ == "prep" and c.lower_ not in DIRECTIONS:
            return True
    return False


def sides(tok: Token) -> tuple[str, ...]:
    """The parties the relation's sentence names outside the relation's own phrase (not whom a
    pivot goes toward): a prompt showing two of them says between whom."""
    own = {e.text for e in tok.doc.ents if e.start in {t.i for t in tok.subtree}}
    names = [e.text for e in tok.sent.ents if e.label_ in PARTY_LABELS and e.text not in own]
    return tuple(dict.fromkeys(names))


def unset_truce(tok: Token) -> str | None:
    """ "a cease-fire agreement" as its clause's subject or object, whose phrase and verb name
    no conflict or place: the truce's text. A truce in a phrase ("during the ceasefire") is
    the setting of what the sentence says, not what it is about."""
    words = _truce_words(tok)
    if words is None:
        return None
    noun = tok.doc[words[-1]]
    head = noun.head if noun.dep_ == "compound" else noun
    if head.dep_ not in TRUCE_ROLES:
        return None
    for word in (noun, head):
        for c in word.children:
            if c.dep_ == "prep" and c.lower_ in SETTINGS:
                return None
            if c.dep_ in {"compound", "amod", "nmod"} and c.ent_type_ in PARTY_LABELS | {"LOC"}:
                return None
    if _verb_sets(head.head):
        return None
    return tok.doc[words[0] : words[-1] + 1].text


def _verb_sets(verb: Token) -> bool:
    """ "agreed ... between Armenia and Azerbaijan", "signed at Panmunjom": the truce's verb
    names where, or between whom, by a phrase whose object is a name, not a date."""
    return any(
        c.dep_ == "prep"
        and c.lower_ in VERB_SETTINGS
        and any(
            o.dep_ == "pobj" and o.ent_type_ not in {"DATE", "TIME"} and o.pos_ == "PROPN"
            for o in c.children
        )
        for c in verb.children
    )


def _truce_words(tok: Token) -> list[int] | None:
    """The token indices of a truce word starting at `tok` ("cease", "-", "fire" as spaCy
    splits it), or None."""
    if tok.lower_ in TRUCES:
        return [tok.i]
    doc = tok.doc
    split = tok.i + 2 < len(doc) and doc[tok.i + 1].text == "-"
    if tok.lower_ == "cease" and split and doc[tok.i + 2].lower_ == "fire":
        return [tok.i, tok.i + 1, tok.i + 2]
    return None
