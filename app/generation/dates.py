"""Normalise date expressions and make near wrong answers written in the same form.

An expression is parsed into a form: its text cut into literal pieces and slots (weekday, day,
month, year, decade, century) plus the points the slots show, each an integer index in the
form's unit (a day ordinal, a month count, a year, a decade, a century). A distractor keeps the
literal pieces and refills the slots from other points, so "May 13, 2016" gives "June 2, 2014",
"the sixteenth century" gives "the fifteenth century" and "from 1804 to 1813" gives
"from 1796 to 1804".

Only whole expressions with explicit years parse. Vague or relative ones ("this year",
"last September", "15 years", "the first ten months of 2022") give None: a question about them
would have no checkable answer. A month or day without a year ("March", "January 20th") takes
`context_year` when given.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Sequence
from datetime import date

from app.generation.date_forms import (
    MONTH_PATTERN,
    MONTHS,
    DateForm,
    ordinal,
    parse_form,
    render_form,
)
from app.generation.types import DateValue

_QUALIFIER_RANK = {"early": 0, "": 1, "mid": 1, "late": 2}
# How far synthesised distractors stray, in the form's unit.
_WINDOW = {"day": 730, "month": 24, "year": 10, "decade": 4, "century": 3}


def parse_date(text: str, context_year: int | None = None) -> DateValue | None:
    """Normalise a DATE entity's text, or None when it is vague, relative or not a date."""
    form = parse_form(text, context_year)
    return None if form is None else _value(form.unit, form.points, form.qualifiers)


def same_date(a: str, b: str, context_year: int | None = None) -> bool:
    """Whether two texts name the same date ("in 1995" and "1995", "May 13, 2016" and "13 May")."""
    va, vb = parse_date(a, context_year), parse_date(b, context_year)
    if va is None or vb is None:
        return False
    # A missing qualifier matches any: "1993" is an acceptable answer for "mid-1993".
    qualifiers_agree = va.qualifier == vb.qualifier or not (va.qualifier and vb.qualifier)
    return (va.start, va.end, va.granularity) == (vb.start, vb.end, vb.granularity) and (
        qualifiers_agree
    )


def date_sort_key(value: DateValue) -> tuple[int, ...]:
    """A key ordering dates chronologically (start, then early/mid/late, then end)."""
    # Pad coarse dates so that "1995" sorts before "1995-05-13" and after "1994".
    start = (*_iso_parts(value.start), 0, 0)[:3]
    end = (*_iso_parts(value.end), 99, 99)[:3]
    return (*start, _QUALIFIER_RANK.get(value.qualifier, 1), *end)


def date_distractors(
    answer_text: str,
    value: DateValue,
    rng: random.Random,
    n: int = 3,
    pool: Sequence[DateValue] = (),
    keep: Callable[[str], bool] | None = None,
) -> list[str]:
    """Up to n wrong dates near the answer, written like answer_text; real ones from pool first.

    `keep` refuses a date while drawing (one the sentence's "by" would make true too), so a
    refused date leaves room for another instead of leaving fewer than n."""
    year = _iso_parts(value.start)[0]
    form = parse_form(answer_text, year) or parse_form(value.label, year)
    if form is None:
        return []
    latest = max(_iso_parts(v.end)[0] for v in (value, *pool))
    chosen: list[str] = []
    seen_points = {form.points}
    seen_texts = {answer_text.strip().casefold()}

    def offer(points: tuple[int, ...], allow_future: bool) -> None:
        if len(chosen) >= n or points in seen_points or list(points) != sorted(set(points)):
            return
        if len(points) == 2 and not set(points).isdisjoint(form.points):
            return  # a period sharing an end with the answer's is too nearly right
        if not all(_valid(form.unit, point) for point in points):
            return
        if not allow_future and _start_year(form.unit, points[-1]) > latest:
            return
        text = render_form(form, points)
        back = parse_form(text, form.context_year)
        # Re-reading the text guards against forms that cannot show a point (a year left unsaid).
        if back is None or back.points != points or text.casefold() in seen_texts:
            return
        if keep is not None and not keep(text):
            return
        seen_points.add(points)
        seen_texts.add(text.casefold())
        chosen.append(text)

    for points in _pool_points(form, pool, rng):
        offer(points, allow_future=False)
    for widen, allow_future in ((1, False), (3, False), (3, True)):
        if len(chosen) >= n:
            break
        for points in _shifted(form, rng, widen):
            offer(points, allow_future)
    return chosen


