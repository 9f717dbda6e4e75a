"""Wrong choices for one fact from the whole corpus: names of the answer's kind and fine kind
from the texts on its subject, or values near its own that no sentence on the same names gives."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from app.generation import builders, distractors
from app.generation.date_forms import parse_form
from app.generation.dates import holds, parse_date, period_around, possible_dates
from app.generation.facts import Fact
from app.generation.fine_kinds import same_fine_kind, same_role
from app.generation.mentions import EntityIndex, normalise
from app.generation.sentence_bounds import sentence_around


def choice_label(index: EntityIndex, kind: str, key: str) -> str:
    """The label distractors are matched on; places are split into countries and the rest."""
    if kind == "equipment":
        typed = [label for label, _ in index.labels[key].most_common() if ":" in label]
        return typed[0] if typed else "equipment"
    # "in the Middle East" cannot become "in the Central Asia": match the use of "the" too.
    article = "+the" if index.takes_article(key) else ""
    if kind == "place":
        return ("country" if index.is_country(key) else "place") + article
    return index.labels[key].most_common(1)[0][0] + article


@dataclass
class Context:
    """What the corpus offers as wrong choices, and what it says elsewhere."""

    pools: dict[str, list[distractors.Candidate]]
    dates: list
    amounts: list
    place_names: list[str]
    role_of: dict[str, str]
    valued: dict[str, list[tuple[str, frozenset[str]]]]
    topic: set[str]
    latest: dict[str, int]
    related: dict[str, set[str]] = field(default_factory=dict)
    near: dict[str, set[str]] = field(default_factory=dict)
    earliest: dict[str, int] = field(default_factory=dict)


RELATED_NAMES = 5  # names two texts share, beyond their topic, to be texts on one subject


def related_sources(facts: Sequence[Fact], topic: set[str]) -> dict[str, set[str]]:
    """Each text's own id and those of texts on its subject: sharing RELATED_NAMES names
    besides the topic."""
    names: dict[str, set[str]] = {}
    for f in facts:
        names.setdefault(f.source, set()).update({normalise(f.answer), *f.others})
    names = {source: found - topic for source, found in names.items()}
    return {
        source: {other for other in names if len(names[other] & found) >= RELATED_NAMES} | {source}
        for source, found in names.items()
    }


def related_texts(facts: Sequence[Fact], topic: set[str]) -> dict[str, set[str]]:
    """The names each text may offer as wrong choices: its own, and those of texts on its
    subject. A name from an unrelated text is absurd there (an open-source programmer among
    Norman conquerors), and so is its amount (a "737" of aircraft among IBM's figures)."""
    own: dict[str, set[str]] = {}
    for f in facts:
        own.setdefault(f.source, set()).update({normalise(f.answer), *f.others})
    return {
        source: set().union(*(own[other] for other in near)) - topic
        for source, near in related_sources(facts, topic).items()
    }


# A model designator in the plural ("SA-20s", "Su-30MKIs", "MiG-29s"), not a name ending in
# a digit and an s ("iPhone 5s" is one phone).
PLURAL_DESIGNATOR = re.compile(r"(?:^|[\s(])[A-Z][A-Za-z]{0,7}-[A-Z]{0,3}\d+[A-Z0-9]*s$")


# Wrong decades and centuries lie a generation or more from the answer, outside the life of
# whatever the prompt names: judges accepted 2 of 27 decades and 1 of 9 centuries chosen among
# them ("1990s is after Rand died"; "the sixth century predates any Rus'"), but 25 of 47 and 14
# of 23 typed. Such a date is asked as a cloze.
PERIOD_UNITS = frozenset({"decade", "century"})


def in_periods(fact: Fact) -> bool:
    """Whether the fact's date is written as a decade or a century (or a span of them)."""
    form = parse_form(fact.answer, int(fact.date.start[:4]))
    return (form.unit if form else fact.date.granularity) in PERIOD_UNITS


# Each text's values are read again for every fact that shares their names.
_date_of = lru_cache(maxsize=65536)(parse_date)


def said_elsewhere(fact: Fact, context: Context) -> set[str]:
    """The values (normalised) other sentences on the fact's names give: sharing a name
    besides the text's topic (2017: also a Rouhani win), or every one of two or more names,
    topic included (in an article on Gershwin, "Gershwin ... Paris ... in March 1928")."""
    every = frozenset(fact.others)
    names = every - context.topic
    return {
        value
        for value, others in context.valued.get(fact.source, [])
        if names & others or (len(every) > 1 and every <= others)
    }


def choose(fact: Fact, rng, context: Context, accept: Sequence[str] = ()) -> list[str]:
    """Three wrong choices for the fact, none of them a form of the answer the key `accept`s
    ("S-300" beside "SA-20s"), or [] when the texts offer too few or a decade or century is
    better typed (`in_periods`)."""
    if fact.kind in {"date", "figure"}:
        if fact.date is not None and in_periods(fact):
            return []
        # A wrong date the sentence itself contains would make the "wrong" choice true.
        # More than three are drawn, so some can go for being true elsewhere.
        near = context.near.get(fact.source, {fact.source})
        dates = [d for source, d in context.dates if source in near]
        amounts = [q for source, q in context.amounts if source in near]
        values = builders.value_distractors(fact, rng, dates, amounts, n=6)
        elsewhere = said_elsewhere(fact, context)
        kept = [v for v in values if v not in fact.quote.text and normalise(v) not in elsewhere]
        if fact.date is not None:
            # "1928" is true where another sentence on the same names says "in March 1928".
            inside = [d for v in elsewhere if (d := _date_of(v)) is not None]
            kept = [v for v in kept if not any(holds(_date_of(v), d) for d in inside)]
            text, start = fact.quote.text, fact.answer_start
            end = start + len(fact.answer)
            kept = possible_dates(
                kept,
                fact.date,
                text[:start] + text[end:],
                context.latest.get(fact.source),
                context.earliest.get(fact.source),
                # A choice is read against the answer's own sentence: a question asks no more.
                sentence=sentence_around(text, start, end),
                period=period_around(text[:start], text[end:], fact.date),
            )
        return kept[:3]
    pool = context.pools.get(fact.kind, [])
    if fact.source in context.related:
        pool = [c for c in pool if c.key in context.related[fact.source]]
    if fact.kind == "equipment":
        # A drone's wrong choices are drones: with too few of the same type, no multiple choice.
        # One whose type the text leaves open takes none of a known type either (drones were
        # offered as the air-defence systems Iran sought).
        pool = [c for c in pool if c.label == fact.label]
    # "the acquisition of SA-20s" takes plural choices, "a _____" singular ones.
    plural = bool(PLURAL_DESIGNATOR.search(fact.answer))
    pool = [c for c in pool if bool(PLURAL_DESIGNATOR.search(c.text)) == plural]
    pool = [c for c in pool if same_fine_kind(fact.kind, fact.answer, c.text)]
    if fact.kind == "person" and fact.role:
        # "former Iranian President _____": only people the text gives that office.
        pool = [c for c in pool if same_role(fact.role, context.role_of.get(c.key))]
    exclude = [*fact.others, *accept]
    chosen = distractors.pick(fact.answer, fact.label, pool, rng, exclude=exclude)
    chosen = [c for c in chosen if c not in fact.quote.text]
    if len(chosen) < 3 and fact.kind == "treaty":
        near = context.related.get(fact.source)
        places = [p for p in context.place_names if near is None or normalise(p) in near]
        more = distractors.renamed(fact.answer, places, rng, 3 - len(chosen))
        chosen += more
    return chosen if len(chosen) >= 3 else []
