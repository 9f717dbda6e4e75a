"""Normalise amounts (money, percentages, counts, measures) and make same-form wrong amounts.

An amount's text is split around its number: "more than USD 3 billion" is "more than USD " +
3 + " billion". Distractors keep everything but the number, which is refilled in the answer's
style (digits with or without thousands commas, decimals, words) and rounded to the answer's
significant figures, so "27 percent" gives "14 percent" and "ten percent" gives "five percent".

Vague amounts ("hundreds", "trillions of dollars", "roughly half") give None. Small bare counts
("two", "3") parse but are marked `vague`: true, yet rarely worth a question; the caller decides.
"""

from __future__ import annotations

import math
import random
import re
from collections.abc import Sequence
from dataclasses import dataclass

from app.generation.types import Quantity

_ONES = (
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
    "nineteen",
)  # fmt: skip
_TENS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
_WORD_VALUES = {w: i for i, w in enumerate(_ONES)} | {w: 20 + 10 * i for i, w in enumerate(_TENS)}
_WORD_VALUES |= {"a": 1, "an": 1, "hundred": 100}
_SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
_SCALES |= {"k": 1e3, "m": 1e6, "mn": 1e6, "bn": 1e9, "tn": 1e12}
_CURRENCY_SIGNS = {"$": "USD", "us$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₽": "RUB"}
_CURRENCY_WORDS = {"dollar": "USD", "euro": "EUR", "rouble": "RUB", "ruble": "RUB", "rial": "IRR"}
_UNIT_NAMES = {
    "%": "percent", "per cent": "percent", "percent": "percent",
    "percentage point": "percentage point", "kilometre": "km", "kilometer": "km", "km": "km",
    "metre": "m", "meter": "m", "kilogram": "kg", "kg": "kg", "ton": "tonne", "tonne": "tonne",
}  # fmt: skip
_SYMBOLS = {"USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥"}
_CURRENCY_CODES = {"USD", "EUR", "GBP", "JPY", "RUB", "IRR", "CNY"}
_SHORT_UNITS = {"percent": "%", "km": " km", "kg": " kg", "m": " m", "fold": "-fold"}
_QUALIFIERS = (
    "more than|less than|fewer than|over|under|about|around|roughly|approximately|nearly|"
    "almost|some|up to|at least|at most|as many as|as much as|just over|just under|close to|"
    "an estimated|an additional"
)
_WORD = "|".join(sorted(_WORD_VALUES, key=len, reverse=True))
_AMOUNT = re.compile(
    rf"(?P<qual>(?:{_QUALIFIERS})\s+)?"
    r"(?P<cur>US\$|\$|€|£|¥|₽|(?:USD|EUR|GBP|RUB|IRR|CNY|JPY)\s*)?"
    r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+"
    rf"|(?:{_WORD})(?:(?:[\s-]+(?:and\s+)?)(?:{_WORD}))*)"
    r"(?:[\s-]?(?P<scale>thousand|million|billion|trillion|bn|mn|tn|k|m)(?![a-z]))?"
    r"(?P<unit>(?:[\s-]*(?:fold|per\s?cent|percentage points?|[a-z]+(?:\s+of\s+dollars)?))|\s*%)?",
    re.IGNORECASE,
)
# Small bare counts are too easy to guess and often not about the sentence's point.
_VAGUE_BELOW = 13
# Multipliers for distractors, most plausible first; steps are added for small bare counts.
_FACTOR_TIERS = ((0.5, 0.75, 1.5, 2), (0.4, 0.6, 1.25, 2.5, 3), (0.25, 0.3, 4, 5))
_STEP_TIERS = ((-2, -1, 1, 2), (-3, 3), ())


@dataclass(frozen=True)
class _Form:
    head: str  # the text before the number
    tail: str  # the text after it
    number: float  # the number as written (40 in "$40 billion")
    words: str  # "" for digits, else the case of the number words: "lower", "title", "upper"
    commas: bool
    decimals: int
    zeros: bool  # whether the decimals keep trailing zeros ("1.50")
    figures: int  # significant figures, to round distractors like the answer
    scale: float
    quantity: Quantity


def parse_quantity(text: str) -> Quantity | None:
    """Normalise a MONEY, PERCENT, CARDINAL or QUANTITY entity's text, or None when vague."""
    form = _parse_form(text)
    return None if form is None else form.quantity


