"""Answers the rest of the sentence gives away by subtraction."""

import pytest

from app.generation.arithmetic import worked_out
from app.generation.dates import parse_date
from app.generation.quantities import parse_quantity


@pytest.mark.parametrize(
    ("around", "answer", "given_away"),
    [
        # Tuning split (tune2, a Gutenberg history of the violin sonata): both were kept.
        ("Tartini lived for  at Prague (1723-26), while Locatelli travelled.", "three years", True),
        ("During  (1792-96), Rust was occupied with a sonata in C minor.", "four years", True),
        ("He taught for  between 1758 and 1760.", "two years", True),
        ("He taught for  from 1804 to 1813.", "nine years", True),
        # A range that does not measure the span asked says nothing.
        ("He taught for  after the war of 1804 to 1813.", "thirty years", False),
        ("He taught for  in Vienna.", "four years", False),
    ],
)
def test_a_span_of_years_beside_the_years_it_runs_between(around, answer, given_away):
    assert worked_out(around, parse_quantity(answer), None) is given_away


@pytest.mark.parametrize(
    ("around", "answer", "given_away"),
    [
        ("In , fifteen years after the 1990 treaty, the border opened.", "2005", True),
        ("The school opened in , 20 years before it closed in 1985.", "1965", True),
        ("In , two years after the 1990 treaty, the border opened.", "2005", False),
        ("In , the 1990 treaty was ten pages long.", "2005", False),
    ],
)
def test_a_year_printed_with_another_and_the_years_between(around, answer, given_away):
    assert worked_out(around, None, parse_date(answer)) is given_away


def test_other_answers_are_never_worked_out():
    assert not worked_out("It cost  in 1990-95.", parse_quantity("$5 million"), None)
