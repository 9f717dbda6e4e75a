"""Passages that are not the authors' prose: planted test strings, references, imprint lines,
running headers glued into a sentence, results tables read as text, blanks inside coordinates.

Plain string checks on a quoted passage. Judges refuse every question quoting such a passage: a
bibliographic reference or a producer's credit is no teacher's question, whatever it blanks.
"""

from __future__ import annotations

import re

from app.generation.date_forms import MONTHS
from app.generation.worth import cites_law

# A random identifier a paper or a test fixture plants in the text ("a random UUID").
_PLANTED = re.compile(
    r"\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b"
    r"|\b(?=[0-9a-f]*\d)(?=[0-9a-f]*[a-f])[0-9a-f]{16,}\b"
    # Mixed case is the sign of a random token: the case-blind flag must not reach this part.
    r"|(?-i:\b(?=\w*\d)(?=\w*[a-z])(?=\w*[A-Z])[A-Za-z0-9]{20,}\b)",
    re.IGNORECASE,
)
# Who produced an edition, and where it lives: Project Gutenberg's credits, any web address.
_IMPRINT = re.compile(
    r"https?://|\bwww\.\w|\b[\w-]+\.(?:org|com|net|edu|gov|int)/"
    r"|\bProduced by\b|\bProject Gutenberg\b|\bDistributed Proofread|\bTranscriber'?s? [Nn]ote"
    r"|\bISBN\b|\be-?text\b|\bAll rights reserved\b",
)
# A bibliographic reference: an author list with its year, pages, volume, DOI, proceedings.
_REFERENCE = re.compile(
    r"\bet al\.,?\s*\(?\d{4}|\bpp?\.\s*\d|\b[Vv]ol\.\s*\d|\bdoi\b|\barXiv\b|\bIn Proc(?:eedings|\.)"
    r"|\bibid\b|\bop\. cit\.|(?:\b[A-Z][a-z]+,\s(?:[A-Z]\.\s?){1,3}(?:,\s|,?\sand\s|&\s)){2}"
)
# An author-year citation: "(Smith 2019)", "(Lee and Kim, 2018a; Ng 2020)"; a bare "(1888)"
# dates an event in the authors' own prose.
_AUTHOR_YEAR = re.compile(
    rf"\((?:see\s)?(?!(?:{'|'.join(MONTHS)})\b)[A-Z][\w’'-]+"
    r"(?:\s(?:et al\.|and|&)(?:\s[A-Z][\w’'-]+)?)?,?\s"
    r"(?:1[5-9]|20)\d{2}[a-z]?[;,)]"
)
# Three words in capitals in a row: a running header or a heading, not a sentence's words.
_CAPITALS_RUN = re.compile(r"(?<![\w’'])(?:[A-Z][A-Z.&’'-]*[A-Z.]\s+){2,}[A-Z][A-Z.&’'-]*[A-Z.]")
# A header field's label opening the passage ("AGENCY: Federal Aviation Administration").
_FIELD_LABEL = re.compile(r"^[A-Z]{3,}(?:\s[A-Z]{2,})*:\s")
# A list item's label fused onto its sentence: a short run of capitalised words, a colon, the
# item ("Wang Laboratories: In the 1970s, Wang introduced ...", "OpenOffice and LibreOffice:
# Open-source alternatives emerged ...": judged leftovers, tune11 and fresh5). A sentence's own
# colon follows a word in lower case ("Putin said: ...").
_CAPITALISED = r"[A-Z][\w.’'&/-]*"
_LIST_LABEL = re.compile(
    rf"(?:^|(?<=[.!?]\s)){_CAPITALISED}(?:\s(?:and|of|&|{_CAPITALISED})){{0,4}}:\s+[A-Z]"
)
# Four numbers in a row with nothing but space between: a table's row.
_NUMBER = r"[-+±]?\d(?:[\d.,]*\d)?%?"
_NUMBER_ROW = re.compile(rf"(?<!\S)(?:{_NUMBER}\s+){{3}}{_NUMBER}(?!\S)")
# Index entries: a term, then the pages it is on, and nothing else.
_INDEX_ENTRIES = re.compile(
    r"^(?:[^\W\d][^,.;:]{0,40},(?:\s\d+(?:[–-]\d+)?,)*\s\d+(?:[–-]\d+)?\.\s*)+$"
)
_TOKEN = re.compile(r"\S+")
_NUMERIC = re.compile(r"^[(\[]?[-+±]?(?:\d[\d.,]*%?|[.,]\d+%?)[)\],;:]*$|^[^\w\s]+$")
# A degree, minute or second sign next to a number: one part of a coordinate or a bearing.
_COORDINATE_BEFORE = re.compile(r"\d\s*[°º′″]\s*$")


