"""Features of the text around a question: how central its sentence is, whether the text dwells
on its answer, whether a date is background to the text's own time frame.

Blind judges' main "no" is "worth asking": an incidental detail rather than the text's point,
or general knowledge beside the text's subject. Neither shows in the question alone, so these
read the source: a profile of the text is built once (TF-IDF over its sentences, its word
positions, its years, its most named names) and each question is then measured against it.
"""

from __future__ import annotations

import bisect
import math
import re
import statistics
from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache

from wordfreq import zipf_frequency

from app.generation.acceptability import INSTRUCTION
from app.generation.types import BLANK, Question

WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’-]*")
# A sentence ends at . ! or ? before a space and a capital, a quote or a bracket; a paragraph at
# a line break (extraction keeps paragraphs one a line or apart by a blank line).
SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’)]?\s+(?=[\"“(A-Z0-9])|\n+")
YEAR = re.compile(r"\b(1[0-9]{3}|20[0-9]{2})\b")
NAME = re.compile(r"\b[A-Z][a-zA-Z'’-]+(?:\s+(?:of\s+(?:the\s+)?)?[A-Z][a-zA-Z'’-]+)*")
STOP = frozenset(
    "the and for that this with from were was have has had been their there which would about "
    "into they them than then when what also after before over under more most such only other "
    "some these those will shall upon while where being said says its his her are not but can "
    "one two who whom whose how all any each may might could should our out you your his him "
    "she he it is in on at by of to as an or be a".split()
)
LEAD_SENTENCES = 3
EARLY_SHARE = 0.15
TOP_NAMES = 5


@dataclass(frozen=True)
class Profile:
    """What a text says as a whole, built once per text."""

    text: str
    starts: tuple[int, ...]  # each sentence's first character
    vectors: tuple[dict[str, float], ...]  # each sentence's unit TF-IDF vector
    whole: dict[str, float]  # the text's unit TF-IDF vector
    lead: dict[str, float]  # the title's and the first sentences' unit TF-IDF vector
    sentence_df: dict[str, int]  # in how many sentences each content word appears
    positions: dict[str, list[int]]  # each lower-cased word's token positions
    tokens: tuple[str, ...]
    years: tuple[int, ...]
    name_counts: dict[str, int]
    central_sorted: tuple[float, ...]  # every sentence's cosine to the whole text, ascending
    lead_sorted: tuple[float, ...]  # every sentence's cosine to the lead, ascending
    echo_sorted: tuple[float, ...]  # every sentence's echo, ascending


def _content(text: str) -> list[str]:
    return [w for w in (t.lower() for t in WORD.findall(text)) if len(w) > 2 and w not in STOP]


def _unit(counts: Counter[str] | dict[str, float], idf: dict[str, float]) -> dict[str, float]:
    weighted = {w: c * idf.get(w, 0.0) for w, c in counts.items()}
    norm = math.sqrt(sum(v * v for v in weighted.values())) or 1.0
    return {w: v / norm for w, v in weighted.items()}


def cosine(a: dict[str, float], b: dict[str, float]) -> float:
    """Cosine of two unit vectors held as word -> weight."""
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b.get(w, 0.0) for w, v in a.items())


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of the text's sentences (paragraph breaks end one too)."""
    spans, start = [], 0
    for match in SENTENCE_END.finditer(text):
        if text[start : match.start()].strip():
            spans.append((start, match.start()))
        start = match.end()
    if text[start:].strip():
        spans.append((start, len(text)))
    return spans


@lru_cache(maxsize=32)
def profile(text: str, title: str = "") -> Profile:
    """The text's profile: built once per text, then shared by all its questions."""
    spans = sentence_spans(text) or [(0, len(text))]
    bags = [Counter(_content(text[a:b])) for a, b in spans]
    df: Counter[str] = Counter()
    for bag in bags:
        df.update(bag.keys())
    n = len(bags)
    idf = {w: math.log((n + 1) / (d + 1)) + 1.0 for w, d in df.items()}
    total: Counter[str] = Counter()
    for bag in bags:
        total.update(bag)
    lead: Counter[str] = Counter(_content(title))
    for bag in bags[:LEAD_SENTENCES]:
        lead.update(bag)
    tokens = tuple(t.lower() for t in WORD.findall(text))
    positions: dict[str, list[int]] = defaultdict(list)
    for i, token in enumerate(tokens):
        positions[token].append(i)
    vectors = tuple(_unit(bag, idf) for bag in bags)
    whole, lead_vector = _unit(total, idf), _unit(lead, idf)
    return Profile(
        text=text,
        starts=tuple(a for a, _ in spans),
        vectors=vectors,
        whole=whole,
        lead=lead_vector,
        central_sorted=tuple(sorted(cosine(v, whole) for v in vectors)),
        lead_sorted=tuple(sorted(cosine(v, lead_vector) for v in vectors)),
        echo_sorted=tuple(sorted(_echo(list(v), df) for v in vectors)),
        sentence_df=dict(df),
        positions=dict(positions),
        tokens=tokens,
        years=tuple(int(y) for y in YEAR.findall(text)),
        name_counts=dict(Counter(m.group(0) for m in NAME.finditer(text))),
    )


