"""Facts: one mention in one sentence, with every form a question about it could take.

A fact is plain data (strings and offsets), so the parsed doc it came from can be dropped at
once: generation streams through texts of any size with bounded memory.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from spacy.tokens import Span

from app.generation import realize
from app.generation.asking import is_attribution, wh_question
from app.generation.context import Reference, references
from app.generation.dates import parse_date
from app.generation.lost_context import (
    DANGLING_START,
    NO_FRAME,
    TIME_NOUNS,
    TimeFrame,
    anchored,
    time_frame,
    unanchored_time,
)
from app.generation.mentions import Mention, normalise
from app.generation.met_before import introduced_before
from app.generation.news import background_date, is_news
from app.generation.quantities import parse_quantity
from app.generation.residue import strip_residue
from app.generation.roles import ROLE_HEADS, person_role
from app.generation.types import BLANK, DateValue, Quantity, Quote

TITLE_WORDS = {"president", "ayatollah", "sheikh", "leader", "pope", "emperor", "king", "queen"}
# Sentence openers that tie a sentence to the one before; the ones that are also ordinary words
# ("then", "in addition to ...") count only when a comma sets them off.
_CONNECTIVE = re.compile(
    r"^(?:(?:but|and|yet|thus|indeed|however|moreover|furthermore|nevertheless|therefore|"
    r"meanwhile)\b[,\s]*|(?:so|still|then|also|instead|in addition|in fact|in sum|for example|"
    r"for instance|as a result|after all|of course),\s*)",
    re.IGNORECASE,
)
_HEDGES = re.compile(
    r"\b(?:may|might|could|would|perhaps|possibly|arguably|allegedly|purportedly|apparently|"
    r"seems?|appears?|likely|unlikely|speculation|believe[sd]?|think|argue[sd]?)\b",
    re.IGNORECASE,
)
# "this day", "these years" point at the time of writing, not back at the text.
_DEMONSTRATIVES = {"this", "these", "those"}
_PRONOUN_START = re.compile(
    r"^(?:he|she|they|it|this|these|those|that|its|their|his|her|such|the latter|the former)\b",
    re.IGNORECASE,
)


@dataclass
class Fact:
    """One askable mention in its sentence, with its question forms prepared."""

    id: str
    source: str
    kind: str
    label: str
    answer: str
    quote: Quote
    answer_start: int  # offset of the answer within quote.text
    position: float  # where in the source (0..1), for ordering and variety
    question: str | None = None  # a wh-question; WH in it is replaced once the kind is known
    cloze: str | None = None
    statement: str | None = None
    event: str | None = None
    date: DateValue | None = None
    quantity: Quantity | None = None
    role: str | None = None
    short_form: str | None = None
    others: tuple[str, ...] = ()
    modifier: bool = False  # the mention qualifies a noun ("U.S. policy"): not swappable alone
    hedged: bool = False  # the sentence is opinion or speculation rather than a stated fact
    attribution: bool = False  # the answer is who said or reported something, not what happened
    listed: bool = False  # one item of a list ("Brazil, Russia, India"): guessable, weakly asked
    list_items: int = 1  # how many items that list has (a pair is two)
    bound: str = ""  # "above" for "more than 100", "below" for "fewer than 100": the hedge's side
    group: str = ""  # the same for every fact of one quoted passage: their questions are siblings
    background: bool = False  # a date describing an event the sentence mentions in passing
    news: bool = False  # an agreement, organisation, amount or person in a role, main argument
    # What the passage refers to without naming it, for each prompt to settle (context.py).
    references: tuple[Reference, ...] = ()
    # When the text says the sentence's statement holds ("in 2011"), for a prompt that cut it.
    time_frame: TimeFrame = NO_FRAME


def fact_id(source: str, sentence: str, answer: str, extra: str = "") -> str:
    """A stable id from what the fact says, not from where or when it was found."""
    key = "|".join((source, normalise(sentence), normalise(answer), extra))
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]


def group_id(source: str, passage: str) -> str:
    """The sibling group of every question from one passage: stable, from what it says."""
    key = "|".join((source, normalise(passage)))
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]


def quote_is_verbatim(text: str, analysis: str, start: int, end: int) -> bool:
    """True when the analysed slice differs from the source only by blanked space and markers."""
    original = text[start:end]
    if re.search(r"\w-\s*\n\s*\w", original):
        return False  # a word hyphenated across a page break would show broken ("pre- sidency")
    if original == analysis[start:end]:
        return True
    squeezed = re.sub(r"\s+", "", analysis[start:end])
    return re.sub(r"\s+", "", strip_residue(original)) == squeezed


# Two single marks typeset as one double mark (the Federal Register's ‘‘RC’’, TeX's ``so''):
# judges read them as leftovers in all 12 tuning questions that showed them.
_DOUBLED_MARKS = re.compile(r"‘‘|’’|``|''")
_DOUBLE_MARK = {"‘‘": "“", "’’": "”", "``": "“", "''": "”"}


def plain_passage(text: str) -> str:
    """The text without note markers, every run of whitespace made one space, and doubled
    single quotation marks shown as double ones."""
    text = _DOUBLED_MARKS.sub(lambda m: _DOUBLE_MARK[m.group()], strip_residue(text))
    return re.sub(r"\s+", " ", text).strip()


def sentence_facts(
    sent: Span,
    mentions: list[Mention],
    *,
    source: str,
    text: str,
    analysis: str,
    offset: int,
    context_year: int | None,
    earlier_names: Mapping[str, Sequence[str]] | None = None,
    written: str | None = None,
) -> list[Fact]:
    """Every fact of one sentence; `offset` maps doc characters to source characters;
    `earlier_names` are the text's names before this paragraph, by entity label; `written`
    is the text's date, if known (what "now" in it means)."""
    if len(sent) < 6 or sent.text.strip()[-1:] not in {".", "!", "?", "”", '"', ")"}:
        return []
    quote_sent = _quote_span(sent)
    start = offset + quote_sent.start_char
    end = offset + quote_sent.end_char
    # A blanked note marker or page break at either end is not part of the quoted passage.
    while end > start and analysis[end - 1].isspace():
        end -= 1
    while start < end and analysis[start].isspace():
        start += 1
    if not quote_is_verbatim(text, analysis, start, end):
        return []
    quote = Quote(source, start, end, text[start:end])
    inside = [m for m in mentions if sent.start <= m.start and m.end <= sent.end]
    names = tuple(sorted({normalise(m.text) for m in inside}))
    facts = []
    seen: dict[str, int] = {}
    refs = references(quote_sent, earlier_names) if inside else ()
    frame = time_frame(sent, written) if inside else NO_FRAME
    for mention in inside:
        span = sent.doc[mention.start : mention.end]
        fact = _fact(span, mention, quote, offset, text, context_year, names)
        if fact is None:
            continue
        n = seen.get(fact.id, 0)
        seen[fact.id] = n + 1
        if n:
            fact.id = fact_id(source, quote.text, mention.text, str(n))
        fact.group = group_id(source, quote.text)
        fact.references = refs
        fact.time_frame = frame
        facts.append(fact)
    return facts


