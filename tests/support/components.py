"""Tests that need a component the machine may lack (chromium, PostgreSQL, Redis).

Locally such a test skips with a clear reason; CI sets QUIRE_REQUIRE_COMPONENTS=1, which turns
that skip into a failure, so a CI run can never pass by skipping what it must test.
"""

from __future__ import annotations

import os
import shutil
import socket

import pytest

REQUIRE_ENV = "QUIRE_REQUIRE_COMPONENTS"


def components_required() -> bool:
    """True in CI, where a missing component is an error rather than a reason to skip."""
    return os.environ.get(REQUIRE_ENV, "") not in {"", "0", "false", "no"}


def require_component(available: bool, what: str, how: str) -> None:
    """Skip (locally) or fail (CI) the calling test when `what` is not available."""
    if available:
        return
    message = f"requires {what}: {how}"
    if components_required():
        pytest.fail(f"{message} ({REQUIRE_ENV} is set, so this cannot be skipped)")
    pytest.skip(message)


def chromium_path() -> str | None:
    """Debian's chromium binary, or None."""
    return os.environ.get("QUIRE_CHROMIUM") or shutil.which("chromium")


def port_open(host: str, port: int, timeout: float = 0.5) -> bool:
    """True when something accepts TCP connections at host:port."""
    try:
        with socket.create_connection((host, port), timeout=timeout):
            return True
    except OSError:
        return False


def close_redis_clients(app) -> None:
    """Close the Redis connections an app opened (rate limits, live cache, job queue), so no
    socket is left for the garbage collector to find unclosed at the end of the run."""
    from app.classroom.fanout import EXTENSION as LIVE_CACHE
    from app.extensions import limiter
    from app.queue import huey_of

    clients = []
    with app.app_context():
        clients.append(getattr(limiter.storage, "storage", None))
    clients.append(getattr(app.extensions.get(LIVE_CACHE), "client", None))
    clients.append(getattr(huey_of(app).storage, "conn", None))
    for client in clients:
        if client is not None and hasattr(client, "connection_pool"):
            client.connection_pool.disconnect()
