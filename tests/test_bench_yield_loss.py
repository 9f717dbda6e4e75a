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


def test_a_fact_above_the_threshold_of_a_kind_no_bank_keeps_is_said_so():
    """It was counted lost to "per-text cap" (a person or a common place above the threshold)."""
    from app.generation.types import CLOZE
    from tests.generation.test_ranking import learned_model, question

    person = question(
        "p1-cz", fact="p1", group="g1", qtype=CLOZE, kind="person", answer="Sam Yagan",
        prompt="Fill in the blank: OkCupid co-founder _____ had donated $500.", prior=0.8,
    )  # fmt: skip
    why = {"p1": ""}
    kwargs = {"model": learned_model({}, 0.4), "titles": {}, "news": set()}
    yield_loss._rank_stages(why, [person], {}, kwargs)
    assert why == {"p1": "not a shape a bank keeps (person)"}
