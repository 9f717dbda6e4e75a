"""Generic shape tests for one block of a source text, used by `cleaning.segment`.

Every rule looks at structure and generic markers only (length, terminal punctuation,
capitalisation, digits and URLs), never at the wording of any particular text. The tests for
what follows an article (section titles, bios, comments) are in `end_matter`.
"""

from __future__ import annotations

import re


def term_set(text: str) -> frozenset[str]:
    """The "|"-separated terms of text, stripped, as a set."""
    return frozenset(t.strip() for t in text.split("|"))


SUPERSCRIPTS = "¹²³⁴⁵⁶⁷⁸⁹⁰"
_CLOSERS = "\"'”’»)]*_" + SUPERSCRIPTS
_TERMINAL = ".!?…"
_STUCK_NOTE_RE = re.compile(r"([a-z)][.!?…][”\"’]?)\d{1,3}$")
BULLET_RE = re.compile(r"^\s*(?:[-–—•·▪◦*+]\s+|\(?\d{1,2}[.)]\s+|\(?[a-z][.)]\s+)")
NUMBERED_HEAD_RE = re.compile(r"^(?:[IVXLC]{1,6}|\d{1,2}(?:\.\d{1,2})*)[.)]?\s+\S")
NOTE_MARKER_RE = re.compile(r"\[(?:[ivxlc]{1,7}|\d{1,3})\]|[¹²³⁴⁵⁶⁷⁸⁹⁰]+")
# Leading character class first: scanning a long text for it is several times faster.
_NOTE_CANDIDATE_RE = re.compile(r"[\[¹²³⁴⁵⁶⁷⁸⁹⁰][ivxlc\d¹²³⁴⁵⁶⁷⁸⁹⁰\]]*")
_FOOTNOTE_RE = re.compile(r"^(?:[¹²³⁴⁵⁶⁷⁸⁹⁰]+|\[(?:[ivxlc]{1,7}|\d{1,3})\]|\(\d{1,3}\))\s*\S")
_MONTHS = (
    "jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    "sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|januar|februar|märz|mai|juni|"
    "juli|oktober|dezember"
)
_DIGIT_NOTE_RE = re.compile(
    rf"^\d{{1,3}}\s+(?!(?i:{_MONTHS})\b)[A-Z][^\n]{{0,60}},.*(?:\b\d{{4}}\b|\b[Ii]bid\b)"
)
_DATE_CORE = (
    rf"(?:\d{{1,2}}(?:st|nd|rd|th)?\.?\s+(?:{_MONTHS})\.?,?\s+\d{{4}}"
    rf"|(?:{_MONTHS})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
    rf"|(?:{_MONTHS})\.?\s+\d{{4}}|\d{{4}}-\d{{2}}-\d{{2}}|\d{{1,2}}[./]\d{{1,2}}[./]\d{{2,4}})"
)
_DATELINE_RE = re.compile(
    rf"^(?:[A-Za-zäöü]+:?\s+){{0,2}}(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*,?\s+)?{_DATE_CORE}"
    r"(?:,?\s+(?:at\s+)?\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?)?[.,]?$",
    re.I,
)
_DIGIT_RE = re.compile(r"\d")
_URL_RE = re.compile(r"https?://\S+|www\.\S+|\b\S+@\S+\.[a-z]{2,}\b", re.I)
_ACCESSED_RE = re.compile(
    r"\b(?:accessed|retrieved|abgerufen|verified|last visited|zugegriffen)\b.*\d{4}", re.I
)
# "SURNAME, GIVEN NAMES," or "Surname, F." opening an entry; "(City: Publisher, 2007)" inside.
_BIB_HEAD_RE = re.compile(
    r"[A-ZÀ-ÞŁŚŻ][A-ZÀ-ÞŁŚŻ'’\-]+(?: [A-ZÀ-ÞŁŚŻ'’\-]+){0,2},"
    r"\s+[A-ZÀ-Þ][\w'’.\-]*(?:\s+[A-ZÀ-Þ][\w'’.\-]*){0,4}[,.]"
    r"|[A-Z][\w'’\-]+,\s+(?:[A-Z]\.\s*){1,3}(?:,|\(|and\b|&)"
)
_YEAR_RE = re.compile(r"\b1[5-9]\d\d\b|\b20\d\d\b")
_PUBLISHER_RE = re.compile(r"\((?:[A-Z][\w .]+):\s*[^()]{2,80},\s*(?:\w+\s+)?\d{4}\)")
_BYLINE_RE = re.compile(
    r"^(?i:by|written by|posted by|author|autor(?:in)?|von)\s*:?\s+"
    r"([A-ZÀ-ÞŁŚŻ][\w.'’\-]*(?:\s+[A-ZÀ-ÞŁŚŻ][\w.'’\-]*){0,3})(?:\s*(?:[,|–—-].*)?)$"
)
_CAPTION_RE = re.compile(
    r"^(?:photo|image|picture|illustration|graphic|chart|map|credit|source|quelle|bild|foto)"
    r"(?:\s+credits?)?\s*:|^(?:figure|fig\.|table|abbildung|tabelle)\s*\d+"
    r"|^\(?photo(?:graph)? by\b",
    re.I,
)
_BOILERPLATE_RE = re.compile(
    r"^(?:this site uses|your email address will not|required fields are marked|share this"
    r"|share on|click to|subscribe|sign up|follow us|like this|related(?: posts| articles)?:?$"
    r"|you (?:may|might) also like|read more|continue reading|advertisement|all rights reserved"
    r"|alle rechte vorbehalten|copyright|©|\(c\)|cookie|privacy policy|terms of (?:use|service)"
    r"|tags?:|filed under|posted in|categories:|(?:tel(?:efon)?|fax|phone)\.?:?\s*[+(\d]"
    r"|e-?mail:|print$|reply$|log in to reply|report this|permalink|loading\.\.\.|vorstand"
    r"|kuratorium|mitglieder des|chefredaktion|redaktion$|layout$|herausgeber|v\.i\.s\.d\.p)"
    r"(?![a-zäöü])",
    re.I,
)
# Lower-case words a person's name keeps ("Heinrich von Meissen", "Omar al Bashir").
NAME_PARTICLES = frozenset(
    "van von de der den da dos du del di al el bin bint ibn abu la le".split()
)


