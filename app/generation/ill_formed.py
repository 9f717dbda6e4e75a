"""Sentences the source itself wrote badly, read from the parse: no prompt copied from them
reads as fluent English, so no question is asked from them.

Judges mark such a prompt "grammatical: no" even when the fault is the source's ("copied from
the source"): a list entry with no main verb ("Walter Scott Houston (1912–1993) who wrote the
... column"), a clause with two subjects ("pop music, in its various forms, that has been
growing"), a comma between a subject and its verb ("Arthur Danto, suggested"). A teacher would
not hand such a sentence out unchanged, and a prompt cannot mend it without rewriting it.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from app.generation.clauses import SUBJECTS

VERBLESS = "a sentence without a main verb (a list entry or a caption)"
TWO_SUBJECTS = "a clause with two subjects (the source's garbled sentence)"
SUBJECT_COMMA = "a comma between a subject and its verb (the source's slip)"


def ill_formed(sent: Span) -> str | None:
    """Why the sentence is not well-formed English as the source wrote it, or None."""
    root = sent.root
    if root.pos_ not in {"VERB", "AUX"}:
        return VERBLESS
    if sum(1 for c in root.children if c.dep_ in SUBJECTS) > 1:
        return TWO_SUBJECTS
    if any(_comma_after_subject(verb) for verb in sent if verb.pos_ in {"VERB", "AUX"}):
        return SUBJECT_COMMA
    return None


def _comma_after_subject(verb: Token) -> bool:
    """A subject without any other comma, then a comma, then straight its verb or auxiliary:
    "Arthur Danto, suggested". An apposition ("Anna Berg, a judge, signed") or an aside
    ("Berg, however, signed") holds or follows another comma and is left alone."""
    subject = next((c for c in verb.children if c.dep_ in SUBJECTS), None)
    if subject is None or subject.i > verb.i:
        return False
    doc = verb.doc
    words = [t for t in subject.subtree]
    last = words[-1]
    if last.text != "," or any(t.text == "," for t in words[:-1]) or last.i + 1 >= len(doc):
        return False
    after = doc[last.i + 1]
    return after.i == verb.i or (after.head.i == verb.i and after.dep_ in {"aux", "auxpass"})
