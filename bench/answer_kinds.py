"""What kind of thing a human question's answer is: date, person, place, organisation or number.

Plain data in: the answer, where it starts in its text, the text's named entities as
(start, end, label) triples (spaCy's labels), and the question. The entity labels decide
first; simple rules on the answer's form and the question's wording fill the gaps.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

RECALL_KINDS = ("date", "person", "place", "organisation", "number")
Entity = tuple[int, int, str]

NER_KINDS = {
    "DATE": "date",
    "PERSON": "person",
    "GPE": "place",
    "LOC": "place",
    "FAC": "place",
    "ORG": "organisation",
    "CARDINAL": "number",
    "QUANTITY": "number",
    "MONEY": "number",
    "PERCENT": "number",
    "ORDINAL": "number",
}
# An answer counts as one kind when entities of that kind cover this share of its characters.
COVERAGE = 0.6

_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
)
_DATE = re.compile(
    rf"""^(?:the\s+)?(?:
        (?:(?:early|mid|late)[\s-])?(?:c\.\s*)?\d{{3,4}}s?(?:\s*(?:–|-|to|and)\s*\d{{2,4}}s?)?
      | (?:\d{{1,2}}\s+)?{_MONTH}(?:\s+\d{{1,2}})?,?(?:\s+\d{{3,4}})?
      | (?:the\s+)?(?:early\s+|late\s+|mid-)?\d{{1,2}}(?:st|nd|rd|th)[\s-]century
    )(?:\s*(?:AD|BC|BCE|CE))?$""",
    re.IGNORECASE | re.VERBOSE,
)
_NUMBER_WORDS = (
    r"one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|"
    r"fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|"
    r"eighty|ninety|hundred|thousand|million|billion|dozen|half"
)
_NUMBER = re.compile(
    rf"""^(?:about|around|over|some|nearly|almost|approximately|more\s+than|less\s+than)?\s*
        (?:[$£€]\s?)?(?:\d[\d,.]*|(?:{_NUMBER_WORDS})(?:[\s-](?:{_NUMBER_WORDS}))*)
        (?:\s*(?:%|percent|per\s+cent|million|billion|thousand|hundred))?
        (?:\s+[a-z]+)?$""",
    re.IGNORECASE | re.VERBOSE,
)
_YEAR = re.compile(r"^\d{4}s?$")
_YEAR_QUESTION = re.compile(r"\b(?:when|what year|which year|what decade|what century)\b", re.I)
_HOW_MANY = re.compile(r"\s*how\s+(?:many|much)\b", re.I)
_DATE_WORD = re.compile(
    rf"\d|{_MONTH}|\b(?:century|centuries|spring|summer|autumn|fall|winter|decade)\b", re.I
)
_PLACE_QUESTION = re.compile(
    r"^\s*where\b|\b(?:what|which|in what|in which)\s+(?:city|cities|country|countries|state|"
    r"lake|river|island|town|region|valley|canal|mountain|county|counties|continent|sea|ocean|"
    r"province|capital|port|gorge|village|district)\b",
    re.I,
)
_ORGANISATION_QUESTION = re.compile(
    r"\b(?:what|which)\s+(?:company|companies|organi[sz]ation|party|university|agency|channel|"
    r"network|team|council|consortium|institution|body|broadcaster|firm|corporation)\b",
    re.I,
)
_PROPER_NAME = re.compile(r"^(?:[A-Z][\w'’.-]*)(?:\s+(?:de|van|von|of|the|[A-Z][\w'’.-]*)){0,4}$")


def entity_kind(start: int, end: int, entities: Sequence[Entity]) -> str | None:
    """The kind whose entities cover most of text[start:end], if they cover enough of it."""
    overlap: Counter[str] = Counter()
    for entity_start, entity_end, label in entities:
        kind = NER_KINDS.get(label)
        if kind is not None:
            overlap[kind] += max(0, min(end, entity_end) - max(start, entity_start))
    if not overlap:
        return None
    kind, chars = overlap.most_common(1)[0]
    return kind if chars >= COVERAGE * (end - start) else None


def answer_kind(
    answer: str, start: int, entities: Sequence[Entity], question: str = ""
) -> str | None:
    """The answer's kind among RECALL_KINDS, or None for anything else (a reason, a phrase)."""
    core = answer.strip(" .,;:\"'“”()")
    if not core:
        return None
    offset = start + answer.find(core)
    kind = entity_kind(offset, offset + len(core), entities)
    if kind == "number" and _YEAR.match(core) and _YEAR_QUESTION.search(question):
        return "date"  # "1995" tagged CARDINAL, asked as "What year ...?"
    if _HOW_MANY.match(question) and _NUMBER.match(core):
        return "number"  # "How many ...?" answered "two": a count even if tagged otherwise
    if kind == "date" and not _DATE_WORD.search(core):
        return None  # a DATE tag on words with no date in them ("monthly fee")
    if kind not in ("date", "number") and core[:1].isupper():
        # The question's own noun outranks a small model's tag: "What city ...?" -> a place.
        for wording, asked in (
            (_PLACE_QUESTION, "place"),
            (_ORGANISATION_QUESTION, "organisation"),
        ):
            if wording.search(question):
                return asked
    if kind is not None:
        return kind
    if _DATE.match(core):
        return "date"
    if _NUMBER.match(core) and len(core.split()) <= 4:
        return "number"
    if question.lower().startswith("who") and _PROPER_NAME.match(core):
        return "person"
    return None
