"""Wrong choices of the same kind as the answer, drawn from the texts themselves.

A distractor is never an alias or variant of the answer, never a name the quote also contains
(the quote might make it true too), and is close to the answer in length and form.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from app.generation.mentions import is_alias, normalise
from app.generation.nlp import CONNECTORS

# Words institutions and agreements are commonly named with, so a look-alike long form
# ("Gulf Coordination Council") can be made for any initials, not only the texts' own words.
INSTITUTION_WORDS = (
    "Action",
    "Agency",
    "Alliance",
    "Assembly",
    "Association",
    "Authority",
    "Board",
    "Bureau",
    "Centre",
    "Charter",
    "Coalition",
    "Commission",
    "Committee",
    "Common",
    "Community",
    "Comprehensive",
    "Conference",
    "Congress",
    "Convention",
    "Cooperation",
    "Coordination",
    "Corps",
    "Council",
    "Court",
    "Defence",
    "Development",
    "Economic",
    "Energy",
    "Executive",
    "Federal",
    "Force",
    "Forum",
    "Foundation",
    "Framework",
    "General",
    "Global",
    "Guard",
    "Group",
    "Independent",
    "Institute",
    "International",
    "Joint",
    "League",
    "Legal",
    "Military",
    "Mutual",
    "National",
    "Naval",
    "Nuclear",
    "Office",
    "Organisation",
    "Pact",
    "Partnership",
    "Permanent",
    "Plan",
    "Policy",
    "Programme",
    "Protocol",
    "Regional",
    "Republican",
    "Revolutionary",
    "Security",
    "Southern",
    "Special",
    "Standing",
    "Strategic",
    "Supreme",
    "Treaty",
    "Union",
    "United",
)


@dataclass(frozen=True)
class Candidate:
    """A name the texts mention: its written form, normalised key, label and mention count."""

    text: str
    key: str
    label: str
    count: int


def pick(
    answer: str,
    label: str,
    pool: Sequence[Candidate],
    rng: random.Random,
    *,
    exclude: Iterable[str] = (),
    n: int = 3,
) -> list[str]:
    """n names from the pool most like the answer in label, length and shape; [] if too few."""
    banned = {normalise(x) for x in exclude} | {normalise(answer)}
    banned.discard("")
    scored = []
    for cand in pool:
        if cand.key in banned or any(is_alias(cand.key, b) for b in banned):
            continue
        scored.append((_likeness(answer, label, cand), cand.text))
    scored.sort(key=lambda s: (-s[0], s[1]))
    chosen: list[str] = []
    shortlist = [text for _, text in scored[: max(n * 3, 6)]]
    rng.shuffle(shortlist)
    for text in shortlist:
        if len(chosen) == n:
            break
        if not any(is_alias(text, c) for c in chosen):
            chosen.append(text)
    return chosen if len(chosen) == n else []


def _likeness(answer: str, label: str, cand: Candidate) -> float:
    words_a, words_c = len(answer.split()), len(cand.text.split())
    score = 1.5 if cand.label == label else 0.0
    score += 1.0 - min(1.0, abs(len(answer) - len(cand.text)) / max(len(answer), 8))
    score += 0.5 if words_a == words_c else 0.0
    score += 0.3 if cand.count > 1 else 0.0
    score += 0.3 if _shape(answer) == _shape(cand.text) else 0.0
    return score


@lru_cache(maxsize=65536)
def _shape(text: str) -> str:
    """A coarse form: 'Xx-9' for designators, 'Aa of Aa' for titled names, etc."""
    return re.sub(r"[a-z]+", "a", re.sub(r"[A-Z]+", "A", re.sub(r"\d+", "9", text)))


def look_alike_long_forms(
    long_form: str, vocabulary: Iterable[str], rng: random.Random, n: int = 3
) -> list[str]:
    """Long forms with the same initials but other words: wrong expansions of a short form."""
    words = long_form.split()
    by_initial: dict[str, list[str]] = {}
    for word in sorted(set(vocabulary) | set(INSTITUTION_WORDS)):
        if word[:1].isupper() and word.isalpha() and word.lower() not in CONNECTORS:
            by_initial.setdefault(word[0], []).append(word)
    slots = [i for i, w in enumerate(words) if w.lower() not in CONNECTORS and w[:1].isupper()]
    variants: list[str] = []
    attempts = 0
    while len(variants) < n and attempts < 60:
        attempts += 1
        changed = list(words)
        for i in rng.sample(slots, k=min(len(slots), 1 + (attempts > 20))):
            options = [w for w in by_initial.get(words[i][0], []) if w not in words]
            if options:
                changed[i] = rng.choice(options)
        text = " ".join(changed)
        if text != long_form and text not in variants:
            variants.append(text)
    return variants


def renamed(answer: str, names: Sequence[str], rng: random.Random, n: int = 3) -> list[str]:
    """The answer with its proper name swapped ('Treaty of Turkmenchay' -> 'Treaty of Gulistan')."""
    tokens = answer.split()
    if not any(_is_agreement_noun(t) for t in tokens):
        return []  # only titles named after a place or person ("Treaty of X", "X Agreement")
    proper = [i for i, t in enumerate(tokens) if t[:1].isupper() and not _is_title_word(t)]
    if not proper:
        return []
    options = [nm for nm in names if len(nm.split()) == 1 and not is_alias(nm, answer)]
    rng.shuffle(options)
    out = []
    for name in options:
        changed = list(tokens)
        changed[proper[-1]] = name
        text = " ".join(changed)
        if text not in out:
            out.append(text)
        if len(out) == n:
            break
    return out


def _is_agreement_noun(word: str) -> bool:
    return word.lower() in {"treaty", "agreement", "accord", "convention", "pact", "protocol"}


def _is_title_word(word: str) -> bool:
    return word.lower() in {
        "treaty",
        "agreement",
        "accord",
        "convention",
        "pact",
        "deal",
        "memorandum",
        "protocol",
        "charter",
        "resolution",
        "declaration",
        "of",
        "on",
        "the",
        "for",
        "and",
    }
