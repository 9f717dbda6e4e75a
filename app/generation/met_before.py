"""What the text said before a quoted passage: the nouns it used and the names holding them.

A bare description ("the exemption", "the City", "the Foundation") means the one the text
spoke of before: that its noun was used earlier is what tells such a reference from a
description that needs no antecedent. And a name of the text holding that noun ("City of
Austin", "Mozilla Foundation", "Lake Constance") is what a prompt can write in its place.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from app.generation.clauses import common_word
from app.generation.descriptions import described
from app.generation.pronouns import distinct_names

# The key of the text's earlier names (context.references' `earlier`) holding its nouns.
NOUNS = "NOUN"
_FIRST_USE = "quire_first_use"
# Names read with "the" before them when they end on their noun ("the Mozilla Foundation").
_WITH_THE = frozenset({"ORG", "FAC", "LAW", "EVENT", "PRODUCT", "WORK_OF_ART"})


def word_of(tok: Token) -> str:
    """The noun as the text's uses are compared: a common noun's lemma, a name's word."""
    return (tok.lemma_ if tok.pos_ == "NOUN" else tok.text).lower()


def _uses(tok: Token) -> tuple[str, ...]:
    """What counts as a use of the token's word: for a common noun, itself or a name's word
    ("the lake" after "Lake Constance"); for a capitalised one, the common noun ("the City"
    after "the city"), and its capitalised use when the word is a common one ("the Company",
    "the Commissioners": a defined term); a name of a river or people used before ("the
    Waal", "the Byzantines") is no defined term."""
    word = word_of(tok)
    if tok.pos_ != "PROPN":
        return (word, _NAMED + word)
    # One of a list of names ("the Neckar, the Main and the Moselle") is a name like them.
    listed = tok.dep_ == "conj" or any(c.dep_ == "conj" for c in tok.children)
    defined = not listed and common_word(word)
    return (word, _NAMED + word) if defined else (word,)


_NAMED = "^"  # marks a word used in a name, not as a common noun


def nouns_of(tokens: Iterable[Token]) -> set[str]:
    """The nouns (common ones, and the words of names, marked) of a paragraph."""
    return {_key(t) for t in tokens if t.pos_ in {"NOUN", "PROPN"}}


def _key(tok: Token) -> str:
    return word_of(tok) if tok.pos_ == "NOUN" else _NAMED + word_of(tok)


def _first_uses(doc: Doc) -> dict[str, int]:
    """Each noun's first token index in the paragraph, computed once per parse."""
    found = doc.user_data.get(_FIRST_USE)
    if found is None:
        found = {}
        for t in doc:
            if t.pos_ in {"NOUN", "PROPN"}:
                found.setdefault(_key(t), t.i)
        doc.user_data[_FIRST_USE] = found
    return found


def used_before(tok: Token, earlier: Mapping[str, Iterable[str]]) -> bool:
    """Whether the text used the token's noun before its sentence: before the quoted passage,
    or in a sentence the passage took in, which the prompt must then show."""
    first = _first_uses(tok.doc)
    start = tok.sent.start
    nouns = earlier.get(NOUNS, ())
    return any(first.get(use, start) < start or use in nouns for use in _uses(tok))


def name_holding(
    tok: Token, quote: Span, earlier: Mapping[str, Sequence[str] | set[str]], term: bool = False
) -> str:
    """The one name of the text before the passage holding the token's word ("the City" ->
    "the City of Austin", "the lake" -> "Lake Constance"), as written in its place; "" when
    the text has none or several. `term`: only a name the word is short for ("Mozilla
    Foundation", "City of Austin"), not one it is part of ("Rhine River")."""
    holding = names_holding(tok, quote, earlier, term)
    names = distinct_names(n for n, _ in holding)
    if len(names) != 1:
        return ""
    label = next(label for n, label in holding if n == names[0])
    return _written(names[0], tok.text.lower(), label)


