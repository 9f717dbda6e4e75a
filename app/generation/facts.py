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
from app.generation.answer_spans import (
    defined_acronym,
    hedge_bound,
    in_brackets,
    list_length,
    titled,
    without_hedge,
    year_of_full_date,
)
from app.generation.asking import is_attribution, wh_question
from app.generation.cloze_window import cloze, subject_text
from app.generation.context import Reference, references
from app.generation.dates import parse_date
from app.generation.figures import incidental_figure
from app.generation.ill_formed import ill_formed
from app.generation.lost_context import NO_FRAME, TimeFrame, time_frame
from app.generation.mentions import Mention, normalise
from app.generation.news import background_date, comparison_baseline, framing, is_news
from app.generation.quantities import parse_quantity
from app.generation.residue import blank_residue
from app.generation.roles import person_role
from app.generation.span_text import text_of
from app.generation.topic import Topic
from app.generation.types import DateValue, Quantity, Quote
from app.generation.widening import needs_previous, points_back, quote_span, standalone_statement

_HEDGES = re.compile(
    r"\b(?:may|might|could|would|perhaps|possibly|arguably|allegedly|purportedly|apparently|"
    r"seems?|appears?|likely|unlikely|speculation|believe[sd]?|think|argue[sd]?)\b",
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
    # A date describing an event the sentence mentions in passing, or an amount or date a
    # comparison's headline figure is measured from ("up 33% from $123 million").
    background: bool = False
    news: bool = False  # an agreement, organisation, amount or person in a role, main argument
    framing: bool = False  # in a phrase opening the sentence: "In the year since 2014, ..."
    # Why an amount is a detail on the way to the statement ("a 40-acre ranch"), or "".
    aside: str = ""
    # What the passage refers to without naming it, for each prompt to settle (context.py).
    references: tuple[Reference, ...] = ()
    # When the text says the sentence's statement holds ("in 2011"), for a prompt that cut it.
    time_frame: TimeFrame = NO_FRAME
    # Why the source's sentence is not well-formed English (ill_formed.py), or "".
    ill_formed: str = ""


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
    return re.sub(r"\s+", "", blank_residue(original)) == squeezed


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
    topics: Sequence[Topic] = (),
    acronyms: Mapping[str, str] | None = None,
) -> list[Fact]:
    """Every fact of one sentence; `offset` maps doc characters to source characters;
    `earlier_names` are the text's names before this paragraph, by entity label; `written`
    is the text's date, if known (what "now" in it means); `topics` are its paragraph's and
    its own (topic.py); `acronyms` the short forms it defines (acronyms.py)."""
    if len(sent) < 6 or sent.text.strip()[-1:] not in {".", "!", "?", "”", '"', ")"}:
        return []
    leans = needs_previous(sent)
    quote_sent = quote_span(sent, leans)
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
    if not inside:
        return []
    names = tuple(sorted({normalise(m.text) for m in inside}))
    facts = []
    seen: dict[str, int] = {}
    refs = references(quote_sent, earlier_names, topics, acronyms)
    frame = time_frame(sent, written)
    shared = _shared(sent, leans, quote, offset)
    for mention in inside:
        span = sent.doc[mention.start : mention.end]
        fact = _fact(span, mention, quote, offset, text, context_year, names, shared)
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


@dataclass(frozen=True)
class _Sentence:
    """What every fact of one sentence shares: read from the parse once, not per mention."""

    span: Span
    subject: str | None  # the main clause's subject (cloze_window.subject_text)
    before: str  # the quote's text before the sentence (a widened quote's first sentence)
    statement: str | None  # the sentence as a stand-alone true/false statement, if it is one
    hedged: bool
    ill_formed: str  # why the source wrote it badly (ill_formed.py), or ""


def _shared(sent: Span, leans: bool, quote: Quote, offset: int) -> _Sentence:
    stands_alone = not (points_back(sent) or leans)
    sent_text = text_of(sent)
    return _Sentence(
        span=sent,
        subject=subject_text(sent),
        before=quote.text[: offset + sent.start_char - quote.start],
        statement=standalone_statement(sent_text) if stands_alone else None,
        hedged=bool(_HEDGES.search(sent_text)),
        ill_formed=ill_formed(sent) or "",
    )


def _fact(
    span: Span,
    mention: Mention,
    quote: Quote,
    offset: int,
    text: str,
    context_year: int | None,
    names: tuple[str, ...],
    sentence: _Sentence,
) -> Fact | None:
    if defined_acronym(span):
        return None  # "Gulf Cooperation Council (GCC)": the long form's own fact asks it
    if in_brackets(span):
        return None  # "Peter the Great (1689-1725)": an aside, not what the sentence says
    whole = without_hedge(span)
    bound = hedge_bound(span.doc[max(sentence.span.start, whole.start - 3) : whole.start].text)
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
    blanked = titled(span) if mention.kind == "person" else span
    blank_start = offset + blanked.start_char - quote.start
    fact.cloze = cloze(
        quote.text,
        blank_start,
        quote.text[blank_start:answer_start] + span.text,
        sentence.subject,
        sentence.before,
    )
    fact.statement = sentence.statement
    if date is not None:
        fact.event = realize.declare(whole)
    fact.modifier = span.root.dep_ in {"compound", "amod", "nmod", "poss", "npadvmod"} or any(
        t.text in {"’s", "'s"} for t in span.doc[span.end : span.end + 1]
    )
    fact.hedged = sentence.hedged
    fact.ill_formed = sentence.ill_formed
    fact.attribution = is_attribution(span)
    root = span.root
    fact.list_items = list_length(root)
    fact.listed = fact.list_items > 1
    if mention.kind == "person":
        fact.role = person_role(span)
    fact.background = (date is not None and background_date(whole)) or (
        quantity is not None and comparison_baseline(whole)
    )
    fact.news = is_news(mention.kind, fact.role, whole)
    fact.framing = framing(whole)
    if mention.kind == "figure":
        fact.aside = incidental_figure(whole) or ""
    return fact
