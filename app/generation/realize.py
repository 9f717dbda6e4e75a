"""Turning a parsed clause into a question or a plain statement, from the dependency parse.

"In 1995, Russia agreed to supply the reactor." with the date as target becomes
"In which year did Russia agree to supply the reactor?": the target's constituent is removed,
a wh-phrase fronted, the first auxiliary inverted (or do-support added), fronted adjuncts moved
to the end. Where the parse does not give a clean clause, nothing is returned: the caller
leaves the fact out rather than emit a bad question.
"""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

SUBJECTS = {"nsubj", "nsubjpass"}
OBJECTS = {"dobj", "attr", "dative", "oprd"}
NP_MODIFIERS = {"compound", "amod", "nmod", "nummod", "quantmod"}
DETACHABLE_AFTER = {"advcl", "parataxis", "conj", "cc", "punct", "intj", "dep", "meta"}
MAX_WORDS = 32
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


def _subtree(tok: Token) -> set[int]:
    return {t.i for t in tok.subtree}


def _is_pronoun(tok: Token) -> bool:
    return tok.lower_ in PRONOUNS or tok.tag_ in {"PRP", "WP", "WDT"}


class ClauseParts:
    """The pieces of one clause that question forms are assembled from."""

    def __init__(self, verb: Token) -> None:
        self.verb = verb
        self.subject = next(c for c in verb.children if c.dep_ in SUBJECTS)
        self.aux = [c for c in verb.children if c.dep_ in {"aux", "auxpass"} and c.i < verb.i]
        self.negated = any(c.dep_ == "neg" for c in verb.children)
        self.tokens = _subtree(verb)
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
                self.tokens -= _subtree(child)

    def fronted(self) -> list[int]:
        """Adjuncts before the subject ("In 2007, ..."), kept but moved to the end of a question."""
        subject_start = min(_subtree(self.subject))
        return sorted(i for i in self.tokens if i < subject_start)


def _has_pronoun(tok: Token) -> bool:
    return any(t.dep_ in SUBJECTS and _is_pronoun(t) for t in tok.subtree)


def render(tokens: list[Token], lower_first: set[int] = frozenset()) -> str:
    """Join tokens with their original spacing and tidy the punctuation left by removals."""
    return _join([_lowered(t) if t.i in lower_first else t for t in tokens])


def _lowered(tok: Token) -> str:
    return tok.text.lower() + tok.whitespace_


def tidy(text: str) -> str:
    """Collapse spaces and stray commas around removed pieces."""
    text = re.sub(r"\s+", " ", text)
    text = _SPACE_BEFORE.sub(r"\1", text)
    text = _SPACE_AFTER.sub(r"\1", text)
    text = re.sub(r"(,\s*)+(?=[,.?;:])", "", text)
    text = re.sub(r"^[,;:\s]+|[,;:\s]+$", "", text)
    text = re.sub(r",\s*,", ",", text)
    return text.strip()


def _inverted(parts: ClauseParts, keep: set[int]) -> tuple[list, set[int]] | None:
    """Subject-auxiliary inversion: the words in question order, or None if not possible."""
    verb, subject = parts.verb, parts.subject
    subject_ids = sorted(_subtree(subject) & keep)
    rest = sorted(i for i in keep if i not in subject_ids and i > max(subject_ids, default=-1))
    doc = verb.doc
    if parts.aux:
        first = parts.aux[0]
        rest = [i for i in rest if i != first.i]
        return [doc[first.i], *[doc[i] for i in subject_ids], *[doc[i] for i in rest]], set()
    if verb.lemma_ == "be":
        rest = [i for i in rest if i != verb.i]
        return [doc[verb.i], *[doc[i] for i in subject_ids], *[doc[i] for i in rest]], set()
    do = {"VBD": "did", "VBZ": "does", "VBP": "do"}.get(verb.tag_)
    if do is None:
        return None
    words: list = [do, *[doc[i] for i in subject_ids]]
    for i in rest:
        words.append(verb.lemma_ + verb.whitespace_ if i == verb.i else doc[i])
    return words, set()


