"""Facts: quotes that are verbatim, answers inside them, and every question form prepared."""

from __future__ import annotations

import re

import pytest

from app.generation.asking import WH
from app.generation.cleaning import analysis_text, segment
from app.generation.facts import Fact, fact_id, quote_is_verbatim, sentence_facts
from app.generation.mentions import doc_mentions
from app.generation.roles import person_role
from app.generation.types import BLANK, QUESTION_SOURCE_KINDS
from app.generation.widening import points_back

TEXT = (
    "Nordic Notes\n"
    "\n"
    "In 1648, the Peace of Westphalia ended the Thirty Years' War.[1] "
    "Kremlin spokesman Ivan Dorn said the Treaty of Lisbon was signed in December 2007. "
    "Anna Berg, secretary of the Nordic Council, may have signed the Vienna Agreement in 1999. "
    "However, the Gulf Cooperation Council (GCC) met in Doha in 2011. "
    "They agreed that Chancellor Otto Vahl would visit Madrid in 2012.\n"
    "\n"
    "Lena Holm told reporters that Norway bought two F-35 fighters in 2012. "
    "The Treaty of Lisbon mentions Lisbon, and the Treaty of Lisbon was signed in Lisbon.\n"
    "\n"
    "[1] Karl Strand, “The Northern Border,” Nordic History Review, March 2012.\n"
)


def facts_of(nlp, recognizers, text: str, source: str = "notes") -> list[Fact]:
    """Facts of every prose block, found the way the pipeline finds them."""
    blocks = segment(text)
    analysis = analysis_text(text, blocks)
    facts: list[Fact] = []
    for block in blocks:
        if block.kind not in QUESTION_SOURCE_KINDS:
            continue
        doc = nlp(analysis[block.start : block.end])
        mentions = doc_mentions(doc, recognizers)
        for sent in doc.sents:
            facts += sentence_facts(
                sent,
                mentions,
                source=source,
                text=text,
                analysis=analysis,
                offset=block.start,
                context_year=None,
            )
    return facts


@pytest.fixture(scope="module")
def facts(nlp, recognizers) -> list[Fact]:
    return facts_of(nlp, recognizers, TEXT)


def one(facts: list[Fact], answer: str, sentence_part: str = "") -> Fact:
    [fact] = [f for f in facts if f.answer == answer and sentence_part in f.quote.text]
    return fact


def test_fact_id_is_stable_and_content_based():
    assert fact_id("s", "Norway joined NATO.", "NATO") == fact_id(
        "s", "Norway joined NATO.", "NATO"
    )
    # Case, spacing and punctuation of the sentence do not change the id.
    assert fact_id("s", "Norway  joined NATO.", "NATO") == fact_id(
        "s", "norway joined nato", "NATO"
    )
    assert fact_id("s", "Norway joined NATO.", "NATO") != fact_id(
        "t", "Norway joined NATO.", "NATO"
    )
    assert fact_id("s", "Norway joined NATO.", "NATO") != fact_id(
        "s", "Norway joined NATO.", "Norway"
    )
    assert re.fullmatch(r"[0-9a-f]{12}", fact_id("s", "x", "y"))


def test_quote_is_verbatim():
    text = "It ended in 1648.[1] Then peace came."
    blanked = "It ended in 1648.    Then peace came."
    assert quote_is_verbatim(text, text, 0, len(text))
    assert quote_is_verbatim(text, blanked, 0, len(text))  # only a note marker differs
    assert not quote_is_verbatim(text, "It ended in 1649.    Then peace came.", 0, len(text))


@pytest.mark.slow
def test_every_quote_is_verbatim_and_holds_its_answer(facts):
    assert len(facts) >= 15
    for fact in facts:
        quote = fact.quote
        assert TEXT[quote.start : quote.end] == quote.text
        assert quote.source == "notes"
        start = fact.answer_start
        assert quote.text[start : start + len(fact.answer)] == fact.answer
        assert 0 <= fact.position < 1
    # Offsets are the source's, not the paragraph's: the first sentence starts after the heading.
    assert one(facts, "1648").quote.start == TEXT.index("In 1648")


@pytest.mark.slow
def test_nothing_from_the_footnote_or_heading(facts):
    note = TEXT.index("[1] Karl")
    assert all(f.quote.end <= note for f in facts)
    assert all(f.quote.start >= TEXT.index("In 1648") for f in facts)


@pytest.mark.slow
def test_ids_are_unique_even_for_a_repeated_answer(facts):
    assert len({f.id for f in facts}) == len(facts)
    treaties = [f for f in facts if f.answer == "Treaty of Lisbon" and "mentions" in f.quote.text]
    assert len(treaties) == 2


