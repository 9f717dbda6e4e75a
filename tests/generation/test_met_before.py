"""A bare description whose noun the text used before the quote: written out, widened or refused."""

from __future__ import annotations

import pytest

from app.generation.context import entity_names, references, unsettled
from app.generation.facts import sentence_facts
from app.generation.mentions import doc_mentions
from app.generation.met_before import NOUNS
from app.generation.pipeline import generate
from app.generation.settling import settle
from app.generation.types import SourceText
from app.generation.widening import quote_span


@pytest.mark.parametrize(
    "text, answer, expected",
    [
        # Outside a subject or object ("of the Foundation"): the one name holding the word.
        (
            "Mozilla Foundation owns the browser. In 2005 a subsidiary of the Foundation was "
            "founded.",
            "2005",
            "In _____ a subsidiary of the Mozilla Foundation was founded.",
        ),
        # A place's name is written without "the" ("the lake" of tuning labels: Lake Constance).
        (
            "Lake Constance lies on the Rhine. Ice covered most of the water of the lake in 1963.",
            "1963",
            "Ice covered most of the water of Lake Constance in _____.",
        ),
        # Opening the prompt, the name takes the capital.
        (
            "Mozilla Foundation owns the browser. The Foundation hired 300 engineers in 2005.",
            "300",
            "The Mozilla Foundation hired _____ engineers in 2005.",
        ),
    ],
)
def test_a_description_met_before_is_written_out_by_the_name_holding_it(
    settled, text, answer, expected
):
    assert settled(text, answer) == "Fill in the blank: " + expected


@pytest.mark.parametrize(
    "text, answer",
    [
        # Tuning verdicts: "the Program", "the Applicant" never named; no name holds the word.
        (
            "Every applicant pays a fee. The Applicant filed a petition. Its deadline passed. "
            "Congress denied a waiver to the Applicant in 2010.",
            "2010",
        ),
        # "in 1999" hung on the noun by the parse says when, not which exemption.
        (
            "Congress passed a law granting an exemption for farms. Prices rose. The exemption "
            "in 1999 saved 300 farms.",
            "300",
        ),
        # Two names hold the word: no telling which.
        (
            "Mozilla Foundation and Linux Foundation met. Prices rose. In 2005 a subsidiary of "
            "the Foundation was founded.",
            "2005",
        ),
    ],
)
def test_a_description_met_before_with_no_one_name_is_refused(settled, text, answer):
    assert settled(text, answer) is None


@pytest.mark.parametrize(
    "text, answer",
    [
        # Its noun not used before: nothing in the text it points back to.
        ("In 2005 a subsidiary of the Foundation was founded.", "2005"),
        ("Prices rose. In 2005 a subsidiary of the Foundation was founded.", "2005"),
        # In a rule "the lease" is any lease (tuning labels: judges took it).
        (
            "Leases need approval. Bids must be obtained if the cost of the lease exceeds "
            "$5,000 in a year.",
            "5,000",
        ),
        # A phrase beside the statement reads as its setting (judges took "from the office").
        ("Congress passed a law on farms. Most farms applied for the law in 1999.", "1999"),
        # A name the tagger typed a place is no defined term, nor a capitalised word the text
        # never used as a common noun (tuning generation: "the Waal", "the Byzantines").
        ("The Netherlands is low. Voters in the Netherlands elected 150 members in 1999.", "150"),
        ("The Lek flows west. Barges use the Lek to carry 150 tonnes in 1999.", "150"),
    ],
)
def test_a_description_not_met_before_stands(settled, text, answer):
    assert settled(text, answer) is not None