def _quote_span(sent: Span) -> Span:
    """The sentence, or with the one before it when a pronoun in it needs that context."""
    if _needs_previous(sent) and sent.start > 0:
        previous = sent.doc[sent.start - 1].sent
        if len(previous) >= 4:
            return sent.doc[previous.start : sent.end]
    return sent


def _fact(
    span: Span,
    mention: Mention,
    quote: Quote,
    offset: int,
    text: str,
    context_year: int | None,
    names: tuple[str, ...],
) -> Fact | None:
    if _defined_acronym(span):
        return None  # "Gulf Cooperation Council (GCC)": the long form's own fact asks it
    if in_brackets(span):
        return None  # "Peter the Great (1689-1725)": an aside, not what the sentence says
    whole = without_hedge(span)
    bound = hedge_bound(span.doc[max(span.sent.start, whole.start - 3) : whole.start].text)
    span = whole
    if mention.kind == "date":
        span = year_of_full_date(whole)
    answer_start = offset + span.start_char - quote.start
    if quote.text[answer_start : answer_start + len(span.text)] != span.text:
        return None
    date = quantity = None
    if mention.kind == "date":
        date = parse_date(span.text, context_year)
        if date is None:
            # "in 15 years" is a duration: a figure, not a date.
            quantity = parse_quantity(span.text)
            if quantity is None or quantity.vague or quantity.unit != "year":
                return None
            mention = Mention(mention.start, mention.end, "figure", "QUANTITY", mention.text)
    elif mention.kind == "figure":
        quantity = parse_quantity(span.text)
        if quantity is None or getattr(quantity, "vague", False):
            return None
    before = whole.doc[whole.start - 1].lower_ if whole.start > 0 else ""
    if mention.kind in {"date", "figure"} and (
        before in {"and", "or"}
        or whole.root.dep_ == "conj"
        or any(c.dep_ == "conj" for c in whole.root.children)
    ):
        return None  # "the nineteenth and twentieth centuries": one half of a pair
    sentence = span.sent
    fact = Fact(
        id=fact_id(quote.source, quote.text, span.text),
        source=quote.source,
        kind=mention.kind,
        label=mention.label,
        answer=span.text,
        quote=quote,
        answer_start=answer_start,
        position=quote.start / max(1, len(text)),
        date=date,
        quantity=quantity,
        short_form=mention.short_form,
        others=tuple(n for n in names if n != normalise(span.text)),
    )
    fact.bound = bound
    # The year of a full date is asked as a blank among years, not as "When ... on 8 May?"; a
    # bounded amount in its sentence, where the hedge stays ("more than _____"), not "How many".
    asked_whole = span is whole and not bound
    fact.question = wh_question(span, mention, date, quantity) if asked_whole else None
    blanked = _titled(span) if mention.kind == "person" else span
    blank_start = offset + blanked.start_char - quote.start
    fact.cloze = _cloze(
        quote.text,
        blank_start,
        quote.text[blank_start:answer_start] + span.text,
        _subject_text(sentence),
        quote.text[: offset + sentence.start_char - quote.start],
    )
    stands_alone = not (points_back(sentence) or _needs_previous(sentence))
    fact.statement = _statement(sentence.text) if stands_alone else None
    if date is not None:
        fact.event = realize.declare(whole)
    fact.modifier = span.root.dep_ in {"compound", "amod", "nmod", "poss", "npadvmod"} or any(
        t.text in {"’s", "'s"} for t in span.doc[span.end : span.end + 1]
    )
    fact.hedged = bool(_HEDGES.search(sentence.text))
    fact.attribution = is_attribution(span)
    root = span.root
    fact.listed = root.dep_ == "conj" or any(c.dep_ == "conj" for c in root.children)
    fact.list_items = list_length(root) if fact.listed else 1
    if mention.kind == "person":
        fact.role = person_role(span)
    fact.background = date is not None and background_date(whole)
    fact.news = is_news(mention.kind, fact.role, whole)
    return fact


