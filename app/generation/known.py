"""Prompts that general knowledge answers, or that test only recognising their sentence.

"_____'s second term (2009–2013)" names its holder for anyone who follows the news; "2016 has
proven to be a seminal year" rates a time and says nothing else to learn. Plain string checks
on a finished prompt, used by `worth.fit_prompt` and the true/false builder.
"""

from __future__ import annotations

import re
from collections.abc import Collection

from app.generation.fine_kinds import is_country
from app.generation.mentions import nationality_forms, normalise
from app.generation.roles import NATIONAL_OFFICES
from app.generation.types import BLANK

# A nationality says whose office it is ("the 2013 Iranian presidential election"). Which words
# are nationalities the text's own NORP entities say (each text its own, so that its questions
# do not depend on what other texts a pack holds): a spelling rule took "Brian" and "Mali" for
# nationalities and missed "French".
_WORD = re.compile(r"[^\W\d_]+")


def names_a_nationality(prompt: str, demonyms: Collection[str]) -> bool:
    """Whether a capitalised word of the prompt is one of the text's nationalities
    (`demonyms`, from mentions.nationality_words)."""
    return any(
        nationality_forms(normalise(w)) & set(demonyms)
        for w in _WORD.findall(prompt)
        if w[:1].isupper()
    )


# "_____'s victory in the 2013 Iranian presidential election", "_____'s second term (2009-2013)",
# "the presidency of _____ (2005-2013)": a national office held in a given year names its holder
# for anyone who follows the news (a decade does not: "in the 1990s" spans several holders). A
# chairman, a leader or a general's victory is something read in the text.
_NATIONAL_OFFICE = (
    r"(?:presidency|premiership|chancellorship|reign|"
    + "|".join(sorted(NATIONAL_OFFICES, key=len, reverse=True))
    + ")"
)
# A term or a government is national only when the prompt says which nation's.
_GOVERNMENT = r"(?:administration|government|rule|regime|tenure|term)"
_HELD_BY_BLANK = re.compile(
    rf"{BLANK}[’']s (?:\w+ )?(?P<own>{_NATIONAL_OFFICE}|{_GOVERNMENT})\b"
    rf"|\b(?P<of>{_NATIONAL_OFFICE}|{_GOVERNMENT}) of {BLANK}"
    rf"|{BLANK} (?:was|were) (?:re-?)?elected (?:as )?(?:the )?(?:\w+ )?{_NATIONAL_OFFICE}\b",
    re.IGNORECASE,
)
# "_____'s presidential bid in 2017's elections": a candidacy in a dated national election.
_CANDIDACY = re.compile(
    rf"{BLANK}[’']s (?:\w+ )?(?:bid|campaign|candidacy|victory|win|defeat|election|re-election)\b",
    re.IGNORECASE,
)
_NATIONAL_ELECTION = re.compile(
    r"\b(?:presidential|parliamentary|(?:general|legislative|national) elections?)\b",
    re.IGNORECASE,
)
# A year, not a count ("1500 troops"): no lowercase noun follows it unless an election's.
_YEAR = re.compile(
    r"\b(?:1[5-9]|20)\d\d\b(?!s\b| (?!(?:presidential|parliamentary|general|election)\b)[a-z])"
)
# How many words either side of the office may stand between it and its year.
_NEAR = 4


# "prop up the regime of _____" in Syria: a country's regime is named after its ruler, whom the
# news names every day.
_REGIME_OF_BLANK = re.compile(rf"\bregime of {BLANK}", re.IGNORECASE)
_NAME_RUN = re.compile(r"[A-Z][\w.]*(?: (?:of (?:the )?)?[A-Z][\w.]*)*")


def _names_a_country(prompt: str, demonyms: Collection[str]) -> bool:
    if names_a_nationality(prompt, demonyms):
        return True
    for run in _NAME_RUN.findall(prompt):
        run = re.sub(r"[’']s$", "", run.rstrip("."))
        if is_country(run) or any(is_country(w) for w in run.split()):
            return True
    return False


def _year_beside(prompt: str, match: re.Match[str]) -> bool:
    words = [w.span() for w in re.finditer(r"\S+", prompt)]
    before = [start for start, end in words if end <= match.start()][-_NEAR:]
    after = [end for start, end in words if start >= match.end()][:_NEAR]
    low = before[0] if before else match.start()
    high = after[-1] if after else match.end()
    return any(low <= y.start() and y.end() <= high for y in _YEAR.finditer(prompt))