def _value(unit: str, points: tuple[int, ...], qualifiers: tuple[str, ...]) -> DateValue:
    periods = [_period(unit, p, q) for p, q in zip(points, qualifiers, strict=True)]
    if len(periods) == 1:
        start, end, label = periods[0]
        return DateValue(start, end, unit, label, qualifiers[0])
    (start, _, left), (_, end, right) = periods
    return DateValue(start, end, "range", _range_label(unit, points, qualifiers, left, right))


def _period(unit: str, point: int, qualifier: str) -> tuple[str, str, str]:
    """The ISO start, ISO end and label of one point."""
    prefix = {"": "", "mid": "mid-"}.get(qualifier, f"{qualifier} ")
    if unit == "day":
        day = date.fromordinal(point)
        return day.isoformat(), day.isoformat(), f"{day.day} {MONTHS[day.month - 1]} {day.year}"
    if unit == "month":
        year, month = divmod(point, 12)
        iso = f"{year:04d}-{month + 1:02d}"
        return iso, iso, f"{MONTHS[month]} {year}"
    if unit == "year":
        return f"{point:04d}", f"{point:04d}", f"{prefix}{point}"
    first = point * 10 if unit == "decade" else (point - 1) * 100
    last = first + (9 if unit == "decade" else 99)
    name = f"{first}s" if unit == "decade" else f"{ordinal(point)} century"
    return f"{first:04d}", f"{last:04d}", f"the {prefix}{name}"


def _range_label(
    unit: str, points: tuple[int, ...], qualifiers: tuple[str, ...], left: str, right: str
) -> str:
    a, b = points
    if any(qualifiers) or unit in {"day", "month"}:
        same_year = unit == "month" and a // 12 == b // 12
        return f"{left.split()[0]}–{right}" if same_year else f"{left} – {right}"
    if unit == "year":
        return f"{a}–{b}"
    if unit == "decade":
        return f"the {a * 10}s–{b * 10}s"
    return f"the {ordinal(a)}–{ordinal(b)} centuries"


def _valid(unit: str, point: int) -> bool:
    if unit == "century":
        return 1 <= point <= 22
    try:
        return 1000 <= _start_year(unit, point) <= 2199
    except (ValueError, OverflowError):
        return False