def list_length(token) -> int:
    """How many items the list holding token has, by the parse's chain of conjuncts."""
    head = token
    while head.dep_ == "conj" and head.head is not head:
        head = head.head
    count, stack = 1, [head]
    while stack:
        for child in stack.pop().children:
            if child.dep_ == "conj":
                count += 1
                stack.append(child)
    return count


def _titled(span: Span) -> Span:
    """The name with the title before it ("Russian Foreign Minister Sergei Lavrov"): a blank
    after a title would name the person, so the blank takes the title too."""
    root = span.root
    start = span.start
    while start > span.sent.start:
        tok = span.doc[start - 1]
        governed = tok.head.i >= start and tok.head.i < span.end
        if tok.is_punct or tok.dep_ == "det" or not (governed or tok.dep_ == "case"):
            break
        start -= 1
    words = {t.lower_ for t in span.doc[start : span.start]}
    if start == span.start or not words & (ROLE_HEADS | TITLE_WORDS) or root.dep_ == "appos":
        return span
    return span.doc[start : span.end]


def _defined_acronym(span: Span) -> bool:
    """An acronym standing in brackets after its long form, or just before it in brackets."""
    doc = span.doc
    if not (len(span) == 1 and sum(c.isupper() for c in span.text) >= 2):
        return False
    before = doc[span.start - 1].text if span.start > 0 else ""
    after = doc[span.end].text if span.end < len(doc) else ""
    return (before == "(" and after == ")") or after == "("


