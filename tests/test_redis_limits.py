"""Rate limits kept in Redis when REDIS_URL is set, so every app server counts the same attempts."""

from __future__ import annotations

import uuid

import pytest

from app import create_app
from app.config import rate_limit_storage_uri
from app.extensions import db, limiter
from tests.conftest import app_settings
from tests.support.components import port_open, require_component

REDIS_URL = "redis://127.0.0.1:6379/0"


@pytest.mark.parametrize(
    ("environ", "uri"),
    [
        ({}, "memory://"),
        ({"REDIS_URL": "redis://cache:6379/2"}, "redis://cache:6379/2"),
        ({"REDIS_URL": " "}, "memory://"),
        (
            {"REDIS_URL": "redis://cache:6379/2", "RATELIMIT_STORAGE_URI": "memcached://m:11211"},
            "memcached://m:11211",
        ),
    ],
)
def test_storage_follows_the_environment(environ, uri):
    assert rate_limit_storage_uri(environ) == uri


def test_two_app_servers_share_login_limits_through_redis(tmp_path):
    require_component(
        port_open("127.0.0.1", 6379),
        "Redis",
        "a server at 127.0.0.1:6379 (see .ci/run for the start command)",
    )
    import redis

    prefix = f"quire-test-{uuid.uuid4().hex}"
    settings = app_settings(
        tmp_path,
        RATELIMIT_ENABLED=True,
        RATELIMIT_STORAGE_URI=REDIS_URL,
        RATELIMIT_KEY_PREFIX=prefix,
        QUIRE_AUTH_RATE_LIMIT="2 per minute",
    )
    first, second = create_app(settings), create_app(settings)
    with first.app_context():
        db.create_all()
    attempt = {"email": "x@example.org", "password": "wrong password"}
    server = redis.Redis.from_url(REDIS_URL)
    try:
        with first.app_context():
            assert limiter.storage.check()
            assert type(limiter.storage).__name__ == "RedisStorage"
        for _ in range(2):
            assert first.test_client().post("/accounts/login", data=attempt).status_code == 200
        # Another process, one that never saw those attempts, refuses the third from Redis.
        assert second.test_client().post("/accounts/login", data=attempt).status_code == 429
        assert server.keys(f"*{prefix}*")
    finally:
        for key in server.scan_iter(f"*{prefix}*"):
            server.delete(key)
        server.close()
        for app in (first, second):
            with app.app_context():
                db.engine.dispose()