def _start_year(unit: str, point: int) -> int:
    if unit == "day":
        return date.fromordinal(point).year
    return {"month": point // 12, "year": point, "decade": point * 10}.get(unit, (point - 1) * 100)


def _window(form: DateForm) -> int:
    base = _WINDOW[form.unit]
    if len(form.points) == 1:
        return base
    return max(base, min(form.points[1] - form.points[0], 3 * base))


# Which pool granularities may stand in for which: a year mentioned in the texts is a fair
# distractor decade, but not a fair century (every modern year would give the same one).
_COARSENINGS = {(g, g) for g in _WINDOW} | {
    ("day", "month"),
    ("day", "year"),
    ("month", "year"),
    ("year", "decade"),
}


def _pool_points(form: DateForm, pool: Sequence[DateValue], rng: random.Random) -> list[tuple]:
    """Points of the near pool dates in the form's unit: same granularity first, then finer."""
    same, finer = [], []
    for value in pool:
        points = _points_of(value, form.unit, len(form.points))
        if points is None or abs(points[0] - form.points[0]) > 3 * _window(form) // 2:
            continue
        (same if value.granularity in {form.unit, "range"} else finer).append(points)
    rng.shuffle(same)
    rng.shuffle(finer)
    return same + finer


def _points_of(value: DateValue, unit: str, count: int) -> tuple[int, ...] | None:
    if (value.granularity == "range") != (count == 2):
        return None
    if count == 1 and (value.granularity, unit) not in _COARSENINGS:
        return None
    ends = (value.start,) if count == 1 else (value.start, value.end)
    if count == 2 and not _range_fits(unit, _iso_parts(value.start), _iso_parts(value.end)):
        return None
    try:
        return tuple(_iso_index(unit, _iso_parts(iso)) for iso in ends)
    except (ValueError, IndexError):
        return None


def _range_fits(unit: str, start: tuple[int, ...], end: tuple[int, ...]) -> bool:
    """Whether a pool range is written in the answer's unit (years for years, ...)."""
    precision = {"day": 3, "month": 2}.get(unit, 1)
    if len(start) != precision or len(end) != precision:
        return False
    size = {"decade": 10, "century": 100}.get(unit, 1)
    return start[0] % size == 0 and end[0] % size == size - 1


def _iso_index(unit: str, parts: tuple[int, ...]) -> int:
    year = parts[0]
    if unit == "day":
        if len(parts) < 3:
            raise ValueError("not a day")
        return date(*parts).toordinal()
    if unit == "month":
        return year * 12 + parts[1] - 1
    return {"year": year, "decade": year // 10}.get(unit, year // 100 + 1)


def _shifted(form: DateForm, rng: random.Random, widen: int) -> list[tuple[int, ...]]:
    """Candidate points around the answer's in an order drawn from rng; nearest first if widened."""
    window = _window(form) * widen
    start = form.points[0]
    if len(form.points) == 1:
        pairs = [(d, 0) for d in range(-window, window + 1) if d]
        rng.shuffle(pairs)
    else:
        # A range moves as a whole, its length changing by at most a quarter.
        stretch = (form.points[1] - start) // 4
        pairs = [(rng.randint(-window, window), rng.randint(-stretch, stretch)) for _ in range(300)]
    if widen > 1:
        pairs.sort(key=lambda pair: abs(pair[0]))
    return [tuple(p + d + (e if i else 0) for i, p in enumerate(form.points)) for d, e in pairs]


def _iso_parts(iso: str) -> tuple[int, ...]:
    return tuple(int(part) for part in iso.split("-"))


YEAR_NUMBER = r"(?:1\d{3}|20\d{2})"
_RANGE_WORD = r"\s*(?:to|until|till|through|and|[–—-])\s*"
# "1804 to 1813", "1758 and 1760", "1936 until 1940", and with a dash "1723-26".
_PRINTED_RANGE = re.compile(
    rf"\b({YEAR_NUMBER})(?:{_RANGE_WORD}({YEAR_NUMBER})|\s*[-–—]\s*(\d{{2}}))\b"
)


def printed_ranges(text: str) -> list[tuple[int, int]]:
    """The periods of years the text prints, first and last year ("1723-26": 1723, 1726)."""
    ranges = []
    for start, end, short in _PRINTED_RANGE.findall(text):
        first = int(start)
        last = int(end) if end else first // 100 * 100 + int(short)
        if last > first:
            ranges.append((first, last))
    return ranges


# A date printed with its year: "April 4, 1975", "4 April 1975", "November 1975", "the 1990s".
_PRINTED_DATE = re.compile(
    rf"\b(?:(?:\d{{1,2}} )?{MONTH_PATTERN} (?:\d{{1,2}},? )?)?{YEAR_NUMBER}\b(?!,\d)|"
    r"\bthe (?:1\d|20)\d0s\b"
)


def holds(one: DateValue | None, other: DateValue) -> bool:
    """Whether `other` lies within `one` ("1928" holds "March 1928"), so saying `one` is true
    wherever `other` is."""
    return one is not None and one.start <= other.start and other.end <= one.end + "~"


def _overlap(one: DateValue, other: DateValue) -> bool:
    # "1995" holds "1995-03": a date's end covers every finer date it begins.
    return one.start <= other.end + "~" and other.start <= one.end + "~"


def possible_dates(
    values: Sequence[str],
    answer: DateValue,
    quote: str,
    latest: int | None,
    earliest: int | None = None,
    sentence: str | None = None,
    period: tuple[int, int] | None = None,
) -> list[str]:
    """The wrong dates the quote itself does not rule out: inside a range it prints around the
    answer ("the Great Recession of 2008–2017": not 2002), not after the latest year the text
    names (a past event is not dated in a decade still to come) and not before the earliest (a
    century before the text's story begins may come before its subjects existed: contacts
    between Iran and Russia in the sixth century), and never inside the answer's period or
    holding it ("1995" is true of "the 1990s"), and on the same side as the answer of every date
    the answer's `sentence` prints (the quote when not given; "from 2010 to _____": not 2009),
    and never inside the `period` the answer opens or closes ("From 1936 until 1940": not 1939).
    None when the answer is itself that latest
    or earliest year: every wrong date would then lie on one side, and the extreme choice
    would be the right one."""
    low, high = int(answer.start[:4]), int(answer.end[:4])
    if latest is not None and high >= latest:
        return []
    if earliest is not None and low <= earliest:
        return []
    bounds = [
        (a, b) for a, b in printed_ranges(quote) if a <= low and high <= b and (a, b) != (low, high)
    ]
    printed = _printed_dates(quote if sentence is None else sentence)
    kept = []
    for text in values:
        value = parse_date(text)
        if value is None:
            continue
        if _overlap(value, answer):
            continue  # "1995" for "the 1990s", or "the 1990s" for 1995: also true
        start, end = int(value.start[:4]), int(value.end[:4])
        if any(start < a or end > b for a, b in bounds):
            continue
        if latest is not None and start > latest:
            continue
        if earliest is not None and start < earliest:
            continue
        if not all(_same_side(value, answer, other) for other in printed):
            continue
        if period is not None and start <= period[1] and end >= period[0]:
            continue
        kept.append(text)
    return kept


_OPENS = re.compile(r"\b(?:[Ff]rom|[Bb]etween)\s+$")
_CLOSES = re.compile(rf"\b(?:[Ff]rom|[Bb]etween)\s+({YEAR_NUMBER}){_RANGE_WORD}$")
_THEN_END = re.compile(rf"^{_RANGE_WORD}(?:the year\s+)?({YEAR_NUMBER})\b")


def period_around(before: str, after: str, answer: DateValue) -> tuple[int, int] | None:
    """The years of the period the answer opens ("From _____ until 1940") or closes ("from 1930
    to _____"), from the text either side of it; None when it is a date on its own."""
    year = int(answer.start[:4])
    end = _THEN_END.match(after)
    if end and _OPENS.search(before) and int(end.group(1)) > year:
        return year, int(end.group(1))
    start = _CLOSES.search(before)
    if start and int(start.group(1)) < year:
        return int(start.group(1)), year
    return None


def _printed_dates(prompt: str) -> list[DateValue]:
    found = (parse_date(match.group()) for match in _PRINTED_DATE.finditer(prompt))
    return [value for value in found if value is not None]


def _before(one: DateValue, other: DateValue) -> bool:
    return one.end + "~" < other.start


def _same_side(value: DateValue, answer: DateValue, printed: DateValue) -> bool:
    # "from 2010 to _____": a wrong date before 2010 contradicts the sentence's own order.
    if _before(printed, answer):
        return _before(printed, value)
    if _before(answer, printed):
        return _before(value, printed)
    return True
