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
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from app.generation.types import DateValue

MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_ORDINALS = (
    "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
    "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth",
    "eighteenth", "nineteenth", "twentieth",
)  # fmt: skip
_ORDINAL_WORDS = _ORDINALS + tuple(f"twenty-{w}" for w in _ORDINALS[:9])
_QUALIFIER_RANK = {"early": 0, "": 1, "mid": 1, "late": 2}
# How far synthesised distractors stray, in the form's unit.
_WINDOW = {"day": 730, "month": 24, "year": 10, "decade": 4, "century": 3}

_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)(?![a-z])\.?"
)
_CENTURY = r"\d{1,2}(?:st|nd|rd|th)|" + "|".join(sorted(_ORDINAL_WORDS, key=len, reverse=True))
_Q = r"(?:(?P<q>early|mid|late)(?:-|\s+))?"
_WD = r"(?:(?P<wd>(?:mon|tues|wednes|thurs|fri|satur|sun)day),?\s+)?"
_DAY = r"(?P<day>\d{1,2})(?P<suf>st|nd|rd|th)?(?!\d)"
_YEAR = r"(?P<year>\d{4})(?!\d)"
_POINTS = [
    (unit, re.compile(rx, re.IGNORECASE))
    for unit, rx in (
        ("day", r"(?P<year>\d{4})-(?P<month>\d\d)-(?P<day>\d\d)(?!\d)"),
        ("day", rf"{_WD}{_DAY}(?:\s+of)?\s+(?P<month>{_MONTH})(?:,?\s+{_YEAR})?"),
        ("day", rf"{_WD}(?P<month>{_MONTH})\s+{_DAY}(?:,?\s+{_YEAR})?"),
        ("month", rf"(?P<month>{_MONTH}),?\s+{_YEAR}"),
        ("decade", rf"{_Q}(?P<decade>\d{{3}}0)['’]?s(?![a-z])"),
        ("century", rf"{_Q}(?P<century>{_CENTURY})(?P<cword>[\s-]+centur(?:y|ies))?(?![a-z])"),
        ("year", rf"{_Q}{_YEAR}"),
        ("month", rf"(?P<month>{_MONTH})"),
    )
]
_OPEN = re.compile(r"\(\s*")
_LEAD = re.compile(r"(?P<lead>in|on|during|from|between)\s+", re.IGNORECASE)
_THE = re.compile(r"the\s+(?P<year_word>year\s+)?", re.IGNORECASE)
_SEP = re.compile(r"\s*(?P<dash>[-–—])\s*|\s+(?P<word>to|until|till|through|and)\s+", re.IGNORECASE)
_YEAR2 = re.compile(r"(?P<year2>\d\d)(?!\d)")
_TAIL = re.compile(r"(?P<poss>['’]s)?\s*(?P<close>\))?\.?")
_SLOT_GROUPS = ("wd", "day", "month", "year", "year2", "decade", "century")


@dataclass(frozen=True)
class _Slot:
    point: int  # which point of the form fills it
    field: str  # one of _SLOT_GROUPS
    style: str  # how it was written: "plain"/"ord"/"pad" days, "full"/"abbr." months, ...
    case: str  # "upper", "lower" or "title"


@dataclass(frozen=True)
class _Form:
    template: tuple[str | _Slot, ...]
    unit: str
    points: tuple[int, ...]
    qualifiers: tuple[str, ...]
    context_year: int | None


def parse_date(text: str, context_year: int | None = None) -> DateValue | None:
    """Normalise a DATE entity's text, or None when it is vague, relative or not a date."""
    form = _parse_form(text, context_year)
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
) -> list[str]:
    """Up to n wrong dates near the answer, written like answer_text; real ones from pool first."""
    year = _iso_parts(value.start)[0]
    form = _parse_form(answer_text, year) or _parse_form(value.label, year)
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
        text = _render(form, points)
        back = _parse_form(text, form.context_year)
        # Re-reading the text guards against forms that cannot show a point (a year left unsaid).
        if back is None or back.points != points or text.casefold() in seen_texts:
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


