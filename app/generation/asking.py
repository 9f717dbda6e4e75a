"""Which wh-phrase asks about a mention, and the question the parse allows with it."""

from __future__ import annotations

from spacy.tokens import Span, Token

from app.generation import realize
from app.generation.clauses import constituent_head
from app.generation.mentions import Mention
from app.generation.roles import ROLE_HEADS
from app.generation.types import DateValue, Quantity

WH = "\x00WH\x00"  # stands for a wh-word that depends on the kind, which is resolved later
KIND_NOUNS = {
    "person": "Who",
    "organisation": "Which organisation",
    "treaty": "Which agreement",
    "equipment": "Which weapon system",
}

SPEECH_VERBS = {
    "say",
    "tell",
    "report",
    "write",
    "note",
    "argue",
    "claim",
    "state",
    "announce",
    "add",
    "suggest",
    "quote",
    "ask",
    "explain",
    "reiterate",
    "insist",
    "warn",
    "declare",
    "emphasise",
    "emphasize",
    "stress",
    "deny",
    "acknowledge",
    "reply",
}


def wh_question(
    span: Span, mention: Mention, date: DateValue | None, quantity: Quantity | None
) -> str | None:
    """The best wh-question the parse allows about this mention, or None."""
    if mention.kind == "date" and date is not None:
        prep = span.root.head.lower_ if span.root.dep_ == "pobj" else ""
        if prep in _BOUNDING_PREPOSITIONS:
            return None  # "When does the oldest statement date?" lost its "from" (fresh4)
        return realize.ask(span, _date_wh(span, date), adjunct=True)
    if mention.kind == "place":
        prep = span.root.head
        if span.root.dep_ == "pobj" and prep.lower_ in {"in", "at"}:
            return realize.ask(span, "Where", adjunct=True)
        return None
    if mention.kind == "figure" and quantity is not None:
        return _figure_question(span, quantity)
    wh = _noun_phrase_wh(span, mention.kind)
    if wh is None:
        return None
    return realize.ask(span, wh)


# A date's preposition that a "When" question cannot stand for: the verb needs it ("dates from
# 1803", "remained unchanged to 2009") or it bounds the time ("after 1990", "from 1903 to 1908").
_BOUNDING_PREPOSITIONS = frozenset({"from", "to", "till", "through", "after", "before", "between"})


def _date_wh(span: Span, date: DateValue) -> str:
    prep = span.root.head.lower_ if span.root.dep_ == "pobj" else ""
    unit = {"year": "year", "decade": "decade", "century": "century"}.get(date.granularity)
    if prep in {"in", "during"} and unit:
        return f"In which {unit}"
    if prep == "by" and unit == "year":
        return "By which year"
    if prep == "since":
        return "Since when"
    if prep == "until":
        return "Until when"
    if prep == "on" and date.granularity == "day":
        return "On what date"
    return "When"


def _figure_question(span: Span, quantity: Quantity) -> str | None:
    head = constituent_head(span)
    if span.root.dep_ == "pobj" and span.root.head.lower_ == "by" and "percent" in quantity.unit:
        return realize.ask(span, "By what percentage", adjunct=True)
    if span.label_ == "MONEY" or quantity.unit in {"USD", "EUR", "GBP", "$", "dollar"}:
        return realize.ask(span, "How much")
    # "How many telescope took ...", "How many project" (a five-year project): a count needs a
    # plural noun.
    if head.i != span.root.i and head.pos_ == "NOUN" and head.tag_ == "NNS":
        rest = _np_rest(span, head)
        if rest and len(rest.split()) <= 3:
            return realize.ask(span, "How many " + rest)
    return None


def _according_to(tok: Token) -> bool:
    return tok.dep_ == "pobj" and tok.head.lower_ == "to" and tok.head.head.lower_ == "according"


# Verbs that cite a source only with their particle ("As Rowbotham points out, ...").
_SPEECH_PHRASES = {("point", "out")}


def is_attribution(span: Span) -> bool:
    """True when the mention is the speaker or the addressee of a speech verb, or the source
    an "According to" or a passive speech verb names ("so dramatically told by Suetonius")."""
    head = span.root
    if head.dep_ == "appos":
        head = head.head  # "a former official, Philip Gordon, said ...": the speaker's apposition
    # "According to Elena Andreeva, ...": the source, what she wrote the news; "According to
    # Amiot one of ...": the parser took the name into the noun phrase after it.
    if _according_to(head) or (head.dep_ == "compound" and _according_to(head.head)):
        return True
    verb = head.head
    if head.dep_ == "pobj" and verb.dep_ == "agent":
        verb = verb.head  # "told by Suetonius": the passive's speaker
    elif head.dep_ not in {"nsubj", "dobj", "dative", "pobj"}:
        return False
    particles = {c.lower_ for c in verb.children if c.dep_ == "prt"}
    return verb.lemma_ in SPEECH_VERBS or any(
        verb.lemma_ == v and p in particles for v, p in _SPEECH_PHRASES
    )


def _noun_phrase_wh(span: Span, kind: str) -> str | None:
    head = constituent_head(span)
    if head.i != span.root.i:
        if kind not in {"equipment", "treaty"} or head.pos_ != "NOUN" or head.lower_ in ROLE_HEADS:
            return None
        rest = _np_rest(span, head, {"compound"})
        return "Which " + rest if rest and len(rest.split()) <= 3 else None
    return WH if kind in KIND_NOUNS else None


def _np_rest(span: Span, head: Token, modifiers: set[str] | None = None) -> str:
    """The words of the noun phrase left when the target is taken out ("missile defense system")."""
    allowed = modifiers or {"amod", "compound", "nmod"}
    chain = {head.i}
    for tok in reversed(list(head.lefts)):
        if tok.dep_ in allowed and not (span.start <= tok.i < span.end) and not tok.is_punct:
            chain.add(tok.i)
        elif not (span.start <= tok.i < span.end) and tok.dep_ not in {"det", "nummod", "quantmod"}:
            break
    words = [span.doc[i] for i in sorted(chain)]
    if any("-" in t.text or not t.is_alpha for t in words):
        return ""
    return " ".join(t.text if t.pos_ == "PROPN" or t.ent_type_ else t.lower_ for t in words)
