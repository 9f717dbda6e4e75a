"""Every variable README's configuration table documents reaches the app (or gunicorn), and
every variable the app reads is in that table."""

from __future__ import annotations

import re
import runpy
from pathlib import Path

import pytest

from app import create_app

ROOT = Path(__file__).resolve().parent.parent

# A value unlike the default for each documented variable.
SAMPLES = {
    "SECRET_KEY": "x" * 64,
    "DATABASE_URL": "sqlite:////tmp/quire-settings-test.sqlite",
    "REDIS_URL": "redis://127.0.0.1:6379/9",
    "QUIRE_LIVE_CACHE_PREFIX": "site-b:live",
    "RATELIMIT_STORAGE_URI": "memory://?site=b",
    "RATELIMIT_ENABLED": "0",
    "QUIRE_RATELIMIT_PREFIX": "site-b-limits",
    "QUIRE_AUTH_RATE_LIMIT": "2 per minute",
    "QUIRE_JOIN_RATE_LIMIT": "3 per minute",
    "QUIRE_ACCOUNT_RATE_LIMIT": "4 per minute",
    "QUIRE_GUEST_RATE_LIMIT": "6 per minute",
    "QUIRE_IMPORT_MAX_BYTES": "4096",
    "QUIRE_IMPORT_MAX_QUESTIONS": "50",
    "QUIRE_IMPORT_MAX_SECONDS": "2.5",
    "QUIRE_IMPORT_MAX_MEMORY": "1048576",
    "QUIRE_IMPORT_ISOLATE_BYTES": "1024",
    "QUIRE_MEDIA_MAX_FILE_BYTES": "2048",
    "QUIRE_MEDIA_MAX_QUESTION_BYTES": "8192",
    "QUIRE_SECURE_COOKIES": "0",
    "QUIRE_REMEMBER_DAYS": "7",
    "PASSWORD_HASH_METHOD": "pbkdf2:sha256:600000",
    "QUIRE_PROXY_FIX": "1",
    "QUIRE_HSTS_SECONDS": "31536000",
    "QUIRE_REQUEST_LOG": "0",
    "QUIRE_POLL_MS": "900",
    "QUIRE_ANSWER_GRACE_MS": "250",
    "MAX_CONTENT_LENGTH": "1000",
    "QUIRE_QUESTIONS_PER_PAGE": "7",
    "QUIRE_SPACY_MODEL": "en_core_web_md",
    "QUIRE_QUEUE_FILE": "/tmp/quire-settings-test-queue.sqlite",
    "QUIRE_QUEUE_NAME": "site-b-jobs",
    "QUIRE_BIND": "0.0.0.0:8001",
    "QUIRE_WORKERS": "3",
    "QUIRE_THREADS": "5",
    "QUIRE_TIMEOUT": "61",
    "QUIRE_MAX_REQUESTS": "999",
    "QUIRE_LOG_LEVEL": "debug",
}


def documented() -> dict[str, str]:
    """README's configuration table: variable name to its description."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("\n## Configuration\n", 1)[1].split("\n## ", 1)[0]
    rows = re.findall(r"^\| `([A-Z0-9_]+)` \|[^|]*\| (.*) \|$", section, re.MULTILINE)
    return dict(rows)


def test_the_table_is_parsed():
    table = documented()
    assert len(table) >= 25 and "SECRET_KEY" in table and "QUIRE_LIVE_CACHE_PREFIX" in table


def _app_config(environ: dict[str, str]) -> dict:
    # Nothing but `environ` decides: no test settings on top (the secret key and the database
    # then default to the instance folder, as under `quire run`).
    app = create_app(environ=environ)
    return {key: value for key, value in app.config.items() if key.isupper()}


def _app_variables():
    return sorted(
        name
        for name, what in documented().items()
        if not what.startswith(("gunicorn:", "Tests only:"))
    )


@pytest.mark.parametrize("name", _app_variables())
def test_each_app_variable_reaches_the_app_config(name):
    assert name in SAMPLES, f"README documents {name}: give it a sample value here"
    base = _app_config({})
    changed = _app_config({name: SAMPLES[name]})
    differing = {key for key in base if base[key] != changed.get(key)}
    assert differing, f"{name} is documented but the app's config ignores it"


@pytest.mark.parametrize(
    "name", sorted(n for n, what in documented().items() if what.startswith("gunicorn:"))
)
def test_each_gunicorn_variable_reaches_gunicorn(name, monkeypatch):
    base = runpy.run_path(str(ROOT / "gunicorn.conf.py"))
    monkeypatch.setenv(name, SAMPLES[name])
    changed = runpy.run_path(str(ROOT / "gunicorn.conf.py"))
    assert [key for key in base if key.islower() and base[key] != changed.get(key)]


def test_test_only_variables_are_read_by_the_tests():
    sources = "".join(path.read_text() for path in (ROOT / "tests" / "support").glob("*.py"))
    for name, what in documented().items():
        if what.startswith("Tests only:"):
            assert f'"{name}"' in sources, name


def test_every_variable_the_app_reads_is_documented():
    read = set()
    for path in [ROOT / "app" / "config.py", ROOT / "gunicorn.conf.py"]:
        read |= set(
            re.findall(
                r"\b(?:get|env_flag|_number)\((?:environ, )?\"([A-Z0-9_]+)\"", path.read_text()
            )
        )
    assert read and read <= set(documented()), sorted(read - set(documented()))


def test_no_environment_read_outside_the_config():
    # Blueprints, hooks and views take settings from app.config, never from os.environ.
    offenders = [
        str(path.relative_to(ROOT))
        for path in (ROOT / "app").rglob("*.py")
        if path.name != "config.py" and re.search(r"os\.environ|os\.getenv", path.read_text())
    ]
    assert offenders == []