def _needs_previous(sent: Span) -> bool:
    """It opens with a pronoun, a personal pronoun stands before its main verb ("During his
    visit, he presented ..."), it names something only by a description that points back ("the
    deal", "the two governments"), or dates something relative to a time it does not give
    ("that year", "at the time", "in July")."""
    if _PRONOUN_START.match(sent.text):
        return True
    root = sent.root
    if any(t.i < root.i and t.lower_ in {"he", "she", "they", "his", "her", "their"} for t in sent):
        return True
    if any(points_to_antecedent(t) for t in sent) or month_without_year(sent):
        return True
    if introduced_before(sent):
        return True
    return bool(unanchored_time(sent.text)) and not anchored(sent.text)


# Nouns that, as "the X" with nothing to say which, name something the text introduced earlier.
_ANAPHORIC = {
    "deal", "agreement", "treaty", "accord", "city", "town", "expedition", "visit", "meeting",
    "talks", "war", "country", "government", "region", "move", "plan", "project", "company",
    "conflict", "campaign", "battle", "army", "fort", "attack", "decision", "programme",
    "program", "initiative", "announcement", "summit", "two", "three", "four", "sides",
    "parties", "ties",
    "relationship", "partnership", "alliance", "sanctions", "regime", "leader", "president",
    "governments", "countries", "states", "latter", "former", "organisation", "organization",
    "group", "administration", "side", "operation", "invasion", "election", "crisis",
}  # fmt: skip
_MONTHS = re.compile(
    r"\b(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December)\b"
)


def points_to_antecedent(token) -> bool:
    """A noun written "the X" (or "the two X") with no name, number or phrase saying which."""
    if token.pos_ not in {"NOUN", "NUM"} or token.dep_ not in {
        "nsubj", "nsubjpass", "dobj", "pobj", "poss",
    }:  # fmt: skip
        return False
    children = list(token.children)
    if not any(c.dep_ == "det" and c.lower_ == "the" for c in children):
        return False
    if token.lemma_.lower() not in _ANAPHORIC and token.lower_ not in _ANAPHORIC:
        return False
    modifiers = [c for c in children if c.dep_ not in {"det", "nummod", "advmod"}]
    return not any(
        (
            c.dep_ in {"prep", "relcl", "acl", "appos", "compound", "amod"}
            and (c.dep_ != "amod" or c.ent_type_ or c.pos_ == "PROPN")
        )
        or c.pos_ == "PROPN"
        or c.ent_type_
        for c in modifiers
    )


def month_without_year(sent: Span) -> bool:
    """A month named with no year anywhere in the sentence ("in July")."""
    return bool(_MONTHS.search(sent.text)) and not re.search(r"\b1\d{3}\b|\b20\d{2}\b", sent.text)


_HEDGE_WORDS = {
    "some", "about", "approximately", "around", "nearly", "almost", "roughly", "over", "under",
    "circa", "c.", "estimated", "just", "only", "barely", "between", "up", "to", "at", "least",
    "more", "less", "fewer", "than", "an", "a", "the", "by", "from",
}  # fmt: skip


