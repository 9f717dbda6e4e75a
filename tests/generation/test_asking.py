"""Wh-questions about amounts: "How many" only with a plural noun to count."""

from __future__ import annotations

import pytest

from app.generation.asking import wh_question
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
