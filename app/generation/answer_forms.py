"""Other ways a reader would write a typed answer: numbers as digits or words, dates and
ranges in their usual forms, a year without "mid-", a century as "ninth" or "9th"."""

from __future__ import annotations

import re

from app.generation.quantity_forms import to_words, words_value

_MONTH = (
    r"(?P<month>January|February|March|April|May|June|July|August|September|October|"
    r"November|December)"
)
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_DAY_FIRST = re.compile(rf"^(?:the\s+)?{_DAY}\s+(?:of\s+)?{_MONTH}(?:,?\s+(?P<year>\d{{4}}))?$")
_MONTH_FIRST = re.compile(rf"^{_MONTH}\s+{_DAY},?(?:\s+(?P<year>\d{{4}}))?$")
_RANGE = re.compile(r"^(\d{3,4})\s*(?:-|–|—|to|and|until)\s*(\d{2,4})$")
_QUALIFIED_YEAR = re.compile(r"^(?:the\s+)?(?:early|mid|late)[\s-]+(\d{4}s?)$", re.IGNORECASE)
_ORDINALS = (
    "zeroth first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth "
    "thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth "
    "twenty-first"
).split()
_CENTURY = re.compile(r"^(?:the\s+)?(\S+)\s+(century|Century)$")
_NUMBER = re.compile(r"^(?P<pre>\$)?(?P<num>\d[\d,]*(?:\.\d+)?)(?P<rest>(?:\s*%|\s+\S.*)?)$")
_SUFFIX = {1: "st", 2: "nd", 3: "rd"}


def _ordinal(n: int) -> str:
    return f"{n}{'th' if 10 <= n % 100 <= 20 else _SUFFIX.get(n % 10, 'th')}"


def date_forms(answer: str) -> list[str]:
    """Usual other forms of a date or period."""
    out: list[str] = []
    text = answer.strip()
    if m := _QUALIFIED_YEAR.match(text):
        out.append(m.group(1))
    if text.lower().startswith("the "):
        out.append(text[4:])
    if m := _RANGE.match(text):
        a, b = m.groups()
        out += [f"{a}–{b}", f"{a}-{b}", f"{a} to {b}", f"{a} and {b}"]
    for pattern in (_DAY_FIRST, _MONTH_FIRST):
        if m := pattern.match(text):
            day, month, year = int(m["day"]), m["month"], m["year"]
            tail = f" {year}" if year else ""
            out += [f"{day} {month}{tail}", f"{_ordinal(day)} {month}{tail}"]
            out += [f"{month} {day}, {year}" if year else f"{month} {day}"]
            out += [f"{month} {_ordinal(day)}{tail}"]
    if m := _CENTURY.match(text):
        word, noun = m.groups()
        digits = re.match(r"^(\d+)(?:st|nd|rd|th)$", word)
        if digits and int(digits[1]) < len(_ORDINALS):
            out.append(f"{_ORDINALS[int(digits[1])]} {noun.lower()}")
        elif word.lower() in _ORDINALS:
            out.append(f"{_ordinal(_ORDINALS.index(word.lower()))} {noun.lower()}")
    return _fresh(answer, out)


def figure_forms(answer: str) -> list[str]:
    """Usual other forms of an amount: digits or words, "%" or "percent", "$" or "dollars"."""
    out: list[str] = []
    text = answer.strip()
    words = text.split()
    if words and _is_number_word(words[0]):
        value = int(words_value(words[0]) or 0)
        out.append(" ".join([str(value), *words[1:]]))
        if len(words) > 1:
            out.append(str(value))
        text = out[0]
    m = _NUMBER.match(text)
    if m is None:
        return _fresh(answer, out)
    num, rest = m["num"], m["rest"].strip()
    plain = num.replace(",", "")
    if plain.isdigit() and int(plain) < 1000 and not m["pre"]:
        out.append(" ".join(filter(None, [to_words(int(plain)), rest])))
    if plain != num:
        out.append(" ".join(filter(None, [(m["pre"] or "") + plain, rest])))
    if rest in {"%", "percent", "per cent"}:
        out += [f"{num}%", f"{num} percent", f"{num} per cent"]
    if m["pre"] == "$":
        out += [f"{num} {rest} dollars".replace("  ", " "), f"{num} {rest}".strip()]
    if rest and not m["pre"] and rest.split()[0] in {"years", "months", "days", "times"}:
        out.append(num)
    return _fresh(answer, out)


def _is_number_word(word: str) -> bool:
    try:
        return words_value(word) is not None and not word.isdigit()
    except KeyError:
        return False


def _fresh(answer: str, forms: list[str]) -> list[str]:
    """The forms in order, without repeats or the answer itself."""
    seen = {answer.casefold()}
    out = []
    for form in forms:
        key = form.casefold()
        if form and key not in seen:
            seen.add(key)
            out.append(form)
    return out