_ORG_WORDS = term_set(
    "studies|institute|institut|review|press|journal|foundation|stiftung|university|news|times|"
    "report|group|center|centre|council|society|association|agency|magazine|daily|post|herald|"
    "tribune|analysis|analysen|research|series"
)
_FUNCTION_WORDS = term_set(
    "a|an|the|and|or|but|nor|of|to|in|on|at|by|for|from|with|as|than|that|which|who|whom|whose|"
    "its|their|his|her|our|this|these|those|into|onto|upon|about|between|among|against|within|"
    "without|through|over|under|while|whereas|because|although|if|is|are|was|were|be|been|has|"
    "have|had|not|very|more|most|such|so"
)


# A unit's power, not a note: "652,000 km²" (fresh6 seed 154: the key "652,000 km" read as a
# length, "km²/square kilometres not accepted").
_UNIT_POWER_RE = re.compile(r"(?<![A-Za-z])(?:k?m|cm|mm|mi|ft|yd)$")


def note_marker_spans(s: str) -> list[tuple[int, int]]:
    """(start, end) of inline note markers in s: "[iv]", "[12]", superscript digits (not a
    unit's power: "km²")."""
    spans = []
    for cand in _NOTE_CANDIDATE_RE.finditer(s):
        base = cand.start()
        if cand[0] in {"²", "³"} and _UNIT_POWER_RE.search(s[max(0, base - 3) : base]):
            continue
        spans.extend((base + m.start(), base + m.end()) for m in NOTE_MARKER_RE.finditer(cand[0]))
    return spans


def strip_closers(s: str) -> str:
    """Drop trailing closing quotes, brackets, emphasis marks and note markers."""
    s = NOTE_MARKER_RE.sub("", s[-12:]) if s.endswith("]") else s
    if s[-1:].isdigit():  # a note number stuck to the sentence: "the treaty.12"
        s = _STUCK_NOTE_RE.sub(r"\1", s[-16:])
    return s.rstrip().rstrip(_CLOSERS).rstrip()


def ends_sentence(s: str) -> bool:
    """True when the text ends with terminal punctuation (after closers and note markers)."""
    tail = strip_closers(s)
    return bool(tail) and tail[-1] in _TERMINAL


def words(s: str) -> list[str]:
    """Whitespace-separated tokens of s."""
    return s.split()


def url_spans(s: str) -> list[str]:
    """URLs and e-mail addresses in s (cheap when there are none)."""
    if "http" not in s and "www." not in s and "@" not in s:
        return []
    return _URL_RE.findall(s)


