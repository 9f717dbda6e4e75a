"""Limits hold under concurrency: requests released at the same instant never get more
evaluations than the limit allows, with the counters in memory (one server) or in Redis."""

from __future__ import annotations

import uuid

import pytest

from app import create_app
from app.extensions import db
from tests.conftest import app_settings
from tests.support.components import port_open, require_component
from tests.support.concurrency import all_at_once

# Some of its apps take databases through app_settings: the PostgreSQL run runs it too.
pytestmark = pytest.mark.database

REDIS_URL = "redis://127.0.0.1:6379/0"
THREADS = 40


@pytest.fixture(params=["memory", "redis"])
def limited(request, tmp_path):
    """A factory of apps with limits on, counting in memory or in Redis (under a fresh prefix)."""
    storage = {"RATELIMIT_STORAGE_URI": "memory://"}
    prefix = f"quire-test-{uuid.uuid4().hex}"
    if request.param == "redis":
        require_component(port_open("127.0.0.1", 6379), "Redis", "a server at 127.0.0.1:6379")
        storage = {"RATELIMIT_STORAGE_URI": REDIS_URL, "RATELIMIT_KEY_PREFIX": prefix}
    apps = []

    def make(**limits):
        app = create_app(app_settings(tmp_path, RATELIMIT_ENABLED=True, **storage, **limits))
        with app.app_context():
            db.create_all()
        apps.append(app)
        return app

    yield make
    for app in apps:
        with app.app_context():
            db.engine.dispose()
    if request.param == "redis":
        import redis

        server = redis.Redis.from_url(REDIS_URL)
        for key in server.scan_iter(f"*{prefix}*"):
            server.delete(key)
        server.close()


def _post(app, path: str, data: dict) -> int:
    return app.test_client().post(path, data=data).status_code


def test_concurrent_join_code_guesses_get_exactly_the_limit(limited):
    app = limited(QUIRE_JOIN_RATE_LIMIT="20 per minute")
    guess = {"code": "123456", "nickname": "Guess"}
    results = all_at_once([lambda: _post(app, "/join", guess) for _ in range(THREADS)])
    assert all(isinstance(status, int) for status in results), results
    evaluated = [status for status in results if status != 429]
    assert len(evaluated) == 20, sorted(results)


def test_concurrent_failed_logins_to_one_account_get_exactly_the_limit(limited):
    app = limited(QUIRE_AUTH_RATE_LIMIT="1000 per minute", QUIRE_ACCOUNT_RATE_LIMIT="10 per minute")
    attempt = {"email": "target@example.org", "password": "not the password"}
    results = all_at_once([lambda: _post(app, "/accounts/login", attempt) for _ in range(30)])
    evaluated = [status for status in results if status != 429]
    assert len(evaluated) == 10, sorted(results)