def _join(words: list) -> str:
    """Tokens keep their own spacing; a space goes wherever removed tokens left a gap."""
    out: list[str] = []
    previous: int | None = None
    for w in words:
        if isinstance(w, str):
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


NAME_ENTITIES = {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "LAW", "PRODUCT"}


def _keeps_case(tok: Token) -> bool:
    if tok.text == "I" or (len(tok.text) > 1 and tok.text.isupper()):
        return True
    return tok.pos_ == "PROPN" or tok.ent_type_ in NAME_ENTITIES


ALLOWED_CLAUSES = {"ROOT", "conj"}
FINITE = {"VBD", "VBZ", "VBP", "MD"}
NP_ROLES = SUBJECTS | OBJECTS | {"pobj"}
SHORT_FRONTED_PREPS = {"in", "on", "at", "during", "by", "since", "after", "before", "until"}


def _finite(verb: Token, parts: ClauseParts) -> bool:
    return verb.tag_ in FINITE or any(a.tag_ in FINITE for a in parts.aux)


def _path_ok(head: Token, verb: Token) -> bool:
    """True when the target hangs straight off the verb: subject, object, or object of its PP.

    Infinitive complements count as part of the verb ("agreed to supply X"); anything deeper
    (inside another noun's PP, a relative clause, a participle) would make a garbled question.
    """
    tok, steps = head, 0
    while tok.i != verb.i:
        parent = tok.head
        verbal = parent.pos_ in {"VERB", "AUX"}
        if not (
            (tok.dep_ in NP_ROLES and (verbal or parent.pos_ == "ADP"))
            or (tok.dep_ in {"prep", "agent"} and verbal)
            or (tok.dep_ == "xcomp" and verbal)
        ):
            return False
        if tok.dep_ == "pobj" and parent.dep_ not in {"prep", "agent"}:
            return False
        tok, steps = parent, steps + 1
        if steps > 4:
            return False
    return True


def _plan(target: Span, adjunct: bool):
    """What a question about `target` keeps: (parts, keep, fronted, removed, is_subject)."""
    head = constituent_head(target)
    verb = clause_head(head)
    if verb is None or verb.dep_ not in ALLOWED_CLAUSES:
        return None
    after = target.doc[target.end] if target.end < len(target.doc) else None
    if after is not None and after.text in {"’s", "'s", "’"}:
        return None  # "Putin's re-election": the name qualifies another noun
    parts = ClauseParts(verb)
    if parts.negated or _is_pronoun(parts.subject) or parts.subject.dep_ == "expl":
        return None
    if any(c.dep_ == "conj" for c in parts.subject.children) or not _finite(verb, parts):
        return None
    removed = _subtree(head)
    if adjunct:
        prep = _adjunct_phrase(head, verb, parts)
        if prep is None:
            return None
        removed = _subtree(prep)
    elif not _path_ok(head, verb):
        return None
    elif head.dep_ == "pobj" and head.head.i < verb.i:
        return None  # a fronted PP cannot strand its preposition
    doc = target.doc
    if any(doc[i].tag_ in {"WDT", "WP", "WP$"} for i in removed):
        return None  # "$6.5 billion of which": the answer only means something with its antecedent
    keep = _without_asides(parts.tokens - removed, doc)
    if not _self_contained(keep, doc):
        return None
    subject_ids = _subtree(parts.subject)
    if any(doc[i].tag_ == "PRP$" for i in subject_ids):
        return None
    is_subject = bool(removed & subject_ids)
    if is_subject and head.i != parts.subject.i:
        return None
    fronted = []
    for i in parts.fronted():
        if i not in keep:
            continue
        fronted.append(i)
    keep -= set(fronted)
    fronted = _movable(fronted, doc)
    return parts, keep, fronted, removed, is_subject


def _movable(fronted: list[int], doc) -> list[int]:
    """Of the words before the subject, the short time or place phrases worth keeping."""
    tops = [doc[i] for i in fronted if doc[i].head.i not in fronted]
    keep: list[int] = []
    for top in tops:
        ids = sorted(t.i for t in top.subtree if t.i in fronted)
        if (
            top.dep_ in {"prep", "npadvmod"}
            and len(ids) <= 6
            and (top.lower_ in SHORT_FRONTED_PREPS or top.dep_ == "npadvmod")
        ):
            keep += ids
    return keep


