"""What MediaWiki's inline templates show in a rendered article, as plain text.

Templates that print a value in running prose ({{convert}}, {{lang}}, {{nowrap}}, {{circa}},
dashes and spaces) give that value; notes, citations, infoboxes, navigation boxes, hatnotes and
maintenance tags give nothing, as do templates not known here (most are boxes and notes).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from mwparserfromhell.nodes import Template
from mwparserfromhell.wikicode import Wikicode

from app.extraction.wikitext_convert import DATE_TEMPLATES, render_convert, render_date

Render = Callable[[Wikicode | None], str]

# Templates that show their first positional argument as it is.
_FIRST = frozenset(
    "nowrap|nobr|nobold|noitalic|small|smaller|big|larger|resize|nobreak|j|nowrap begin|avoid wrap"
    "|not a typo|sic|math|mvar|var|abbr|tooltip|ill|interlanguage link|interlanguage link multi"
    "|transliteration|script|nihongo|korean|zh|keep together|wikt|sup|sub|formatnum|lc|uc"
    "|visible anchor|anchor text|em|strong|code|mono|smallcaps|sc|small caps|lcfirst|ucfirst"
    "|title case|linktext|plainlink|flagcountry|flag|flagu|country|flagdeco text|section link"
    "|sortname reverse|hs|hidden sort key|ntsh".split("|")
)
# Templates that show their second positional argument ({{lang|fr|texte}}, {{color|red|x}}).
_SECOND = frozenset("lang|langx|color|colour|font color|text color|transl|rtl-lang".split("|"))
# Ship prefixes joined to the ship's name ({{HMS|Victory}}, {{ship|USS|Maine}}).
_SHIPS = frozenset("ship|sclass|hms|uss|hmas|hmcs|hmnzs|sms|ins|rms|ss|usns|usat".split("|"))
# Templates that stand for a character.
_CHARACTERS = {
    "'": "'", '"': '"', "' \"": "'\"", "\" '": "\"'", "'s": "'s", "`": "'",
    "ndash": "–", "mdash": "—", "snd": " – ", "spaced ndash": " – ", "spnd": " – ",
    "dash": " – ", "nbsp": " ", "thinsp": " ", "hair space": " ", "-": "", "clear": "",
    "okina": "ʻ", "kahako": "", "pipe": "|", "!": "|", "=": "=", "·": " · ", "dot": " · ",
    "middot": "·", "bull": " • ", "en dash": "–", "em dash": "—", "shy": "", "zwsp": "",
    "nbhyph": "‑", "snds": " – ", "spaced en dash": " – ", "spaces": " ", "break": "\n",
    "crlf": "\n", "•": " • ",
}  # fmt: skip
_FUNCTIONS = ("formatnum:", "lc:", "uc:", "lcfirst:", "ucfirst:")
_FUNCTIONS_BY_NAME = frozenset(f.rstrip(":") for f in _FUNCTIONS)
_POWERS = {"3": "thousand", "6": "million", "9": "billion", "12": "trillion"}
_CIRCA = frozenset({"circa", "c.", "ca", "ca.", "c"})
_LANG_PREFIX = re.compile(r"^lang-[a-z]{2,3}(?:-[a-z]+)*$")
_QUOTES = frozenset(
    "quote|blockquote|cquote|quotation|quote box|poem quote|centered pull quote".split("|")
)
_LISTS = frozenset(
    "hlist|flatlist|plainlist|unbulleted list|ubl|ubil|vunblist|bulleted list|blist".split("|")
)


def template_name(template: Template) -> str:
    """The template's name as MediaWiki matches it: trimmed, case-folded, spaces for "_"; a
    parser function's name without its argument ({{formatnum:1234}} is "formatnum")."""
    name = str(template.name).split("<!--", 1)[0].strip().replace("_", " ")
    if name.casefold().startswith(_FUNCTIONS):
        name = name.split(":", 1)[0]
    return re.sub(r"\s+", " ", name).casefold().removeprefix("template:")


