"""One fact per pack across prompts: no question whose answer another kept prompt prints.

"The first sign of military coordination took place in _____" beside a cloze of the next
sentence that quotes "took place in 2016": the learner meets the answer before the question.
Two questions are on the same fact when they quote overlapping passages, or when the words
around the answer where it is asked and where it is printed share a content word ("the 1979
revolution" asked, "the popular revolution of 1979" printed).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from app.generation.answer_forms import year_of_month
from app.generation.mentions import normalise
from app.generation.types import ORDERING, TRUE_FALSE, Question

LONGEST_FORM = 4  # words in the longest answer form looked up in a prompt
NEAR = 4  # words either side of an answer that say what it is the answer of
_FILLER = frozenset(
    "that this with from were have been into which their there about also than when after "
    "before since during while would could should said says what fill blank true false".split()
)


def _forms(question: Question) -> set[str]:
    """The answer's normalised forms, a year or a name alike (never a one-letter scrap, nor a
    month's year, which names no date of its own); none for a true/false question, whose
    "True" or "False" names no fact."""
    if question.type == TRUE_FALSE:
        return set()
    year = year_of_month(question.answer)
    forms = {normalise(f) for f in (question.answer, *question.accept) if f != year}
    return {f for f in forms if len(f) >= 3 and len(f.split()) <= LONGEST_FORM}


def _grams(words: list[str]) -> Iterable[tuple[str, int, int]]:
    for n in range(1, LONGEST_FORM + 1):
        for i in range(len(words) - n + 1):
            yield " ".join(words[i : i + n]), i, i + n


def _near(words: list[str], start: int, end: int) -> set[str]:
    around = words[max(0, start - NEAR) : start] + words[end : end + NEAR]
    return {w for w in around if len(w) >= 4 and w not in _FILLER and not w.isdigit()}


def _asked_about(question: Question) -> set[str]:
    """Content words next to the answer in its own passage: what it is the answer of. Not a
    name: "Russia" beside 2016 in two passages says nothing of whether they tell one event."""
    words = normalise(question.quote.text).split()
    names = {normalise(w) for w in question.quote.text.split() if w[:1].isupper()}
    found: set[str] = set()
    for gram, start, end in _grams(words):
        if gram in _forms(question):
            found |= _near(words, start, end)
    return found - names


def _overlap(a: Question, b: Question) -> bool:
    return (
        a.quote.source == b.quote.source
        and a.quote.start < b.quote.end
        and b.quote.start < a.quote.end
    )


def _prints(shown: Question, asked: Question) -> bool:
    """True when `shown`'s prompt prints `asked`'s answer for the same fact, in the same text
    or another (a learner meets the whole pack)."""
    words = normalise(shown.prompt).split()
    forms = _forms(asked)
    hits = [(start, end) for gram, start, end in _grams(words) if gram in forms]
    if not hits:
        return False
    if _overlap(shown, asked):
        return True
    about = _asked_about(asked)
    # Another text's prompt must share more than one word of it: "the first" beside 2001 in
    # two texts is Apple's first store and the first Harry Potter film.
    enough = 1 if shown.quote.source == asked.quote.source else 2
    return any(len(_near(words, start, end) & about) >= enough for start, end in hits)


def not_given_elsewhere(questions: Iterable[Question]) -> list[Question]:
    """The questions, best first, without any whose answer a better kept question's prompt
    prints, or whose prompt prints a better kept question's answer, for the same fact."""
    kept: list[Question] = []
    # Kept questions by answer form and by the word runs of their prompts: only questions
    # sharing a form with a prompt are compared, so this stays linear.
    by_form: dict[str, list[Question]] = defaultdict(list)
    by_gram: dict[str, list[Question]] = defaultdict(list)
    for q in questions:
        if q.type == ORDERING:
            kept.append(q)
            continue
        grams = {gram for gram, _, _ in _grams(normalise(q.prompt).split())}
        forms = _forms(q)
        rivals = {id(k): k for g in grams for k in by_form.get(g, ())}
        rivals |= {id(k): k for f in forms for k in by_gram.get(f, ())}
        if any(_prints(k, q) or _prints(q, k) for k in rivals.values()):
            continue
        kept.append(q)
        for f in forms:
            by_form[f].append(q)
        for g in grams:
            by_gram[g].append(q)
    return kept
