"""Small things every visitor meets: the site icon and pages past the end of a list."""

from __future__ import annotations


def test_favicon_is_served_and_linked(client):
    with client.get("/favicon.ico") as response:
        assert response.status_code == 200
        assert response.mimetype == "image/svg+xml"
        assert b"<svg" in response.data
    assert 'rel="icon"' in client.get("/").get_data(as_text=True)


def test_a_bank_page_past_the_end_says_how_many_pages_there_are(imported, client):
    response = client.get("/bank?page=9999")
    assert response.status_code == 404
    page = response.get_data(as_text=True)
    assert "There is no page 9999: the bank has 1 page with these filters." in page
    assert "If you entered the URL manually" not in page
