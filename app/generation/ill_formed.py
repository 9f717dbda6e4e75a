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
    # "offered" tagged VBN is still a verb; so is a participle right after a root noun ("an
    # expedition set out from ...": the tagger's past tense read as a modifier).
    root_verb = root.pos_ in {"VERB", "AUX"} or any(
        c.dep_ == "acl" and c.i == root.i + 1 and c.tag_ in {"VBD", "VBN"} for c in root.children
    )
    if not root_verb and not any(_finite(t) and not _relative(t) for t in sent):
        return VERBLESS
    subjects = [c for c in sent.root.children if c.dep_ in SUBJECTS]
    if len(subjects) > 1 and any(c.tag_ in RELATIVE_PRONOUNS for c in subjects):
        return TWO_SUBJECTS
    if any(_comma_after_subject(verb) for verb in sent if _finite(verb)):
        return SUBJECT_COMMA
    return None


FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})
RELATIVE_PRONOUNS = frozenset({"WDT", "WP", "WP$"})


def _finite(token: Token) -> bool:
    return token.tag_ in FINITE_TAGS


def _relative(token: Token) -> bool:
    """Whether a finite word belongs to a relative clause ("who wrote the column"): its verb's
    subject is a relative pronoun. The parser misreads many a good
    sentence's root ("Already in 1685, when ... appeared, the custom ... began"), so a sentence
    counts as verbless only when no finite verb stands outside such a clause."""
    verb = token.head if token.dep_ in {"aux", "auxpass"} else token
    # A "relative clause" with a noun for subject is the main clause misparsed ("In Germany the
    # anarchist Erich Mühsam was arrested ...").
    return any(c.dep_ in SUBJECTS and c.tag_ in RELATIVE_PRONOUNS for c in verb.children)


def _comma_after_subject(verb: Token) -> bool:
    """A subject, then the only comma between its first word and its finite verb, then straight
    the verb: "Arthur Danto, suggested". An apposition ("Anna Berg, a judge,
    signed"), an aside ("Berg, however, signed") or a participle ("IBM (...), nicknamed Big
    Blue, is") puts another comma there and is left alone."""
    head = verb.head if verb.dep_ in {"aux", "auxpass"} else verb  # "was" of "was seen"
    subject = next((c for c in head.children if c.dep_ in SUBJECTS), None)
    if subject is None or subject.i > verb.i:
        return False
    if any(c.dep_ == "conj" for c in head.children) and not any(
        c.dep_ == "cc" for c in head.children
    ):
        return False  # "Sitka, renamed New Archangel ..., became": a participle made the verb
    doc = verb.doc
    opening = subject.left_edge.i
    if (
        opening > 0
        and doc[opening - 1].text not in {",", ":", ";"}
        and opening > subject.sent.start
    ):
        return False  # "the parish of Bugaba, or Bugava, discovered": the parser's subject
    between = doc[subject.left_edge.i : verb.i]
    commas = [t for t in between if t.text == ","]
    if len(commas) != 1:
        return False
    return commas[0].i == verb.i - 1 and commas[0].i >= subject.right_edge.i - 1
