"""bench.yield_loss: labelled questions found again in the facts the generator makes now."""

from __future__ import annotations

from types import SimpleNamespace

from bench import yield_loss

QUOTE = "On 18 November 2015, Sky announced Sky Q, a range of products and services."


def fact(fact_id: str, answer: str, quote: str = QUOTE) -> SimpleNamespace:
    return SimpleNamespace(
        id=fact_id, source="sky", answer=answer, quote=SimpleNamespace(text=quote)
    )


def test_a_labelled_full_date_is_found_as_the_year_it_is_asked_by(monkeypatch):
    monkeypatch.setitem(yield_loss.FACTS, "tune", [fact("a1", "Sky Q"), fact("b2", "2015")])
    assert yield_loss.renamed("tune", "sky", "18 November 2015", QUOTE) == "b2"
    quotes = {"old-mc": ("sky", "18 November 2015", QUOTE)}
    assert yield_loss._renaming("tune", "b2", "old-mc", quotes) == "(asked by its year)"


def test_a_year_alone_or_a_range_is_no_full_date():
    assert yield_loss.year_of("December 2013") == "2013"
    assert yield_loss.year_of("2014") == ""
    assert yield_loss.year_of("between 2009 and 2011") == ""