def same_quantity(a: str, b: str) -> bool:
    """Whether two texts give the same amount ("27%" and "27 percent"); a missing unit matches."""
    qa, qb = parse_quantity(a), parse_quantity(b)
    if qa is None or qb is None:
        return False
    units_agree = qa.unit == qb.unit or not (qa.unit and qb.unit)
    return units_agree and math.isclose(qa.value, qb.value, rel_tol=1e-9)


def quantity_distractors(
    answer_text: str,
    value: Quantity,
    rng: random.Random,
    n: int = 3,
    pool: Sequence[Quantity] = (),
) -> list[str]:
    """Up to n wrong amounts written like answer_text, some lower and some higher; pool first."""
    form = _parse_form(answer_text) or _parse_form(value.label)
    if form is None:
        return []
    chosen: list[str] = []
    seen_numbers = {round(form.number, 9)}
    seen_texts = {answer_text.strip().casefold()}

    def offer(number: float) -> None:
        if len(chosen) >= n or number <= 0 or round(number, 9) in seen_numbers:
            return
        if form.quantity.unit == "percent" and form.number <= 100 < number:
            return
        if number == 1 != form.number and _counted(form.quantity.unit):
            return  # "1 years": the unit word after the number is plural
        text = _render(form, number)
        if text.casefold() in seen_texts:
            return
        seen_numbers.add(round(number, 9))
        seen_texts.add(text.casefold())
        chosen.append(text)

    for number in _pool_numbers(form, pool, rng):
        offer(number)
    lower, higher = _synthesised(form, rng)
    # Alternate sides so the answer is neither the largest nor the smallest choice by rule.
    sides = [lower, higher] if rng.random() < 0.5 else [higher, lower]
    while len(chosen) < n and (lower or higher):
        for side in sides:
            if side:
                offer(side.pop(0))
    return chosen


def _parse_form(text: str) -> _Form | None:
    text = text.strip()
    match = _AMOUNT.fullmatch(text)
    if match is None:
        return None
    raw = match["num"]
    is_words = raw[0].isalpha()
    number = _words_value(raw) if is_words else float(raw.replace(",", ""))
    if number is None or (is_words and raw.lower() in {"a", "an"} and not match["scale"]):
        return None
    scale = _SCALES[match["scale"].lower()] if match["scale"] else 1.0
    if match["scale"] and match["scale"].lower() in {"k", "m"} and not match["cur"]:
        return None  # "5 m" is five metres more often than five million
    unit = _unit(match["unit"] or "", match["cur"] or "")
    if unit is None:
        return None
    qualifier = (match["qual"] or "").strip().lower()
    vague = not unit and scale == 1 and number < _VAGUE_BELOW and number == int(number)
    digits = str(int(number)) if is_words else raw.replace(",", "")
    decimals = len(digits.partition(".")[2])
    label = _label(number, decimals, match["scale"] or "", unit, qualifier)
    return _Form(
        head=text[: match.start("num")],
        tail=text[match.end("num") :],
        number=number,
        words=_case(raw) if is_words else "",
        commas="," in raw,
        decimals=decimals,
        zeros=decimals > 0 and digits.endswith("0"),
        figures=_figures(digits),
        scale=scale,
        quantity=Quantity(number * scale, unit, label, qualifier, vague),
    )


def _unit(unit_text: str, currency: str) -> str | None:
    """The canonical unit, "" for a bare count, or None for a vague or unknown phrase."""
    word = re.sub(r"[\s-]+", " ", unit_text).strip().lower()
    if currency:
        code = _CURRENCY_SIGNS.get(currency.strip().lower(), currency.strip().upper())
        return code if not word else None
    if word.upper() in _CURRENCY_CODES:
        return word.upper()
    if word.endswith(" of dollars"):
        return None  # "trillions of dollars"
    if not word:
        return ""
    if word == "fold":
        return "fold"
    singular = re.sub(r"ies$", "y", word) if word.endswith("ies") else word
    singular = singular[:-1] if re.search(r"[^s]s$", singular) else singular
    if singular in _CURRENCY_WORDS:
        return _CURRENCY_WORDS[singular]
    if word in _UNIT_NAMES or singular in _UNIT_NAMES:
        return _UNIT_NAMES.get(word) or _UNIT_NAMES[singular]
    return singular if len(singular) > 2 else None


def _words_value(text: str) -> float | None:
    total = 0
    for token in re.split(r"[\s-]+", text.lower()):
        if token == "and":
            continue
        value = _WORD_VALUES[token]
        total = max(total, 1) * 100 if value == 100 else total + value
    return float(total)


