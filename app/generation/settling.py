"""Settling one prompt's references (context.references): kept, written out, or refused.

A prompt is what the learner sees: the instruction's text, a cloze window, a wh-question or a
statement. Every reference of the quoted passage that the prompt still shows must have its
antecedent in the prompt (or be the answer the prompt asks for); otherwise, when the text names
it unambiguously, the name is written in its place. A connective that compares with or follows
from something unsaid is dropped from the prompt's start, and refused elsewhere; a time frame
relative to an unsaid date ("later that month") is refused when no year is given; a statement
true only at some time ("currently", a share, a sum) gets the time frame the text gives it
written in ("In 2011, ..."), or is refused when the text gives none.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from app.generation.context import Reference
from app.generation.lost_context import (
    ADDING,
    NO_FRAME,
    NORMATIVE,
    RELATIVE_TIME,
    UNDATED_SPAN,
    YEAR,
    TimeFrame,
    anchored,
    as_of,
    counts_from_writing,
    reported,
    since_undated,
    time_bound,
    unanchored_time,
)
from app.generation.mentions import normalise
from app.generation.sentence_bounds import sentence_starts
from app.generation.types import BLANK
from app.generation.types import INSTRUCTION as OPENING

# The prompt's instruction, and the ellipsis of a cut passage after it.
INSTRUCTION = re.compile(OPENING.pattern + r"(?:…\s*)?")
# Connectives that compare with or follow from a statement the prompt does not make: at the
# prompt's start they can go ("In contrast, X rose" states that X rose; so can one that adds
# to it, "Moreover, X rose")...
LEANING = re.compile(
    r"\b(?:(?:in|by) contrast(?! to\b| with\b)|conversely|on the other hand|on the contrary|"
    r"similarly|likewise|in turn|as a result(?! of\b)|consequently|accordingly|"
    r"^(?:therefore|thus|hence|instead(?! of\b)|otherwise|nonetheless|nevertheless|moreover|"
    r"furthermore|additionally|in addition(?! to\b)|"
    # A cause pointed at: "Because of this, Ethelred fled in 1013" states that he fled (two
    # tuning labels, both accepted).
    r"because of this|for this reason))\b,?\s*",
    re.I,
)
# ...but an act defined by what it answers ("In retaliation, X struck") cannot stand alone.
ANSWERING = re.compile(
    r"\b(?:in response(?! to\b)|in return(?! for\b)|in retaliation(?! for\b)|"
    r"despite this|even so)\b",
    re.I,
)


def settle(
    prompt: str, answer: str, refs: Sequence[Reference], frame: TimeFrame = NO_FRAME
) -> str | None:
    """The prompt with its references and time frame settled, or None when one points at
    nothing it names; `frame` is what the text says of the fact's time (lost_context)."""
    head = INSTRUCTION.match(prompt)
    cut = head.end() if head else 0
    # A connective the prompt opens with goes first: a reference inside it ("Because of
    # this, ...") is no longer shown.
    body = _without_leaning_opener(prompt[cut:], cut_short=prompt[:cut].rstrip().endswith("…"))
    if body is None or ANSWERING.search(body) or ADDING.match(body):
        return None  # "A further 69,000 ..." shown without the sentence it adds to
    written_out: set[str] = set()  # words of the phrases a name replaced ("the company")
    for ref in refs:
        # A possessive description is sought like a bare one ("The city's garrison"), but in
        # a rule it is anyone's it applies to ("the trustee's bond must cover ...", "the
        # operator's MEL ... may vary": tuning labels, accepted) unless a name settles it.
        owner = ref.kind == "description" and (bool(ref.repair) or not NORMATIVE.search(body))
        at = _find(body, ref.text, owner, cased=ref.kind in {"topic", "acronym"})
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
        repair = ref.repair
        if not body[:at].strip() or body[:at].rstrip()[-1] in ".?!":
            repair = repair[:1].upper() + repair[1:]  # "the City of Austin" opening a sentence
        body = body[:at] + repair + rest[at:]
        written_out |= set(normalise(ref.text).split())
    # A state held up to the time of writing ("has been President since _____") is dated by
    # the text's date, as a time counted from the writing is ("by the end of the year").
    if since_undated(body):
        if not as_of(frame):
            return None
        body = with_frame(body, frame, as_of(frame))
    if UNDATED_SPAN.search(body) and not anchored(body):
        # A year asked beside "the end of the year" is the report's year or the next (fresh5:
        # "the answer is just 'next year'"): the date would give it away.
        if not (reported(frame) and counts_from_writing(body)) or YEAR.search(answer):
            return None
        body = with_frame(body, frame, reported(frame))
    # A time relative to an unsaid one needs a year beside it; the answer's year will do, not
    # its century ("During his November visit ... seized in the _____").
    if (unanchored_time(body) or frame.relative) and not (anchored(body) or YEAR.search(answer)):
        # A news report's "on Tuesday", "this year" count from its date.
        if (
            reported(frame)
            and frame.from_writing
            and (counts_from_writing(body) or not unanchored_time(body))
        ):
            body = with_frame(body, frame, reported(frame))
        # ... else the year the text gives the sentence supplies a day or month ("On 2
        # September" of 2019), never a time counted from another ("two years later").
        elif (
            RELATIVE_TIME.search(body)
            or frame.counted
            or not YEAR.search(frame.phrase)
            or _overlap(answer, frame.phrase)
        ):
            return None
        else:
            body = with_frame(body, frame)
    elif not anchored(body, answer) and time_bound(body, answer):
        # Said in the present, it holds when the text was written.
        phrase = frame.phrase or ("" if frame.past else as_of(frame))
        if not phrase or _overlap(answer, phrase):
            return None
        body = with_frame(body, frame, phrase)
    return prompt[:cut] + body


