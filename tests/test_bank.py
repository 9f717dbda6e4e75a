"""The question bank: filters, quotes with their links, pagination."""

from __future__ import annotations

import html
import re

import pytest

from tests.conftest import SOURCE_ID, SOURCE_TEXT

PROMPTS = {
    "q1": "In which year was the Harbour Compact signed?",
    "q2": "The Harbour Compact was signed in Lisvale in 1902 by ____.",
    "q3": "The fleet grew to 30 ships.",
    "q4": "Put these treaties in order, earliest first.",
}


def prompts_on(body: str) -> set[str]:
    found = re.findall(r'<p class="prompt">(.*?)</p>', body, re.S)
    return {uid for uid, prompt in PROMPTS.items() if prompt in map(html.unescape, found)}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", {"q1", "q2", "q3", "q4"}),
        ("kind=date", {"q1"}),
        ("type=true_false", {"q3"}),
        ("kind=person&type=cloze", {"q2"}),
        ("kind=person&type=true_false", set()),
        (f"source={SOURCE_ID}&kind=treaty", {"q4"}),
    ],
)
def test_bank_filters(client, imported, query, expected):
    response = client.get(f"/bank?{query}")
    assert response.status_code == 200
    assert prompts_on(response.get_data(as_text=True)) == expected


def test_bank_shows_choices_answer_quote_and_context_link(client, imported):
    body = client.get("/bank?kind=date").get_data(as_text=True)
    for choice in ("1899", "1902", "1914"):
        assert f"<li>{choice}</li>" in body
    assert "<strong>1902</strong>" in body
    quote = imported["questions"][0]["quote"]
    assert f"<p>{html.escape(quote['text'])}</p>" in body
    link = f"/sources/{SOURCE_ID}/passage/{quote['start']}-{quote['end']}#passage"
    assert f'href="{link}">Read in context</a>' in body


def test_bank_link_leads_to_the_highlighted_quote(client, imported):
    body = client.get("/bank?kind=figure").get_data(as_text=True)
    href = html.unescape(re.search(r'href="([^"]+)">Read in context', body).group(1))
    page = client.get(href.split("#")[0]).get_data(as_text=True)
    quote = imported["questions"][2]["quote"]
    assert SOURCE_TEXT[quote["start"] : quote["end"]] == quote["text"]
    assert f'<mark id="passage">{html.escape(quote["text"])}</mark>' in page


def test_bank_escapes_authored_text(client, imported):
    body = client.get("/bank?kind=figure").get_data(as_text=True)
    assert "The fleet grew to 40 ships." in body  # the correction
    assert "<script>" not in body


@pytest.mark.parametrize("query", ["kind=planet", "type=essay", "source=nope", "page=0", "page=x"])
def test_bank_bad_filter_is_400(client, imported, query):
    response = client.get(f"/bank?{query}")
    assert response.status_code == 400
    assert "These filters could not be used" in response.get_data(as_text=True)


def test_bank_paginates_and_keeps_filters(app, client, imported):
    app.config["QUIRE_QUESTIONS_PER_PAGE"] = 3
    first = client.get(f"/bank?source={SOURCE_ID}").get_data(as_text=True)
    assert prompts_on(first) == {"q1", "q2", "q3"}
    assert "Questions 1–3 of 4." in first
    assert f'href="/bank?page=2&amp;source={SOURCE_ID}"' in first
    second = client.get(f"/bank?source={SOURCE_ID}&page=2").get_data(as_text=True)
    assert prompts_on(second) == {"q4"}
    assert client.get("/bank?page=3").status_code == 404


def test_bank_empty(client):
    body = client.get("/bank").get_data(as_text=True)
    assert "No questions match these filters." in body
