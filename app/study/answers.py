"""Is the learner's answer right? Exact for clicked choices, tolerant for typed answers.

A typed answer is compared with the answer and its `accept` forms after normalising case,
accents, punctuation and leading articles; then as a date written another way, an amount
written another way, a person's surname alone, and finally with a small typo. A typo is never
allowed to change a number ("1995" is not "1996"), a date or an amount ("July" is not "June",
"billion" not "million") or to land nearer another offered choice.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from rapidfuzz.distance import OSA

from app.generation.dates import parse_date, same_date
from app.generation.quantities import parse_quantity, same_quantity

_ARTICLES = ("the", "a", "an")
_NON_WORD = re.compile(r"[^\w]+")
_DIGIT_GROUPING = re.compile(r"(?<=\d)[,\u00a0 ](?=\d{3}\b)")
_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_TRUE = frozenset({"true", "t", "yes", "y", "1"})
_FALSE = frozenset({"false", "f", "no", "n", "0"})


@dataclass(frozen=True)
class AnswerResult:
    """The verdict, the right answer, what was given and what was tolerated (if anything)."""

    correct: bool
    expected: str
    given: str
    note: str = ""
    partial: float | None = None  # ordering: share of items in their right place


# The question's fields that grading reads; `answer_key` copies them off a row or a mapping.
_KEY_FIELDS = ("type", "kind", "answer", "correction")
_KEY_LISTS = ("choices", "accept", "items", "answers", "pairs")


def answer_key(question: Any) -> dict[str, Any]:
    """What `check_answer` needs of a question (a row or anything with those attributes): the
    one key every way of answering grades with."""
    key: dict[str, Any] = {name: getattr(question, name, None) for name in _KEY_FIELDS}
    for name in _KEY_LISTS:
        key[name] = list(getattr(question, name, None) or ())
    return key


def grade(question: Any, response: Any) -> AnswerResult:
    """Judge a response to a question row against its `answer_key`."""
    return check_answer(answer_key(question), response)


def normalise(text: str) -> str:
    """Casefold, drop accents, punctuation and a leading article; "100,000" becomes "100000"."""
    text = unicodedata.normalize("NFKD", unicodedata.normalize("NFKC", text).casefold())
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = _DIGIT_GROUPING.sub("", text)
    words = _NON_WORD.sub(" ", text).replace("_", " ").split()
    if len(words) > 1 and words[0] in _ARTICLES:
        words = words[1:]
    return " ".join(words)


def allowed_typos(length: int) -> int:
    """How many edits a typed answer of this length may have: none for very short ones."""
    # Four letters or fewer: one edit turns "Iran" into "Iraq" and "Mali" into "Mail".
    if length <= 4:
        return 0
    if length <= 8:
        return 1
    if length <= 14:
        return 2
    return 3


def check_answer(question: Mapping[str, Any], response: Any) -> AnswerResult:
    """Judge a response: a choice's text, "True"/"False", a list of item texts, or typed text."""
    kind = question.get("type")
    if kind == "ordering":
        return _check_ordering(question, response)
    if kind == "multiple_response":
        return _check_multiple_response(question, response)
    if kind == "matching":
        return _check_matching(question, response)
    if kind == "numeric":
        return _check_numeric(question, "" if response is None else str(response).strip())
    given = "" if response is None else str(response).strip()
    answer = str(question.get("answer", ""))
    if kind == "true_false":
        return _check_true_false(answer, given)
    choices = [str(c) for c in question.get("choices") or ()]
    if kind == "multiple_choice" and given in choices:
        return AnswerResult(given == answer, answer, given)
    return _check_typed(question, answer, given, choices)


def _check_true_false(answer: str, given: str) -> AnswerResult:
    word = normalise(given)
    value = True if word in _TRUE else False if word in _FALSE else None
    if value is None:
        return AnswerResult(False, answer, given, "answer True or False")
    return AnswerResult(value == (answer == "True"), answer, given)


def _check_ordering(question: Mapping[str, Any], response: Any) -> AnswerResult:
    expected = [str(item["text"]) for item in question.get("items") or ()]
    given = [str(text) for text in response] if isinstance(response, Sequence) else []
    shown = " → ".join(given)
    if sorted(given) != sorted(expected):
        return AnswerResult(False, " → ".join(expected), shown, "not the same items", 0.0)
    in_place = sum(a == b for a, b in zip(given, expected, strict=True))
    partial = in_place / len(expected) if expected else 0.0
    return AnswerResult(given == expected, " → ".join(expected), shown, "", partial)


def _as_list(response: Any) -> list[str]:
    if isinstance(response, str) or not isinstance(response, Sequence):
        return [] if response in (None, "") else [str(response)]
    return [str(item) for item in response]


