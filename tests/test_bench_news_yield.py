"""bench.news_yield: each fact's reason counted in its stage, news pages found by shape."""

from bench import news_yield
from bench.yield_loss import NO_QUESTION


def test_each_reason_is_counted_in_its_stage():
    assert news_yield.stage("produced") == "kept"
    assert news_yield.stage(NO_QUESTION) == "no prompt"
    assert news_yield.stage("the text's default guess (its most mentioned name)") == "guess"
    assert news_yield.stage("ranker: between floor and threshold") == "ranker"
    assert news_yield.stage("ranker rule: leading pronoun") == "ranker"
    assert news_yield.stage("one per sentence") == "choice"
    assert news_yield.stage("who said it, with what was said in the prompt") == "refused"


def test_news_pages_are_those_of_a_news_shape_in_the_splits():
    entries = news_yield.news_entries(["tune"])
    assert entries and all(e["shape"].endswith("news-html") for e in entries)
    assert {e["split"] for e in entries} == {"tune"}
    assert not news_yield.news_entries(["no such split"])