def render_template(template: Template, render: Render) -> str:
    """The text a template shows in running prose ("" for notes, boxes and unknown ones)."""
    name = template_name(template)
    args = [render(p.value).strip() for p in template.params if not p.showkey]
    if name in _FUNCTIONS_BY_NAME:
        args = [str(template.name).split(":", 1)[1].strip(), *args]
    if name in _CHARACTERS:
        return _CHARACTERS[name]
    if name in _FIRST or _LANG_PREFIX.match(name):
        return args[0] if args else ""
    if name in _SECOND:
        return args[1] if len(args) > 1 else ""
    if name in _QUOTES:
        text = _named(template, "text", "quote")
        shown = render(text).strip() if text is not None else (args[0] if args else "")
        return f"\n\n{shown}\n\n" if shown else ""
    if name in _LISTS:
        return ", ".join(arg for arg in args if arg)
    if name in _SHIPS:
        return " ".join(args[:2] if name == "ship" else [name.upper(), *args[:1]])
    value = _VALUES.get(name)
    return value(template, args) if value else ""


def _named(template: Template, *names: str) -> Wikicode | None:
    for name in names:
        if template.has(name):
            return template.get(name).value
    return None


def _power(template: Template, args: list[str]) -> str:
    # {{e|9}} shows "×10⁹" after an amount; written as a word, since a superscript digit
    # after a word is read as a note marker and dropped ("300×10 kg").
    power = args[0] if args else ""
    return f" {_POWERS[power]}" if power in _POWERS else f"×10^{power}"


def _fraction(template: Template, parts: list[str]) -> str:
    if len(parts) >= 3:
        return f"{parts[0]} {parts[1]}/{parts[2]}"
    if len(parts) == 2:
        return f"{parts[0]}/{parts[1]}"
    return f"1/{parts[0]}" if parts else ""


def _coordinates(template: Template, parts: list[str]) -> str:
    # {{coord|12|30|N|69|58|W}} shows "12°30′N 69°58′W"; display=title shows only by the title.
    display = str(template.get("display").value).strip() if template.has("display") else ""
    if display == "title":
        return ""
    parts = [p for p in parts if p and ":" not in p and "=" not in p]
    hemispheres = [i for i, p in enumerate(parts) if p in ("N", "S", "E", "W")]
    if len(hemispheres) != 2:
        return "°, ".join(parts[:2]) + "°" if len(parts) >= 2 else ""
    first, second = hemispheres
    return (
        f"{_angle(parts[:first])}{parts[first]} {_angle(parts[first + 1 : second])}{parts[second]}"
    )


def _angle(parts: list[str]) -> str:
    return "".join(f"{value}{mark}" for value, mark in zip(parts, ("°", "′", "″"), strict=False))


def _circa(template: Template, args: list[str]) -> str:
    return f"c. {args[0]}" if args else "c."


def _as_of(template: Template, args: list[str]) -> str:
    return f"As of {' '.join(args[:3])}" if args else ""


def _dollars(template: Template, args: list[str]) -> str:
    return f"US${args[0]}" if args else ""


def _sortname(template: Template, args: list[str]) -> str:
    return " ".join(args[:2])


def _val(template: Template, args: list[str]) -> str:
    # {{val|1234|u=km}}: the number grouped as the page shows it, then its unit.
    unit = _named(template, "u", "ul")
    number = args[0] if args else ""
    if number.isdigit() and len(number) > 4:
        number = f"{int(number):,}"
    return f"{number} {str(unit).strip()}".strip() if unit is not None else number


_VALUES = {
    "convert": render_convert, "cvt": render_convert, "e": _power, "coord": _coordinates,
    "frac": _fraction, "fraction": _fraction, "sfrac": _fraction, "as of": _as_of,
    "asof": _as_of, "us$": _dollars, "usd": _dollars, "sortname": _sortname,
    "sort name": _sortname, "val": _val, **{name: _circa for name in _CIRCA},
    **{name: render_date for name in DATE_TEMPLATES},
}  # fmt: skip
