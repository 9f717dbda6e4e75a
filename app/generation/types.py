"""Plain data passed between the stages of question generation.

Everything here is a frozen dataclass so stages stay pure: text in, values out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# What a region of a source text is. Only BODY (and LIST_ITEM) regions are asked about.
BODY = "body"
LIST_ITEM = "list_item"
HEADING = "heading"
BYLINE = "byline"
DATELINE = "dateline"
CAPTION = "caption"
PULLQUOTE = "pullquote"
FOOTNOTE = "footnote"
REFERENCES = "references"
BIO = "bio"
COMMENTS = "comments"
BOILERPLATE = "boilerplate"

QUESTION_SOURCE_KINDS = frozenset({BODY, LIST_ITEM})

# What a question asks about.
KINDS = ("date", "person", "treaty", "organisation", "place", "figure", "equipment")

# How it asks.
MULTIPLE_CHOICE = "multiple_choice"
CLOZE = "cloze"
TRUE_FALSE = "true_false"
ORDERING = "ordering"

BLANK = "_____"  # the gap of a cloze, and the answer's place in a fact's sentence
# The instruction a prompt opens with, with the provenance a prompt may be given
# (provenance.py): what readers of a prompt's body leave out.
INSTRUCTION = re.compile(
    r"^(?:From “[^”]*”: )?(?:(?:Fill in the blank(?: \(from “[^”]*”\))?:"
    r"|Which completes the passage\?|True or false\?)\s*)?"
)
TYPES = (MULTIPLE_CHOICE, CLOZE, TRUE_FALSE, ORDERING)


@dataclass(frozen=True)
class SourceText:
    """A source as given: its id, its exact text and what is known about it."""

    id: str
    text: str
    title: str = ""
    author: str | None = None
    published: str | None = None


@dataclass(frozen=True)
class Block:
    """A paragraph-like region text[start:end] and what it is (BODY, FOOTNOTE, ...).

    `joins_next` is True when the block's last sentence runs on into the next body block
    (a paragraph cut by a page break in a PDF extraction).
    """

    start: int
    end: int
    kind: str
    joins_next: bool = False


@dataclass(frozen=True)
class Quote:
    """A verbatim passage: text == source_text[start:end]."""

    source: str
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class DateValue:
    """A normalised date or period. `start`/`end` are ISO strings (YYYY, YYYY-MM or YYYY-MM-DD)."""

    start: str
    end: str
    granularity: str  # "day", "month", "year", "decade", "century", "range"
    label: str  # a canonical rendering, e.g. "1995", "14 July 2015", "1804–1813"
    qualifier: str = ""  # "early", "mid" or "late" when the text narrows the period


@dataclass(frozen=True)
class Quantity:
    """A normalised amount: value in `unit` (e.g. 40e9 "USD", 27 "percent", 100000 "")."""

    value: float
    unit: str
    label: str
    qualifier: str = ""  # how the text hedges the amount: "more than", "about", ...
    vague: bool = False  # a small bare count ("two"): true but weak as a question's answer


@dataclass(frozen=True)
class Question:
    """One generated question, ready to be written into a pack."""

    id: str
    fact: str
    type: str
    kind: str
    prompt: str
    answer: str
    quote: Quote
    explanation: str
    difficulty: float
    quality: float
    choices: tuple[str, ...] = ()
    accept: tuple[str, ...] = ()
    items: tuple[dict, ...] = ()
    tags: tuple[str, ...] = field(default_factory=tuple)
    # Questions from one sentence share a group: siblings that study keeps apart.
    group: str = ""
