"""What a prompt loses when it leaves its text: the one place that says so.

A prompt is read without the text around it. Three things there point at what it no longer
shows: a time given relative to an unsaid one ("that year", "at the time", "by then"), a
statement that is only true at some time the prompt does not give (a percentage, an amount
that changes, "the ongoing conflict"), and a fragment opening on a clause whose head was cut
away ("… which was enacted", "… including"). The word lists live here once, for the quote's
widening (widening.py), the references (context.py) and the prompt's settling (settling.py); the
time frame a statement's text gives it is read here too (`time_frame`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokens import Span

from app.generation.clauses import keeps_case
from app.generation.date_forms import MONTH_PATTERN, MONTHS, WEEKDAYS
from app.generation.span_text import doc_text, text_of

# Nouns that name a stretch of time: "that year", "at that point" date nothing on their own.
TIME_NOUNS = frozenset(
    "day week weekend month year decade century time morning afternoon evening night spring "
    "summer autumn fall winter season period era moment hour point stage".split()
)
_NOUN = "(?:" + "|".join(sorted(TIME_NOUNS)) + ")s?"
_NUMBER = "(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|several|a few|some|\\d+)"
# A time given relative to one the prompt does not give.
RELATIVE_TIME = re.compile(
    rf"\b(?:(?:later|earlier) (?:that|this|the same) {_NOUN}|"
    rf"(?:that|this|this past|last|next|the following|the next|the previous|the preceding|the same|"
    rf"that same|this same) {_NOUN}|at the time(?! of\b)|"
    rf"(?:{_NUMBER} )?(?:days?|weeks?|months?|years?|decades?|time) "
    r"(?:later|earlier|ago|afterwards)|"
    rf"(?:later|earlier) (?:in|that) the {_NOUN}|"
    rf"the {_NOUN} (?:before|after|earlier|prior)(?![ \t]+\w)|"
    r"meanwhile|"
    r"the (?:end|start|beginning|middle|rest) of (?:the|this|that) "
    r"(?:year|month|week|season|quarter|term)|"
    r"(?:shortly|soon|not long) (?:after|before)(?:wards)?\b(?! \w)|"
    r"(?:by|until|till|since|from) then(?!-)|thereafter|afterwards|yesterday|tomorrow|tonight|"
    rf"{'|'.join(WEEKDAYS)})\b|(?:^|…\s*)then\b(?!-)",
    re.I,
)

# Openers that add to what the sentence before said ("A further 69,000 staff ...", "Also, PNG
# files are not encrypted", "Another, shown in Fig. 14, has ..."): without that sentence the
# prompt never says what is added to (0 of 3 tuning readings accepted; "Another ..." 0 of 11).
# Not "In addition," or "Additionally,", which add a statement of its own and which settling
# drops ("Additionally, Moscow felt ...": accepted in the bundled bank).
ADDING = re.compile(r"^(?:Also,\s|A further\b|Another\b)")

# Times counted from the time of writing ("on Tuesday", "this year", "last September", "two
# days ago", "the end of the year"): the text's own date dates them. A time counted from one
# the text gave ("that year", "two years later", "by then", "the following season") it does not.
_NOW_NOUN = (
    "(?:day|week|weekend|month|year|decade|century|morning|afternoon|evening|night|spring|"
    "summer|autumn|fall|winter|season|quarter|term)"
)
_DEICTIC = re.compile(
    rf"(?:this|last|next|this past|this coming) (?:{_NOW_NOUN}|{MONTH_PATTERN}|"
    rf"{'|'.join(WEEKDAYS)})|(?:earlier|later) this {_NOW_NOUN}|"
    r"the (?:end|start|beginning|middle|rest) of (?:the|this) "
    r"(?:year|month|week|season|quarter|term)|"
    rf"(?:{_NUMBER} )?(?:days?|weeks?|months?|years?|decades?) ago|yesterday|tomorrow|tonight|"
    rf"{'|'.join(WEEKDAYS)}",
    re.I,
)
# A state that holds up to the time of writing: "has been President since 1999".
SINCE_NOW = re.compile(r"\b(?:has|have) been\b[^.;]*\bsince\b", re.I)
# The year a "since" starts from, which dates the start and not the time the state held to.
_SINCE_YEAR = re.compile(r"\bsince\s+(?:[\w-]+\s+){0,3}?(?:1[0-9]|20)\d\ds?\b", re.I)


# A day of a month, or a month a visit or meeting is named by, says when only with its year.
# Case-sensitive: "may" and "march" are verbs.
UNANCHORED_DATE = re.compile(
    rf"\b\d{{1,2}}(?:st|nd|rd|th)? {MONTH_PATTERN}\b|\b{MONTH_PATTERN} \d{{1,2}}(?:st|nd|rd|th)?\b|"
    rf"\b(?:[Hh]is|[Hh]er|[Tt]heir|[Ii]ts|[Ll]ast|[Nn]ext|[Tt]hat|[Ee]arly|[Ll]ate|[Mm]id|"
    rf"[Tt]his past)[- ]"
    rf"{MONTH_PATTERN}\b"
)
YEAR = re.compile(r"\b(?:1[0-9]|20)\d\d\b")
# What dates a statement well enough: a year (also "350 B.C."), a decade, a century.
ANCHOR = re.compile(
    r"\b(?:1[0-9]|20)\d\d(?:s\b|\b)|\b\d{2}(?:st|nd|rd|th) century\b|"
    r"\b\d{1,4} ?(?-i:B\.C\.|BC\b|BCE\b|A\.D\.|AD\b|CE\b)|"  # in capitals: not "300 ad slots"
    r"\b(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|"
    r"thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|"
    r"twenty-first) century\b",
    re.I,
)
# The time of writing: no date in the text before it stands for "now".
PRESENT = re.compile(
    r"\b(?:current|currently|now|nowadays|today|so far|to date|at present|presently)\b", re.I
)
TIME_BOUND = re.compile(r"\b(?:ongoing|recent|recently|has since|have since|had since)\b", re.I)
# Spans that end at an unsaid time, which even the asked year cannot date: "has been President
# since _____" (true when it was written), "the end of the year and into _____".
UNDATED_SPAN = re.compile(
    r"\b(?:has|have) been\b[^.;]*\bsince\b|"
    r"\bthe (?:end|start|beginning|middle|rest) of (?:the|this|that) "
    r"(?:year|month|week|season|quarter|term)\b",
    re.I,
)
AMOUNT = re.compile(
    r"%|\bper ?cent\b|[$£€¥]|\b(?:USD|EUR|GBP|bn|billion|trillion)\b|"
    r"\b(?:rose|risen|rising|increased|increasing|grew|grown|growing|fell|fallen|falling|"
    r"declined|declining|dropped|doubled|tripled|halved|soared|surged|plunged|plummeted)\b"
)
# Words of a rule, whose threshold holds whenever the rule does ("may" in lower case: not May).
NORMATIVE = re.compile(
    r"\b(?:shall|must|should|(?-i:may)|if|unless|exceeds?|exceeding|whichever|limit|minimum|"
    r"maximum)\b",
    re.I,
)


# "Now in ancient Greece ...": a discourse opener, not the time of writing.
_NOW_OPENER = re.compile(r"^(?:…\s*)?now\b,?\s*", re.I)


def time_bound(body: str, answer: str = "") -> bool:
    """Whether the statement holds only at a time it must give: "currently", "the ongoing
    conflict", a share, a sum or a trend, in the past or the present ("the exemption is $11.4
    million": fresh5, "a yearly-changing figure"). A rule does not: its threshold ("bids over
    $25,000 must ...") holds whenever the rule does."""
    if NORMATIVE.search(body):
        return False
    rest = _NOW_OPENER.sub("", body)
    if PRESENT.search(rest) or TIME_BOUND.search(rest):
        return True
    return bool(AMOUNT.search(body) or AMOUNT.search(answer))


