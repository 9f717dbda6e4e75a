"""Other names a reader would write: a person without their title, a system singular or plural
or by its other designator, an organisation or place by its short or long form."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from app.generation.cleaning_rules import NAME_PARTICLES
from app.generation.mentions import normalise

# Forms everyone knows without the text defining them; each row is one name.
COMMON_NAMES = (
    ("United Nations", "UN", "U.N."),
    ("United States", "US", "U.S.", "USA", "U.S.A.", "United States of America"),
    ("United Kingdom", "UK", "U.K."),
    ("Soviet Union", "USSR", "U.S.S.R."),
    ("European Union", "EU", "E.U."),
)
_COMMON = {normalise(name): row for row in COMMON_NAMES for name in row}
# Titles before a name, longest first so "Prime Minister" goes before "Minister".
TITLES = sorted(
    (
        "president|vice president|prime minister|foreign minister|minister|chancellor|"
        "supreme leader|grand ayatollah|ayatollah|sheikh|imam|rabbi|cardinal|archbishop|"
        "bishop|general|gen.|lieutenant general|major general|brigadier general|colonel|col.|"
        "admiral|rear admiral|vice admiral|captain|capt.|commander|marshal|field marshal|"
        "senator|sen.|governor|gov.|secretary|secretary of state|mayor|judge|justice|"
        "dr.|dr|mr.|mr|mrs.|mrs|ms.|ms|sir|dame|lord|lady|king|queen|pope|emperor|empress|"
        "prince|princess|tsar|czar|sultan|shah"
    ).split("|"),
    key=len,
    reverse=True,
)
# A monarch's given name alone is no one in particular ("King John" is not "John").
_REGNAL = {"king", "queen", "pope", "emperor", "empress", "prince", "princess", "tsar", "czar"}
_REGNAL |= {"sultan", "shah"}
# Head nouns that make a name a place or a body, not a person: "Observatory" alone is no answer
# for "Arecibo Observatory", whatever the parse typed it as.
_THING_HEADS = frozenset(
    "observatory court university institute college school academy museum library hospital "
    "church cathedral company corporation party council committee agency foundation society "
    "association bank station airport bridge street avenue square park river lake bay island "
    "mountains mountain castle palace tower hall centre center stadium theatre theater prize "
    "award treaty act convention accord agreement".split()
)
_NUMERAL = re.compile(r"^(?:[IVX]+|Jr\.?|Sr\.?)$")
_DESIGNATOR = r"[A-Z][A-Za-z]{0,6}(?:-N)?-\d{1,4}[A-Z]?"
_PLURAL_DESIGNATOR = re.compile(rf"^({_DESIGNATOR})s$")
_SINGULAR_DESIGNATOR = re.compile(rf"^{_DESIGNATOR}$")
# NATO's names for Soviet and Russian missiles: "SA-20" is the S-300 named from outside.
_NATO = re.compile(r"^(?:SA|SS|AS|AT|AA)(?:-N)?-\d")
# "S-300/SA-20", "S-300 (SA-20 Gargoyle)": one system under two designators.
_SAME_SYSTEM = re.compile(rf"\b({_DESIGNATOR})(?:\s*/\s*|\s+\(\s*)({_DESIGNATOR})\b")


def person_forms(answer: str) -> list[str]:
    """A titled name without its title ("Ali Khamenei" of "Ayatollah Ali Khamenei"), and the
    surname alone."""
    words, title = _untitled(answer.split())
    out: list[str] = []
    if title and (len(words) > 1 or (words and title not in _REGNAL)):
        out.append(" ".join(words))
    # A surname is "Peskov" in "Dmitry Peskov", not "Great" in "Peter the Great" nor "III"
    # in "Charles III", whose given name and numeral are the name.
    if (
        len(words) > 1
        and all(w[:1].isupper() for w in words)
        and not _NUMERAL.match(words[-1])
        and words[-1].lower() not in _THING_HEADS
    ):
        out.append(words[-1])
    out += _particle_surname(words)
    return out


def _particle_surname(words: list[str]) -> list[str]:
    """The surname that opens with a particle, with it and, hyphened, without it ("al-Assad",
    "Assad" of "Bashar al-Assad"; "de Gaulle" of "Charles de Gaulle"): russia-iran seed 95's
    reader, "'Assad' not accepted"."""
    if len(words) < 2 or not words[0][:1].isupper():
        return []
    particle, _, name = words[-1].partition("-")
    if particle in NAME_PARTICLES and name[:1].isupper() and "-" not in name:
        return [words[-1], name]
    if len(words) > 2 and words[-2] in NAME_PARTICLES and words[-1][:1].isupper():
        return [" ".join(words[-2:])]
    return []


def is_person_name(name: str) -> bool:
    """Whether a name reads as a person's: capitalised words, bar particles and an epithet's
    "the" between them ("Heinrich von Meissen", "Peter the Great"); not a lower-case fragment the
    tagger typed a person ("das ewig" of a German phrase)."""
    # "al-Assad", "bin Salman", "de Gaulle": a particle, also hyphened to the name it opens,
    # may come first, so long as a capitalised word follows it.
    words = [w for word in name.split() for w in word.split("-") if w]
    inner = NAME_PARTICLES | {"the"}
    return (
        bool(words)
        and words[-1][:1].isupper()
        and (words[0][:1].isupper() or words[0] in NAME_PARTICLES)
        and all(w[:1].isupper() or w in inner for w in words)
    )


def _untitled(words: list[str]) -> tuple[list[str], str]:
    """The words after any leading titles, and the last title taken off ("" for none)."""
    title = ""
    stripped = True
    while stripped and words:
        stripped = False
        for t in TITLES:
            n = t.count(" ") + 1
            if len(words) > n and " ".join(words[:n]).lower() == t:
                words, title, stripped = words[n:], t.rstrip("."), True
                break
    return words, title


def designator_forms(answer: str) -> list[str]:
    """ "SA-20" for "SA-20s" and "S-300s" for "S-300": the same system, one or several."""
    if (m := _PLURAL_DESIGNATOR.match(answer)) and answer[-2].isdigit():
        return [m[1]]
    if _SINGULAR_DESIGNATOR.match(answer) and answer[-1].isdigit():
        return [answer + "s"]
    return []


def same_systems(text: str) -> list[tuple[str, str]]:
    """Designator pairs the text gives as one system: its own and NATO's ("S-300/SA-20")."""
    return [
        (a, b)
        for a, b in _SAME_SYSTEM.findall(text)
        if bool(_NATO.match(a)) != bool(_NATO.match(b))
    ]


def add_alias(aliases: dict[str, list[str]], one: str, other: str) -> None:
    """Record that the text names one thing both ways (a long form and its short form)."""
    for a, b in ((one, other), (other, one)):
        forms = aliases.setdefault(normalise(a), [])
        if b not in forms and normalise(b) != normalise(a):
            forms.append(b)


def other_names(answer: str, aliases: Mapping[str, Iterable[str]]) -> list[str]:
    """The answer's other names: its short or long form, by the text or by common use, and a
    system's other designator, singular and plural."""
    out: list[str] = []
    plural = answer.endswith("s") and bool(designator_forms(answer))
    for name in [answer, *designator_forms(answer)]:
        out.append(name)
        for other in aliases.get(normalise(name), ()):
            out += [other, *(designator_forms(other) if plural else ())]
        out += _COMMON.get(normalise(name), ())
    return [o for o in dict.fromkeys(out) if o != answer]
