"""What kind of text a question comes from, read from the text itself (an upload says nothing
else): a legal filing, a paper, a book, a news report, a text in the first or second person,
or reference prose (an encyclopedia article, a report).

Each genre is one sign a reader would name, tried in this order (the first that holds wins):
- legal: parties and legal formulae ("plaintiff", "appellant", "pursuant", "hereby", a filing's
  "the Company") at least LEGAL_PER_1000 times per 1,000 words;
- paper: an "Abstract" heading near the start, or "et al." at least CITED_PER_1000 times;
- book: BOOK_WORDS words or more, or a "Chapter" heading;
- news: "said", "says" or "told" at least SAID_PER_1000 times (reported speech carries a news
  report);
- personal: "I", "we", "you" and their forms at least PERSONAL_PER_1000 times (speeches,
  essays, memoirs, manuals addressing their reader);
- reference: none of these.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Collection, Iterable, Mapping

from app.generation.types import Question

LEGAL, PAPER, BOOK, NEWS, PERSONAL, REFERENCE = (
    "legal",
    "paper",
    "book",
    "news",
    "personal",
    "reference",
)
GENRE_NAMES = {
    LEGAL: "a legal filing",
    PAPER: "a paper",
    BOOK: "a book",
    NEWS: "a news report",
    PERSONAL: "a text in the first or second person",
    REFERENCE: "reference prose",
}

# Thresholds set on the tuning corpus's texts (bench/corpus, never fresh6's): court filings
# and opinions read 9-33 legal words per 1,000, encyclopedia articles under 3 but for articles
# on law ("Appellate procedure"); papers 1-9 "et al." per 1,000, no other shape above 1;
# Gutenberg books 8,000-74,000 words, news pages 500-3,500; news 2-22 "said" per 1,000 and
# speeches under 1 (fourteenth session, fresh6 read too: "says" and "told" beside "said" take
# news pages read as news from 32 to 40 of 45, no encyclopedia text above 2.2; a filing's "the
# Company" 8.7 and 12.9 per 1,000 in the two 10-K/10-Q filings, 0.5 at most elsewhere);
# speeches 17-46 first and second persons per 1,000, encyclopedias under 10.
LEGAL_PER_1000 = 3.0
CITED_PER_1000 = 2.0
BOOK_WORDS = 30_000
SAID_PER_1000 = 3.0
PERSONAL_PER_1000 = 15.0
HEAD_CHARS = 5000  # where an abstract's heading stands
# The bar a banked fact needs by its text's genre, where the genre's banked questions are
# accepted well below the bank's rate at the model's threshold (bench/genre_readings.py; the
# fourteenth session's readings, fresh6's samples included, all tuning material):
# - a book's: a higher bar sorts them: 27 of 91 readings at or above 0.4 accepted, 7 of 13 at
#   0.6 and above (the rest 20 of 78), against 741 of 1,411 (53%) over every genre: 0.6;
# - a legal filing's (court papers, and 10-K/10-Q filings since "the Company" reads as legal):
#   8 of 56 at or above 0.4, all from one appeals opinion, and no bar lifts them near the
#   bank's rate (0.4-0.5 1 of 21, 0.5-0.6 4 of 24, 0.6 and above 3 of 11); of what banks
#   kept before this bar, 8 of 30 readings (27%): REVIEW;
# - a paper's: 2 of 29 readings at or above 0.4 since session 5 (seven papers; the model's
#   0.97 rejected too), 25 of 39 only in two papers read with session 5's generator; of what banks
#   kept before this bar, 12 of 37 (32%): REVIEW.
# REVIEW: no probability is enough; the text keeps its best fact above the floor
# (choosing.MIN_PER_TEXT) and a reviewer's pool holds the rest.
REVIEW = math.inf
GENRE_BARS = {BOOK: 0.6, LEGAL: REVIEW, PAPER: REVIEW}

_LEGAL = re.compile(
    r"\b(?:plaintiffs?|defendants?|appellants?|appellees?|petitioners?|respondents?"
    r"|pursuant|hereby|hereinafter)\b",
    re.IGNORECASE,
)
# A filing's defined party, capitalised as filings write it (an article writes "the company").
_COMPANY = re.compile(r"\b[Tt]he Company\b")
_ABSTRACT = re.compile(r"^\W*abstract\b", re.IGNORECASE | re.MULTILINE)
_CITED = re.compile(r"\bet al\b")
# A heading line ("CHAPTER IV", "Chapter 2. The Voyage"), not a paragraph opening on the word.
_CHAPTER = re.compile(r"^[ \t]*chapter[ \t]+[\w.]+[^\n]{0,60}$", re.IGNORECASE | re.MULTILINE)
_SAID = re.compile(r"\b(?:said|says|told)\b")
_PERSONAL = re.compile(r"\b(?:I|[Ww]e|[Oo]ur|[Yy]ou|[Yy]our)\b")


def genre(text: str) -> str:
    """The text's genre by the first sign that holds (the module's list)."""
    words = len(text.split())
    per_1000 = 1000 / max(1, words)
    legal = len(_LEGAL.findall(text)) + len(_COMPANY.findall(text))
    if legal * per_1000 >= LEGAL_PER_1000:
        return LEGAL
    if _ABSTRACT.search(text[:HEAD_CHARS]) or len(_CITED.findall(text)) * per_1000 >= (
        CITED_PER_1000
    ):
        return PAPER
    if words >= BOOK_WORDS or _CHAPTER.search(text):
        return BOOK
    if len(_SAID.findall(text)) * per_1000 >= SAID_PER_1000:
        return NEWS
    if len(_PERSONAL.findall(text)) * per_1000 >= PERSONAL_PER_1000:
        return PERSONAL
    return REFERENCE


def review_notes(
    genres: Mapping[str, str],
    titles: Mapping[str, str],
    questions: Iterable[Question],
    pending: Collection[str],
    reviewed: bool = True,
) -> list[str]:
    """One line per text whose genre raises the bank's bar: what it read as, and how many of
    its questions the bank keeps (not `pending`) and, if `reviewed`, how many a reviewer sees."""
    banked, held = Counter(), Counter()
    for q in questions:
        (held if q.id in pending else banked)[q.quote.source] += 1
    lines = []
    for source, name in sorted(genres.items()):
        if name not in GENRE_BARS:
            continue
        where = (
            "are held for review but its best one"
            if GENRE_BARS[name] == REVIEW
            else f"need a probability of {GENRE_BARS[name]:g} to be kept without review"
        )
        lines.append(
            f"“{titles.get(source) or source}” reads as {GENRE_NAMES[name]}: its questions "
            f"{where}; {banked[source]} kept" + (f", {held[source]} for review" if reviewed else "")
        )
    return lines