@dataclass(frozen=True)
class TimeFrame:
    """When the text says a sentence's statement holds, for a prompt that lost it."""

    phrase: str = ""  # "in the first ten months of 2022", "as of 2016"; "" when none is given
    # The sentence tells of the past: an amount in it held at some time the text's date does
    # not give (one in the present holds as of that date).
    past: bool = True
    opener: str = ""  # its first word, when a phrase written before it may lower its case
    # It dates itself only relative to a time it does not give ("Later that month, ..."): a
    # prompt that cut that phrase away has lost its time frame all the same.
    relative: bool = False
    # ... and that time is counted from another ("two years later"), not a day or month whose
    # year the text gave before ("On 2 September").
    counted: bool = False
    # The text's own date ("19 November 2019", "May 2016", "2016"; "" when it has none), and
    # whether every relative time of the sentence counts from it ("on Tuesday", "this year").
    written: str = ""
    from_writing: bool = False


NO_FRAME = TimeFrame()


def time_frame(sent: Span, written: str | None = None) -> TimeFrame:
    """The sentence's time frame (`frame_phrase`), tense and first word."""
    first = sent[0]
    text = text_of(sent)
    return TimeFrame(
        frame_phrase(sent, written),
        any(t.tag_ == "VBD" for t in sent),
        "" if keeps_case(first) else first.text,
        bool(unanchored_time(text)) and not anchored(text),
        bool(RELATIVE_TIME.search(text)) and not anchored(text),
        date_words(written),
        counts_from_writing(text),
    )


