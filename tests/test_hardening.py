"""Hardening: CSRF on every state-changing route, security headers, and no inline scripts."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from werkzeug.routing import AnyConverter, FloatConverter, IntegerConverter, Rule, UUIDConverter

from app import create_app
from app.extensions import db
from tests.conftest import app_settings

# Some of its apps take databases through app_settings: the PostgreSQL run runs it too.
pytestmark = pytest.mark.database

PROJECT = Path(__file__).resolve().parent.parent
UNSAFE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}
# Routes that may take a state-changing request without a CSRF token, each with the reason.
# (None so far: every form and every script posts the page's token.)
CSRF_EXEMPT: dict[str, str] = {}


def _sample_value(rule: Rule, name: str) -> object:
    converter = rule._converters[name]
    if isinstance(converter, IntegerConverter):
        return 1
    if isinstance(converter, FloatConverter):
        return 1.0
    if isinstance(converter, UUIDConverter):
        return "00000000-0000-0000-0000-000000000001"
    if isinstance(converter, AnyConverter):
        return sorted(converter.items)[0]
    return "x"


def unsafe_routes(app) -> list[tuple[str, str, str]]:
    """(endpoint, method, url) for every rule that accepts a state-changing method."""
    adapter = app.url_map.bind("localhost")
    routes = []
    for rule in app.url_map.iter_rules():
        for method in sorted((rule.methods or set()) & UNSAFE_METHODS):
            values = {name: _sample_value(rule, name) for name in rule.arguments}
            url = adapter.build(rule.endpoint, values, method=method)
            routes.append((rule.endpoint, method, url))
    return routes


@pytest.fixture
def csrf_app(tmp_path):
    """The app with CSRF protection on, as in production."""
    app = create_app(app_settings(tmp_path, WTF_CSRF_ENABLED=True))
    with app.app_context():
        db.create_all()
    yield app
    with app.app_context():
        db.engine.dispose()


def test_every_state_changing_route_refuses_a_request_without_a_csrf_token(csrf_app):
    routes = unsafe_routes(csrf_app)
    # The walk must see the routes it is meant to check.
    assert {"accounts.login", "accounts.logout"} <= {endpoint for endpoint, _, _ in routes}
    client = csrf_app.test_client()
    unprotected = []
    for endpoint, method, url in routes:
        if endpoint in CSRF_EXEMPT:
            continue
        response = client.open(url, method=method, data={"anything": "1"})
        if response.status_code != 400 or "CSRF" not in response.get_data(as_text=True):
            unprotected.append(f"{method} {url} ({endpoint}): {response.status_code}")
    assert unprotected == []


def test_a_script_asking_for_json_reads_a_refused_token_as_json(csrf_app):
    client = csrf_app.test_client()
    for path in ("/learn/quiz", "/learn/cards"):
        response = client.post(path, data={"ticket": "x"}, headers={"Accept": "application/json"})
        assert response.status_code == 400 and response.is_json
        assert "CSRF" in response.get_json()["detail"]


def test_the_csrf_exemptions_are_real_routes(csrf_app):
    endpoints = {endpoint for endpoint, _, _ in unsafe_routes(csrf_app)}
    assert set(CSRF_EXEMPT) <= endpoints


@pytest.mark.parametrize("path", ["/", "/accounts/login", "/healthz", "/no/such/page"])
def test_security_headers_on_every_response(client, path):
    headers = client.get(path).headers
    policy = headers["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
    assert directives["script-src"] == "'self'"
    assert "unsafe-inline" not in directives["script-src"]
    assert directives["frame-ancestors"] == "'none'"
    assert directives["object-src"] == "'none'"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] in {"same-origin", "strict-origin-when-cross-origin"}
    assert "camera=()" in headers["Permissions-Policy"]
    assert headers["X-Frame-Options"] == "DENY"


def test_security_headers_on_static_files(client):
    response = client.get("/static/quire.css")
    assert response.status_code == 200
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    response.close()


INLINE_SCRIPT = re.compile(r"<script\b(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE)
EVENT_HANDLER = re.compile(r"<[^>]*\son[a-z]+\s*=", re.IGNORECASE)
SCRIPT_URL = re.compile(r"""(href|src|action)\s*=\s*["']?\s*javascript:""", re.IGNORECASE)


def test_templates_have_no_inline_scripts_or_event_handlers():
    offenders = []
    for template in sorted((PROJECT / "templates").rglob("*.html")):
        source = template.read_text(encoding="utf-8")
        for pattern in (INLINE_SCRIPT, EVENT_HANDLER, SCRIPT_URL):
            offenders += [f"{template.relative_to(PROJECT)}: {m}" for m in pattern.findall(source)]
    assert offenders == []


def test_server_drawn_charts_carry_no_script():
    from app.learn.charts import forecast_chart, mastery_chart

    charts = [
        str(forecast_chart([1, 0, 3], date(2026, 1, 5))),
        str(
            mastery_chart(
                "By source", [("</script><script>alert(1)", {"recall": 0.5, "mastered": 0.2})]
            )
        ),
    ]
    for svg in charts:
        assert "<svg" in svg and not INLINE_SCRIPT.search(svg)
        assert "<script>alert" not in svg


def test_cookies_behind_the_load_balancer_are_secure_httponly_and_same_site(tmp_path):
    production = create_app(
        app_settings(
            tmp_path,
            TESTING=False,
            QUIRE_REQUEST_LOG=False,
            QUIRE_PROXY_FIX="1",
            WTF_CSRF_ENABLED=True,
            SESSION_COOKIE_SECURE=None,
            REMEMBER_COOKIE_SECURE=None,
        )
    )
    with production.app_context():
        db.create_all()
    response = production.test_client().get(
        "/accounts/login", headers={"X-Forwarded-Proto": "https"}
    )
    cookies = response.headers.getlist("Set-Cookie")
    assert cookies, "the login page stores its CSRF token in the session cookie"
    for cookie in cookies:
        attributes = {part.strip().split("=")[0].lower() for part in cookie.split(";")}
        assert {"secure", "httponly", "samesite"} <= attributes, cookie
        assert "samesite=lax" in cookie.lower()
    with production.app_context():
        db.engine.dispose()