def names_holding(
    tok: Token, quote: Span, earlier: Mapping[str, Sequence[str] | set[str]], term: bool = False
) -> list[tuple[str, str]]:
    """The names (with their labels) holding the word: the paragraph's before the passage,
    else the earlier paragraphs'."""
    word = tok.text.lower()
    paragraph = [(e.text, e.label_) for e in tok.doc.ents if e.end <= quote.start]
    before = [(n, label) for label, names in earlier.items() if label != NOUNS for n in names]
    for found in (paragraph, before):
        holding = [(_bare(n), label) for n, label in found if _holds(_bare(n), word)]
        if term:
            holding = [(n, label) for n, label in holding if _short_for(n, word, label)]
        if holding:
            return holding
    return []


# Words a name opens on to say what it names: "Lake Constance" is a lake, "Fort Duquesne" a fort.
_CLASS_FIRST = frozenset("lake mount fort cape port river isle point camp bay gulf".split())
# Lower-case words a name may hold; any other ("Doral Academy West through the ... Fund") is a
# span the tagger ran on past the name.
_NAME_LINKS = frozenset("of and the for de del der di du la le van von on upon".split())


# Bodies a bare "the House" names by the name it opens ("House of Representatives"), never by
# one it ends ("White House", "Supreme Court" for "the Court" of another text).
_BODIES = frozenset("house senate court assembly council parliament congress church party".split())


# Every earlier name of the text is tried for each bare description: a long text asks the same
# pairs again and again.
@lru_cache(maxsize=65536)
def _holds(name: str, word: str) -> bool:
    """A name of two words or more that the word heads: its last word ("Rhine River", "Mozilla
    Foundation"), or its first before "of" or as a class ("City of Austin", "Lake Constance");
    not one it is only part of ("Mission Control" is no mission, "Island Government of Aruba"
    no island)."""
    if any(w.islower() and w not in _NAME_LINKS for w in name.replace("-", " ").split()):
        return False
    words = [w.lower() for w in name.replace("-", " ").split()]
    # A name ending on "of" or "and" is half a name the tagger cut ("The City of" | "Austin").
    if len(words) < 2 or words[-1] in {"of", "and", "the", "for"}:
        return False
    if words[0] == word and (words[1] == "of" or word in _CLASS_FIRST):
        return True
    return words[-1] == word and word not in _BODIES


@lru_cache(maxsize=65536)
def _bare(name: str) -> str:
    """The name without its "the" and without a bracket the tagger took in ("United States
    Trustee Program (Program")."""
    name = re.split(r"\s*[(\[“\"]", name, maxsplit=1)[0].strip()
    return name[4:] if name.lower().startswith("the ") else name


def _short_for(name: str, word: str, label: str) -> bool:
    """ "the City" for "City of Austin", "the Foundation" for "Mozilla Foundation": names read
    with "the"; but "Lake Constance", "Fort Duquesne" are not."""
    words = name.lower().split()
    return (words[0] == word and words[1] == "of") or (words[-1] == word and label in _WITH_THE)


def _written(name: str, word: str, label: str) -> str:
    """The name as it stands for "the <word>": with its "the" where English reads one."""
    return "the " + name if _short_for(name, word, label) else name


def met_before(tok: Token, quote: Span, earlier: Mapping[str, Sequence[str]]) -> bool:
    """The text used the noun before, or (a capitalised term) a name it is short for."""
    if used_before(tok, earlier):
        return True
    return tok.pos_ == "PROPN" and bool(names_holding(tok, quote, earlier, term=True))


def introduced_before(sent: Span) -> bool:
    """A bare "the X" of the sentence, a common noun, whose X the sentence before speaks of ("a
    plan to ...", "the Rhine river"), not by a bare description itself: quoted together, the
    two stand. A capitalised one is settled by the name it is short for, or refused: widened
    for "the Aare", prompts showed the tail of the sentence before ("… the river Aare.")."""
    if sent.start == 0:
        return False
    bare = [word_of(t) for t in sent if t.pos_ == "NOUN" and described(t)]
    if not bare:
        return False  # most sentences have none: the sentence before need not be read
    previous = sent.doc[sent.start - 1].sent
    named = {word_of(t) for t in previous if t.pos_ in {"NOUN", "PROPN"} and not described(t)}
    return any(word in named for word in bare)