def date_words(written: str | None) -> str:
    """The text's date ("2019-11-19", "2016-05", "2016") as words: "19 November 2019"."""
    parts = (written or "").split("-")
    if not YEAR.fullmatch(parts[0]):
        return ""
    words = [parts[0]]
    if len(parts) > 1 and parts[1].isdigit() and 1 <= int(parts[1]) <= 12:
        words.insert(0, MONTHS[int(parts[1]) - 1])
        if len(parts) > 2 and parts[2].isdigit() and 1 <= int(parts[2]) <= 31:
            words.insert(0, str(int(parts[2])))
    return " ".join(words)


def counts_from_writing(body: str) -> bool:
    """Whether the body gives a time relative to an unsaid one, and every such time counts from
    the time of writing ("on Tuesday", "this year"), none from a time the text gave before."""
    found = [
        m.group().strip()
        for pattern in (RELATIVE_TIME, UNANCHORED_DATE, UNDATED_SPAN)
        for m in pattern.finditer(body)
        if not (pattern is UNDATED_SPAN and SINCE_NOW.match(m.group()))
    ]
    return bool(found) and all(_DEICTIC.fullmatch(f) for f in found)


def reported(frame: TimeFrame) -> str:
    """The phrase that dates a time counted from the writing: "as reported on 19 November
    2019" ("in May 2016" for a month; "" for an undated text)."""
    if not frame.written:
        return ""
    on = "on" if frame.written[:1].isdigit() and not YEAR.fullmatch(frame.written) else "in"
    return f"as reported {on} {frame.written}"


def as_of(frame: TimeFrame) -> str:
    """The phrase that dates a state the text speaks of as holding when written: "as of 2019"."""
    year = YEAR.search(frame.written)
    return f"as of {year.group()}" if year else ""


def since_undated(body: str) -> bool:
    """A state held up to an unsaid time of writing: "has been President since 1999" says when
    it started, not when it was still so (fresh5: "stale present tense, he left in 2019")."""
    return bool(SINCE_NOW.search(body)) and not anchored(_SINCE_YEAR.sub("since", body))


# A word standing for a noun the text named before: "the latter", "the first, which ends in
# C", "an opera by the last-named" (tuning labels: "which piece?", "never identified").
ELLIPTICAL = frozenset(
    "former latter first second third fourth fifth sixth last last-named first-named "
    "above-named aforesaid".split()
)
# A part of a work, or one of a series, named by its place in a whole the prompt may never
# name: "the middle movement", "the second subject", "a second edition", "the slow movement".
PARTS = frozenset(
    "movement subject theme section part act scene chapter verse edition collection volume "
    "set finale scherzo minuet trio rondo variation episode instalment installment".split()
)
ORDINALS = frozenset(
    "first second third fourth fifth sixth seventh eighth ninth tenth 1st 2nd 3rd 4th 5th "
    "6th".split()
)
# With "the" only: "an introductory slow movement" is any such movement.
PLACES_IN_A_WHOLE = ORDINALS | frozenset("last final middle opening closing slow".split())
# People and works a text calls by what they are once it has named them ("the composer",
# "the software"): only a name the text gives settles them.
ROLES = frozenset(
    "composer author poet painter novelist playwright dramatist sculptor architect".split()
)
# Not "the sonata", "the novel": in a history of the form they are the genre.
WORKS = frozenset("software album".split())


# A fragment that opens on a clause or a list whose head was cut away.
DANGLING_START = re.compile(
    r"^…\s*(?:which|who|whom|whose|where|whereby|including|included|such as|especially|"
    r"notably|particularly|as well as|thereby|making|forming|leading|resulting)\b",
    re.I,
)


# A four-digit number that counts a noun ("sent 1500 troops") is no year: a plural noun follows
# it ("troops", "people"; not "fighting", "saw", "marks a turning point"), and no preposition,
# determiner, month, season or "year" that dates ("in 1500", "the 2015 deal", "May 1945 troops",
# "c. 1500 potters") stands before it.
_COUNTED = re.compile(r"\s+([a-z]+)")
_DATING = frozenset(
    "in on since by until till from of during before after between and to early late mid "
    "circa c ca the a an its his her their this that year years spring summer autumn fall "
    "winter january february march april may june july august september october november "
    "december jan feb mar apr jun jul aug sep sept oct nov dec".split()
)
_PLURALS = frozenset("people men women children police personnel staff cattle".split())
_VERBS_IN_S = frozenset(
    "marks sees brings remains represents begins ends starts comes follows means witnesses "
    "saw".split()
)


