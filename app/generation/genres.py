"""What kind of text a question comes from, read from the text itself (an upload says nothing
else): a legal filing, a paper, a book, a news report, a text in the first or second person,
or reference prose (an encyclopedia article, a report).

Each genre is one sign a reader would name, tried in this order (the first that holds wins):
- legal: parties and legal formulae ("plaintiff", "appellant", "pursuant", "hereby") at least
  LEGAL_PER_1000 times per 1,000 words;
- paper: an "Abstract" heading near the start, or "et al." at least CITED_PER_1000 times;
- book: BOOK_WORDS words or more, or a "Chapter" heading;
- news: "said" at least SAID_PER_1000 times (reported speech carries a news report);
- personal: "I", "we", "you" and their forms at least PERSONAL_PER_1000 times (speeches,
  essays, memoirs, manuals addressing their reader);
- reference: none of these.
"""

from __future__ import annotations

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
# speeches under 1; speeches 17-46 first and second persons per 1,000, encyclopedias under 10.
LEGAL_PER_1000 = 3.0
CITED_PER_1000 = 2.0
BOOK_WORDS = 30_000
SAID_PER_1000 = 3.0
PERSONAL_PER_1000 = 15.0
HEAD_CHARS = 5000  # where an abstract's heading stands
# The bar a banked fact needs by its text's genre, where the genre's banked questions are
# accepted well below the bank's rate at the model's threshold and a higher bar sorts them
# (thirteenth session, bench/genre_readings.py): a book's 21 of 57 readings above 0.4, 7 of 9
# above 0.6, against 333 of 649 (51%) over every genre; of the judged questions today's banks
# keep, a book's were accepted 18 of 37 against 64%. A legal filing's are accepted 8 of 32
# above 0.4 and no bar sorts them, but the few today's bank keeps were accepted 8 of 14: no
# bar. Papers disagree (57% of the older readings, 1 of 31 since): no bar either.
GENRE_BARS = {BOOK: 0.6}

_LEGAL = re.compile(
    r"\b(?:plaintiffs?|defendants?|appellants?|appellees?|petitioners?|respondents?"
    r"|pursuant|hereby|hereinafter)\b",
    re.IGNORECASE,
)
_ABSTRACT = re.compile(r"^\W*abstract\b", re.IGNORECASE | re.MULTILINE)
_CITED = re.compile(r"\bet al\b")
# A heading line ("CHAPTER IV", "Chapter 2. The Voyage"), not a paragraph opening on the word.
_CHAPTER = re.compile(r"^[ \t]*chapter[ \t]+[\w.]+[^\n]{0,60}$", re.IGNORECASE | re.MULTILINE)
_SAID = re.compile(r"\bsaid\b")
_PERSONAL = re.compile(r"\b(?:I|[Ww]e|[Oo]ur|[Yy]ou|[Yy]our)\b")


def genre(text: str) -> str:
    """The text's genre by the first sign that holds (the module's list)."""
    words = len(text.split())
    per_1000 = 1000 / max(1, words)
    if len(_LEGAL.findall(text)) * per_1000 >= LEGAL_PER_1000:
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
        lines.append(
            f"“{titles.get(source) or source}” reads as {GENRE_NAMES[name]}: its questions "
            f"need a probability of {GENRE_BARS[name]:g} to be kept without review; "
            f"{banked[source]} kept" + (f", {held[source]} for review" if reviewed else "")
        )
    return lines
