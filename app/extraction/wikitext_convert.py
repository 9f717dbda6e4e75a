"""Templates that print an amount or a date, as plain text.

{{convert}} gives the amount as written, in the unit's words ("4,000 miles"): the rendered
article adds the converted amount in brackets, but the amount the author wrote is the fact, so
only it is shown, spelled as the template spells it (adj=on: "a 40-acre farm"). {{birth date}}
and its kin give the date as the page shows it ("July 18, 1969"; df=y: "18 July 1969").
"""

from __future__ import annotations

import calendar
import re

from mwparserfromhell.nodes import Template

# Unit code: (singular, plural, symbol). The template's own names, in British spelling.
_UNITS = {
    "km": ("kilometre", "kilometres", "km"), "m": ("metre", "metres", "m"),
    "cm": ("centimetre", "centimetres", "cm"), "mm": ("millimetre", "millimetres", "mm"),
    "mi": ("mile", "miles", "mi"), "smi": ("statute mile", "statute miles", "mi"),
    "nmi": ("nautical mile", "nautical miles", "nmi"), "ft": ("foot", "feet", "ft"),
    "in": ("inch", "inches", "in"), "yd": ("yard", "yards", "yd"),
    "km2": ("square kilometre", "square kilometres", "km²"),
    "sqmi": ("square mile", "square miles", "sq mi"),
    "mi2": ("square mile", "square miles", "sq mi"),
    "m2": ("square metre", "square metres", "m²"), "sqft": ("square foot", "square feet", "sq ft"),
    "ha": ("hectare", "hectares", "ha"), "acre": ("acre", "acres", "acres"),
    "kg": ("kilogram", "kilograms", "kg"), "g": ("gram", "grams", "g"),
    "lb": ("pound", "pounds", "lb"), "oz": ("ounce", "ounces", "oz"), "t": ("tonne", "tonnes", "t"),
    "LT": ("long ton", "long tons", "long tons"), "ST": ("short ton", "short tons", "short tons"),
    "C": ("°C", "°C", "°C"), "°C": ("°C", "°C", "°C"), "F": ("°F", "°F", "°F"),
    "°F": ("°F", "°F", "°F"), "K": ("kelvin", "kelvins", "K"),
    "km/h": ("kilometre per hour", "kilometres per hour", "km/h"),
    "mph": ("mile per hour", "miles per hour", "mph"), "kn": ("knot", "knots", "kn"),
    "m/s": ("metre per second", "metres per second", "m/s"),
    "ft/s": ("foot per second", "feet per second", "ft/s"),
    "AU": ("astronomical unit", "astronomical units", "AU"),
    "L": ("litre", "litres", "L"), "USgal": ("US gallon", "US gallons", "US gal"),
    "oilbbl": ("barrel", "barrels", "bbl"),
    "oilbbl/d": ("barrel per day", "barrels per day", "bbl/d"),
    "carat": ("carat", "carats", "carat"), "t/d": ("tonne per day", "tonnes per day", "t/d"),
    "MW": ("megawatt", "megawatts", "MW"),
    "kW": ("kilowatt", "kilowatts", "kW"), "hp": ("horsepower", "horsepower", "hp"),
}  # fmt: skip
# A multiple before a unit's code: "koilbbl/d" is thousands of barrels a day, "e6t" millions
# of tonnes.
_MULTIPLES = {"k": ("thousand", "k"), "e3": ("thousand", "k"), "M": ("million", "M"),
              "e6": ("million", "M"), "e9": ("billion", "G"), "G": ("billion", "G")}  # fmt: skip
_US_SPELLING = (("metre", "meter"), ("litre", "liter"), ("tonne", "metric ton"))
# The words between the amounts of a range ({{convert|5|to|10|km}}), as the page shows them.
_RANGE_WORDS = {"to": " to ", "and": " and ", "or": " or ", "-": "–", "–": "–", "by": " by ",
                "x": " × ", "×": " × ", "+": " + ", "to(-)": " to ", "and(-)": " and "}  # fmt: skip
_NUMBER = re.compile(r"^[-+−]?[\d,]*\.?\d+(?:e\d+)?$")


def _amount(value: str) -> str:
    # Digits grouped by thousands as the page shows them: 10977 -> "10,977"; 2.0 stays.
    plain = value.replace(",", "").replace("−", "-")
    if not _NUMBER.match(plain) or "e" in plain:
        return value
    whole, dot, fraction = plain.partition(".")
    sign = "−" if whole.startswith("-") else ""
    digits = whole.lstrip("+-")
    grouped = f"{int(digits):,}" if digits and len(digits) > 3 else digits
    return f"{sign}{grouped}{dot}{fraction}"


def render_convert(template: Template, args: list[str]) -> str:
    """ "4,000 miles", "40-acre", "110 and 125 mph", from {{convert|...}}'s arguments."""
    if not args:
        return ""
    amounts, rest = [_amount(args[0])], args[1:]
    while len(rest) >= 2 and rest[0] in _RANGE_WORDS:
        amounts += [_RANGE_WORDS[rest[0]], _amount(rest[1])]
        rest = rest[2:]
    code = rest[0] if rest else ""
    option = {str(p.name).strip(): str(p.value).strip() for p in template.params if p.showkey}
    number = "".join(amounts)
    unit_names = _unit(code)
    if unit_names is None:
        return f"{number} {code}".strip()
    singular, plural, symbol = unit_names
    if option.get("abbr") in ("on", "in", "values") or option.get("disp") == "table":
        unit = symbol
    elif option.get("adj") == "on":
        unit = singular
    else:
        unit = singular if len(amounts) == 1 and args[0] in ("1", "1.0") else plural
    if option.get("sp") == "us":
        for british, american in _US_SPELLING:
            unit = unit.replace(british, american)
    if option.get("adj") == "on" and not unit.startswith("°"):
        return f"{number}-{unit.replace(' ', '-')}"
    separator = "" if unit.startswith("°") else " "
    return f"{number}{separator}{unit}"


def _unit(code: str) -> tuple[str, str, str] | None:
    if code in _UNITS:
        return _UNITS[code]
    for prefix, (word, letter) in _MULTIPLES.items():
        base = _UNITS.get(code.removeprefix(prefix)) if code.startswith(prefix) else None
        if base:
            return f"{word} {base[1]}", f"{word} {base[1]}", f"{letter}{base[2]}"
    return None


# Date templates and the positional argument their (first) date starts at.
DATE_TEMPLATES = frozenset(
    "birth date|birth date and age|death date|death date and age|start date|end date"
    "|start date and age|end date and age|dts|film date|release date".split("|")
)


def render_date(template: Template, args: list[str]) -> str:
    """ "July 18, 1969" from {{birth date|1969|7|18}}; "18 July 1969" with df=y; a year alone
    or a year and month as given."""
    parts = [a for a in args if a][:3]
    if not parts or not parts[0].lstrip("-").isdigit():
        return parts[0] if parts else ""
    year = parts[0]
    month = int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else 0
    if not 1 <= month <= 12:
        return year
    name = calendar.month_name[month]
    if len(parts) < 3 or not parts[2].isdigit():
        return f"{name} {year}"
    day = int(parts[2])
    day_first = any(
        str(p.name).strip() == "df" and str(p.value).strip().casefold() in ("y", "yes")
        for p in template.params
    )
    return f"{day} {name} {year}" if day_first else f"{name} {day}, {year}"
