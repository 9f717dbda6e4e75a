"""Date expressions as forms: literal pieces and slots, read from text and refilled with points."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
MONTH_PATTERN = "(?:" + "|".join(MONTHS) + ")"  # a month's name, for regular expressions
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_ORDINALS = (
    "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
    "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth",
    "eighteenth", "nineteenth", "twentieth",
)  # fmt: skip
_ORDINAL_WORDS = _ORDINALS + tuple(f"twenty-{w}" for w in _ORDINALS[:9])

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
class DateForm:
    """A date expression as literal pieces and slots, with the points the slots show."""

    template: tuple[str | _Slot, ...]
    unit: str
    points: tuple[int, ...]
    qualifiers: tuple[str, ...]
    context_year: int | None


def parse_form(text: str, context_year: int | None) -> DateForm | None:
    """The form of a whole date expression, or None when it is vague, relative or no date."""
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
    return DateForm(tuple(template), raws[0]["unit"], points, qualifiers, context_year)


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


def ordinal(n: int) -> str:
    """The number with its English ordinal suffix: 1st, 2nd, 13th."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def render_form(form: DateForm, points: tuple[int, ...]) -> str:
    """The form written out again with its slots refilled from other points."""
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
        return {"ord": ordinal(value), "pad": f"{value:02d}"}.get(slot.style, str(value))
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
        return ordinal(value) if slot.style == "num" else _ORDINAL_WORDS[value - 1]
    return str(value)


def _apply_case(text: str, case: str) -> str:
    if case == "upper":
        return text.upper()
    if case == "lower":
        return text.lower()
    return text[:1].upper() + text[1:]