def anchored(*texts: str) -> bool:
    """Whether any of the texts gives a year, a decade or a century."""
    return any(not _a_count(text, m) for text in texts for m in ANCHOR.finditer(text))


def _a_count(text: str, match: re.Match[str]) -> bool:
    """Whether a bare four-digit match counts the plural noun after it ("1500 troops")."""
    if not match.group().isdigit() or len(match.group()) != 4:
        return False
    after = _COUNTED.match(text, match.end())
    if after is None or not _plural(after.group(1)):
        return False
    words = text[: match.start()].split()
    before = words[-1].lower().strip(".,;:(") if words else ""
    return not (before in _DATING or before.endswith(("’s", "'s")))


def _plural(word: str) -> bool:
    if word in STOP_WORDS or word in _VERBS_IN_S:
        return False
    return word in _PLURALS or (word.endswith("s") and not word.endswith(("ss", "us", "is")))


def relative_or_present(body: str) -> bool:
    """Whether the prompt gives a time relative to one it does not give, or speaks of now."""
    return bool(unanchored_time(body) or PRESENT.search(body) or TIME_BOUND.search(body))


# A sentence's text is read so by the widening rule, its time frame and its prompts' checks.
@lru_cache(maxsize=4096)
def unanchored_time(body: str) -> re.Match | None:
    """A time the prompt gives only relative to one it does not give."""
    return RELATIVE_TIME.search(body) or UNANCHORED_DATE.search(body)


LOOK_BACK = 5  # sentences before a dateless one that may give its year


def frame_phrase(sent: Span, written: str | None = None) -> str:
    """The time frame the text gives the sentence, as a phrase to write into a prompt that cut
    it ("in the first ten months of 2022"), or "" when the text gives none unambiguously: the
    sentence's own dated phrase, else the one year the sentence before it, or the few
    sentences before it, name. "Now" (`PRESENT`) is the time of writing: `written`, the text's date
    ("2016-05-13"), gives it ("as of 2016"); no date in the text does."""
    if PRESENT.search(_NOW_OPENER.sub("", text_of(sent))):
        year = YEAR.match(written or "")
        return f"as of {year.group()}" if year else ""
    own = _dated_phrases(sent)
    if own:
        return own[0] if len(own) == 1 else ""
    if sent.root.tag_ not in {"VBD", "VBN"} or sent.start == 0:
        return ""  # "In 2011 war broke out. It continues": that year is not this one's
    doc = sent.doc
    previous = doc[sent.start - 1].sent
    # A few sentences back, not the whole paragraph: a year far back is no longer the story's
    # time, and searching all of it for every sentence grew quadratically.
    window = previous
    for _ in range(LOOK_BACK - 1):
        if window.start == 0:
            break
        window = doc[doc[window.start - 1].sent.start : window.end]
    for before in (text_of(previous), text_of(window)):
        years = years_in(before)
        if len(years) == 1 and not UNANCHORED_DATE.search(before):
            return "in " + years.pop()
        if years:
            return ""
    return ""


# A number a unit follows is a measure, not a year: "(1260 mm on average)" dated a paper's
# statement "In 1260," (fresh split, hydrology paper).
_UNIT_AFTER = re.compile(
    r"\s*(?:mm|cm|km|m|kg|g|t|ft|feet|miles?|metres?|meters?|tons?|tonnes?|hectares?|ha|"
    r"acres?|%|percent|per cent)\b"
)


def years_in(text: str) -> set[str]:
    """The years a text names, not numbers of the same digits that measure something."""
    return {m.group() for m in YEAR.finditer(text) if not _UNIT_AFTER.match(text, m.end())}


def _dated_phrases(sent: Span) -> list[str]:
    """The phrases of the sentence that date it with a year ("in 2019", "since May 2011")."""
    phrases: list[str] = []
    for ent in sent.ents:
        if ent.label_ != "DATE" or not ANCHOR.search(ent.text):
            continue
        if _UNIT_AFTER.match(doc_text(ent.doc), ent.end_char):
            continue  # "(1260 mm on average)": the parser's date is a measure
        head = ent.root
        prep = head.head if head.dep_ == "pobj" else None
        if prep is None or prep.dep_ != "prep" or prep.i >= ent.start:
            phrase = "in " + ent.text if YEAR.fullmatch(ent.text) else ""
        else:  # the whole phrase: "during the 1960s and 1970s", not the entity's half
            whole = sent.doc[prep.i : prep.right_edge.i + 1]
            phrase = whole.text if len(whole) <= 8 else ""
            phrase = phrase[:1].lower() + phrase[1:]
        if phrase and phrase not in phrases and "(" not in phrase and ")" not in phrase:
            phrases.append(phrase)
    return phrases
