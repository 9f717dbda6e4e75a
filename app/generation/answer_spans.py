"""What of a mention a question blanks: the name with its title, an amount without its hedge,
a full date's year; and the mentions no question asks alone (an aside in brackets, an acronym
its long form defines)."""

from __future__ import annotations

import re

from spacy.tokens import Span

from app.generation.roles import ROLE_HEADS
from app.generation.widening import MONTH_NAME

TITLE_WORDS = {"president", "ayatollah", "sheikh", "leader", "pope", "emperor", "king", "queen"}


# Conjuncts of these join clauses, not the items of a list: "landed in Valona and besieged
# Dyrrachium" is parsed with the place a conjunct of "landed" (and "but to no avail" another).
CLAUSE_HEADS = frozenset({"VERB", "AUX"})


def list_length(token) -> int:
    """How many items the list holding token has, by the parse's chain of conjuncts (a chain
    through a verb is clauses joined, not a list)."""
    head = token
    while head.dep_ == "conj" and head.head is not head and head.head.pos_ not in CLAUSE_HEADS:
        head = head.head
    count, stack = 1, [head]
    while stack:
        for child in stack.pop().children:
            if child.dep_ == "conj" and child.pos_ not in CLAUSE_HEADS:
                count += 1
                stack.append(child)
    return count


def titled(span: Span) -> Span:
    """The name with the title before it ("Russian Foreign Minister Sergei Lavrov"): a blank
    after a title would name the person, so the blank takes the title too."""
    root = span.root
    start = span.start
    while start > span.sent.start:
        tok = span.doc[start - 1]
        governed = tok.head.i >= start and tok.head.i < span.end
        if tok.is_punct or tok.dep_ == "det" or not (governed or tok.dep_ == "case"):
            break
        start -= 1
    words = {t.lower_ for t in span.doc[start : span.start]}
    if start == span.start or not words & (ROLE_HEADS | TITLE_WORDS) or root.dep_ == "appos":
        return span
    return span.doc[start : span.end]


def defined_acronym(span: Span) -> bool:
    """An acronym standing in brackets after its long form, or just before it in brackets."""
    doc = span.doc
    if not (len(span) == 1 and sum(c.isupper() for c in span.text) >= 2):
        return False
    before = doc[span.start - 1].text if span.start > 0 else ""
    after = doc[span.end].text if span.end < len(doc) else ""
    return (before == "(" and after == ")") or after == "("


_HEDGE_WORDS = {
    "some", "about", "approximately", "around", "nearly", "almost", "roughly", "over", "under",
    "circa", "c.", "estimated", "just", "only", "barely", "between", "up", "to", "at", "least",
    "more", "less", "fewer", "than", "an", "a", "the", "by", "from", "as", "much", "many",
    "upwards", "of", "close", "well", "in", "excess",
}  # fmt: skip


def without_hedge(span: Span) -> Span:
    """The span without the hedge or preposition it opens with ("some 500" -> "500"), so a
    reader's natural answer is the whole answer; the hedge stays in the prompt."""
    start = span.start
    while start < span.end - 1 and span.doc[start].lower_ in _HEDGE_WORDS:
        start += 1
    if start == span.start or not any(t.like_num or t.is_digit for t in span.doc[start : span.end]):
        return span
    return span.doc[start : span.end]


_ABOVE = re.compile(r"\b(?:more than|over|at least|above|upwards of|in excess of)\s*$", re.I)
_BELOW = re.compile(r"\b(?:less than|fewer than|under|up to|at most|below)\s*$", re.I)


def hedge_bound(before: str) -> str:
    """ "above" or "below" when the words before an amount bound it ("more than", "up to")."""
    if _ABOVE.search(before):
        return "above"
    return "below" if _BELOW.search(before) else ""


_YEAR = re.compile(r"^(?:1[0-9]|20)\d{2}$")


def year_of_full_date(span: Span) -> Span:
    """The year alone of a date given to the day or month ("8 February 2007" -> "2007"): a
    blank over the whole date asks for the exact day, rarely the sentence's news."""
    years = [t for t in span if _YEAR.match(t.text)]
    if len(span) < 2 or len(years) != 1 or not MONTH_NAME.search(span.text):
        return span
    return span.doc[years[0].i : years[0].i + 1]


def in_brackets(span: Span) -> bool:
    """True when the span stands inside round brackets within its sentence."""
    before = span.doc[span.sent.start : span.start].text
    return before.count("(") > before.count(")")
