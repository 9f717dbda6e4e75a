"""Bare descriptions: "the company", "the City", "the three" with nothing saying which.

What counts as a description pointing outside its sentence, read from the parse: the word
lists and the tests `context.py` (references) and `met_before.py` (what the text said before)
share.
"""

from __future__ import annotations

import re

from spacy.tokens import Token

from app.generation.lost_context import (
    ELLIPTICAL,
    NORMATIVE,
    ORDINALS,
    PARTS,
    PLACES_IN_A_WHOLE,
    TIME_NOUNS,
)
from app.generation.pronouns import quoted
from app.generation.span_text import text_of

SUBJECTS = {"nsubj", "nsubjpass"}
CORE = SUBJECTS | {"dobj", "attr", "poss"}
ARGUMENTS = {"nsubj", "nsubjpass", "dobj", "pobj", "attr", "dative", "poss", "appos", "conj"}
# "the world", "the end of ...", "in the meantime": nouns that need no antecedent.
SELF_EVIDENT = {
    "world", "earth", "sun", "moon", "sky", "internet", "web", "public", "past", "future",
    "present", "end", "beginning", "start", "rest", "majority", "minority", "number", "way",
    "fact", "case", "use", "idea", "need", "ability", "role", "process", "economy",
    "environment", "weather", "media", "press", "market", "truth", "name", "age", "left",
    "right", "top", "bottom", "middle", "centre", "center", "north", "south", "east", "west",
    "interior", "mainland", "countryside", "climate", "atmosphere", "universe", "nature",
    "society", "meantime", "hand", "wake", "lead", "ground", "field", "scene", "spot", "air",
    "dark", "spotlight", "forefront", "helm", "verge", "brink", "course", "outset", "face",
    "basis", "form", "total", "whole", "amount", "level", "extent", "degree", "part", "order",
    "line", "list", "term", "reason", "result", "question", "issue", "point", "sense", "rule",
    "ocean", "sea", "law", "people", "population", "latter", "former", "road", "blame",
    "dollar", "euro", "pound", "yen", "yuan", "ruble", "rouble", "rupee", "rial",
}  # fmt: skip
# Words that single out one thing of a kind ("the first", "the largest", "the only").
SINGLING = {
    "first", "last", "only", "main", "sole", "final", "original", "principal", "chief",
    "second", "third", "fourth", "fifth", "entire", "whole", "so-called",
}  # fmt: skip
NUMBER_WORDS = frozenset("two three four five six seven eight nine ten".split())
# "new" too: "the new theory", "the new street names" point at a change told before (tuning
# labels: judges asked "which theory?").
POINTING_BACK = {
    "same", "following", "next", "previous", "preceding", "latter", "former", "above",
    "aforementioned", "said", "other", "remaining", "new",
}  # fmt: skip
# Kinds of place a text capitalises for the one it named before ("the River", "the Basin"), and
# a paragraph names its place by ("Lake Constance ... The lake").
GENERIC_PLACES = frozenset(
    "river lake basin island valley mountains mountain bay gulf coast plain plateau delta "
    "canal strait peninsula isthmus cape falls".split()
)
# A capitalised word typed as one of these is a name ("the Netherlands", "the Rhine"), no term.
NAMED = frozenset({"GPE", "LOC", "NORP", "PERSON", "FAC"})


def bare_definite(tok: Token, named: bool = False) -> bool:
    """ "the company" with nothing saying which: no name, number, clause or phrase of its own
    (`named`: a capitalised one, "the River", whose entity type says nothing)."""
    the = [c.i for c in tok.children if c.dep_ == "det" and c.lower_ == "the"]
    if not the:
        return False
    # What stands before "the" is no part of the phrase (a misparse hangs a sentence's opening
    # "From an expedition" on "the same adventurers"), nor is a noun joined to it: "the Company
    # and the Series A Holder" says nothing of which company (fresh6 readers: "'the Company'
    # is never named").
    phrase = [c for c in tok.children if c.i >= the[0] and c.dep_ not in {"cc", "conj"}]
    return _says_not_which(tok, [c for c in phrase if not _far_apposition(tok, c)], named)


def _far_apposition(tok: Token, child: Token) -> bool:
    """An apposition that starts well after its noun: a misparse ("The standard is effective
    for periods beginning after December 15, 2026, and interim reporting periods ...":
    "periods" hung on "standard"), where "the company, Microsoft," starts two tokens on."""
    return child.dep_ == "appos" and child.left_edge.i > tok.i + 2


def bare_plural(tok: Token) -> bool:
    """ "Approvals took 90 days": a plural common noun as its clause's subject with no
    determiner and nothing else saying which; met before, it means the ones the text spoke of."""
    # "whereas others had ...": the rest, whoever they are (tuning text: MacDowell).
    if (
        tok.pos_ != "NOUN"
        or tok.tag_ != "NNS"
        or tok.dep_ not in SUBJECTS
        or tok.lower_ == "others"
    ):
        return False
    children = list(tok.children)
    if any(c.dep_ in {"det", "predet"} for c in children):
        return False  # "the approvals" is bare_definite's; "all approvals", "these" say which
    return _says_not_which(tok, children)


