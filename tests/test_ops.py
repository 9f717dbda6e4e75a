"""Operations: /healthz, request logs, error pages without stack traces, and ProxyFix."""

from __future__ import annotations

import json
import logging
import re

import pytest
from sqlalchemy.exc import OperationalError

from app import create_app
from app.extensions import db
from app.ops.hardening import proxy_hops
from app.ops.request_log import LOGGER_NAME
from tests.conftest import TEST_PASSWORD, app_settings

# Some of its apps take databases through app_settings: the PostgreSQL run runs it too.
pytestmark = pytest.mark.database


class Lines(logging.Handler):
    """Keeps the request log's lines."""

    def __init__(self) -> None:
        super().__init__()
        self.lines: list[dict] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(json.loads(record.getMessage()))


@pytest.fixture
def request_lines():
    """The JSON objects the request log writes during the test."""
    handler = Lines()
    logger = logging.getLogger(LOGGER_NAME)
    logger.addHandler(handler)
    yield handler.lines
    logger.removeHandler(handler)


def test_healthz_answers_json_without_login(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok", "database": "ok"}
    assert response.headers["Cache-Control"] == "no-store"


def test_healthz_reports_an_unreachable_database_without_details(app, client, monkeypatch):
    def refuse(*_args, **_kwargs):
        raise OperationalError("SELECT 1", {}, Exception("password=hunter2 host unreachable"))

    monkeypatch.setattr(db.session, "execute", refuse)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.get_json() == {"status": "unavailable", "database": "unreachable"}
    assert "hunter2" not in response.get_data(as_text=True)


def test_healthz_is_not_rate_limited(tmp_path):
    limited = create_app(
        app_settings(tmp_path, RATELIMIT_ENABLED=True, RATELIMIT_DEFAULT="2/minute")
    )
    with limited.app_context():
        db.create_all()
    client = limited.test_client()
    assert [client.get("/healthz").status_code for _ in range(5)] == [200] * 5
    # The default limit does apply elsewhere, so the exemption is what let /healthz through.
    assert [client.get("/").status_code for _ in range(3)] == [200, 200, 429]
    with limited.app_context():
        db.engine.dispose()


def test_one_json_line_per_request_without_secrets(tmp_path, request_lines):
    logged = create_app(app_settings(tmp_path, QUIRE_REQUEST_LOG=True, WTF_CSRF_ENABLED=True))
    with logged.app_context():
        db.create_all()
    client = logged.test_client()
    page = client.get("/accounts/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    client.set_cookie("remember_token", "cookie-secret-value")
    client.post(
        "/accounts/login?next=/bank&secret=query-secret",
        data={"email": "who@example.org", "password": TEST_PASSWORD, "csrf_token": token},
        headers={"X-Request-ID": "lb-request-0001"},
    )
    client.get("/no/such/page")
    assert [(line["method"], line["path"], line["status"]) for line in request_lines] == [
        ("GET", "/accounts/login", 200),
        ("POST", "/accounts/login", 200),
        ("GET", "/no/such/page", 404),
    ]
    for line in request_lines:
        assert isinstance(line["duration_ms"], float) and line["duration_ms"] >= 0
        assert line["request_id"]
    assert request_lines[1]["request_id"] == "lb-request-0001"
    assert request_lines[0]["request_id"] != request_lines[2]["request_id"]
    raw = json.dumps(request_lines)
    for secret in (TEST_PASSWORD, token, "cookie-secret-value", "query-secret", "who@example"):
        assert secret not in raw
    with logged.app_context():
        db.engine.dispose()


def test_request_id_is_echoed_and_junk_ids_are_replaced(client):
    assert client.get("/healthz", headers={"X-Request-ID": "abc-12345"}).headers[
        "X-Request-ID"
    ] == ("abc-12345")
    replaced = client.get("/healthz", headers={"X-Request-ID": "<script>alert(1)</script>"})
    assert re.fullmatch(r"[0-9a-f]{32}", replaced.headers["X-Request-ID"])


def test_request_log_is_off_in_tests_unless_asked(app, client, request_lines):
    client.get("/healthz")
    assert request_lines == []


@pytest.fixture
def production_app(tmp_path):
    """An app configured as in production (not testing, not debugging), with a failing view."""
    production = create_app(
        app_settings(tmp_path, TESTING=False, DEBUG=False, QUIRE_REQUEST_LOG=False)
    )

    def explode():
        raise RuntimeError("secret internals: password=hunter2")

    production.add_url_rule("/explode", view_func=explode)
    with production.app_context():
        db.create_all()
    yield production
    with production.app_context():
        db.engine.dispose()


def test_500_page_in_production_shows_no_stack_trace(production_app):
    response = production_app.test_client().get("/explode")
    assert response.status_code == 500
    body = response.get_data(as_text=True)
    assert "Something went wrong on our side" in body
    for leak in ("Traceback", "RuntimeError", "hunter2", "explode", 'File "'):
        assert leak not in body
    assert "text/html" in response.headers["Content-Type"]


def test_404_page_is_friendly(production_app):
    response = production_app.test_client().get("/nowhere/at/all")
    assert response.status_code == 404
    body = response.get_data(as_text=True)
    assert "Page not found" in body and 'href="/"' in body and "Traceback" not in body


@pytest.mark.parametrize(
    ("value", "hops"),
    [(None, 0), ("", 0), ("0", 0), ("false", 0), ("1", 1), ("true", 1), ("2", 2), (True, 1)],
)
def test_proxy_hops(value, hops):
    assert proxy_hops(value) == hops


@pytest.mark.parametrize("value", ["lots", "-1"])
def test_proxy_hops_refuses_nonsense(value):
    with pytest.raises(ValueError, match="QUIRE_PROXY_FIX"):
        proxy_hops(value)


def _seen_by(app) -> dict[str, str]:
    from flask import request

    def seen():
        return {"remote_addr": request.remote_addr, "scheme": request.scheme}

    app.add_url_rule("/seen", view_func=seen)
    forwarded = {"X-Forwarded-For": "203.0.113.9", "X-Forwarded-Proto": "https"}
    return app.test_client().get("/seen", headers=forwarded).get_json()


def test_proxy_fix_trusts_the_load_balancer_only_when_set(tmp_path):
    direct = _seen_by(create_app(app_settings(tmp_path)))
    assert direct == {"remote_addr": "127.0.0.1", "scheme": "http"}
    behind = _seen_by(create_app(app_settings(tmp_path, QUIRE_PROXY_FIX="1")))
    assert behind == {"remote_addr": "203.0.113.9", "scheme": "https"}


def test_hsts_only_over_https_when_configured(tmp_path):
    app = create_app(app_settings(tmp_path, QUIRE_HSTS_SECONDS=600, QUIRE_PROXY_FIX="1"))
    client = app.test_client()
    plain = client.get("/healthz")
    assert "Strict-Transport-Security" not in plain.headers
    secure = client.get("/healthz", headers={"X-Forwarded-Proto": "https"})
    assert secure.headers["Strict-Transport-Security"] == "max-age=600; includeSubDomains"