def _parse_form(text: str, context_year: int | None) -> _Form | None:
    text = text.strip()
    spans: list[tuple[int, int, _Slot]] = []
    raws: list[dict] = []
    pos = _skip(_OPEN, text, 0)
    opened = pos > 0
    lead_match = _LEAD.match(text, pos)
    lead = lead_match["lead"].lower() if lead_match else ""
    pos = lead_match.end() if lead_match else pos
    the = _THE.match(text, pos)
    year_word = bool(the and the["year_word"])
    pos = the.end() if the else pos
    pos = _read_point(text, pos, raws, spans)
    if pos < 0:
        return None
    sep = _SEP.match(text, pos)
    if sep:
        pos = _skip(_THE, text, sep.end())
        year2 = _YEAR2.match(text, pos) if sep["dash"] and raws[0]["unit"] == "year" else None
        if year2:
            spans.append((year2.start(), year2.end(), _Slot(1, "year2", "2", "lower")))
            century = raws[0]["year"] // 100 * 100
            raws.append({"unit": "year", "year": century + int(year2["year2"]), "q": ""})
            pos = year2.end()
        else:
            pos = _read_point(text, pos, raws, spans)
            if pos < 0:
                return None
    tail = _TAIL.match(text, pos)
    if tail.end() != len(text) or bool(tail["close"]) != opened:
        return None
    word = (sep["word"] or "").lower() if sep else ""
    if not _shape_ok(raws, lead, word, year_word, sep is not None):
        return None
    points = _resolve(raws, context_year)
    if points is None:
        return None
    template: list[str | _Slot] = []
    cursor = 0
    for start, end, slot in sorted(spans, key=lambda span: span[0]):
        template += [text[cursor:start], slot]
        cursor = end
    template.append(text[cursor:])
    qualifiers = tuple(r["q"] for r in raws)
    return _Form(tuple(template), raws[0]["unit"], points, qualifiers, context_year)


def _skip(pattern: re.Pattern, text: str, pos: int) -> int:
    match = pattern.match(text, pos)
    return match.end() if match else pos


def _read_point(text: str, pos: int, raws: list[dict], spans: list) -> int:
    """Read one date at pos into raws and its slots into spans; the end position, or -1."""
    found = next(((u, m) for u, p in _POINTS if (m := p.match(text, pos))), None)
    if found is None:
        return -1
    unit, match = found
    groups = match.groupdict()
    if (groups.get("month") or "x").isdigit() and not 1 <= int(groups["month"]) <= 12:
        return -1
    index = len(raws)
    for name in _SLOT_GROUPS:
        token = groups.get(name)
        if token:
            style = _style(name, token, groups, unit)
            # An ordinal day's suffix changes with the day ("1st", "2nd"), so the slot covers it.
            end = match.end("suf") if name == "day" and groups.get("suf") else match.end(name)
            spans.append((match.start(name), end, _Slot(index, name, style, _case(token))))
    raws.append({
        "unit": unit,
        "q": (groups.get("q") or "").lower(),
        "year": int(groups["year"]) if groups.get("year") else None,
        "month": _month_number(groups["month"]) if groups.get("month") else None,
        "day": int(groups["day"]) if groups.get("day") else None,
        "decade": int(groups["decade"]) if groups.get("decade") else None,
        "century": _century_number(groups["century"]) if groups.get("century") else None,
        "cword": bool(groups.get("cword")),
    })  # fmt: skip
    return match.end()


def _style(name: str, token: str, groups: dict, unit: str) -> str:
    if name == "day":
        return (
            "ord"
            if groups.get("suf")
            else ("pad" if len(token) == 2 and token[0] == "0" else "plain")
        )
    if name == "month":
        if token.isdigit():
            return "num"
        bare = token.rstrip(".").lower()
        if bare in {m.lower() for m in MONTHS}:
            return "full"
        return ("sept" if bare == "sept" else "abbr") + ("." if token.endswith(".") else "")
    if name == "century":
        return "num" if token[0].isdigit() else "word"
    return "plain"


def _case(token: str) -> str:
    letters = [c for c in token if c.isalpha()]
    if len(letters) > 1 and all(c.isupper() for c in letters):
        return "upper"
    return "title" if letters and letters[0].isupper() else "lower"


