"""Clause analysis over a dependency parse, and joining kept tokens back into tidy text."""

from __future__ import annotations

import re

from spacy.tokens import Span, Token
from wordfreq import zipf_frequency

SUBJECTS = {"nsubj", "nsubjpass"}
OBJECTS = {"dobj", "attr", "dative", "oprd"}
NP_MODIFIERS = {"compound", "amod", "nmod", "nummod", "quantmod"}
DETACHABLE_AFTER = {"advcl", "parataxis", "conj", "cc", "punct", "intj", "dep", "meta"}
DISCOURSE = {
    "for instance", "for example", "in fact", "of course", "in addition", "in sum", "in turn",
    "at least", "in effect", "as such", "in a way", "after all", "for one", "however",
    "therefore", "thus", "indeed", "nevertheless", "moreover", "furthermore", "meanwhile",
    "instead", "likewise", "apparently", "astoundingly", "interestingly",
}  # fmt: skip
PRONOUNS = {
    "he", "she", "they", "it", "him", "her", "them", "this", "these", "those", "that", "who",
    "which", "we", "i", "you", "me", "us", "one", "both", "each", "all", "some", "many", "most",
    "others", "neither", "either", "another", "several",
}  # fmt: skip
_SPACE_BEFORE = re.compile(r"\s+([,.;:?!’”)\]]|'s\b|’s\b|n't\b|n’t\b)")
_SPACE_AFTER = re.compile(r"([(\[“‘])\s+")


def clause_head(tok: Token) -> Token | None:
    """The verb heading the clause that contains `tok`, if that clause has its own subject."""
    while True:
        if tok.pos_ in {"VERB", "AUX"} and any(c.dep_ in SUBJECTS for c in tok.children):
            return tok
        if tok.head.i == tok.i:
            return None
        tok = tok.head


# Tags of a verb that states something by itself: past, present, modal.
_FINITE_TAGS = {"VBD", "VBZ", "VBP", "MD"}


def states_something(sent: Span) -> bool:
    """True when the sentence has a verb of its own: a finite one, one with a subject (the
    tagger reads "the two states faced off" as a participle) or an imperative at its root.
    Index entries ("Sachs, Hans, 166."), running headers ("OPERA 210 XVIII."), signature
    blocks, addresses, bare citations and list fragments ("… including Qassem Soleymani")
    have none; judges refused all 44 such questions in the tuning labels. A verb inside
    brackets is an aside, not the sentence's own: a list item "1971 The Devils (adapted by Ken
    Russell)" or "LDM-400 - 1 or 3 (reportedly has serviceability issues)" states nothing."""
    depth = 0
    for tok in sent:
        depth += (tok.text == "(") - (tok.text == ")")
        if depth > 0:
            continue
        if tok.tag_ in _FINITE_TAGS or (tok.dep_ == "ROOT" and tok.tag_ == "VB"):
            return True
        if tok.pos_ in {"VERB", "AUX"} and any(c.dep_ in SUBJECTS | {"expl"} for c in tok.children):
            return True
    return False


def constituent_head(target: Span) -> Token:
    """The head of the noun phrase the target stands in ("S-300" -> "system")."""
    head = target.root
    while (
        head.dep_ in NP_MODIFIERS | {"appos"}
        and head.head.i != head.i
        and head.head.pos_
        in {
            "NOUN",
            "PROPN",
        }
    ):
        head = head.head
    return head


def subtree_ids(tok: Token) -> set[int]:
    """Indices of the token and every token under it."""
    return {t.i for t in tok.subtree}


def is_pronoun(tok: Token) -> bool:
    """A pronoun, by word list or by tag."""
    return tok.lower_ in PRONOUNS or tok.tag_ in {"PRP", "WP", "WDT"}


class ClauseParts:
    """The pieces of one clause that question forms are assembled from."""

    def __init__(self, verb: Token) -> None:
        self.verb = verb
        self.subject = next(c for c in verb.children if c.dep_ in SUBJECTS)
        self.aux = [c for c in verb.children if c.dep_ in {"aux", "auxpass"} and c.i < verb.i]
        self.negated = any(c.dep_ == "neg" for c in verb.children)
        self.tokens = subtree_ids(verb)
        # Discourse markers and trailing clauses are not part of what is asked.
        for child in verb.children:
            if (
                child.dep_ == "mark"
                or (child.dep_ in {"cc", "punct"} and child.i < verb.i)
                or (
                    child.dep_ == "advmod"
                    and child.i < self.subject.i
                    and len(list(child.subtree)) <= 2
                )
            ) or (
                child.dep_ in DETACHABLE_AFTER
                and child.i > verb.i
                and (child.dep_ != "advcl" or len(list(child.subtree)) > 10 or _has_pronoun(child))
            ):
                self.tokens -= subtree_ids(child)

    def fronted(self) -> list[int]:
        """Adjuncts before the subject ("In 2007, ..."), kept but moved to the end of a question."""
        subject_start = min(subtree_ids(self.subject))
        return sorted(i for i in self.tokens if i < subject_start)