# Mathematics a paper converted to Markdown keeps as LaTeX: "$W$", "$x_i$", "\\frac". A
# currency amount ("$5") opens on a digit.
_MATH = re.compile(
    r"\$(?=[A-Za-z\\{^_])[^$\n]{1,80}\$|\\(?:frac|mathbf|mathrm|cdot|sum|alpha|theta)\b"
)


def not_prose(text: str) -> str | None:
    """Why the passage is not the authors' prose, or None when it is."""
    if _PLANTED.search(text):
        return "a planted identifier, not prose"
    if _IMPRINT.search(text):
        return "an imprint line or web address"
    if cites_law(text) or _REFERENCE.search(text) or _AUTHOR_YEAR.search(text):
        return "a reference or citation"
    if _LIST_LABEL.search(text):
        return "a list item's label fused onto its sentence"
    if _FIELD_LABEL.match(text) or any(_capitals(m.group()) for m in _CAPITALS_RUN.finditer(text)):
        return "a running header or heading inside the sentence"
    if is_table_text(text):
        return "a results table read as text"
    if _MATH.search(text):
        return "mathematical notation left as LaTeX"
    return None


def _capitals(run: str) -> bool:
    """Enough letters that the run is no string of initials ("U.S. F.B.I.")."""
    return sum(c.isalpha() for c in run) >= 10


def is_table_text(text: str) -> bool:
    """True for rows of numbers and symbols (four numbers in a row, or mostly numbers) and for
    a book's index ("Organ, 33, 94, 132. Stradivarius, 138.")."""
    if _NUMBER_ROW.search(text) or _INDEX_ENTRIES.match(text):
        return True
    tokens = _TOKEN.findall(text)
    numeric = sum(1 for t in tokens if _NUMERIC.match(t))
    return numeric >= 6 and numeric >= 0.35 * len(tokens)


def in_coordinates(quote: str, start: int, end: int) -> bool:
    """True when the answer quote[start:end] is the degrees, minutes or direction of a
    coordinate or bearing ("28° _____", "_____° East", "41° _____' N")."""
    after = quote[end:].lstrip()[:1]
    if after and after in "°º′″":
        return True
    # An apostrophe after a number is a minute sign, before an s or after a word a possessive.
    rest = quote[end:].lstrip()[1:2]
    if after in {"'", "’"} and quote[start:end][-1:].isdigit() and not rest.isalpha():
        return True
    return bool(_COORDINATE_BEFORE.search(quote[:start]))


def reason_to_refuse(quote: str, start: int, end: int, *, kind: str, list_items: int) -> str | None:
    """Why a fact blanking quote[start:end] is not asked: its passage is not prose, it blanks
    part of a coordinate, or one name of a list of three or more (guessable by elimination,
    while the sentence's news goes untested)."""
    why = not_prose(quote)
    if why:
        return why
    if in_coordinates(quote, start, end):
        return "a part of a coordinate or bearing"
    if kind not in {"date", "figure"} and list_items >= 3:
        return "one name of a list of three or more"
    return None
