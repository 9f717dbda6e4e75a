"""Acronyms a text defines ("This multidistrict litigation proceeding (“MDL”)"), for prompts
that use one without its long form.

A court filing, a report or an article defines its short forms once and then writes "The MDL
was transferred to this Court"; shown alone, that prompt names nothing (tuning verdicts: "'The
MDL' is an unexplained acronym"). `defined_acronyms` reads the definitions a text gives (a short
form in brackets, quoted or not, after words whose initials spell it, in any case); `acronym`
makes the reference settling writes out (the long form beside the short one) or refuses (a
short form the text defines two ways).
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from spacy.tokens import Token

from app.generation.clauses import common_word
from app.generation.nlp import initials_match
from app.generation.pronouns import Reference

# "(MDL)", "(“MDL”)", "(the "AESC")": a short form alone in brackets.
_BRACKETED = re.compile(r"\(\s*(?:the\s+)?[“\"']?([A-Z][A-Za-z0-9&]{1,7})[”\"']?\s*\)")
_WORD = re.compile(r"[\w’'&.-]+")
LONGEST = 10  # words a long form may have
# Words a long form may stand before the bracket without spelling ("litigation proceeding").
TRAILING = 1
AMBIGUOUS = ""  # the long form of a short form the text defines two ways


def defined_acronyms(text: str) -> dict[str, str]:
    """Each short form the text defines, and its long form (`AMBIGUOUS` when defined twice
    with different words)."""
    found: dict[str, str] = {}
    for match in _BRACKETED.finditer(text):
        short = match.group(1)
        if sum(c.isupper() for c in short) < 2:
            continue  # "(Ltd)", "(Paris)": no initialism
        words = _WORD.findall(text[max(0, match.start() - 200) : match.start()])
        # Across a sentence's end no phrase defines it.
        words = words[-(LONGEST + TRAILING) :]
        long = _long_form(short, words)
        if not long:
            continue
        known = found.get(short)
        if known is None:
            found[short] = long
        elif known.lower() != long.lower():
            found[short] = AMBIGUOUS
    return found


def _long_form(short: str, words: list[str]) -> str:
    """The words just before the bracket (or but one) whose initials spell the short form, the
    fewest that do."""
    for end in range(len(words), max(0, len(words) - TRAILING - 1), -1):
        for start in range(end - 2, max(-1, end - LONGEST - 1), -1):
            phrase = words[start:end]
            if phrase[0][:1].lower() != short[0].lower() or phrase[0].lower() in {"the", "a"}:
                continue
            if initials_match(short, phrase):
                return " ".join(phrase).rstrip(".")
    return ""


def acronym(tok: Token, acronyms: Mapping[str, str]) -> Reference | None:
    """A short form the text defines ("MDL") and English seldom writes: its long form written
    in beside it, unless the prompt shows it; refused when the text defines it two ways."""
    long = acronyms.get(tok.text)
    if long is None or any(t.text == "(" for t in tok.doc[max(0, tok.i - 2) : tok.i]):
        return None  # not defined, or its own definition's bracket
    if common_word(tok.text):
        return None  # one everyday English writes ("FAA", "NASA", "NATO"): a reader knows it
    return Reference(tok.text, "acronym", long, f"{tok.text} ({long})" if long else "")
