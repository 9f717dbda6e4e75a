"""bench.recall_loss: the stage that loses a human question's answer (no spaCy)."""

from __future__ import annotations

from types import SimpleNamespace

from bench import recall_loss
from bench.recall import HumanQuestion

TEXT = "A regulation was called for, with an upper canal near Diepoldsau."


def fact(fact_id: str, answer: str, source: str = "rhine") -> SimpleNamespace:
    start = TEXT.index(answer)
    quote = SimpleNamespace(start=0, end=len(TEXT), text=TEXT)
    return SimpleNamespace(
        id=fact_id, source=source, answer=answer, quote=quote, answer_start=start
    )


def human(answer: str) -> HumanQuestion:
    start = TEXT.index(answer)
    spans = ((start, start + len(answer)),)
    return HumanQuestion("q", "rhine", "Where?", (answer,), spans, "place")


def test_the_candidate_that_went_furthest_names_the_stage():
    facts = [fact("a", "Diepoldsau"), fact("b", "Diepoldsau")]
    why = {"a": "organisation named once, with no institutional word", "b": "one per sentence"}
    assert recall_loss.stage(human("Diepoldsau"), facts, why)[0] == "one per sentence"
    why["a"] = "produced"
    assert recall_loss.stage(human("Diepoldsau"), facts, why) == ("produced", facts[0])


def test_no_candidate_tells_a_fact_of_another_answer_from_none():
    facts = [fact("a", "upper canal near Diepoldsau"), fact("c", "Diepoldsau", source="other")]
    assert recall_loss.stage(human("Diepoldsau"), facts, {})[0] == recall_loss.OTHER_SPAN
    assert recall_loss.stage(human("Diepoldsau"), facts[1:], {})[0] == recall_loss.NO_CANDIDATE


def test_refusals_are_cut_to_their_first_clause_in_the_table():
    rows = [(human("Diepoldsau"), "the text's default guess (its most mentioned name)", None)]
    assert recall_loss.table(rows) == {"the text's default guess": {"place": 1}}


KEY_TEXT = "Putin and Rouhani met on 29th September 2014 in Astrakhan, near the Caspian."


def test_a_key_facts_span_is_its_answer_inside_the_evidence():
    entry = {"answer": "Astrakhan", "aliases": [], "evidence": "2014 in Astrakhan"}
    start = KEY_TEXT.index("Astrakhan")
    assert recall_loss.key_spans(KEY_TEXT, entry) == [(start, start + len("Astrakhan"))]
    entry = {"answer": "the summit city", "aliases": [], "evidence": "in Astrakhan"}
    start = KEY_TEXT.index("in Astrakhan")
    assert recall_loss.key_spans(KEY_TEXT, entry) == [(start, start + len("in Astrakhan"))]


def test_a_key_date_asked_by_its_year_is_traced_through_the_year(monkeypatch):
    quote = SimpleNamespace(start=0, end=len(KEY_TEXT), text=KEY_TEXT)
    year = SimpleNamespace(
        id="y", source="s", answer="2014", quote=quote, answer_start=KEY_TEXT.index("2014")
    )
    monkeypatch.setattr(
        recall_loss, "trace_sources", lambda *a, **k: ({"y": "one per sentence"}, None, [year])
    )
    entry = {
        "id": "k1",
        "source": "s",
        "kind": "date",
        "answer": "29th September 2014",
        "aliases": [],
        "evidence": "on 29th September 2014",
    }
    source = SimpleNamespace(id="s", text=KEY_TEXT)
    [(_, reason, fact)] = recall_loss.key_losses([entry], [source], nlp=None)
    assert (reason, fact) == ("(asked by its year) one per sentence", year)
    assert recall_loss.table([(entry, reason, fact)]) == {
        "(asked by its year) one per sentence": {"date": 1}
    }


def test_readings_are_counted_by_their_facts_stage_and_shape():
    reading = SimpleNamespace(id="abc123-cz", type="cloze", kind="figure", acceptable=True)
    other = SimpleNamespace(id="def456-mc", type="multiple_choice", kind="date", acceptable=False)
    why = {"abc123": "ranker: between floor and threshold"}
    counts = recall_loss.reading_stages([reading, other], why)
    assert counts[("ranker: between floor and threshold", "cloze/figure")] == {True: 1}
    assert counts[("not found as a fact today", "multiple_choice/date")] == {False: 1}