@pytest.mark.slow
def test_cloze_blanks_the_answer_once(facts):
    for fact in facts:
        if fact.cloze is None:
            continue
        assert fact.cloze.count(BLANK) == 1
        # The passage as written, without note markers (long ones cut to a window with "…").
        filled = fact.cloze.replace(BLANK, fact.answer).strip(" …")
        assert filled in re.sub(r"\s+", " ", fact.quote.text.replace("[1]", ""))
    assert (
        one(facts, "1648").cloze == "In _____, the Peace of Westphalia ended the Thirty Years' War."
    )
    # An answer that the passage gives twice cannot be blanked.
    assert all(f.cloze is None for f in facts if "mentions Lisbon" in f.quote.text)


@pytest.mark.slow
def test_statements_are_cleaned(facts):
    assert one(facts, "1648").statement == (
        "In 1648, the Peace of Westphalia ended the Thirty Years' War."  # no note marker
    )
    # A leading connective goes, and the statement is capitalised again.
    assert one(facts, "Doha").statement == "The Gulf Cooperation Council (GCC) met in Doha in 2011."
    # A sentence opening with a pronoun is quoted with the one before it, and is no statement.
    madrid = one(facts, "Madrid")
    assert madrid.quote.text.startswith("However, the Gulf Cooperation Council")
    assert madrid.quote.text.endswith("would visit Madrid in 2012.")
    assert madrid.statement is None


@pytest.mark.slow
def test_questions_are_prepared(facts):
    assert one(facts, "1648").question == (
        "In which year did the Peace of Westphalia end the Thirty Years' War?"
    )
    assert (
        one(facts, "Doha").question == "Where did the Gulf Cooperation Council (GCC) meet in 2011?"
    )
    # The wh-word of a name waits for the corpus to settle its kind.
    assert one(facts, "Ivan Dorn").question == (
        f"{WH} said the Treaty of Lisbon was signed in December 2007?"
    )
    assert one(facts, "1648").event == "The Peace of Westphalia ended the Thirty Years' War"
    assert one(facts, "1648").date.label == "1648"


@pytest.mark.slow
def test_person_roles(facts):
    assert one(facts, "Ivan Dorn").role == "Kremlin spokesman"
    assert one(facts, "Anna Berg").role == "secretary of the Nordic Council"
    assert one(facts, "Lena Holm").role is None


@pytest.mark.slow
@pytest.mark.parametrize(
    ("sentence", "person", "role"),
    [
        ("Defence Minister Karl Strand visited Bergen in 2015.", "Karl Strand", "Defence Minister"),
        (
            "The former Foreign Minister Anna Berg wrote a memoir.",
            "Anna Berg",
            "former Foreign Minister",
        ),
        ("Lena Holm, a professor of history, wrote a memoir.", "Lena Holm", "professor of history"),
        ("Minister Anna Berg wrote a memoir in 2015.", "Anna Berg", None),  # one word says little
        ("Anna Berg, my neighbour, wrote a memoir.", "Anna Berg", None),  # not a role
    ],
)
def test_person_role_patterns(span_in, sentence, person, role):
    assert person_role(span_in(sentence, person)) == role


@pytest.mark.slow
def test_flags(facts):
    # Speculation is hedged; a plain statement is not.
    assert one(facts, "1999").hedged
    assert one(facts, "Anna Berg").hedged
    assert not one(facts, "1648").hedged
    # Who said or told something is an attribution, not what happened.
    assert one(facts, "Ivan Dorn").attribution
    assert one(facts, "Lena Holm").attribution
    assert not one(facts, "Anna Berg").attribution
    # A name qualifying a noun cannot be swapped on its own.
    assert one(facts, "Kremlin").modifier
    assert not one(facts, "Doha").modifier
    # Other names of the sentence are kept, normalised, so distractors can avoid them.
    assert one(facts, "Doha").others == ("2011", "gcc", "gulf cooperation council")


@pytest.mark.slow
def test_vague_counts_are_no_facts(facts):
    assert not any(f.kind == "figure" for f in facts)  # "two" fighters
    assert one(facts, "F-35").kind == "equipment"


@pytest.mark.slow
def test_sentences_that_are_not_sentences_give_nothing(nlp, recognizers):
    text = "Norway and Sweden in the year 1990 and after it\n"
    doc = nlp(text)
    mentions = doc_mentions(doc, recognizers)
    sent = next(iter(doc.sents))
    assert mentions
    kwargs = {"source": "s", "text": text, "analysis": text, "offset": 0, "context_year": None}
    assert sentence_facts(sent, mentions, **kwargs) == []


@pytest.mark.slow
def test_quote_has_no_surrounding_whitespace(facts):
    # The note marker and the space after it are not part of the quoted passage.
    assert one(facts, "1648").quote.text == (
        "In 1648, the Peace of Westphalia ended the Thirty Years' War."
    )


