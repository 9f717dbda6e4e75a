"""Amount expressions as forms: the text around the number and how the number is written."""

from __future__ import annotations

import re
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
    "km²": "km²", "km2": "km²", "sq km": "km²", "square kilometre": "km²",
    "square kilometer": "km²", "m²": "m²", "m2": "m²", "square metre": "m²", "square meter": "m²",
}  # fmt: skip
_SYMBOLS = {"USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥"}
_CURRENCY_CODES = {"USD", "EUR", "GBP", "JPY", "RUB", "IRR", "CNY"}
_SHORT_UNITS = {"percent": "%", "km": " km", "kg": " kg", "m": " m", "fold": "-fold"}
_SHORT_UNITS |= {"km²": " km²", "m²": " m²"}
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
    r"(?P<unit>(?:[\s-]*(?:fold|per\s?cent|percentage points?|(?:sq\s|square\s)?k?m[²2](?!\w)"
    r"|square\s+(?:kilo)?met(?:re|er)s?|[a-z]+(?:\s+of\s+dollars)?))|\s*%)?",
    re.IGNORECASE,
)
# Small bare counts are too easy to guess and often not about the sentence's point.
_VAGUE_BELOW = 13


@dataclass(frozen=True)
class QuantityForm:
    """An amount as written: the text around its number and the number's style."""

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


def parse_form(text: str) -> QuantityForm | None:
    """The form of a whole amount expression, or None when it is vague or not an amount."""
    text = text.strip()
    match = _AMOUNT.fullmatch(text)
    if match is None:
        return None
    raw = match["num"]
    is_words = raw[0].isalpha()
    number = words_value(raw) if is_words else float(raw.replace(",", ""))
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
    return QuantityForm(
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


def words_value(text: str) -> float | None:
    """The value of a number written in words ("twenty-seven" -> 27), or None when the words
    do not make one number ("six-eight" is a time signature, not 14)."""
    words = [t for t in re.split(r"[\s-]+", text.lower()) if t != "and"]
    values = [_WORD_VALUES[t] for t in words]
    hundreds = 0
    if 100 in values:
        at = values.index(100)
        # "hundred", "a hundred", "fifteen hundred", "twenty-one hundred".
        times = _below_hundred(words[:at]) if at else 1
        if not times or 100 in values[at + 1 :]:
            return None
        hundreds, words = 100 * times, words[at + 1 :]
    rest = _below_hundred(words) if not hundreds or words not in (["a"], ["an"]) else None
    return None if rest is None else float(hundreds + rest)


def _below_hundred(words: list[str]) -> int | None:
    """Twenty, twenty-seven, seventeen: a tens word with a unit, or one word; 0 for none."""
    if words in (["a"], ["an"]):
        return 1  # "a hundred", "a million"
    values = [_WORD_VALUES[w] for w in words if w not in {"a", "an"}]
    if len(values) < len(words) or len(values) > 2:
        return None  # "twenty a year": "a" is no number after another
    if len(values) < 2:
        return values[0] if values else 0
    tens, unit = values
    return tens + unit if tens >= 20 and 1 <= unit <= 9 else None


def _case(word: str) -> str:
    if word.isupper() and len(word) > 1:
        return "upper"
    return "title" if word[0].isupper() else "lower"


def written_figures(text: str) -> int:
    """The significant figures an amount's number is written to ("2,576,670": 7, "4.2
    million": 2); a decimal's trailing zeros say nothing ("995.0": 3); 0 for no amount."""
    form = parse_form(text)
    if form is None or form.words:
        return 0
    digits = f"{form.number:.{form.decimals}f}"
    return _figures(digits.rstrip("0").rstrip(".") if "." in digits else digits)


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


def render_form(form: QuantityForm, number: float) -> str:
    """The amount written like the form, with its number replaced."""
    if form.words and number == int(number) and number < 1000:
        words = to_words(int(number))
        words = {"upper": words.upper(), "title": words[:1].upper() + words[1:]}.get(
            form.words, words
        )
        return f"{form.head}{words}{form.tail}"
    commas = form.commas or (form.number < 1000 <= number)
    return f"{form.head}{_digits(number, commas, form.decimals, form.zeros)}{form.tail}"


def _digits(number: float, commas: bool, decimals: int, zeros: bool = False) -> str:
    text = f"{number:,.{decimals}f}" if commas else f"{number:.{decimals}f}"
    return text if zeros or "." not in text else text.rstrip("0").rstrip(".")


def is_counted_unit(unit: str) -> bool:
    """Whether the unit is a word that takes a plural after numbers other than one."""
    return bool(unit) and unit not in _CURRENCY_CODES and unit not in _SHORT_UNITS


def to_words(number: int) -> str:
    """A whole number below 1,000 in words ("twenty-seven")."""
    if number < 20:
        return _ONES[number]
    if number < 100:
        tens, ones = divmod(number, 10)
        return _TENS[tens - 2] + (f"-{_ONES[ones]}" if ones else "")
    hundreds, rest = divmod(number, 100)
    return f"{_ONES[hundreds]} hundred" + (f" and {to_words(rest)}" if rest else "")
