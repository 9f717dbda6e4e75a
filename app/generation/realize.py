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

from app.generation.clauses import (
    OBJECTS,
    SUBJECTS,
    ClauseParts,
    clause_head,
    constituent_head,
    is_pronoun,
    join_words,
    keeps_case,
    lowered,
    self_contained,
    subtree_ids,
    without_asides,
)

MAX_WORDS = 32
# Main clauses, coordinated ones, and what someone is reported to have said ("X said that Y
# happened"): the fact is Y's. Relative and adverbial clauses need their host to make sense.
ALLOWED_CLAUSES = {"ROOT", "conj", "ccomp"}
FINITE = {"VBD", "VBZ", "VBP", "MD"}
NP_ROLES = SUBJECTS | OBJECTS | {"pobj"}
SHORT_FRONTED_PREPS = {"in", "on", "at", "during", "by", "since", "after", "before", "until"}
# The verbs that invert with their subject in a question; with any other the parser calls an
# auxiliary ("became reconciled", "got married"; its lemma is then unreliable) no question.
AUXILIARIES = frozenset(
    "be have do will shall can may must would should could might ought need dare".split()
)


def _inverted(parts: ClauseParts, keep: set[int]) -> tuple[list, set[int]] | None:
    """Subject-auxiliary inversion: the words in question order, or None if not possible."""
    verb, subject = parts.verb, parts.subject
    subject_ids = sorted(subtree_ids(subject) & keep)
    rest = sorted(i for i in keep if i not in subject_ids and i > max(subject_ids, default=-1))
    doc = verb.doc
    if parts.aux:
        first = parts.aux[0]
        if first.lemma_ not in AUXILIARIES:
            return None  # "became reconciled" parsed as a passive: "became X reconciled?"
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
    if parts.negated or is_pronoun(parts.subject) or parts.subject.dep_ == "expl":
        return None
    if any(c.dep_ == "conj" for c in parts.subject.children) or not _finite(verb, parts):
        return None
    if _split_subject(verb):
        return None
    removed = subtree_ids(head)
    if adjunct:
        prep = _adjunct_phrase(head, verb, parts)
        if prep is None:
            return None
        removed = subtree_ids(prep)
        if _carries_more(removed, target, prep):
            return None
        removed |= _focus(prep)
    elif not _path_ok(head, verb):
        return None
    elif head.dep_ == "pobj" and head.head.i < verb.i:
        return None  # a fronted PP cannot strand its preposition
    doc = target.doc
    if any(doc[i].tag_ in {"WDT", "WP", "WP$"} for i in removed):
        return None  # "$6.5 billion of which": the answer only means something with its antecedent
    keep = without_asides(parts.tokens - removed, doc)
    if not self_contained(keep, doc) or (adjunct and _another_date(keep, target)):
        return None
    subject_ids = subtree_ids(parts.subject)
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
    if _phrases(fronted, doc) > 1:
        # Two phrases moved behind the clause run together and hang on its last noun ("... the
        # border of Asia in Sweden five years after Peter's death?", both fresh7 readers).
        return None
    return parts, keep, fronted, removed, is_subject


# Words a phrase may hold besides its target without saying anything of its own: the target's
# preposition, articles ("in the 1990s"), conjunctions and punctuation.
_EMPTY_POS = frozenset({"DET", "CCONJ", "PUNCT", "SPACE"})


def _carries_more(removed: set[int], target: Span, prep: Token) -> bool:
    """Whether the adjunct phrase a question removes says more than its target: a clause on the
    date ("in 2002, when al Qaeda militants killed ...") or a noun's phrase the parser hung on it
    ("a version in 1990 of Gershwin's original score"), which the question would lose."""
    doc = target.doc
    inside = set(range(target.start, target.end)) | {prep.i}
    return any(doc[i].pos_ not in _EMPTY_POS for i in removed - inside)


# Adverbs that focus the phrase right after them ("appeared only in 1868"): a question that
# removes the phrase removes them too, or they fall on whatever follows ("appear only after
# centuries of silence?", a judged garble).
FOCUS_ADVERBS = frozenset({"only", "just", "exactly", "precisely"})


def _focus(phrase: Token) -> set[int]:
    """The focusing adverb right before a removed phrase, if any, as a set of its index."""
    before = phrase.doc[phrase.left_edge.i - 1] if phrase.left_edge.i > 0 else None
    if before is not None and before.dep_ == "advmod" and before.lower_ in FOCUS_ADVERBS:
        return {before.i}
    return set()