def ask(target: Span, wh: str, *, adjunct: bool = False) -> str | None:
    """A wh-question about `target` within its sentence, or None when the parse will not allow it.

    `adjunct=True` removes the target's whole prepositional phrase ("in 1995") and fronts `wh`
    as a replacement for it ("In which year"); otherwise the target's noun phrase is replaced.
    """
    plan = _plan(target, adjunct)
    if plan is None:
        return None
    parts, keep, fronted, _removed, is_subject = plan
    verb = parts.verb
    doc = target.doc
    if is_subject:
        if verb.tag_ == "VBP":
            return None
        words: list = [wh, *[doc[i] for i in sorted(keep)]]
    else:
        inverted = _inverted(parts, keep)
        if inverted is None:
            return None
        words = [wh, *inverted[0]]
        first_subject = min(_subtree(parts.subject))
        if not _keeps_case(doc[first_subject]):
            words = [
                _lowered(w) if not isinstance(w, str) and w.i == first_subject else w for w in words
            ]
    if fronted:
        first = doc[fronted[0]]
        words.append(first if _keeps_case(first) else _lowered(first))
        words.extend(doc[i] for i in fronted[1:])
    return _finish(_join(words), target)


def declare(target: Span) -> str | None:
    """The clause holding a date, as a statement without that date (an event to put in order)."""
    head = constituent_head(target)
    verb = clause_head(head)
    if verb is None or verb.dep_ not in ALLOWED_CLAUSES:
        return None
    parts = ClauseParts(verb)
    if _is_pronoun(parts.subject) or parts.subject.dep_ == "expl" or parts.negated:
        return None
    if head.dep_ != "pobj" or head.head.dep_ != "prep" or head.head.i not in parts.tokens:
        return None
    phrase = head.head
    doc = target.doc
    # The event starts at its subject: whatever stood before it was framing, not the event.
    subject_start = min(_subtree(parts.subject))
    keep = {i for i in parts.tokens - _subtree(phrase) if i >= subject_start}
    keep = _without_asides(keep, doc)
    if not keep or not _self_contained(keep, doc):
        return None
    ids = sorted(keep)
    first = ids[0]
    words = [_lowered(doc[i]) if i == first and not _keeps_case(doc[i]) else doc[i] for i in ids]
    text = _join(words).rstrip(" ,;:.")
    if not 4 <= len(text.split()) <= 24 or target.text in text:
        return None
    if text.count("(") != text.count(")") or text.count("“") != text.count("”"):
        return None
    return text[0].upper() + text[1:]


def _adjunct_phrase(head: Token, verb: Token, parts: ClauseParts) -> Token | None:
    """The prepositional (or bare noun) phrase holding an adjunct target, if on the verb."""
    if head.dep_ == "npadvmod" and head.head.i == verb.i:
        return head
    prep = head.head
    if head.dep_ != "pobj" or prep.dep_ != "prep" or prep.i not in parts.tokens:
        return None
    # A phrase hanging on a noun ("extremists in the Middle East") says where the noun is,
    # not where the event happened: only the verb's own phrases become "Where"/"When".
    return prep if prep.head.i == verb.i else None


def _self_contained(keep: set[int], doc) -> bool:
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


def _without_asides(keep: set[int], doc) -> set[int]:
    """Drop appositions set off by commas (", a significant step towards ..."): asides."""
    for i in sorted(keep):
        tok = doc[i]
        if tok.dep_ in {"appos", "npadvmod", "dobj"} and tok.i in keep and tok.left_edge.i > 0:
            comma = doc[tok.left_edge.i - 1]
            if comma.text == "," and tok.head.i in keep and comma.i > tok.head.i:
                aside = _subtree(tok) | {comma.i}
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


def _finish(question: str, target: Span) -> str | None:
    question = question.rstrip(" ,;:.") + "?"
    question = question[0].upper() + question[1:]
    words = question.split()
    if not 5 <= len(words) <= MAX_WORDS:
        return None
    if question.count("“") != question.count("”") or question.count('"') % 2:
        return None
    if target.text.lower() in question.lower():
        return None
    return question
