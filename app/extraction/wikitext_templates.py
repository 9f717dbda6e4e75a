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

Render = Callable[[Wikicode | None], str]

# Templates that show their first positional argument as it is.
_FIRST = frozenset(
    "nowrap|nobr|nobold|noitalic|small|smaller|big|larger|resize|nobreak|j|nowrap begin|avoid wrap"
    "|not a typo|sic|math|mvar|var|abbr|tooltip|ill|interlanguage link|interlanguage link multi"
    "|lang-xx|transl|transliteration|script|nihongo|korean|zh|lang-x|keep together|ship|wikt"
    "|visible anchor|anchor text|em|strong|code|mono|smallcaps|sc|small caps|uc|lc|lcfirst|ucfirst"
    "|title case|linktext|plainlink|flagcountry|flag|flagu|country|flagdeco text|section link"
    "|sortname reverse|hs|hidden sort key|ntsh".split("|")
)
# Templates that show their second positional argument ({{lang|fr|texte}}, {{color|red|x}}).
_SECOND = frozenset("lang|color|colour|font color|text color|ipa|transl|rtl-lang".split("|"))
# Templates that stand for a character.
_CHARACTERS = {
    "'": "'", '"': '"', "' \"": "'\"", "\" '": "\"'", "'s": "'s", "`": "'",
    "ndash": "–", "mdash": "—", "snd": " – ", "spaced ndash": " – ", "spnd": " – ",
    "dash": " – ", "nbsp": " ", "thinsp": " ", "hair space": " ", "-": "", "clear": "",
    "okina": "ʻ", "kahako": "", "pipe": "|", "!": "|", "=": "=", "·": " · ", "dot": " · ",
    "middot": "·", "bull": " • ", "en dash": "–", "em dash": "—", "shy": "", "zwsp": "",
    "nbhyph": "‑", "snds": " – ", "spaces": " ", "break": "\n", "crlf": "\n", "•": " • ",
}  # fmt: skip
_SUPERSCRIPT = str.maketrans("0123456789-−", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁻")
_CIRCA = frozenset({"circa", "c.", "ca", "ca.", "c"})
_LANG_PREFIX = re.compile(r"^lang-[a-z]{2,3}(?:-[a-z]+)*$")
_QUOTES = frozenset(
    "quote|blockquote|cquote|quotation|quote box|poem quote|centered pull quote".split("|")
)
_LISTS = frozenset(
    "hlist|flatlist|plainlist|unbulleted list|ubl|ubil|vunblist|bulleted list|blist".split("|")
)


def template_name(template: Template) -> str:
    """The template's name as MediaWiki matches it: trimmed, case-folded, spaces for "_"."""
    name = str(template.name).split("<!--", 1)[0].strip().replace("_", " ")
    return re.sub(r"\s+", " ", name).casefold().removeprefix("template:")


def render_template(template: Template, render: Render) -> str:
    """The text a template shows in running prose ("" for notes, boxes and unknown ones)."""
    name = template_name(template)
    positional = [p.value for p in template.params if not p.showkey]
    if name in _CHARACTERS:
        return _CHARACTERS[name]
    if name == "convert" or name == "cvt":
        from app.extraction.wikitext_convert import render_convert

        return render_convert(template, [render(v).strip() for v in positional])
    if name in _FIRST or _LANG_PREFIX.match(name):
        return render(positional[0]) if positional else ""
    if name in _SECOND:
        return render(positional[1]) if len(positional) > 1 else ""
    if name in _CIRCA:
        return f"c. {render(positional[0]).strip()}" if positional else "c."
    if name in _QUOTES:
        text = _named(template, "text", "quote") or (positional[0] if positional else None)
        return f"\n\n{render(text).strip()}\n\n" if text is not None else ""
    if name in _LISTS:
        items = [render(v).strip() for v in positional]
        return ", ".join(item for item in items if item)
    if name == "e" and positional:
        # {{e|9}} is "×10⁹" after an amount: "300×10⁹ kg".
        return "×10" + render(positional[0]).strip().translate(_SUPERSCRIPT)
    if name == "coord":
        return _coordinates([render(v).strip() for v in positional], template)
    if name in ("sortname", "sort name"):
        return " ".join(render(v).strip() for v in positional[:2])
    if name in ("frac", "fraction", "sfrac"):
        return _fraction([render(v).strip() for v in positional])
    if name in ("as of", "asof"):
        return f"As of {' '.join(render(v).strip() for v in positional[:3])}" if positional else ""
    if name in ("us$", "usd"):
        return f"US${render(positional[0]).strip()}" if positional else ""
    return ""


def _named(template: Template, *names: str) -> Wikicode | None:
    for name in names:
        if template.has(name):
            return template.get(name).value
    return None


def _fraction(parts: list[str]) -> str:
    if len(parts) >= 3:
        return f"{parts[0]} {parts[1]}/{parts[2]}"
    if len(parts) == 2:
        return f"{parts[0]}/{parts[1]}"
    return f"1/{parts[0]}" if parts else ""


def _coordinates(parts: list[str], template: Template) -> str:
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
