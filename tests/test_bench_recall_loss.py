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
