"""Questions from an encyclopedia article given as wikitext show none of its markup."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.extraction.files import extract
from app.generation import pipeline
from app.generation.residue import residue_spans
from app.generation.types import SourceText

# A tuning text of the outside corpus (split tune2): a Wikipedia article's source.
ARTICLE = (
    Path(__file__).resolve().parents[2]
    / "bench"
    / "corpus"
    / "wikipedia-elizabeth-gilbert-wikitext.txt"
)


@pytest.mark.slow
def test_questions_from_a_wikitext_article_show_no_markup(nlp):
    text = extract(ARTICLE.read_bytes(), ARTICLE.name).text
    result = pipeline.generate([SourceText("gilbert", text)], nlp, review_pool=True)
    # Read as markup, the article's prose was hidden among templates: a handful of questions.
    assert len(result.questions) >= 10
    for question in result.questions:
        assert text[question.quote.start : question.quote.end] == question.quote.text
        shown = " ".join([question.prompt, question.answer, *question.choices, question.quote.text])
        assert residue_spans(shown) == [], shown
        for markup in ("[[", "]]", "{{", "}}", "|", "''", "<ref", "&nbsp;", "•", "thumb"):
            assert markup not in shown, shown
