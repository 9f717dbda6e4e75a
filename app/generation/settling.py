"""Settling one prompt's references (context.references): kept, written out, or refused.

A prompt is what the learner sees: the instruction's text, a cloze window, a wh-question or a
statement. Every reference of the quoted passage that the prompt still shows must have its
antecedent in the prompt (or be the answer the prompt asks for); otherwise, when the text names
it unambiguously, the name is written in its place. A connective that compares with or follows
from something unsaid is dropped from the prompt's start, and refused elsewhere; a time frame
relative to an unsaid date ("later that month") is refused when no year is given.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from app.generation.acceptability import YEAR
from app.generation.context import Reference
from app.generation.date_forms import MONTHS, WEEKDAYS
from app.generation.mentions import normalise

INSTRUCTION = re.compile(
    r"^(?:Fill in the blank:|Which completes the passage\?|True or false\?)\s*(?:…\s*)?"
)
# Connectives that compare with or follow from a statement the prompt does not make: at the
# prompt's start they can go ("In contrast, X rose" states that X rose)...
LEANING = re.compile(
    r"\b(?:(?:in|by) contrast(?! to\b| with\b)|conversely|on the other hand|on the contrary|"
    r"similarly|likewise|in turn|as a result(?! of\b)|consequently|accordingly|"
    r"^(?:therefore|thus|hence|instead(?! of\b)|otherwise|nonetheless|nevertheless))\b,?\s*",
    re.I,
)
# ...but an act defined by what it answers ("In retaliation, X struck") cannot stand alone.
ANSWERING = re.compile(
    r"\b(?:in response(?! to\b)|in return(?! for\b)|in retaliation(?! for\b)|"
    r"despite this|even so|because of this|for this reason)\b",
    re.I,
)
_TIME_NOUN = (
    r"(?:day|week|weekend|month|year|morning|afternoon|evening|night|spring|summer|autumn|"
    r"fall|winter|season)"
)
UNANCHORED_TIME = re.compile(
    rf"\b(?:(?:later|earlier) (?:that|this|the same) {_TIME_NOUN}|"
    rf"(?:that|this|last|next|the following|the next|the previous|the preceding|the same) "
    rf"{_TIME_NOUN}|(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|several|a few|\d+) "
    r"(?:days?|weeks?|months?|years?) (?:later|earlier|ago)|yesterday|tomorrow|tonight|"
    rf"{'|'.join(WEEKDAYS)})\b",
    re.I,
)

_MONTH = f"(?:{'|'.join(MONTHS)})"
# A day of a month, or a month a visit or meeting is named by, says when only with its year.
# Case-sensitive: "may" and "march" are verbs.
UNANCHORED_DATE = re.compile(
    rf"\b\d{{1,2}}(?:st|nd|rd|th)? {_MONTH}\b|\b{_MONTH} \d{{1,2}}(?:st|nd|rd|th)?\b|"
    rf"\b(?:[Hh]is|[Hh]er|[Tt]heir|[Ii]ts|[Ll]ast|[Nn]ext|[Tt]hat|[Ee]arly|[Ll]ate|[Mm]id)[- ]"
    rf"{_MONTH}\b"
)


def settle(prompt: str, answer: str, refs: Sequence[Reference]) -> str | None:
    """The prompt with its references settled, or None when one points at nothing it names."""
    head = INSTRUCTION.match(prompt)
    cut = head.end() if head else 0
    body = prompt[cut:]
    written_out: set[str] = set()  # words of the phrases a name replaced ("the company")
    for ref in refs:
        at = _find(body, ref.text)
        if at is None:
            continue
        rest = body[:at] + body[at + len(ref.text) :]
        if ref.antecedent and (
            _names(rest, ref.antecedent)
            or _overlap(answer, ref.antecedent)
            or set(normalise(ref.antecedent).split()) <= written_out
        ):
            continue
        if not ref.repair or _overlap(answer, ref.repair):
            return None
        body = body[:at] + ref.repair + rest[at:]
        written_out |= set(normalise(ref.text).split())
    body = _without_leaning_opener(body)
    if body is None or ANSWERING.search(body):
        return None
    unanchored = UNANCHORED_TIME.search(body) or UNANCHORED_DATE.search(body)
    if unanchored and not (YEAR.search(body) or YEAR.search(answer)):
        return None
    return prompt[:cut] + body


def _find(body: str, text: str) -> int | None:
    """Where the reference stands in the prompt: whole words, its first letter in either case."""
    first = re.escape(text[:1])
    pattern = rf"(?<![\w'’])(?:{first.upper()}|{first.lower()}){re.escape(text[1:])}(?![\w'’])"
    match = re.search(pattern, body)
    return match.start() if match else None


def _names(text: str, name: str) -> bool:
    return f" {normalise(name)} " in f" {normalise(text)} "


def _overlap(answer: str, name: str) -> bool:
    """The antecedent is what the blank stands for ("_____ said he ...")."""
    a, b = set(normalise(answer).split()), set(normalise(name).split())
    return bool(a & b - {"the", "of", "and"})


def _without_leaning_opener(body: str) -> str | None:
    """The body without a leaning connective it opens with; None if one stands further in."""
    match = LEANING.search(body)
    if match is None:
        return body
    if match.start() > 0:
        return None
    rest = body[match.end() :]
    if LEANING.search(rest) or not rest:
        return None
    return rest[0].upper() + rest[1:]
