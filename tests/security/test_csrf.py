"""Every state-changing route refuses each of four bad CSRF tokens (the probe's replay; the walk
over the URL map is tests/test_hardening.py's)."""

from __future__ import annotations

import re

import pytest

from tests.test_hardening import CSRF_EXEMPT, csrf_app, unsafe_routes  # noqa: F401

# csrf_app takes a database through app_settings: the PostgreSQL run runs it too.
pytestmark = pytest.mark.database

BAD_TOKENS = ("missing", "empty", "garbage", "another visitor's")


def _token_of_another_visitor(app) -> str:
    page = app.test_client().get("/accounts/login").get_data(as_text=True)
    return re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)


@pytest.mark.parametrize("bad", BAD_TOKENS)
def test_every_write_refuses_a_bad_csrf_token(csrf_app, bad):  # noqa: F811
    tokens = {
        "missing": None,
        "empty": "",
        "garbage": "IjEyMyI.garbage.token",
        "another visitor's": _token_of_another_visitor(csrf_app),
    }
    client = csrf_app.test_client()
    client.get("/accounts/login")  # this visitor has a session (and a token) of their own
    routes = [row for row in unsafe_routes(csrf_app) if row[0] not in CSRF_EXEMPT]
    assert len(routes) >= 40
    let_through = []
    for endpoint, method, url in routes:
        data = {"anything": "1"}
        if tokens[bad] is not None:
            data["csrf_token"] = tokens[bad]
        response = client.open(url, method=method, data=data)
        if response.status_code != 400 or "CSRF" not in response.get_data(as_text=True):
            let_through.append(f"{method} {url} ({endpoint}): {response.status_code}")
    assert let_through == []
