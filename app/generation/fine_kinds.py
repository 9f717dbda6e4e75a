"""Fine kinds of names, read from the names and from what the text calls them, so a wrong
choice is of the answer's own kind: a fort for a fort, an agreement for an agreement, an
Iranian president for an Iranian president."""

from __future__ import annotations

import re
from functools import cache, lru_cache

from babel import Locale

from app.generation.mentions import GENERIC_NAME_WORDS, normalise

# Words that say what kind of place a name is ("Fort Duquesne", "Strait of Hormuz").
PLACE_TYPES = frozenset(
    "fort lake river mount mountain mountains strait sea gulf island islands bay valley creek "
    "province county peninsula canal desert ocean empire state territory city port harbour "
    "harbor cape falls square street avenue palace base airport district region".split()
)
TREATY_CLASSES = {
    "agreement": "treaty agreement accord convention pact protocol deal memorandum plan "
    "charter declaration",
    "resolution": "resolution resolutions",
    "law": "article constitution act law amendment bill code",
}
_TREATY_CLASS = {w: cls for cls, words in TREATY_CLASSES.items() for w in words.split()}
EVENTS = frozenset(
    "revolution war crisis conference summit election coup invasion talks uprising spring games "
    "protests battle siege massacre expedition campaign".split()
)
_NATIONALITY = re.compile(r"^[A-Z][a-z]+(?:an|ian|ese|ish|i|ic)$|^U\.?S\.?$|^UK$")


# Countries' usual and historical names that CLDR's English list spells otherwise or omits
# (the nations of the United Kingdom, empires and unions that were countries in their time).
_COUNTRY_ALIASES = (
    "America", "U.S.", "USA", "UK", "Britain", "Great Britain", "England", "Scotland", "Wales",
    "Holland", "Turkey", "Burma", "Czech Republic", "Ivory Coast", "Bosnia and Herzegovina",
    "Congo", "Korea", "East Timor", "Swaziland", "Persia", "Prussia", "Yugoslavia",
    "Czechoslovakia", "Soviet Union", "USSR", "Ottoman Empire", "Austria-Hungary",
    "East Germany", "West Germany", "Siam", "Ceylon", "Rhodesia", "Zaire",
)  # fmt: skip


_NOT_STATES = frozenset({"EU", "EZ", "UN", "QO", "ZZ", "XA", "XB"})


@cache
def _countries() -> frozenset[str]:
    # Two-letter codes only: the numeric ones are regions ("Europe", "World", "Latin America"),
    # and of the letters a few are unions and placeholders.
    territories = Locale("en").territories
    names = [n for code, n in territories.items() if code.isalpha() and code not in _NOT_STATES]
    return frozenset(normalise(name) for name in [*names, *_COUNTRY_ALIASES])


def is_country(name: str) -> bool:
    """Whether a name is a country's (CLDR's English names and the usual other forms): "Iran",
    "the United States", "Turkey"; not a city standing for its government ("Moscow"), nor a
    region ("Europe")."""
    return normalise(name) in _countries()


def _words(name: str) -> list[str]:
    return [w.lower().strip(".,") for w in name.split()]


# A name is compared with every name of its kind, once per question that could offer it.
@lru_cache(maxsize=65536)
def place_type(name: str) -> str:
    """The type word of a place name ("fort"), or "" for a bare name ("Pittsburgh")."""
    return next((w for w in _words(name) if w in PLACE_TYPES), "")


def treaty_class(name: str) -> str:
    """Agreement, resolution or law, from the name's own nouns ("" when none says)."""
    classes = [_TREATY_CLASS[w] for w in _words(name) if w in _TREATY_CLASS]
    return classes[0] if classes else ""


@lru_cache(maxsize=65536)
def is_event(name: str) -> bool:
    """True for an event's name ("Islamic Revolution", "Geneva talks")."""
    words = _words(name)
    return bool(words) and words[-1] in EVENTS


@lru_cache(maxsize=65536)
def institutional(name: str) -> bool:
    """An organisation named as one: an institutional word or an acronym (not a brand)."""
    if name.isupper() and len(name) >= 2:
        return True
    return any(w in GENERIC_NAME_WORDS for w in _words(name))


def same_fine_kind(kind: str, answer: str, candidate: str) -> bool:
    """Whether `candidate` is of the answer's fine kind, as far as the names themselves say."""
    if is_event(candidate) != is_event(answer):
        return False  # an event offered as a place or an organisation
    if kind == "place":
        return place_type(candidate) == place_type(answer)
    if kind == "treaty":
        plural = answer.rstrip(".").endswith("s") == candidate.rstrip(".").endswith("s")
        return treaty_class(candidate) == treaty_class(answer) and plural
    if kind == "organisation":
        return institutional(candidate) == institutional(answer)
    return True


def role_head(role: str) -> tuple[str, str]:
    """(office, nationality) of a role: "former Iranian President" -> ("president", "Iranian")."""
    words = role.replace("-", " ").split()
    nationality = next((w for w in words if _NATIONALITY.match(w)), "")
    office = words[-1].lower() if words else ""
    return office, nationality


def same_role(role: str, other: str | None) -> bool:
    """Whether a person the text calls `other` could hold `role` (same office and country)."""
    if not other:
        return False
    office, nationality = role_head(role)
    other_office, other_nationality = role_head(other)
    if office != other_office:
        return False
    return not nationality or not other_nationality or nationality == other_nationality