def office_held_then(prompt: str, *, demonyms: Collection[str]) -> bool:
    """True when the blank is whoever held a national office or won a national election in a
    year given beside it, or the ruler whose regime a named country has: general knowledge,
    not something read in the text."""
    if _REGIME_OF_BLANK.search(prompt) and _names_a_country(prompt, demonyms):
        return True
    for match in _HELD_BY_BLANK.finditer(prompt):
        office = match.group("own") or match.group("of") or ""
        national = not re.fullmatch(_GOVERNMENT, office, re.IGNORECASE)
        if _year_beside(prompt, match) and (national or _names_a_country(prompt, demonyms)):
            return True
    for match in _CANDIDACY.finditer(prompt):
        after = " ".join(prompt[match.end() :].split()[: _NEAR + 1])
        if _NATIONAL_ELECTION.search(f"{match.group(0)} {after}") and _year_beside(prompt, match):
            return True
    return False


# A sentence that only rates a time ("2015 has proven to be a seminal year for relations",
# "relations reached a turning point in _____"): its date tests recognising the sentence,
# and other texts name other turning points. Only when the blank is the time rated and the
# sentence says nothing more ("at $147 a barrel", "by acquiring its rival", ": the harvest
# failed"): a rating beside what happened leaves the date worth asking.
_TURN = (
    r"(?:new |major |real )?(?:turning point|watershed|milestone|high point|low point|new phase|"
    r"new stage|new era|new chapter|new level)"
)
_RATING = (
    r"(?:(?:seminal|pivotal|decisive|defining|watershed|landmark|historic|critical|crucial|"
    r"key|momentous|remarkable|significant|important|turbulent|difficult|eventful) "
    rf"(?:year|moment|point|period|juncture|time|stage|decade|era)|{_TURN})"
)
# What may follow the rating: whose time it was ("for Russia-Iran relations"), no more.
_ONLY = r"(?: (?:for|in|of|between|with|on)(?: [^\s,:;()]+){1,5})?[.!]?\s*$"
_RATED_TIME = re.compile(
    # "_____ has proven to be a seminal year for relations."
    rf"(?:^|, ){BLANK} (?:is|was|has been|had been|has proven to be|proved to be|proved|"
    rf"became|marked) (?:a|an|the) (?:\w+ )?{_RATING}{_ONLY}"
    # "Relations reached a turning point in _____."
    rf"|\b(?:reached|marked|entered|hit) (?:a|an|the) {_TURN} (?:in|by|during) {BLANK}[.!]?\s*$"
    # "In _____, relations reached a turning point."
    rf"|^(?:In|By|During) {BLANK}, [^,:;]* ?(?:reached|marked|entered|was|became) (?:a|an|the) "
    rf"{_TURN}{_ONLY}",
    re.IGNORECASE,
)


def rates_a_time(prompt: str) -> bool:
    """True when the prompt only says that the time in its blank was seminal or a turning point."""
    return bool(_RATED_TIME.search(prompt))


# "since his re-election in _____", "Russia annexed Crimea in _____", "Iran's Islamic Revolution
# in _____", "When the American Revolutionary War ended in _____": the date of a landmark of a
# nation's history (a leader's election or coming to power, a revolution, an annexation, a war's
# end) is what a class dates without the text. Read on every tuning reading (bench/README.md,
# "general knowledge"): the event's own word, next to the blank, is the signal; how common the
# names around it are (wordfreq) did not tell the rejected from the kept, since a country's name
# stands in most dated sentences.
_LANDMARK = (
    r"(?:re-?election|(?:coming|came|rise|returned?) to power|presidential (?:victory|election)|"
    # a named revolution or war ("Iran's Islamic Revolution", "the American Revolutionary War"),
    # not "a revolution in printing" or "the war" of a text's own story
    r"(?-i:Revolution)|annex(?:ed|ation of) [A-Z][\w-]*|(?-i:War) (?:ended|began|broke out))"
)
_LANDMARK_DATE = re.compile(
    rf"{_LANDMARK} (?:\w+ ){{0,2}}in (?:\w+ ){{0,2}}{BLANK}"
    # "the _____ revolution", "Rouhani's victory in the _____ Iranian presidential election"
    rf"|(?:\bthe|[’']s) {BLANK} (?:[A-Z][\w-]* )?(?:revolution|presidential election)\b",
    re.IGNORECASE,
)


def landmark_date(prompt: str) -> bool:
    """True when the blank dates a landmark of a nation's history (an election won, a coming to
    power, a revolution, an annexation, a war's end) that general knowledge dates."""
    return bool(_LANDMARK_DATE.search(prompt))