def _shape_ok(raws: list[dict], lead: str, word: str, year_word: bool, ranged: bool) -> bool:
    """Whether the parts fit together as one date or one period."""
    units = {r["unit"] for r in raws}
    if len(units) != 1 or (year_word and units != {"year"}):
        return False
    if raws[-1]["unit"] == "century" and not raws[-1]["cword"]:
        return False  # "the nineteenth" alone names no period
    if not ranged:
        return lead not in {"from", "between"}
    if lead == "between" and word != "and":
        return False
    if word == "and" and lead != "between" and units.isdisjoint({"decade", "century"}):
        return False  # "1995 and 1997" are two dates, not a period
    return lead != "from" or word != "and"


def _resolve(raws: list[dict], context_year: int | None) -> tuple[int, ...] | None:
    """Fill missing years (from the other end of a range, else context_year) and index points.

    A range whose unsaid year would differ from its said one ("December to February 2016") is
    refused rather than guessed.
    """
    unit = raws[0]["unit"]
    if unit in {"day", "month"}:
        known = [r["year"] for r in raws if r["year"] is not None] or [context_year]
        if known[0] is None:
            return None
        for raw in raws:
            raw["year"] = known[0] if raw["year"] is None else raw["year"]
    try:
        points = tuple(_index(unit, r) for r in raws)
    except ValueError:
        return None
    if len(points) == 2 and points[0] >= points[1]:
        return None
    return points


def _index(unit: str, raw: dict) -> int:
    if unit == "century":
        if not 1 <= raw["century"] <= 22:
            raise ValueError("century out of range")
        return raw["century"]
    year = raw["decade"] if unit == "decade" else raw["year"]
    if not 1000 <= year <= 2199:
        raise ValueError("year out of range")
    if unit == "day":
        return date(year, raw["month"], raw["day"]).toordinal()
    if unit == "month":
        return year * 12 + raw["month"] - 1
    return year // 10 if unit == "decade" else year


def _month_number(token: str) -> int:
    if token.isdigit():
        return int(token)
    return next(
        i for i, m in enumerate(MONTHS, 1) if m.lower().startswith(token.rstrip(".").lower()[:3])
    )


def _century_number(token: str) -> int:
    if token[0].isdigit():
        return int(token[:-2])
    return _ORDINAL_WORDS.index(token.lower()) + 1


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


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
    name = f"{first}s" if unit == "decade" else f"{_ordinal(point)} century"
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
    return f"the {_ordinal(a)}–{_ordinal(b)} centuries"


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


def _render(form: _Form, points: tuple[int, ...]) -> str:
    parts = []
    for piece in form.template:
        if isinstance(piece, str):
            parts.append(piece)
            continue
        value = _components(form.unit, points[piece.point])[piece.field]
        parts.append(_apply_case(_render_field(piece, value), piece.case))
    return "".join(parts)


def _components(unit: str, point: int) -> dict[str, int]:
    if unit == "day":
        day = date.fromordinal(point)
        return {"year": day.year, "month": day.month, "day": day.day, "wd": day.weekday()}
    if unit == "month":
        return {"year": point // 12, "month": point % 12 + 1}
    if unit == "year":
        return {"year": point, "year2": point}
    return {"decade": point * 10} if unit == "decade" else {"century": point}


def _render_field(slot: _Slot, value: int) -> str:
    if slot.field == "wd":
        return WEEKDAYS[value]
    if slot.field == "day":
        return {"ord": _ordinal(value), "pad": f"{value:02d}"}.get(slot.style, str(value))
    if slot.field == "month":
        if slot.style == "num":
            return f"{value:02d}"
        name = MONTHS[value - 1]
        dot = "." if slot.style.endswith(".") else ""
        if slot.style.startswith("sept") and value == 9:
            return "Sept" + dot
        if slot.style == "full" or name == "May":
            return name
        return name[:3] + dot
    if slot.field == "year2":
        return f"{value % 100:02d}"
    if slot.field == "century":
        return _ordinal(value) if slot.style == "num" else _ORDINAL_WORDS[value - 1]
    return str(value)


def _apply_case(text: str, case: str) -> str:
    if case == "upper":
        return text.upper()
    if case == "lower":
        return text.lower()
    return text[:1].upper() + text[1:]


def _window(form: _Form) -> int:
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


def _pool_points(form: _Form, pool: Sequence[DateValue], rng: random.Random) -> list[tuple]:
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


def _shifted(form: _Form, rng: random.Random, widen: int) -> list[tuple[int, ...]]:
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