def _split_subject(verb: Token) -> bool:
    """Whether the parser took a clause's subject as the last member of a coordination: a
    finite verb without a subject right after a coordinated noun ("broke out in Berlin and
    Schopenhauer left the city", "changed its policy and anarchist votes helped bring ..."),
    so a question would keep the noun and lose its verb."""
    for tok in verb.subtree:
        if tok.tag_ not in _TENSED or tok.dep_ in {"aux", "auxpass"} or tok.i == 0:
            continue  # an auxiliary's subject is its verb's ("Connes was awarded ...")
        if any(c.dep_ in SUBJECTS for c in tok.children):
            continue
        before = tok.doc[tok.i - 1]
        if before.pos_ in {"NOUN", "PROPN"} and _coordinated(before):
            return True
    return False


_TENSED = frozenset({"VBD", "VBZ", "VBP"})


def _coordinated(noun: Token) -> bool:
    """A noun joined to another by "and"/"or": a conjunct, or a phrase holding conjuncts
    ("its policy and anarchist votes")."""
    return noun.dep_ == "conj" or any(t.dep_ == "cc" for t in noun.subtree)


# A year ("2009", "the 1990s") or an ordinal of a day or century ("29th", "14th").
_DATE_WORD = re.compile(r"^(?:1\d{3}|20\d{2})s?$|^\d{1,2}(?:st|nd|rd|th)$")


def _another_date(kept: set[int], target: Span) -> bool:
    """Whether a question asking for a date keeps another one in its stem: the sentence had two,
    and the question reads as garbled ("used ... against the Hungarians by the 14th century"),
    gives its answer away ("released on July 29, 2015") or bounds it ("unchanged to 2009")."""
    if target.root.ent_type_ != "DATE":
        return False
    doc = target.doc
    return any(doc[i].ent_type_ == "DATE" and _DATE_WORD.match(doc[i].text) for i in kept)


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


def _phrases(ids: list[int], doc) -> int:
    """How many separate phrases the words at `ids` form (each word whose head is outside)."""
    inside = set(ids)
    return sum(1 for i in ids if doc[i].head.i not in inside)


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
        first_subject = min(subtree_ids(parts.subject))
        if not keeps_case(doc[first_subject]):
            words = [
                lowered(w) if not isinstance(w, str) and w.i == first_subject else w for w in words
            ]
    if fronted:
        first = doc[fronted[0]]
        words.append(first if keeps_case(first) else lowered(first))
        words.extend(doc[i] for i in fronted[1:])
    return _finish(join_words(words), target)


def declare(target: Span) -> str | None:
    """The clause holding a date, as a statement without that date (an event to put in order)."""
    head = constituent_head(target)
    verb = clause_head(head)
    if verb is None or verb.dep_ not in ALLOWED_CLAUSES:
        return None
    parts = ClauseParts(verb)
    if is_pronoun(parts.subject) or parts.subject.dep_ == "expl" or parts.negated:
        return None
    if head.dep_ != "pobj" or head.head.dep_ != "prep" or head.head.i not in parts.tokens:
        return None
    phrase = head.head
    doc = target.doc
    # The event starts at its subject: whatever stood before it was framing, not the event.
    subject_start = min(subtree_ids(parts.subject))
    keep = {i for i in parts.tokens - subtree_ids(phrase) if i >= subject_start}
    keep = without_asides(keep, doc)
    if not keep or not self_contained(keep, doc):
        return None
    ids = sorted(keep)
    first = ids[0]
    words = [lowered(doc[i]) if i == first and not keeps_case(doc[i]) else doc[i] for i in ids]
    text = join_words(words).rstrip(" ,;:.")
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


# A conjunction right after the fronted wh-phrase and its verb: the target sat in a subordinate
# clause and the question took its conjunction along ("In which decade have although ...").
_CONJUNCTION_INSIDE = re.compile(
    r"^\S+(?: \S+){0,3}? (?:did|do|does|have|has|had|was|were|is|are|will|would|could) "
    r"(?:although|though|because|while|whereas|if|when|since|as|after|before|unless|until)\b",
    re.IGNORECASE,
)


def _finish(question: str, target: Span) -> str | None:
    question = question.rstrip(" ,;:.") + "?"
    if _CONJUNCTION_INSIDE.match(question):
        return None
    question = question[0].upper() + question[1:]
    words = question.split()
    if not 5 <= len(words) <= MAX_WORDS:
        return None
    if question.count("“") != question.count("”") or question.count('"') % 2:
        return None
    if question.count("(") != question.count(")"):
        return None  # "(with the help of a kick board, from Cape Verde to Barbados?" lost its ")"
    if target.text.lower() in question.lower():
        return None
    return question