def without_hedge(span: Span) -> Span:
    """The span without the hedge or preposition it opens with ("some 500" -> "500"), so a
    reader's natural answer is the whole answer; the hedge stays in the prompt."""
    start = span.start
    while start < span.end - 1 and span.doc[start].lower_ in _HEDGE_WORDS:
        start += 1
    if start == span.start or not any(t.like_num or t.is_digit for t in span.doc[start : span.end]):
        return span
    return span.doc[start : span.end]


_ABOVE = re.compile(r"\b(?:more than|over|at least|above|upwards of|in excess of)\s*$", re.I)
_BELOW = re.compile(r"\b(?:less than|fewer than|under|up to|at most|below)\s*$", re.I)


def hedge_bound(before: str) -> str:
    """ "above" or "below" when the words before an amount bound it ("more than", "up to")."""
    if _ABOVE.search(before):
        return "above"
    return "below" if _BELOW.search(before) else ""


_YEAR = re.compile(r"^(?:1[0-9]|20)\d{2}$")


def year_of_full_date(span: Span) -> Span:
    """The year alone of a date given to the day or month ("8 February 2007" -> "2007"): a
    blank over the whole date asks for the exact day, rarely the sentence's news."""
    years = [t for t in span if _YEAR.match(t.text)]
    if len(span) < 2 or len(years) != 1 or not _MONTHS.search(span.text):
        return span
    return span.doc[years[0].i : years[0].i + 1]


def in_brackets(span: Span) -> bool:
    """True when the span stands inside round brackets within its sentence."""
    before = span.doc[span.sent.start : span.start].text
    return before.count("(") > before.count(")")


CLOZE_WORDS = 36
# Clause breaks, but never the comma between a day and its year ("March 10, 2019"): a window
# opening "… 2019, a Boeing ..." has cut its date in two.
_CLAUSE_BREAK = re.compile(r"(?<=[;:—–)])\s+|(?<=\D,)\s+|(?<=\d,)(?!\s+\d{4}\b)\s+|\s+(?=[(—–])")


def _cloze(
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
    window = _window(text)
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


_SENTENCE_BREAK = re.compile(r"(?<=[.!?])\s+(?=[A-Z“\"])")


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
    sentences = [s for s in _SENTENCE_BREAK.split(text) if BLANK in s]
    for whole in (text, *sentences):
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


def _subject_text(sentence: Span) -> str | None:
    """The text of the main clause's subject; "" for a pronoun, None when there is none."""
    subject = next((t for t in sentence.root.children if t.dep_ in {"nsubj", "nsubjpass"}), None)
    if subject is None:
        return None
    if subject.pos_ == "PRON":
        return ""
    return sentence.doc[subject.left_edge.i : subject.right_edge.i + 1].text


def _window(text: str) -> str | None:
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
    if words < 6 or words > CLOZE_WORDS + 10:
        return None
    window = " ".join(pieces[lo : hi + 1]).strip(" ,;:")
    return ("… " if lo > 0 else "") + window + (" …" if hi < len(pieces) - 1 else "")


def points_back(sentence: Span) -> bool:
    """Whether the sentence names something from the text before it ("this argument", "these
    talks"): as a stand-alone true/false statement it would not say what it is about."""
    return any(
        tok.lower_ in _DEMONSTRATIVES and tok.dep_ == "det" and tok.head.lemma_ not in TIME_NOUNS
        for tok in sentence
    )


def _statement(sentence: str) -> str | None:
    """The sentence as a stand-alone statement for true/false, or None if it is not one."""
    text = plain_passage(sentence)
    text = _CONNECTIVE.sub("", text)
    if not text or _PRONOUN_START.match(text) or not 6 <= len(text.split()) <= 40:
        return None
    if text.count("“") != text.count("”") or text.endswith("?") or ":" in text:
        return None
    return text[0].upper() + text[1:]