def _check_multiple_response(question: Mapping[str, Any], response: Any) -> AnswerResult:
    """Right when exactly the choices with a positive weight are ticked; partial credit is the
    sum of the ticked weights (Moodle's rule), never below zero."""
    weights = {str(a["text"]): float(a.get("weight", 0)) for a in question.get("answers") or ()}
    right = [c for c in question.get("choices") or () if weights.get(str(c), 0) > 0]
    given = list(dict.fromkeys(_as_list(response)))
    expected = "; ".join(right)
    score = max(0.0, min(100.0, sum(weights.get(g, 0.0) for g in given))) / 100
    correct = set(given) == set(right)
    note = "" if correct or not given else "not exactly the right choices"
    return AnswerResult(correct, expected, "; ".join(given), note, score)


def _check_matching(question: Mapping[str, Any], response: Any) -> AnswerResult:
    """`response` lists the right-hand side chosen for each left-hand item, in order."""
    pairs = [p for p in question.get("pairs") or () if p.get("left")]
    given = _as_list(response)
    expected = "; ".join(f"{p['left']} → {p['right']}" for p in pairs)
    shown = "; ".join(f"{p['left']} → {g}" for p, g in zip(pairs, given, strict=False))
    matched = sum(1 for p, g in zip(pairs, given, strict=False) if g == p["right"])
    partial = matched / len(pairs) if pairs else 0.0
    return AnswerResult(bool(pairs) and matched == len(pairs), expected, shown, "", partial)


def _number(text: str) -> float | None:
    try:
        value = float(_DIGIT_GROUPING.sub("", text).replace(",", "."))
    except ValueError:
        return None
    return value if value == value and abs(value) != float("inf") else None


def _check_numeric(question: Mapping[str, Any], given: str) -> AnswerResult:
    """Right when the number is within a fully-weighted answer's tolerance or range."""
    answer = str(question.get("answer", ""))
    value = _number(given)
    if value is None:
        return AnswerResult(
            False, answer, given, "answer with a number" if given else "no answer given"
        )
    for entry in question.get("answers") or ({"text": answer, "weight": 100},):
        if float(entry.get("weight", 100)) < 100:
            continue
        if "min" in entry and "max" in entry:
            low, high = float(entry["min"]), float(entry["max"])
        else:
            target = _number(str(entry.get("text", "")))
            if target is None:
                continue
            spread = float(entry.get("tolerance") or 0)
            low, high = target - spread, target + spread
        if low <= value <= high:
            exact = low == high
            return AnswerResult(True, answer, given, "" if exact else f"within {low:g} to {high:g}")
    return AnswerResult(False, answer, given)


def _check_typed(
    question: Mapping[str, Any], answer: str, given: str, choices: Sequence[str]
) -> AnswerResult:
    typed = normalise(given)
    if not typed:
        return AnswerResult(False, answer, given, "no answer given")
    accepted = [answer, *(str(a) for a in question.get("accept") or ())]
    forms = {normalise(a): a for a in accepted if normalise(a)}
    if given in accepted:
        return AnswerResult(True, answer, given, "" if given == answer else "an accepted form")
    if typed in forms:
        return AnswerResult(True, answer, given, "accepted, ignoring case, accents and punctuation")
    for form in accepted:
        if parse_date(form) is not None and same_date(form, given):
            return AnswerResult(True, answer, given, "the same date written another way")
        if parse_quantity(form) is not None and same_quantity(form, given):
            return AnswerResult(True, answer, given, "the same amount written another way")
    if question.get("kind") == "person" and _is_surname(typed, forms):
        return AnswerResult(True, answer, given, "accepted by surname")
    others = [normalise(c) for c in choices if normalise(c) not in forms]
    if not any(_another_value(form, given) for form in accepted) and _near_typo(
        typed, forms, others
    ):
        return AnswerResult(True, answer, given, f"accepted with a small typo (it is “{answer}”)")
    return AnswerResult(False, answer, given)


def _another_value(form: str, given: str) -> bool:
    """Both read as dates or amounts, and different ones: "July 2015" is no typo of "June
    2015", nor "$9 billion" of "$9 million"."""
    if parse_date(form) is not None and parse_date(given) is not None:
        return not same_date(form, given)
    if parse_quantity(form) is not None and parse_quantity(given) is not None:
        return not same_quantity(form, given)
    return False


def _is_surname(typed: str, forms: Mapping[str, str]) -> bool:
    """The typed text is the last name of a multi-word answer (allowing a typo in a long one)."""
    for form in forms:
        words = form.split()
        if len(words) < 2:
            continue
        surname = words[-1]
        if typed == surname or (
            _numbers(typed) == _numbers(surname)
            and OSA.distance(typed, surname) <= allowed_typos(len(surname)) - 1
        ):
            return True
    return False


def _near_typo(typed: str, forms: Mapping[str, str], others: Sequence[str]) -> bool:
    """Within the length-aware edit budget of an accepted form, with the same numbers, and
    not at least as near to another offered choice."""
    for form in forms:
        budget = allowed_typos(len(form))
        if budget == 0 or _numbers(typed) != _numbers(form):
            continue
        distance = OSA.distance(typed, form, score_cutoff=budget)
        if distance > budget:
            continue
        if any(OSA.distance(typed, other) <= distance for other in others):
            continue
        return True
    return False


def _numbers(text: str) -> list[str]:
    return _NUMBER.findall(text)
