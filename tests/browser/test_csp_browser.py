"""The Content-Security-Policy in a real browser: no page of the study flow trips it."""

from __future__ import annotations

import pytest

from tests.browser.test_study_flow import _answer_by_keyboard, _sign_up

# Its sites take databases through app_settings: the PostgreSQL run runs it too.
pytestmark = [pytest.mark.browser, pytest.mark.database]


def test_study_pages_raise_no_content_security_policy_violation(phone, live):
    page = phone
    violations: list[str] = []
    page.on(
        "console",
        lambda message: (
            violations.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    _sign_up(page, "csp@example.org")
    page.goto("/learn/quiz")
    # The page's own script is what answers on a key press; it must run under the policy.
    assert _answer_by_keyboard(page, 1)
    for path in ("/learn/cards", "/learn/progress", "/", "/bank", "/accounts/settings"):
        response = page.goto(path)
        assert "frame-ancestors 'none'" in response.headers["content-security-policy"]
        page.wait_for_load_state("load")
    assert violations == []
