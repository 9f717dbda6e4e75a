"""Rate limits kept in Redis when REDIS_URL is set, so every app server counts the same attempts."""

from __future__ import annotations

import uuid

import pytest

from app import create_app
from app.config import rate_limit_storage_uri
from app.extensions import db, limiter
from tests.conftest import app_settings
from tests.support.components import close_redis_clients, port_open, require_component

# Some of its apps take databases through app_settings: the PostgreSQL run runs it too.
pytestmark = pytest.mark.database

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
            close_redis_clients(app)
            with app.app_context():
                db.engine.dispose()


def _site(folder, **overrides):
    # A site of its own: its own SQLite database (so its own derived prefix), limits on.
    folder.mkdir()
    settings = app_settings(folder)
    # Not the test run's database: in the PostgreSQL run its engine options are PostgreSQL's.
    settings.pop("SQLALCHEMY_ENGINE_OPTIONS", None)
    settings |= dict(
        SQLALCHEMY_DATABASE_URI=f"sqlite:///{folder / 'site.sqlite'}",
        RATELIMIT_ENABLED=True,
        QUIRE_AUTH_RATE_LIMIT="2 per minute",
        **overrides,
    )
    app = create_app(settings)
    with app.app_context():
        db.create_all()
    return app


def test_the_prefix_is_the_sites_own():
    from app.config import from_environment

    def prefix(environ):
        return create_app(environ=environ).config["RATELIMIT_KEY_PREFIX"]

    site_a = prefix({"DATABASE_URL": "postgresql://quire:old@db.example:5432/site_a"})
    assert site_a.startswith("quire-") and len(site_a) == len("quire-") + 12
    assert site_a != prefix({"DATABASE_URL": "postgresql://quire:old@db.example:5432/site_b"})
    # Rotating the password keeps the counters; so does the driver's spelling of the scheme.
    assert site_a == prefix({"DATABASE_URL": "postgres://quire:new@db.example:5432/site_a"})
    chosen = {"QUIRE_RATELIMIT_PREFIX": "site-b-limits", "DATABASE_URL": "sqlite:///x.sqlite"}
    assert prefix(chosen) == "site-b-limits"
    assert from_environment({})["RATELIMIT_KEY_PREFIX"] is None


def test_every_rate_limit_key_carries_the_sites_prefix(tmp_path):
    app = _site(tmp_path / "a", RATELIMIT_STORAGE_URI="memory://")
    prefix = app.config["RATELIMIT_KEY_PREFIX"]
    attempt = {"email": "x@example.org", "password": "wrong password"}
    assert app.test_client().post("/accounts/login", data=attempt).status_code == 200
    with app.app_context():
        keys = list(limiter.storage.storage)
    # Flask-Limiter's per-address limit and app/attempts.py's per-account one.
    assert any("attempts" in key for key in keys) and any("login" in key for key in keys)
    assert all(key.startswith(f"LIMITER/{prefix}/") for key in keys), keys


def test_two_sites_on_one_redis_count_apart(tmp_path):
    require_component(
        port_open("127.0.0.1", 6379),
        "Redis",
        "a server at 127.0.0.1:6379 (see .ci/run for the start command)",
    )
    import redis

    attempt = {"email": "x@example.org", "password": "wrong password"}
    server = redis.Redis.from_url(REDIS_URL)
    sites = [_site(tmp_path / "a", RATELIMIT_STORAGE_URI=REDIS_URL)]
    try:
        for _ in range(2):
            assert sites[0].test_client().post("/accounts/login", data=attempt).status_code == 200
        assert sites[0].test_client().post("/accounts/login", data=attempt).status_code == 429
        # Another site's server (built after: the limiter serves one app per process) on the
        # same Redis does not hold back the same address and account.
        sites.append(_site(tmp_path / "b", RATELIMIT_STORAGE_URI=REDIS_URL))
        assert sites[1].test_client().post("/accounts/login", data=attempt).status_code == 200
    finally:
        for prefix in {site.config["RATELIMIT_KEY_PREFIX"] for site in sites}:
            for key in server.scan_iter(f"*{prefix}*"):
                server.delete(key)
        server.close()
        for app in sites:
            close_redis_clients(app)
            with app.app_context():
                db.engine.dispose()
