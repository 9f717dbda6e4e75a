"""Does a generated question cover a key fact? Plain data in, booleans out."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

Span = tuple[int, int]

_DIGIT_GROUPING = re.compile(r"(?<=\d),(?=\d{3}\b)")
_POSSESSIVE = re.compile(r"(?<=\w)['’]s\b|(?<=s)['’](?!\w)")
_NON_WORD = re.compile(r"[^\w]+")
_ARTICLES = frozenset({"a", "an", "the"})


def normalise(text: str) -> str:
    """Casefold, drop punctuation, articles and possessives, so '100,000' == '100000'."""
    text = unicodedata.normalize("NFKC", text).casefold()
    # Accents are kept apart from their letters and dropped, so "Michał"/"Téhéran" compare loosely.
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    text = text.replace("%", " percent ")
    text = _DIGIT_GROUPING.sub("", text)
    text = _POSSESSIVE.sub("", text)
    words = _NON_WORD.sub(" ", text).replace("_", " ").split()
    return " ".join(word for word in words if word not in _ARTICLES)


def evidence_spans(text: str, evidence: str) -> list[Span]:
    """Every place the evidence occurs verbatim in the text (summaries may repeat a passage)."""
    spans = []
    start = text.find(evidence)
    while start >= 0 and evidence:
        spans.append((start, start + len(evidence)))
        start = text.find(evidence, start + 1)
    return spans


def quote_overlaps(quote: Mapping[str, Any] | None, source: str, spans: Sequence[Span]) -> bool:
    """True when the quote is from `source` and shares at least one character with a span."""
    if not quote or quote.get("source") != source:
        return False
    start, end = quote.get("start", -1), quote.get("end", -1)
    return any(start < span_end and span_start < end for span_start, span_end in spans)


def answer_forms(fact: Mapping[str, Any]) -> set[str]:
    """The normalised key answer and its aliases."""
    forms = {normalise(fact["answer"])}
    forms.update(normalise(alias) for alias in fact.get("aliases", ()))
    forms.discard("")
    return forms


def _contains_any(statement: str, forms: Iterable[str]) -> bool:
    padded = f" {normalise(statement)} "
    return any(f" {form} " in padded for form in forms)


def covers(question: Mapping[str, Any], fact: Mapping[str, Any], spans: Sequence[Span]) -> bool:
    """Whether the question asks about the fact: same source, overlapping quote, matching answer.

    Multiple choice and cloze: the answer (or an accepted form) equals the key answer or an
    alias. True/false: the correct statement (the prompt when true, the correction when
    false) contains it. Ordering: some item whose quote overlaps names it or is dated by it.
    """
    forms = answer_forms(fact)
    source = fact["source"]
    if question.get("type") == "ordering":
        for item in question.get("items", ()):
            if not quote_overlaps(item.get("quote") or question.get("quote"), source, spans):
                continue
            if (
                _contains_any(item.get("text", ""), forms)
                or normalise(item.get("date", "")) in forms
            ):
                return True
        return False
    if not quote_overlaps(question.get("quote"), source, spans):
        return False
    if question.get("type") == "true_false":
        true = question.get("answer") == "True"
        statement = question.get("prompt", "") if true else question.get("correction", "")
        return _contains_any(statement, forms)
    offered = [question.get("answer", ""), *question.get("accept", ())]
    return any(normalise(answer) in forms for answer in offered)


def near_misses(
    questions: Iterable[Mapping[str, Any]], fact: Mapping[str, Any], spans: Sequence[Span]
) -> list[Mapping[str, Any]]:
    """Questions quoting the fact's evidence that do not cover it (what they asked instead)."""
    return [
        question
        for question in questions
        if quote_overlaps(question.get("quote"), fact["source"], spans)
        and not covers(question, fact, spans)
    ]
