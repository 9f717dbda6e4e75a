"""CSRF on the classroom's forms, and the limit on failed join attempts."""

from __future__ import annotations

import pytest

from app import create_app
from app.extensions import db
from tests.conftest import app_settings

# Some of its apps take databases through app_settings: the PostgreSQL run runs it too.
pytestmark = pytest.mark.database


def _app(tmp_path, **overrides):
    app = create_app(app_settings(tmp_path, **overrides))
    with app.app_context():
        db.create_all()
    return app


@pytest.mark.parametrize(
    "url", ["/join", "/play/1/answer", "/classroom/sessions/1/next", "/classroom/quizzes/new"]
)
def test_posts_without_a_csrf_token_are_refused(tmp_path, url):
    app = _app(tmp_path, WTF_CSRF_ENABLED=True)
    response = app.test_client().post(url, data={"code": "123456", "nickname": "x"})
    assert response.status_code == 400
    with app.app_context():
        db.engine.dispose()


def test_the_join_form_carries_a_csrf_token(tmp_path):
    app = _app(tmp_path, WTF_CSRF_ENABLED=True)
    page = app.test_client().get("/join?code=123456").text
    assert 'name="csrf_token"' in page and 'value="123456"' in page
    with app.app_context():
        db.engine.dispose()


def test_failed_join_attempts_are_rate_limited(tmp_path):
    app = _app(tmp_path, RATELIMIT_ENABLED=True, QUIRE_JOIN_RATE_LIMIT="3 per minute")
    client = app.test_client()
    statuses = [
        client.post("/join", data={"code": f"99999{i}", "nickname": "Guess"}).status_code
        for i in range(5)
    ]
    assert statuses == [422, 422, 422, 429, 429]
    with app.app_context():
        db.engine.dispose()
