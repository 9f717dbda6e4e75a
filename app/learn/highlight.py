"""Mark the answer in a quote: plain text in, (text, marked) runs out, escaped on output."""

from __future__ import annotations

import re
from collections.abc import Iterable

from app.packs.record import QuestionRecord

_WORD = re.compile(r"\w+(?:[.,'’-]\w+)*")


def answer_terms(question: QuestionRecord) -> list[str]:
    """What to look for in the quote: the answer and its accepted forms, or the ordered items."""
    if question.type == "ordering":
        return [str(item.get("text", "")) for item in question.items]
    if question.type == "true_false":
        # "True"/"False" are not in the text; what the correction states is.
        return changed_phrases(question.prompt, question.correction or "")
    return [question.answer, *(str(a) for a in question.accept)]


def changed_phrases(statement: str, correction: str) -> list[str]:
    """Runs of words in `correction` that the false `statement` lacks ("40" for 30 → 40 ships)."""
    said = {word.casefold() for word in _WORD.findall(statement)}
    phrases, run = [], []
    for match in _WORD.finditer(correction):
        if match.group().casefold() in said:
            if run:
                phrases.append(correction[run[0] : run[1]])
            run = []
        else:
            run = [run[0] if run else match.start(), match.end()]
    if run:
        phrases.append(correction[run[0] : run[1]])
    return phrases


def spans(text: str, terms: Iterable[str]) -> list[tuple[int, int]]:
    """Non-overlapping (start, end) of every occurrence of the terms, longest term first."""
    found: list[tuple[int, int]] = []
    for term in sorted({t.strip() for t in terms if t and t.strip()}, key=len, reverse=True):
        # Whole words only where the term starts or ends with a word character.
        pattern = re.escape(term)
        if term[0].isalnum():
            pattern = r"(?<!\w)" + pattern
        if term[-1].isalnum():
            pattern += r"(?!\w)"
        for match in re.finditer(pattern, text, flags=re.IGNORECASE):
            start, end = match.span()
            if all(end <= a or start >= b for a, b in found):
                found.append((start, end))
    return sorted(found)


def segments(text: str, marks: Iterable[tuple[int, int]]) -> list[tuple[str, bool]]:
    """`text` cut into runs, each marked or not; empty runs are left out."""
    runs: list[tuple[str, bool]] = []
    position = 0
    for start, end in sorted(marks):
        if start < position:
            continue
        if start > position:
            runs.append((text[position:start], False))
        runs.append((text[start:end], True))
        position = end
    if position < len(text):
        runs.append((text[position:], False))
    return runs


def highlighted_quote(question: QuestionRecord) -> list[tuple[str, bool]]:
    """The question's quote as runs, with the answer marked wherever the quote states it."""
    text = question.quote_text
    return segments(text, spans(text, answer_terms(question)))