def test_a_description_met_in_an_earlier_paragraph_is_written_out(nlp, settled):
    earlier = entity_names(nlp("The Mozilla Foundation was set up in 2003 to own the browser."))
    assert {"browser", "^foundation"} <= earlier[NOUNS]
    assert settled("In 2005 a subsidiary of the Foundation was founded.", "2005", earlier) == (
        "Fill in the blank: In _____ a subsidiary of the Mozilla Foundation was founded."
    )
    assert settled("In 2005 a subsidiary of the Foundation was founded.", "2005") is not None
    assert settled("In 2005 a subsidiary of the Agency was founded.", "2005", earlier) is not None
    # Tuning generation: the tagger took the defined term's bracket into the name.
    earlier = {"ORG": {"United States Trustee Program (Program"}, NOUNS: {"program"}}
    assert settled("The creation of the Program in 1986 moved 300 clerks.", "300", earlier) == (
        "Fill in the blank: The creation of the United States Trustee Program in 1986 moved "
        "_____ clerks."
    )


def test_the_quote_takes_the_sentence_that_introduces_the_description(nlp):
    doc = nlp("Congress passed a law granting an exemption for farms. Most farms received the "
              "exemption in 1999.")  # fmt: skip
    assert quote_span(list(doc.sents)[-1]).text.startswith("Congress passed")
    doc = nlp("Congress passed a law granting a waiver for farms. Most farms received the "
              "exemption in 1999.")  # fmt: skip
    assert quote_span(list(doc.sents)[-1]).text.startswith("Most farms")
    # A name is no description the sentence before introduces: the cloze window showed that
    # sentence's tail ("… the river Aare. The Aare more than doubles ...").
    doc = nlp("At Koblenz the Rhine meets the river Aare. The Aare more than doubles the "
              "discharge, to an average of 600 m3/s.")  # fmt: skip
    assert quote_span(list(doc.sents)[-1]).text.startswith("The Aare")


def test_generated_prompts_name_the_description_or_are_left_out(nlp):
    text = (
        "The Mozilla Foundation was set up in California to own the browser.\n\n"
        "Prices of computers fell sharply across Europe during the long recession.\n\n"
        "In 2005 a subsidiary of the Foundation was founded with 300 staff.\n\n"
        "The Applicant filed a petition with the county court.\n\n"
        "Prices of computers fell sharply across Europe during the long recession.\n\n"
        "The court denied a waiver to the Applicant in 2010 after long hearings."
    )
    questions = generate([SourceText("m", text, "Browsers")], nlp, learned_ranker=False).questions
    prompts = [q.prompt for q in questions]
    assert any("the Mozilla Foundation" in p for p in prompts), prompts
    assert not any("the Foundation" in p or "Applicant" in p for p in prompts), prompts
    for q in questions:
        assert text[q.quote.start : q.quote.end] == q.quote.text


@pytest.mark.parametrize(
    "text, answer",
    [
        # Tuning generation, kept by the strict gate: "the three" never identified ...
        ("The most notorious of the three is Carl Peters, who went to Africa in 1884.", "1884"),
        # ... "him" is no one of his own clause (judges: "him (MacDowell) is never named") ...
        (
            "A stranger, who turned out to be the steward of Count Walsegg, came to him and "
            "ordered a requiem in 1791.",
            "1791",
        ),
        # ... and "the new theory": which theory?
        ("The new theory remained without any practical effect until 1700.", "1700"),
    ],
)
def test_a_count_an_own_clause_him_or_a_new_thing_unnamed_is_refused(settled, text, answer):
    assert settled(text, answer) is None


def test_the_three_stand_with_the_sentence_that_counts_them(nlp, settled):
    text = (
        "The renaming of three streets has been a major issue. The most notorious of the three "
        "is Carl Peters, who went to Africa in 1884."
    )
    last = list(nlp(text).sents)[-1]
    assert quote_span(last).text == text
    assert settled("Barack Obama met a stranger who came to him in 1791.", "1791") is not None