def is_footnote(s: str) -> bool:
    """A note line: starts with a superscript digit, "[iv]", "[12]", "(3)" or "12 Surname, ..."."""
    if s[:1].isalpha():
        return False
    return bool(_FOOTNOTE_RE.match(s)) or (len(s) < 400 and bool(_DIGIT_NOTE_RE.match(s)))


def is_reference(s: str) -> bool:
    """A bibliography entry, a bare URL line or an "accessed on" line."""
    if len(s) > 600:
        return False
    if _BIB_HEAD_RE.match(s) and _YEAR_RE.search(s) and any(c in s for c in '*"“(«'):
        return True
    if len(s) < 300 and "(" in s and _PUBLISHER_RE.search(s):
        return True
    urls = url_spans(s)
    if urls and sum(map(len, urls)) > 0.4 * len(s):
        return True
    return len(s) < 200 and bool(_DIGIT_RE.search(s)) and bool(_ACCESSED_RE.search(s))


def byline_name(s: str) -> str | None:
    """The name in a byline such as "By: Jane Doe, Columnist", else None."""
    if len(s) > 80 or "\n" in s:
        return None
    m = _BYLINE_RE.match(s.strip())
    return m.group(1).rstrip(".,") if m else None


def is_dateline(s: str) -> bool:
    """The whole block is a date, optionally with a short prefix ("Posted on", "Updated")."""
    if len(s) >= 60 or not _DIGIT_RE.search(s):
        return False
    return bool(_DATELINE_RE.match(s.strip()))


def is_caption(s: str) -> bool:
    """A photo credit, figure or table caption."""
    return len(s) < 300 and bool(_CAPTION_RE.match(s))


def is_boilerplate(s: str) -> bool:
    """Site furniture: share/subscribe lines, comment-form notices, copyright, contact lines."""
    if len(s) > 300:
        return False
    if _BOILERPLATE_RE.match(s):
        return True
    urls = url_spans(s)
    return bool(urls) and len(s) < 120 and sum(map(len, urls)) > 0.5 * len(s)


def is_list_item(s: str) -> bool:
    """Starts with a bullet or an enumeration such as "- ", "• ", "1) ", "a. "."""
    return bool(BULLET_RE.match(s))


def is_heading_shape(s: str) -> bool:
    """Short single line without terminal punctuation, or a short numbered section title."""
    if "\n" in s or len(s) > 160:
        return False
    n = len(words(s))
    if n > 20:
        return False
    if not ends_sentence(s):
        return True
    # "What Comes Next?" style: short, mostly capitalised question.
    caps = sum(w[:1].isupper() for w in words(s))
    return s.rstrip().endswith("?") and n <= 6 and caps >= 0.6 * n


def is_numbered_heading(s: str) -> bool:
    """A section title such as "IV. Soviet Union Collapses" or "2.1 Method"."""
    return bool(NUMBERED_HEAD_RE.match(s)) and is_heading_shape(s) and capital_ratio(s) >= 0.5


def capital_ratio(s: str) -> float:
    """Share of words starting with a capital letter (function words excluded)."""
    content = [w for w in words(s) if w.lower() not in _FUNCTION_WORDS]
    if not content:
        return 0.0
    return sum(w[:1].isupper() for w in content) / len(content)


def is_bare_name(s: str) -> bool:
    """Two to four capitalised words with no function words: "Jane Q. Doe"."""
    if "\n" in s or len(s) > 50 or any(c.isdigit() for c in s) or "," in s:
        return False
    if NUMBERED_HEAD_RE.match(s):
        return False
    toks = words(s)
    if not 2 <= len(toks) <= 4 or s.isupper():
        return False
    for tok in toks:
        low = tok.lower()
        if low in _FUNCTION_WORDS or low in _ORG_WORDS:
            return False
        if not (tok[:1].isupper() or low in NAME_PARTICLES):
            return False
    return not ends_sentence(s) or (s.endswith(".") and len(toks[-1]) <= 3)


def starts_lowercase(s: str) -> bool:
    """The first letter (after opening quotes) is lowercase: a continuation of a cut sentence."""
    t = s.lstrip("\"'“‘„«(*_ ")
    return t[:1].islower()


def ends_with_function_word(s: str) -> bool:
    """The last word cannot end a sentence ("and", "the", "of"): the block was cut."""
    toks = words(s[-30:])
    return bool(toks) and toks[-1].lower() in _FUNCTION_WORDS
