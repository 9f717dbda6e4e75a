"""Wh-questions about amounts: "How many" only with a plural noun to count."""

from __future__ import annotations

import pytest

from app.generation.asking import wh_question
from app.generation.dates import parse_date
from app.generation.mentions import Mention
from app.generation.quantities import parse_quantity


def _ask(span_in, sentence: str, amount: str) -> str | None:
    span = span_in(sentence, amount)
    mention = Mention(span.start, span.end, "figure", "CARDINAL", span.text)
    return wh_question(span, mention, None, parse_quantity(span.text))


@pytest.mark.slow
def test_a_count_of_a_plural_noun_is_asked_how_many(span_in):
    question = _ask(span_in, "The team built 40 telescopes in the desert.", "40")
    assert question is not None and question.startswith("How many telescopes")


@pytest.mark.slow
@pytest.mark.parametrize(
    ("sentence", "amount"),
    [
        ("The agency funded a five-year project in the desert.", "five-year"),
        ("The team took one telescope to the desert.", "one"),
    ],
)
def test_a_singular_noun_is_not_asked_how_many(span_in, sentence, amount):
    question = _ask(span_in, sentence, amount)
    assert question is None or not question.startswith("How many")


def _ask_date(span_in, sentence: str, date: str) -> str | None:
    span = span_in(sentence, date)
    mention = Mention(span.start, span.end, "date", "DATE", span.text)
    return wh_question(span, mention, parse_date(span.text, None), None)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("sentence", "date"),
    [
        # fresh4's judged "When does the oldest government official statement written in
        # Papiamento date?" (lacks "from"); fresh5's "When did the AFC logo basically remain
        # unchanged to 2009?" kept its other date.
        (
            "The oldest government official statement written in Papiamento dates from 1803.",
            "1803",
        ),
        # A bound is no date: "When did the company expand ...?" has no answer "2010".
        ("The company expanded rapidly across the whole of Europe after 2010.", "2010"),
        ("The castle was rebuilt by the Normans before 1100.", "1100"),
        ("The family lived in a small house in Kentucky from 1811.", "1811"),
    ],
)
def test_a_date_its_verb_needs_the_preposition_of_is_not_asked_when(span_in, sentence, date):
    assert _ask_date(span_in, sentence, date) is None


@pytest.mark.slow
def test_a_date_in_a_year_is_still_asked(span_in):
    question = _ask_date(span_in, "The league adopted its present logo in 1970.", "1970")
    assert question == "In which year did the league adopt its present logo?"
