"""Shape tests for what follows an article: section titles, author bios, comment threads."""

from __future__ import annotations

import re

from app.generation.cleaning_rules import NUMBERED_HEAD_RE, ends_sentence, term_set, words
from app.generation.types import BIO, BOILERPLATE, CAPTION, COMMENTS, REFERENCES

_SECTION_TITLES = {
    REFERENCES: term_set(
        "references|reference list|bibliography|bibliographie|notes|endnotes|footnotes|sources|"
        "works cited|literature|further reading|notes and references|sources and notes|citations|"
        "literaturangaben|literatur|literaturverzeichnis|quellen|quellenverzeichnis|anmerkungen|"
        "références"
    ),
    # The section app.extraction puts a PDF's figure and table captions in.
    CAPTION: term_set("captions|figure captions|figures and tables"),
    BIO: term_set("about the author|about the authors|the author|über den autor|zum autor"),
    BOILERPLATE: term_set("impressum|imprint|herausgeber|kontakt|about us|legal notice"),
    COMMENTS: term_set(
        "comments|no comments|leave a reply|leave a comment|post a comment|add a comment|"
        "join the discussion|join the conversation|reader comments|"
        "kommentare|kommentar schreiben"
    ),
}
_TITLE_KIND = {title: kind for kind, titles in _SECTION_TITLES.items() for title in titles}
_COUNTED_COMMENTS_RE = re.compile(
    r"^(?:\d+|one|two|three|no)\s+(?:comments?|responses?|replies|thoughts)\b", re.I
)
_TONE_RE = re.compile(
    r"\b(?:I|I'm|I’m|I've|I’ve|I'd|I’d|[Mm]y|[Mm]e|[Yy]ou|[Yy]our|[Yy]ou're|[Yy]ou’re|lol)\b"
)
_SECOND_PERSON_RE = re.compile(r"\b[Yy]ou(?:r|rs|'re|’re)?\b")
_BIO_VERB_RE = re.compile(r",?\s+(?:is|was|has|holds|teaches|serves|writes|works)\b")
_HANDLE_EXTRA_RE = re.compile(r"\bsays:?$|\b\d{1,2}:\d{2}\s*[ap]\.?m\b|^reply$", re.I)
_BIO_WORDS_RE = re.compile(
    r"\b(?:author of|professor|fellow|researcher|research|scientist|analyst|journalist|editor"
    r"|correspondent|columnist|contributor|lecturer|writer|ph\.?d|doctoral|student|graduate"
    r"|holds an?|teaches|director of|specialis(?:es|t)|book|consultant|blogs?)\b",
    re.I,
)
_NAME_RE = r"[A-ZÀ-ÞŁŚŻ][\w'’.\-]+(?:\s+(?:[A-ZÀ-ÞŁŚŻ][\w'’.\-]+|van|von|de|al|bin)){1,3}"
_GENERIC_BIO_RE = re.compile(
    rf"^{_NAME_RE},?\s+(?:is|was|has been|holds|teaches|serves as|works as|writes)\b"
)


# A line framed in asterisks closing the work ("*** END OF THIS PROJECT GUTENBERG EBOOK ... ***"):
# what follows is the distributor's licence, not the authors' prose.
_END_OF_WORK = re.compile(r"^\*{3,}\s*END OF (?:THE|THIS)\b[^\n]{0,120}?\*{3,}$", re.IGNORECASE)


def section_title_kind(s: str) -> str | None:
    """REFERENCES/BIO/BOILERPLATE/COMMENTS when s is a title opening such an end section."""
    if _END_OF_WORK.match(s.strip()):
        return BOILERPLATE
    if len(s) > 60 or "\n" in s:
        return None
    key = re.sub(r"^(?:[IVX]+|\d+)[.)]\s*", "", s.strip().strip("*_#").rstrip(":").strip())
    key = key.casefold()
    if key in _TITLE_KIND:
        return _TITLE_KIND[key]
    if _COUNTED_COMMENTS_RE.match(key) and len(key) < 50:
        return COMMENTS
    return None


def is_handle(s: str) -> bool:
    """A short comment-author line: one to four words, no sentence, e.g. "Zebra", "Jo says:"."""
    if "\n" in s or len(s) > 60:
        return False
    if _HANDLE_EXTRA_RE.search(s):
        return True
    return 1 <= len(words(s)) <= 4 and not ends_sentence(s) and not NUMBERED_HEAD_RE.match(s)


def has_comment_tone(s: str) -> bool:
    """First/second person or a lowercase start in the opening of a paragraph."""
    head = s[:300]
    return bool(_TONE_RE.search(head)) or head[:1].islower()


def is_named_bio(s: str, authors: list[str]) -> bool:
    """A short paragraph opening with a known author's name: "Jane Doe is a ..."."""
    if len(s) > 900 or "\n" in s:
        return False
    for name in authors:
        surname = name.split()[-1]
        for form in (name, surname) if len(surname) >= 3 else (name,):
            if s.startswith(form) and _BIO_VERB_RE.match(s, len(form)):
                return True
    return False


def is_generic_bio(s: str) -> bool:
    """A short paragraph "Firstname Lastname is a professor/author of/fellow ..."."""
    if len(s) > 900 or "\n" in s:
        return False
    return bool(_GENERIC_BIO_RE.match(s)) and bool(_BIO_WORDS_RE.search(s))


def has_second_person(s: str) -> bool:
    """The paragraph addresses someone ("you", "your")."""
    return bool(_SECOND_PERSON_RE.search(s))