def _echo(words: list[str], df: Mapping[str, int]) -> float:
    """How many other sentences repeat these words, on average (log-scaled, in [0, 1])."""
    if not words:
        return 0.0
    total = sum(math.log1p(df.get(w, 1) - 1) for w in words)
    return min(total / len(words) / math.log1p(50), 1.0)


def _rank(value: float, ordered: tuple[float, ...]) -> float:
    """The share of the text's sentences scoring below `value`: comparable across texts."""
    return bisect.bisect_left(ordered, value - 1e-12) / max(1, len(ordered))


def mentions(phrase: str, prof: Profile) -> int:
    """How many times the text says the phrase (word by word, case aside)."""
    words = [t.lower() for t in WORD.findall(phrase)]
    if not words:
        return 0
    return sum(
        1
        for i in prof.positions.get(words[0], ())
        if list(prof.tokens[i : i + len(words)]) == words
    )


def _sentence_index(start: int, prof: Profile) -> int:
    return max(0, bisect.bisect_right(prof.starts, start) - 1)


def _prompt_names(question: Question) -> list[str]:
    """Names the prompt prints, its first word aside (any sentence opens on a capital)."""
    body = INSTRUCTION.sub("", question.prompt).replace(BLANK, " ")
    words = body.split(maxsplit=1)
    rest = words[1] if len(words) > 1 else ""
    return [m.group(0) for m in NAME.finditer(rest) if m.group(0).lower() not in STOP]


def features(question: Question, prof: Profile, start: int | None = None) -> dict[str, float]:
    """The question's features read off its text (numbers roughly in [0, 1]); `start` is where
    its quote begins in the text (found by its words when not given)."""
    if start is None:
        start = prof.text.find(question.quote.text)
    found = start >= 0
    start = max(start, 0)
    index = _sentence_index(start, prof)
    sentence = prof.vectors[index] if found else {}
    n_sentences = len(prof.vectors)
    answer_words = set(_content(question.answer))
    own = [w for w in sentence if w not in answer_words]
    # How many other sentences repeat the sentence's content words: a text dwells on its point.
    echo = _echo(own, prof.sentence_df)
    central, lead = cosine(sentence, prof.whole), cosine(sentence, prof.lead)
    said = mentions(question.answer, prof)
    top = max(prof.name_counts.values(), default=1)
    values = {
        "text_central": central,
        "text_lead": lead,
        "text_central_rank": _rank(central, prof.central_sorted) if found else 0.5,
        "text_lead_rank": _rank(lead, prof.lead_sorted) if found else 0.5,
        "text_echo_rank": _rank(_echo(list(sentence), prof.sentence_df), prof.echo_sorted)
        if found
        else 0.5,
        "text_position": start / max(1, len(prof.text)) if found else 0.5,
        "text_early": found and start / max(1, len(prof.text)) < EARLY_SHARE,
        "text_echo": echo,
        "text_answer_said": min(math.log1p(max(said - 1, 0)) / math.log1p(30), 1.0),
        "text_answer_rate": min(said * 1000 / max(1, len(prof.tokens)), 10) / 10,
        "text_answer_top": min(prof.name_counts.get(question.answer, 0) / top, 1.0),
        "text_sentences": min(math.log1p(n_sentences) / math.log1p(2000), 1.0),
        **_date_features(question, prof),
    }
    return {name: float(value) for name, value in values.items()}


def _date_features(question: Question, prof: Profile) -> dict[str, float]:
    """A date's distance from the text's own time frame, and how famous the event it dates is
    (the most common name the prompt prints, said once in the text: an aside)."""
    answer_years = [int(y) for y in YEAR.findall(question.answer)]
    values = {"year_distance": 0.0, "year_before": 0.0, "year_share": 0.0, "event_aside": 0.0}
    if question.kind != "date":
        return values
    names = _prompt_names(question)
    if names:
        zipf, name = max((zipf_frequency(n, "en"), n) for n in names)
        values["event_aside"] = zipf / 8 if mentions(name, prof) <= 1 else 0.0
    if not answer_years or not prof.years:
        return values
    year, median = answer_years[0], statistics.median(prof.years)
    values["year_distance"] = min(abs(year - median), 100) / 100
    values["year_before"] = min(max(median - year, 0), 100) / 100
    values["year_share"] = sum(abs(y - year) <= 2 for y in prof.years) / len(prof.years)
    return values
