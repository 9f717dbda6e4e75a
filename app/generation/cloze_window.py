"""A cloze's prompt: the quote with its answer blanked, cut to the clauses around the blank
when it is long; never a cut that leaves out the sentence's subject or the statement an opening
phrase frames, opens on a clause whose head it cut away, or halves the sentence a widened quote
took in."""

from __future__ import annotations

import re

from spacy.tokens import Span

from app.generation.lost_context import DANGLING_START
from app.generation.residue import plain_passage
from app.generation.sentence_bounds import sentences
from app.generation.types import BLANK

CLOZE_WORDS = 36
# Clause breaks, but never the comma between a day and its year ("March 10, 2019"): a window
# opening "… 2019, a Boeing ..." has cut its date in two.
_CLAUSE_BREAK = re.compile(r"(?<=[;:—–)])\s+|(?<=\D,)\s+|(?<=\d,)(?!\s+\d{4}\b)\s+|\s+(?=[(—–])")


def cloze(
    quote: str, start: int, answer: str, subject: str | None = None, lead: str = ""
) -> str | None:
    """The quote with the answer blanked, cut to the clauses around the blank when it is long;
    a cut that would leave out the sentence's subject (`subject`, "" for a pronoun) gives None.
    `lead`: the sentence a widened quote took in before the blank's, which no cut may halve."""
    if quote.count(answer) != 1:
        return None
    blanked = quote[:start] + BLANK + quote[start + len(answer) :]
    text = plain_passage(blanked)
    if len(text.split()) <= CLOZE_WORDS:
        return text
    return _whole_lead(text, _cut(text, subject), len(plain_passage(lead)))


def _whole_lead(text: str, window: str | None, lead: int) -> str | None:
    """A window opening inside the sentence a widened quote took in ("… the river Aare. The
    Aare ..." showed that sentence's tail) taken from that sentence's start, or, too long, from
    the blank's own sentence (then the prompt's references say whether it stands)."""
    if window is None or not lead or not window.startswith("…"):
        return window
    at = text.find(window.removeprefix("… ").removesuffix(" …"))
    if not 0 <= at < lead:
        return window
    return _from_subject(text, 0) or _from_subject(text, lead + 1)


def _cut(text: str, subject: str | None) -> str | None:
    """The clauses around the blank of a passage too long to stand whole."""
    window = clause_window(text)
    if window is not None and (DANGLING_START.match(window) or _adjunct_cut_off(window)):
        # "… which was enacted", "… including": the clause's head was cut away.
        return _whole_sentence(text)
    if window is None or subject is None:
        return window
    # "… or rather lay until ... in _____'s potential": a fragment without its subject.
    subject = plain_passage(subject)
    if not window.startswith("…") or (subject and subject in window):
        return window
    # A pronoun subject is named in the sentence before: the passage from its start.
    return _from_subject(text, text.find(subject) if subject else 0)


# A short phrase: a long run with no comma is the sentence itself, its opener unpunctuated
# ("In 1995 Russia agreed to complete the plant at _____ that … abandoned").
_PHRASE_WORD = r"[^\s,;:…]+\s+"
_OPENING_PREPOSITION = re.compile(
    r"(?:^|[.!?]\s+|…\s*)(?:In|On|During|After|Before|Since|By|Under|Following|Despite|Amid|"
    rf"Throughout|Until|From|Within|Without|With)\s+(?:{_PHRASE_WORD}){{0,6}}"
    rf"{BLANK}[^\s,;:…]*\s+(?:{_PHRASE_WORD}){{0,3}}…$"
)


def _adjunct_cut_off(window: str) -> bool:
    """The blank stands in a phrase opening its sentence, and the window ends right after it
    ("During the presidency of _____ …"): the statement it frames was cut away."""
    return bool(_OPENING_PREPOSITION.search(window))


def _whole_sentence(text: str) -> str | None:
    """The passage, or else the sentence holding the blank, if short enough to stand whole."""
    for whole in (text, *(s for s in sentences(text) if BLANK in s)):
        if len(whole.split()) <= CLOZE_WORDS + 14:
            return whole
    return None


def _from_subject(text: str, at: int) -> str | None:
    """The passage from `at` (its subject) to the end of the blank's clause, if short enough."""
    blank = text.find(BLANK)
    if at < 0 or blank < at:
        return None
    end = _CLAUSE_BREAK.search(text, blank)
    stop = end.start() if end else len(text)
    window = text[at:stop].strip(" ,;:")
    if len(window.split()) > CLOZE_WORDS + 14:
        return None
    return ("… " if at > 0 else "") + window + (" …" if stop < len(text) else "")


def subject_text(sentence: Span) -> str | None:
    """The text of the main clause's subject; "" for a pronoun, None when there is none."""
    subject = next((t for t in sentence.root.children if t.dep_ in {"nsubj", "nsubjpass"}), None)
    if subject is None:
        return None
    if subject.pos_ == "PRON":
        return ""
    return sentence.doc[subject.left_edge.i : subject.right_edge.i + 1].text


def _paired(pieces: list[str]) -> bool:
    """Whether every bracket the pieces open they also close, in order."""
    depth = 0
    for c in "".join(pieces):
        depth += {"(": 1, ")": -1, "[": 1, "]": -1}.get(c, 0)
        if depth < 0:
            return False
    return depth == 0


def clause_window(text: str) -> str | None:
    """The clause holding the blank, widened clause by clause up to CLOZE_WORDS words."""
    pieces = [p for p in _CLAUSE_BREAK.split(text) if p]
    at = next(i for i, p in enumerate(pieces) if BLANK in p)
    lo = hi = at
    words = len(pieces[at].split())
    while True:
        grown = False
        for j in (hi + 1, lo - 1):
            if 0 <= j < len(pieces) and words + len(pieces[j].split()) <= CLOZE_WORDS:
                words += len(pieces[j].split())
                lo, hi = min(lo, j), max(hi, j)
                grown = True
        if not grown:
            break
    # A window cut inside brackets shows "(" without its ")" or the reverse ("… from 1903 to
    # _____, and judo with Kiyoichi Takagi (高木 喜代子 Takagi Kiyoichi …", both fresh6 readers):
    # the pieces past the blank's are given back until the brackets pair, then those before.
    while hi > at and not _paired(pieces[lo : hi + 1]):
        hi -= 1
    while lo < at and not _paired(pieces[lo : hi + 1]):
        lo += 1
    words = sum(len(p.split()) for p in pieces[lo : hi + 1])
    if words < 6 or words > CLOZE_WORDS + 10 or not _paired(pieces[lo : hi + 1]):
        return None
    window = " ".join(pieces[lo : hi + 1]).strip(" ,;:")
    return ("… " if lo > 0 else "") + window + (" …" if hi < len(pieces) - 1 else "")