def _says_not_which(tok: Token, children: list[Token], named: bool = False) -> bool:
    """Nothing of the noun's phrase (`children`: its words after any determiner) says which:
    no name, number, clause or phrase of its own, and no noun that needs none ("the world")."""
    lemma = tok.lemma_.lower()
    if (tok.ent_type_ and not named) or lemma in SELF_EVIDENT or lemma in TIME_NOUNS:
        return False
    for c in children:
        if c.dep_ == "relcl" and _aside(c):
            continue  # "the ban, which was enacted in 2010, ...": says more of it, not which
        if c.dep_ == "prep" and _dating(c):
            continue  # "the exemption in 1999": a parse hanging the clause's date on the noun
        if c.dep_ in {"prep", "relcl", "acl", "appos", "poss", "nummod"}:
            return False
        # "the standing trustee", "the peace talks": a kind of its own, unless the modifier
        # points back too ("the same deal", "the latter city").
        if c.dep_ in {"amod", "compound"} and c.lower_ not in POINTING_BACK:
            return False
        if c.pos_ == "PROPN" or c.ent_type_ or c.tag_ in {"JJS", "RBS"}:
            return False
        if c.lower_ in SINGLING or c.like_num:
            return False
    return not quoted(tok)


def _dating(prep: Token) -> bool:
    """A phrase that says when ("in 1999"), not which."""
    objects = [c for c in prep.children if c.dep_ == "pobj"]
    return bool(objects) and all(o.ent_type_ in {"DATE", "TIME"} for o in objects)


def _aside(clause: Token) -> bool:
    """A relative clause set off by a comma (non-restrictive): it does not say which."""
    start = clause.left_edge.i
    return start > 0 and clause.doc[start - 1].text in {",", "(", "—", "–"}


def described(tok: Token) -> bool:
    """A bare "the X" whose meaning is the X the text spoke of: a capitalised one in any argument
    ("the City", "the Applicant": a term the text defined), a common noun as the subject or
    object or what they are "of" ("most of the water"), or a bare plural subject ("Approvals
    took ..."); one in a phrase beside the statement ("from the office", "over the term") reads
    as its setting, and judges took those."""
    if tok.pos_ == "PROPN":
        return (
            tok.dep_ in ARGUMENTS
            and tok.is_title
            and tok.ent_type_ not in NAMED
            and bare_definite(tok, named=True)
        )
    # In a rule ("must be obtained if the cost of the lease exceeds ...") "the X" is any X the
    # rule applies to, not one named before: judges took those.
    # The rule's sentence is read last: its text is rebuilt token by token on each call.
    if tok.pos_ != "NOUN":
        return False
    if not bare_definite(tok):
        return bare_plural(tok) and not NORMATIVE.search(text_of(tok.sent))
    owner = tok
    while owner.dep_ == "pobj" and owner.head.lower_ == "of":  # "most of the water of the lake"
        owner = owner.head.head
    return owner.dep_ in CORE and not NORMATIVE.search(text_of(tok.sent))


def counted_back(tok: Token) -> bool:
    """ "the three", "the two" standing alone: as many as the text counted before."""
    children = list(tok.children)
    return (
        tok.pos_ == "NUM"
        and tok.dep_ in ARGUMENTS
        and tok.lower_ in NUMBER_WORDS
        and len(children) == 1
        and children[0].dep_ == "det"
        and children[0].lower_ == "the"
    )


def counted_plural(tok: Token) -> bool:
    """ "across the three sites", "the five companies": things counted with nothing else saying
    which, in any role: as many as the text counted before (fresh6 readers, all six readings:
    "'the three sites' and the study are never named"). So are "two other forms": others than
    those the text told of before (fresh7 readers, four of four: "'two other forms' of what is
    never said")."""
    children = list(tok.children)
    lemma = tok.lemma_.lower()
    if tok.pos_ != "NOUN" or tok.tag_ != "NNS" or lemma in TIME_NOUNS or len(children) != 2:
        return False
    first, last = children
    if last.i != tok.i - 1 or quoted(tok):
        return False
    if last.dep_ == "nummod" and last.lower_ in NUMBER_WORDS:
        return first.dep_ == "det" and first.lower_ == "the" and lemma not in SELF_EVIDENT
    # "two other forms", "three other ways": counted against some the text told of, whatever
    # the noun ("the form" alone needs no antecedent).
    counted = first.dep_ == "nummod" and first.lower_ in NUMBER_WORDS
    return counted and last.dep_ == "amod" and last.lower_ == "other"


