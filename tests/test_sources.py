"""The home page, the source reader and its passage highlighting."""

from __future__ import annotations

import html
import re

import pytest

from app.passages import paragraph_spans, paragraphs
from tests.conftest import SOURCE_ID, SOURCE_TEXT

MARK = re.compile(r'<mark( id="passage")?>(.*?)</mark>', re.S)


def marks(body: str) -> list[tuple[bool, str]]:
    return [(bool(anchor), html.unescape(text)) for anchor, text in MARK.findall(body)]


def test_paragraphs_split_on_blank_lines_else_newlines():
    text = "One\nstill one\n\n\n  Two\n \nThree"
    assert [text[a:b] for a, b in paragraph_spans(text)] == ["One\nstill one", "  Two", "Three"]
    text = "a\nb\r\n\r\nc"
    assert [text[a:b] for a, b in paragraph_spans(text)] == ["a\nb", "c"]
    text = "x\r\ny\n\t\nz"[:4] + "\nz"
    assert [text[a:b] for a, b in paragraph_spans(text)] == ["x", "y", "z"]


def test_paragraphs_mark_across_a_boundary():
    text = "Alpha beta.\n\nGamma delta."
    result = paragraphs(text, (6, 18))
    marked = [(s.text, s.anchor) for p in result for s in p.segments if s.marked]
    assert marked == [("beta.", True), ("Gamma", False)]
    assert "".join(s.text for s in result[0].segments) == "Alpha beta."


def test_home_lists_sources_and_packs(client, imported):
    body = client.get("/").get_data(as_text=True)
    assert "Treaties of Lisvale" in body and "A. Tester" in body and "2020-01" in body
    assert "Lisvale treaties" in body and "4 questions" in body
    assert f'href="/bank?source={SOURCE_ID}">4</a>' in body


def test_home_empty_explains_how_to_import(client):
    body = client.get("/").get_data(as_text=True)
    assert "No sources yet" in body and "quire import" in body


def test_reader_shows_text_escaped(client, imported):
    response = client.get(f"/sources/{SOURCE_ID}")
    body = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body
    assert body.count('<p id="c') == 3  # three paragraphs
    assert "<mark" not in body


@pytest.mark.parametrize("style", ["query", "path"])
def test_reader_highlights_exactly_the_passage(client, imported, style):
    start = SOURCE_TEXT.index("the <script>")
    end = SOURCE_TEXT.index(" ships") + len(" ships")
    url = (
        f"/sources/{SOURCE_ID}?start={start}&end={end}"
        if style == "query"
        else f"/sources/{SOURCE_ID}/passage/{start}-{end}"
    )
    body = client.get(url).get_data(as_text=True)
    assert marks(body) == [(True, SOURCE_TEXT[start:end])]
    assert "<script>" not in body


def test_reader_highlight_across_paragraphs(client, imported):
    start = SOURCE_TEXT.index("Mara Quell")
    end = SOURCE_TEXT.index(" later")
    body = client.get(f"/sources/{SOURCE_ID}?start={start}&end={end}").get_data(as_text=True)
    assert marks(body) == [(True, "Mara Quell."), (False, "Twelve years")]
    assert body.count('id="passage"') == 1


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("start=10&end=99999", f"0 ≤ start &lt; end ≤ {len(SOURCE_TEXT)}"),
        ("start=20&end=10", "is not within this source"),
        ("start=5", "needs both a start and an end"),
        ("start=a&end=b", "must be whole numbers"),
    ],
)
def test_reader_bad_passage_is_a_clear_400(client, imported, query, message):
    response = client.get(f"/sources/{SOURCE_ID}?{query}")
    assert response.status_code == 400
    body = response.get_data(as_text=True)
    assert message in body and "That request could not be used" in body


def test_unknown_source_is_a_friendly_404(client):
    response = client.get("/sources/nope")
    assert response.status_code == 404
    body = html.unescape(response.get_data(as_text=True))
    assert "Page not found" in body and 'There is no source "nope".' in body
    assert 'href="/bank"' in body


def test_unknown_page_is_a_friendly_404(client):
    response = client.get("/no/such/page")
    assert response.status_code == 404
    assert "Page not found" in response.get_data(as_text=True)


def test_home_offers_to_continue_studying(client, imported):
    html = client.get("/").get_data(as_text=True)
    # A visitor sees what there is to study and one click to start, before any account.
    assert "0</strong> due today" in html
    assert f"{len(imported['questions'])}</strong> new available" in html
    assert 'href="/learn/"' in html
    assert "Continue studying" in html