@pytest.mark.slow
@pytest.mark.parametrize(
    ("sentence", "points"),
    [
        # From the bundled texts: each leans on a sentence before it.
        ("There is some truth to this argument, since Russia voted for all six resolutions.", True),
        (
            "Crucial to understanding this new systemic situation is that Iran had a long border.",
            True,
        ),
        ("Not many analysts had predicted this accelerated rapprochement in 2016.", True),
        ("Both sides signed these agreements in Tehran in 2001.", True),
        # Time words point at the writer's present, and a sentence without a demonstrative
        # stands alone.
        ("To this day, Iranians cite the Treaty of Turkmenchay of 1828.", False),
        ("Russia and Iran signed a treaty in Moscow in 2001.", False),
    ],
)
def test_sentences_pointing_back_make_no_statement(nlp, sentence, points):
    assert points_back(next(nlp(sentence).sents)) is points


@pytest.mark.slow
def test_a_full_date_is_asked_by_its_year(nlp, recognizers):
    text = "Sky announced the new channel on 8 February 2007 in London.\n"
    date = next(f for f in facts_of(nlp, recognizers, text) if f.kind == "date")
    assert date.answer == "2007"
    assert date.date.label == "2007"
    assert date.cloze.endswith(f"on 8 February {BLANK} in London.")
    assert date.question is None  # not "When did Sky announce ... on 8 February?"


@pytest.mark.slow
def test_a_year_alone_or_a_range_is_asked_whole(nlp, recognizers):
    text = "Sky announced the new channel in 2007 and closed it between 2009 and 2011.\n"
    answers = {f.answer for f in facts_of(nlp, recognizers, text) if f.kind == "date"}
    assert "2007" in answers


@pytest.mark.slow
@pytest.mark.parametrize(
    ("sentence", "name", "items"),
    [
        ("Britain, France and Belgium held colonies in Africa in 1900.", "France", 3),
        ("Britain, France and Belgium held colonies in Africa in 1900.", "Britain", 3),
        ("Britain and France held colonies in Africa in 1900.", "France", 2),
        ("Britain held colonies in Africa in 1900.", "Britain", 1),
        # The parser takes the second verb's object for a conjunct of the first verb: two
        # clauses joined, not a list of three places (a judge accepted Dyrrachium).
        (
            "A few years after the First Crusade, in 1107, the Normans under the command of "
            "Bohemond, Robert's son, landed in Valona and besieged Dyrrachium using the most "
            "sophisticated military equipment of the time, but to no avail.",
            "Dyrrachium",
            1,
        ),
    ],
)
def test_the_length_of_a_list_is_counted(nlp, recognizers, sentence, name, items):
    fact = one(facts_of(nlp, recognizers, sentence + "\n"), name)
    assert fact.list_items == items


@pytest.mark.slow
def test_a_bounded_amount_keeps_its_hedge_in_the_prompt(nlp, recognizers):
    text = "The storm destroyed more than 300 houses in the valley in 1998.\n"
    fact = next(f for f in facts_of(nlp, recognizers, text) if f.kind == "figure")
    assert fact.answer == "300"
    assert fact.bound == "above"
    assert f"more than {BLANK} houses" in fact.cloze
    assert fact.question is None  # "How many houses did the storm destroy?" drops the hedge


@pytest.mark.slow
def test_a_cut_cloze_keeps_its_date_whole(nlp, recognizers):
    """Judges: "The reordered prompt begins '2019, a Boeing…'": a window cut at the comma
    between a day and its year."""
    text = (
        "Airworthiness Directive\n\n"
        "On March 10, 2019, a Boeing Model 737–8 airplane operated by Ethiopian Airlines "
        "(Ethiopian Airlines Flight 302) was involved in an accident after takeoff from Addis "
        "Ababa Bole International Airport in Addis Ababa, Ethiopia, resulting in 157 fatalities.\n"
    )
    cloze = one(facts_of(nlp, recognizers, text, "ad"), "157").cloze
    assert cloze is not None and not re.match(r"…\s*2019", cloze)


@pytest.mark.slow
def test_doubled_single_quotes_are_shown_as_quotation_marks(nlp, recognizers):
    """Judges: "Leftover doubled quote marks (‘‘RC’’)", the Federal Register's typesetting of
    a quotation; the quote stays verbatim, the prompt shows ordinary marks."""
    text = (
        "Airworthiness Directive\n\n"
        "In June 2020, Boeing marked the wiring inspection ‘‘RC’’ in Service Bulletin "
        "737–27–1318, and the FAA made that inspection mandatory for every operator.\n"
    )
    fact = one(facts_of(nlp, recognizers, text, "ad"), "2020")
    assert "‘‘RC’’" in fact.quote.text
    assert fact.cloze is not None and "“RC”" in fact.cloze and "‘‘" not in fact.cloze