# What saying "which" of an elliptical word or a part looks like: "the first of these", "the
# first to climb it", "the slow movement of the Fifth", "its second edition".
_SAYS_WHICH = {"prep", "acl", "xcomp", "poss", "appos", "compound", "nmod"}
_STANDING_FOR = ARGUMENTS - {"attr", "conj"}


def elliptical(tok: Token) -> str:
    """ "the latter", "the first, which ...", "the last-named" standing for a noun named
    before: the phrase as written, or ""."""
    doc = tok.doc
    start = tok.i
    if tok.lower_ == "named" and tok.i >= 2 and doc[tok.i - 1].text == "-":
        start = tok.i - 2  # "the last-named": three tokens
        word = doc[start].lower_ + "-named"
    else:
        word = tok.lower_
    if word not in ELLIPTICAL or tok.dep_ not in _STANDING_FOR or tok.pos_ == "PROPN":
        return ""
    if start == 0 or doc[start - 1].lower_ != "the" or quoted(tok):
        return ""
    if any(c.dep_ in _SAYS_WHICH or (c.dep_ == "relcl" and not _aside(c)) for c in tok.children):
        return ""
    return doc[start - 1 : tok.i + 1].text


def part_of_a_whole(tok: Token) -> str:
    """ "the middle movement", "a second edition": a part named by its place in a whole the
    phrase does not name; the phrase as written, or ""."""
    if tok.pos_ not in {"NOUN", "PROPN"} or tok.lemma_.lower() not in PARTS:
        return ""
    if tok.dep_ not in ARGUMENTS or quoted(tok) or tok.ent_type_ not in {"", "ORDINAL"}:
        return ""
    children = list(tok.children)
    det = [c for c in children if c.dep_ == "det" and c.lower_ in {"the", "a", "an"}]
    places = ORDINALS if det and det[0].lower_ != "the" else PLACES_IN_A_WHOLE
    place = [c for c in children if c.dep_ in {"amod", "compound"} and c.lower_ in places]
    if not det or not place or any(c.dep_ in _SAYS_WHICH - {"compound"} for c in children):
        return ""
    phrase = tok.doc[det[0].i : tok.i + 1]
    if any(t.is_title and t.lower_ not in places for t in phrase[1:-1]):
        return ""  # "the March 1st Movement": a name of its own
    return phrase.text


def of_an_act(tok: Token) -> bool:
    """ "the founding bodies", "the prepared copy": named by a part in an act the text told
    before (founding what? prepared when?), with nothing else saying which (fresh verdicts:
    "'the founding bodies' of what (ANSI) is never said")."""
    if tok.dep_ not in ARGUMENTS or tok.lemma_.lower() in TIME_NOUNS or tok.ent_type_:
        return False
    children = list(tok.children)
    if not any(c.dep_ == "det" and c.lower_ == "the" for c in children):
        return False
    # Only "the" and bare participles: "the divided Democratic party" says which.
    acts = [c for c in children if c.dep_ == "amod" and c.tag_ in {"VBG", "VBN"}]
    rest = [c for c in children if c.dep_ not in {"det", "punct"} and c not in acts]
    if not acts or rest or any(list(c.children) for c in acts):
        return False
    # Last, being the dearest test: in a rule "the standing trustee" is whoever holds it.
    return not NORMATIVE.search(text_of(tok.sent))


# Verbs of order: "the Allegro that follows" is the one after something the clause leaves unsaid.
_ORDER_VERBS = frozenset({"follow", "precede", "succeed", "ensue"})


def following(tok: Token) -> str:
    """ "the "Allegro" that follows", "the war which followed": one placed after (or before)
    something its clause does not name, like "the following X"; the phrase, or ""."""
    if tok.pos_ not in {"NOUN", "PROPN"} or tok.dep_ not in ARGUMENTS:
        return ""
    if tok.lemma_.lower() in TIME_NOUNS:
        return ""  # "the years that followed": a time frame (lost_context)
    children = list(tok.children)
    det = [c for c in children if c.dep_ == "det" and c.lower_ == "the"]
    clause = [
        c
        for c in children
        if c.dep_ == "relcl"
        and c.lemma_ in _ORDER_VERBS
        and not any(g.dep_ in {"dobj", "prep", "advcl", "npadvmod"} for g in c.children)
    ]
    if not det or not clause:
        return ""
    return tok.doc[det[0].i : clause[0].right_edge.i + 1].text


# "No. 8 of the Paradies sonatas" says which.
_NUMBERED = re.compile(r"Nos?\. ?\d+[a-z]?\b(?! of\b)")


def numbered(tok: Token) -> str:
    """ "No. 1 has an opening of ...": a work a sentence opens on by its number in a set it
    does not name; the phrase, or ""."""
    # The sentence's text opens with the token's: no "N", no "No." (and no walk to find it).
    if not tok.text.startswith("N") or tok.i != tok.sent.start:
        return ""
    found = _NUMBERED.match(text_of(tok.sent))
    return found.group() if found else ""