_END = re.compile(r"\s*[.?!]?(?:\s*…)?\s*$")


def with_frame(body: str, frame: TimeFrame, phrase: str = "") -> str:
    """The body with the time frame (`phrase`, else the frame's) written in: before it where its
    first word may lose its capital ("In 2000, arms sales ..."), a wh-question or a blank; else
    at its end ("(in 2000)")."""
    phrase = phrase or frame.phrase
    first = body.split(" ", 1)[0].rstrip(",;:")
    asks = body.endswith("?") and BLANK not in body
    if asks or first == BLANK or (frame.opener and first == frame.opener):
        lowered = body if first == BLANK else body[:1].lower() + body[1:]
        return f"{phrase[:1].upper()}{phrase[1:]}, {lowered}"
    end = _END.search(body)
    at = end.start() if end else len(body)
    return f"{body[:at]} ({phrase}){body[at:]}"


def _find(body: str, text: str, owner: bool = False, cased: bool = False) -> int | None:
    """Where the reference stands in the prompt: whole words, its first letter in either case
    (`cased`: in its own); in the blank's own sentence when the prompt shows more than one (the
    references are that sentence's: a widened passage's earlier "he" is another). `owner`:
    also before a possessive "'s" ("The river's length": a description's; "It's" is "it is")."""
    first = re.escape(text[:1])
    letters = first if cased else f"{first.upper()}|{first.lower()}"
    after = r"(?![\w'’])" if not owner else r"(?![\w]|['’](?!s\b))"
    pattern = rf"(?<![\w'’])(?:{letters}){re.escape(text[1:])}{after}"
    starts = [m.start() for m in re.finditer(pattern, body)]
    if not starts:
        return None
    opens = _blank_sentence_start(body)
    own = [at for at in starts if at >= opens]
    return own[0] if own else starts[0]


# A sentence's end: its stop, closing quotes or brackets, space, then what may open a sentence
# (a capital, a figure, a blank) -- unless the stop ends an initial or an abbreviation
# ("G. Reuter", "St. Stephen's", "the U.S. Navy").
def _blank_sentence_start(body: str) -> int:
    """Where the sentence holding the blank starts in the prompt (0 without a blank)."""
    return sentence_starts(body, body.find(BLANK) + 1)[-1]


def _names(text: str, name: str) -> bool:
    return f" {normalise(name)} " in f" {normalise(text)} "


def _overlap(answer: str, name: str) -> bool:
    """The antecedent is what the blank stands for ("_____ said he ...")."""
    a, b = set(normalise(answer).split()), set(normalise(name).split())
    return bool(a & b - {"the", "of", "and"})


def _without_leaning_opener(body: str, cut_short: bool = False) -> str | None:
    """The body without a leaning connective it opens with; None if one stands further in, or
    if the passage was cut just before a connective written in lower case: it stood inside its
    sentence, after the subject the cut left out ("Tribune, moreover, may have ..." shown as
    "… May have ...")."""
    match = LEANING.search(body)
    if match is None:
        return body
    if match.start() > 0 or (cut_short and body[:1].islower()):
        return None
    rest = body[match.end() :]
    if LEANING.search(rest) or not rest:
        return None
    return rest[0].upper() + rest[1:]
