"""The attachment classes bench.attachment_table tallies, on sentences written for the test."""

import pytest

from bench import attachment_table, corpus


@pytest.fixture(scope="module")
def nlp():
    return corpus.load_nlp()


def _class(nlp, sentence: str, answer: str) -> str:
    start = sentence.index(answer)
    span = nlp(sentence).char_span(start, start + len(answer), alignment_mode="expand")
    return attachment_table.attachment(span)


def test_main_verb_subject_object_and_date_adjunct(nlp):
    sentence = "In 1979, Microsoft bought the company."
    assert _class(nlp, sentence, "Microsoft") == "main verb nsubj"
    assert _class(nlp, sentence, "company") == "main verb dobj"
    assert _class(nlp, sentence, "1979") == "main verb prep>pobj"


def test_year_inside_relative_clause_is_buried(nlp):
    sentence = "Microsoft reported a loss on aQuantive, which it bought in 2007."
    assert _class(nlp, sentence, "2007") == "in acl/relcl"


def test_affiliation_city_is_under_a_noun(nlp):
    sentence = "Smith, a researcher at the institute in Boston, found the gene."
    assert _class(nlp, sentence, "Boston") == "in appos"
    sentence = "Researchers from the institute in Boston found the gene."
    assert _class(nlp, sentence, "Boston") == "pobj, prep under noun"