def _case(word: str) -> str:
    if word.isupper() and len(word) > 1:
        return "upper"
    return "title" if word[0].isupper() else "lower"


def _figures(digits: str) -> int:
    whole, _, fraction = digits.partition(".")
    if fraction:
        return max(1, len((whole + fraction).lstrip("0")))
    return max(1, len(whole.strip("0")))


def _label(number: float, decimals: int, scale_word: str, unit: str, qualifier: str) -> str:
    """A canonical rendering: "$40 billion", "27%", "more than 100,000", "2,500 km"."""
    amount = _digits(number, commas=True, decimals=decimals)
    if scale_word:
        amount += f" {_full_scale(scale_word)}"
    if unit in _CURRENCY_CODES:
        symbol = _SYMBOLS.get(unit)
        amount = f"{symbol}{amount}" if symbol else f"{unit} {amount}"
    elif unit in _SHORT_UNITS:
        amount += _SHORT_UNITS[unit]
    elif unit:
        amount += f" {_plural(unit) if number != 1 else unit}"
    return f"{qualifier} {amount}".strip()


def _plural(word: str) -> str:
    return word[:-1] + "ies" if re.search(r"[^aeiou]y$", word) else word + "s"


def _full_scale(word: str) -> str:
    value = _SCALES[word.lower()]
    return next(name for name, v in _SCALES.items() if v == value)


def _render(form: _Form, number: float) -> str:
    if form.words and number == int(number) and number < 1000:
        words = _to_words(int(number))
        words = {"upper": words.upper(), "title": words[:1].upper() + words[1:]}.get(
            form.words, words
        )
        return f"{form.head}{words}{form.tail}"
    commas = form.commas or (form.number < 1000 <= number)
    return f"{form.head}{_digits(number, commas, form.decimals, form.zeros)}{form.tail}"


def _digits(number: float, commas: bool, decimals: int, zeros: bool = False) -> str:
    text = f"{number:,.{decimals}f}" if commas else f"{number:.{decimals}f}"
    return text if zeros or "." not in text else text.rstrip("0").rstrip(".")


def _counted(unit: str) -> bool:
    """Whether the unit is a word that takes a plural after numbers other than one."""
    return bool(unit) and unit not in _CURRENCY_CODES and unit not in _SHORT_UNITS


def _to_words(number: int) -> str:
    if number < 20:
        return _ONES[number]
    if number < 100:
        tens, ones = divmod(number, 10)
        return _TENS[tens - 2] + (f"-{_ONES[ones]}" if ones else "")
    hundreds, rest = divmod(number, 100)
    return f"{_ONES[hundreds]} hundred" + (f" and {_to_words(rest)}" if rest else "")


def _round_like(form: _Form, number: float) -> float:
    """Round to the answer's significant figures and never to more decimals than it shows."""
    if number <= 0:
        return 0.0
    places = form.figures - 1 - math.floor(math.log10(number))
    return round(round(number, places), form.decimals)


def _pool_numbers(form: _Form, pool: Sequence[Quantity], rng: random.Random) -> list[float]:
    """Numbers (as the answer writes them) of pool amounts in the same unit and a similar size."""
    answer = form.quantity
    numbers = []
    for other in pool:
        if other.unit != answer.unit or other.vague or other.value <= 0:
            continue
        if answer.value <= 0 or not 0.2 <= other.value / answer.value <= 5:
            continue
        number = other.value / form.scale
        if number >= 1 or form.number < 1:  # "$0.5 billion" reads oddly where "$40 billion" stood
            numbers.append(round(number, max(form.decimals, 2)))
    rng.shuffle(numbers)
    return numbers


def _synthesised(form: _Form, rng: random.Random) -> tuple[list[float], list[float]]:
    """Rounded multiples of the answer, lower ones and higher ones, likelier tiers first."""
    x = form.number
    small = form.quantity.vague
    lower: list[float] = []
    higher: list[float] = []
    for factors, steps in zip(_FACTOR_TIERS, _STEP_TIERS, strict=True):
        tier = {_round_like(form, x * f) for f in factors}
        tier |= {x + step for step in steps} if small else set()
        # Too close to the answer reads as a trick rather than a wrong amount.
        tier = {c for c in tier if c > 0 and (small or abs(c - x) >= 0.1 * x)}
        for side, wanted in ((lower, sorted(c for c in tier if c < x)), (higher, sorted(tier))):
            fresh = [c for c in wanted if c not in side and (side is lower or c > x)]
            rng.shuffle(fresh)
            side.extend(fresh)
    return lower, higher