def _has_pronoun(tok: Token) -> bool:
    return any(t.dep_ in SUBJECTS and is_pronoun(t) for t in tok.subtree)


class TokenText(str):
    """A token's text rewritten (lower-cased), which keeps the token's place and spacing."""

    i: int

    def __new__(cls, text: str, i: int) -> TokenText:
        word = super().__new__(cls, text)
        word.i = i
        return word

    @property
    def text_with_ws(self) -> str:
        return str(self)


def lowered(tok: Token) -> str:
    """The token's text in lower case, with its trailing space (none before "-based")."""
    return TokenText(tok.text.lower() + tok.whitespace_, tok.i)


def tidy(text: str) -> str:
    """Collapse spaces and stray commas around removed pieces."""
    text = re.sub(r"\s+", " ", text)
    text = _SPACE_BEFORE.sub(r"\1", text)
    text = _SPACE_AFTER.sub(r"\1", text)
    text = re.sub(r"(,\s*)+(?=[,.?;:])", "", text)
    text = re.sub(r"^[,;:\s]+|[,;:\s]+$", "", text)
    text = re.sub(r",\s*,", ",", text)
    return text.strip()


def join_words(words: list) -> str:
    """Tokens keep their own spacing; a space goes wherever removed tokens left a gap."""
    out: list[str] = []
    previous: int | None = None
    for w in words:
        if isinstance(w, str) and not isinstance(w, TokenText):
            if out and not out[-1].endswith(" "):
                out.append(" ")
            out.append(w if w.endswith(" ") else w + " ")
            previous = None
            continue
        if previous is not None and w.i != previous + 1 and out and not out[-1].endswith(" "):
            out.append(" ")
        out.append(w.text_with_ws)
        previous = w.i
    return tidy("".join(out))


# From this Zipf frequency (about three per million words) English writes the word in lower
# case often: "company" 5.6, "commissioners" 3.8; not "rhine" 3.3, "beethoven" 3.4.
COMMON_WORD_ZIPF = 3.5


def common_word(word: str) -> bool:
    """Whether English often writes the word in lower case: a capitalised one is then a term or
    a sentence's first word, not a name."""
    return zipf_frequency(word.lower(), "en") >= COMMON_WORD_ZIPF


NAME_ENTITIES = {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "LAW", "PRODUCT"}


def keeps_case(tok: Token) -> bool:
    """Whether the word keeps its capital away from a sentence's start."""
    if tok.text == "I" or (len(tok.text) > 1 and tok.text.isupper()):
        return True
    if tok.lower_ in {"the", "a", "an"}:  # "did the British Government", even inside the name
        return False
    if tok.pos_ == "PROPN" or tok.ent_type_ in NAME_ENTITIES:
        return True
    # A capitalised word English rarely writes in lower case is a name the parser mistagged
    # ("Beethoven" as an adverb); "Critics", "Several" are common words.
    return tok.text[:1].isupper() and not common_word(tok.lower_)


def self_contained(keep: set[int], doc) -> bool:
    """No quotation marks, pronouns or 'this/that' pointing outside the question."""
    for i in keep:
        tok = doc[i]
        if tok.tag_ in {"``", "''", "WDT", "WP", "WP$"} or tok.text in {"“", "”", '"'}:
            return False
        if tok.tag_ == "PRP" or tok.lower_ in {"his", "her"}:
            return False
        if tok.lower_ in {"this", "these", "those", "that"} and tok.dep_ in {
            "det",
            "nsubj",
            "dobj",
            "pobj",
        }:
            return False
    return True


def without_asides(keep: set[int], doc) -> set[int]:
    """Drop appositions set off by commas (", a significant step towards ..."): asides."""
    for i in sorted(keep):
        tok = doc[i]
        if tok.dep_ in {"appos", "npadvmod", "dobj"} and tok.i in keep and tok.left_edge.i > 0:
            comma = doc[tok.left_edge.i - 1]
            if comma.text == "," and tok.head.i in keep and comma.i > tok.head.i:
                aside = subtree_ids(tok) | {comma.i}
                after = tok.right_edge.i + 1
                if after < len(doc) and doc[after].text == ",":
                    aside.add(after)  # the comma closing the aside goes with it
                keep = keep - aside
    text = " ".join(doc[i].lower_ for i in sorted(keep))
    for phrase in DISCOURSE:
        if phrase in text:
            words = phrase.split()
            for i in sorted(keep):
                if [doc[j].lower_ for j in range(i, i + len(words)) if j < len(doc)] == words:
                    keep = keep - set(range(i, i + len(words)))
    return keep
