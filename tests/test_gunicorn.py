"""Quire under gunicorn with the repository's configuration, as a deployment runs it."""

from __future__ import annotations

import json
import os
import runpy
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
CONFIG = PROJECT / "gunicorn.conf.py"


def test_configuration_reads_the_environment(monkeypatch):
    monkeypatch.setenv("QUIRE_BIND", "0.0.0.0:8000, unix:/run/quire.sock")
    monkeypatch.setenv("QUIRE_WORKERS", "3")
    monkeypatch.setenv("QUIRE_THREADS", "8")
    settings = runpy.run_path(str(CONFIG))
    assert settings["bind"] == ["0.0.0.0:8000", "unix:/run/quire.sock"]
    assert (settings["workers"], settings["threads"]) == (3, 8)
    assert settings["wsgi_app"] == "app.wsgi:app"
    assert settings["preload_app"] is False
    assert settings["accesslog"] is None


def test_configuration_defaults_are_safe(monkeypatch):
    for name in ("QUIRE_BIND", "QUIRE_WORKERS", "QUIRE_THREADS", "QUIRE_TIMEOUT"):
        monkeypatch.delenv(name, raising=False)
    settings = runpy.run_path(str(CONFIG))
    assert settings["bind"] == ["127.0.0.1:8000"]
    assert settings["workers"] >= 2 and settings["threads"] >= 1


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def test_gunicorn_serves_healthz_error_pages_and_json_logs(tmp_path):
    port = _free_port()
    env = os.environ | {
        "DATABASE_URL": f"sqlite:///{tmp_path / 'quire.sqlite'}",
        "SECRET_KEY": "gunicorn-test-secret",
        "QUIRE_BIND": f"127.0.0.1:{port}",
        "QUIRE_WORKERS": "1",
        "QUIRE_THREADS": "2",
    }
    env.pop("TEST_DATABASE_URL", None)
    log = (tmp_path / "stderr.log").open("w+")
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", str(CONFIG)],
        cwd=PROJECT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=log,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            if server.poll() is not None:
                raise AssertionError("gunicorn stopped:\n" + (tmp_path / "stderr.log").read_text())
            try:
                status, body = _get(f"{base}/healthz")
                break
            except OSError:
                assert time.monotonic() < deadline, "gunicorn did not answer within a minute"
                time.sleep(0.3)
        assert status == 200 and json.loads(body) == {"status": "ok", "database": "ok"}
        status, body = _get(f"{base}/no/such/page")
        assert status == 404 and "Page not found" in body
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
        log.close()
    lines = [
        json.loads(line)
        for line in (tmp_path / "stderr.log").read_text().splitlines()
        if line.startswith("{")
    ]
    seen = [(line["path"], line["status"]) for line in lines]
    # On a loaded machine a first health check can time out on our side after gunicorn answered
    # it: the retry loop then asks again, and both answers are logged.
    polls = seen.index(("/no/such/page", 404))
    assert polls >= 1 and seen[:polls] == [("/healthz", 200)] * polls
    assert seen[polls:] == [("/no/such/page", 404)]
    assert all(line["request_id"] and line["duration_ms"] >= 0 for line in lines)