def test_a_widened_quote_settles_only_a_prompt_that_shows_the_sentence_before(nlp):
    """Tuning generation: the quote took the sentence introducing "the accident", but the cloze
    window cut it away again ("… Investigation of the accident ...")."""
    doc = nlp(
        "A Boeing airplane had an accident near Jakarta. Investigation of the accident has "
        "been completed by the Indonesian authorities with assistance from the FAA in 2019."
    )
    last = list(doc.sents)[-1]
    quote = quote_span(last)
    assert quote.start < last.start
    whole = "Fill in the blank: " + quote.text.replace("2019", "_____")
    window = "Fill in the blank: … " + last.text.replace("2019", "_____")
    refs = references(quote)
    assert settle(whole, "2019", unsettled(refs, whole)) == whole
    assert settle(window, "2019", unsettled(refs, window)) is None


@pytest.mark.parametrize(
    "lead, answer, start",
    [
        # Short enough: the window takes the whole sentence the quote took in.
        ("", "1999", "After years of debate"),
        # Too long for that: the window starts at the blank's own sentence, whose references
        # then say whether it stands ("the exemption" unnamed: refused).
        (" of agriculture, rural affairs and water in Des Moines", "Des Moines", "… Most of the"),
    ],
)
def test_a_widened_quotes_cloze_never_opens_inside_the_sentence_it_took_in(
    nlp, recognizers, lead, answer, start
):
    """Tuning generation: a widened quote cut again by the cloze window opened on the tail of
    the sentence before ("… the river Aare. The Aare ..."); here "… Congress passed ..."."""
    text = (
        "After years of debate in both houses of the legislature and many hearings in "
        "Washington, Congress passed a law in 1998, granting an exemption for family farms. Most "
        "of the farms in the northern counties of Iowa received the exemption in 1999, "
        f"according to the ministry{lead}."
    )
    doc = nlp(text)
    last = list(doc.sents)[-1]
    facts = sentence_facts(
        last, doc_mentions(doc, recognizers), source="s", text=text, analysis=text, offset=0,
        context_year=None,
    )  # fmt: skip
    [fact] = [f for f in facts if f.answer == answer]
    assert fact.quote.start == 0
    assert fact.cloze.startswith(start), fact.cloze
    prompt = "Fill in the blank: " + fact.cloze
    settled = settle(prompt, answer, unsettled(fact.references, prompt))
    assert (settled is None) == start.startswith("…")


_APPROVAL = "Every new building needs an approval from the planning office. "
_APPROVALS = "Builders apply for approvals at the planning office. "
_ELSEWHERE = "Prices rose sharply across the region in the following decade. "


@pytest.mark.parametrize("introduced", [_APPROVAL, _APPROVALS])
@pytest.mark.parametrize(
    "sentence",
    ["Approvals took 90 days on average in 2019.", "The approvals took 90 days in 2019."],
)
def test_a_bare_plural_met_before_is_refused_without_the_sentence_introducing_it(
    nlp, settled, introduced, sentence
):
    """ "Approvals took 90 days": which approvals? The ones the text introduced, singular or
    plural: shown with the sentence introducing them, refused when it is further back."""
    assert settled(introduced + _ELSEWHERE + sentence, "90") is None
    doc = nlp(introduced + sentence)
    last = list(doc.sents)[-1]
    quote = quote_span(last)
    assert quote.text == introduced + sentence
    prompt = "Fill in the blank: " + quote.text.replace("90", "_____")
    assert settle(prompt, "90", unsettled(references(quote), prompt)) == prompt


@pytest.mark.parametrize(
    "text",
    [
        # Never met before: a plural in general.
        _ELSEWHERE + "Approvals took 90 days on average in 2019.",
        # Said which ("Approvals for offices"), or not the subject: no reference.
        _APPROVAL + _ELSEWHERE + "Approvals for offices took 90 days on average in 2019.",
        _APPROVAL + _ELSEWHERE + "Delays in approvals cost builders 90 days in 2019.",
        # "others" are the rest, whoever they are (tuning text: "whereas others had ...").
        "Some critics praised him, and others mocked him. Prices rose sharply across the "
        "region. Riehl wrote that Mendelssohn had the public, whereas others had 90 listeners.",
    ],
)
def test_a_plural_that_says_which_or_was_never_met_stands(settled, text):
    assert settled(text, "90") is not None
