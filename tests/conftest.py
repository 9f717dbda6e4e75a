"""Fixtures: a fresh database per test (SQLite, or PostgreSQL with TEST_DATABASE_URL set), and a
small hand-written pack."""

from __future__ import annotations

import copy
import hashlib
import shutil
from pathlib import Path
from typing import Any

import pytest
from flask import g, request_started
from sqlalchemy.orm import Session
from werkzeug.security import generate_password_hash

from app import create_app
from app.accounts_models import User
from app.extensions import db
from tests.support import databases, selection

# Cheap hashing for tests only; hashed once here, as hashing per test would be slow.
TEST_HASH_METHOD = "pbkdf2:sha256:1000"
TEST_PASSWORD = "correct horse battery"
TEST_PASSWORD_HASH = generate_password_hash(TEST_PASSWORD, method=TEST_HASH_METHOD)

# A made-up text: two paragraphs, markup that must be escaped, and non-ASCII characters.
SOURCE_TEXT = (
    "The Harbour Compact was signed in Lisvale in 1902 by Mara Quell.\n"
    "\n"
    "Twelve years later the Ostrov Accord replaced it; the <script>alert(1)</script> "
    "clause was dropped and the fleet grew to 40 ships.\n"
    "\n"
    "Café owners in Lisvale still remember the 1902 compact.\n"
)
SOURCE_ID = "test_lisvale"


def span(needle: str) -> dict[str, Any]:
    """A quote dict for the first occurrence of `needle` in SOURCE_TEXT."""
    start = SOURCE_TEXT.index(needle)
    return {"source": SOURCE_ID, "start": start, "end": start + len(needle), "text": needle}


def make_pack() -> dict[str, Any]:
    """A valid pack with one inline source and one question of each type."""
    return {
        "format": "quire-pack",
        "format_version": 1,
        "id": "lisvale",
        "title": "Lisvale treaties",
        "description": "A pack written for the tests.",
        "language": "en",
        "generator": {"name": "hand", "version": "1"},
        "sources": [
            {
                "id": SOURCE_ID,
                "title": "Treaties of Lisvale",
                "author": "A. Tester",
                "published": "2020-01",
                "text": SOURCE_TEXT,
                "sha256": hashlib.sha256(SOURCE_TEXT.encode("utf-8")).hexdigest(),
            }
        ],
        "questions": [
            {
                "id": "q1",
                "fact": "f1",
                "type": "multiple_choice",
                "kind": "date",
                "prompt": "In which year was the Harbour Compact signed?",
                "answer": "1902",
                "choices": ["1899", "1902", "1914"],
                "quote": span("The Harbour Compact was signed in Lisvale in 1902 by Mara Quell."),
                "explanation": "The text says it was signed in 1902.",
                "difficulty": 0.3,
                "quality": 0.9,
                "tags": ["treaties"],
            },
            {
                "id": "q2",
                "fact": "f2",
                "type": "cloze",
                "kind": "person",
                "prompt": "The Harbour Compact was signed in Lisvale in 1902 by ____.",
                "answer": "Mara Quell",
                "accept": ["Quell"],
                "quote": span("The Harbour Compact was signed in Lisvale in 1902 by Mara Quell."),
                "explanation": "Mara Quell signed it.",
            },
            {
                "id": "q3",
                "fact": "f3",
                "type": "true_false",
                "kind": "figure",
                "prompt": "The fleet grew to 30 ships.",
                "answer": "False",
                "choices": ["True", "False"],
                "correction": "The fleet grew to 40 ships.",
                "quote": span("the fleet grew to 40 ships."),
                "explanation": "It grew to 40 ships.",
            },
            {
                "id": "q4",
                "type": "ordering",
                "kind": "treaty",
                "prompt": "Put these treaties in order, earliest first.",
                "answer": "Harbour Compact, Ostrov Accord",
                "items": [
                    {"text": "Harbour Compact", "date": "1902", "quote": span("Harbour Compact")},
                    {"text": "Ostrov Accord", "date": "1914", "quote": span("Ostrov Accord")},
                ],
                "quote": span("Twelve years later the Ostrov Accord replaced it"),
                "explanation": "The Accord came twelve years after the Compact.",
            },
        ],
    }


class TestConfig:
    TESTING = True
    SECRET_KEY = "test-secret"
    WTF_CSRF_ENABLED = False
    QUIRE_QUESTIONS_PER_PAGE = 20
    # Jobs run as they are submitted (huey's immediate mode); tests/authoring/test_jobs.py runs
    # a real queue and a real worker process.
    QUIRE_QUEUE_IMMEDIATE = True
    PASSWORD_HASH_METHOD = TEST_HASH_METHOD
    RATELIMIT_ENABLED = False
    RATELIMIT_STORAGE_URI = "memory://"


# With TEST_DATABASE_URL set, each test folder gets its own PostgreSQL schema instead of a file.
_PG_URL = databases.url_from_environment()
PG_SCHEMAS = databases.pool_for(_PG_URL, db.metadata) if _PG_URL else None


SQLITE_NAME = "test.sqlite"


def database_settings(folder) -> dict[str, Any]:
    """Settings for a database of the test's own: a SQLite file in `folder`, or a PG schema."""
    selection.check_database_allowed(folder)
    if PG_SCHEMAS is None:
        return {"SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder / SQLITE_NAME}"}
    return PG_SCHEMAS.settings_for(folder)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark the tests that get a database; on PostgreSQL, run only those (see selection.py)."""
    selection.mark_database_tests(items)
    if PG_SCHEMAS is not None:
        selection.keep_database_tests(config, items)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_protocol(item: pytest.Item, nextitem: pytest.Item | None):
    """Remember the running test, for `database_settings`' check of its mark."""
    selection.running = item
    try:
        return (yield)
    finally:
        selection.running = None


def app_settings(tmp_path, **overrides: Any) -> dict[str, Any]:
    """TestConfig as a mapping, on the test's own database for `tmp_path`, with `overrides`."""
    config = {key: value for key, value in vars(TestConfig).items() if key.isupper()}
    return config | database_settings(tmp_path) | overrides


@pytest.fixture(autouse=True)
def _fresh_postgresql_schemas():
    """On PostgreSQL, give each test schemas emptied of what the last test wrote."""
    databases.start_test()
    yield
    databases.end_test()


@pytest.fixture(autouse=True, scope="session")
def _drop_postgresql_schemas():
    """At the end of the run, drop the schemas it made."""
    yield
    databases.close_all()


def _forget_cached_user(_sender: Any, **_extra: Any) -> None:
    # pytest-flask keeps one app context, so one `g`, for a whole test, and Flask-Login caches
    # the user in g: without this, one client's login would leak into another client's requests.
    g.pop("_login_user", None)


@pytest.fixture(scope="session")
def _sqlite_template(tmp_path_factory) -> Path | None:
    """On SQLite, a file with Quire's tables and no rows, made once; None on PostgreSQL."""
    if PG_SCHEMAS is not None:
        return None
    folder = tmp_path_factory.mktemp("template")
    template = create_app(app_settings(folder))
    with template.app_context():
        db.create_all()
        db.engine.dispose()
    # The last connection closed checkpoints the write-ahead log into the file and removes it.
    assert not (folder / f"{SQLITE_NAME}-wal").exists()
    return folder / SQLITE_NAME


@pytest.fixture
def app(tmp_path, _fresh_postgresql_schemas, _sqlite_template):
    """An application on its own database (see `database_settings`), with the tables created."""
    # pytest-flask's autouse fixtures ask for `app` before this file's autouse fixtures run, so
    # `app` names `_fresh_postgresql_schemas` itself: its schema is then taken inside the test,
    # and emptied and reused after it (without, every test made and later dropped a schema).
    if _sqlite_template is not None:
        # A copy of the tables made once costs a millisecond; creating them, 60 ms per test.
        shutil.copyfile(_sqlite_template, tmp_path / SQLITE_NAME)
    app = create_app(app_settings(tmp_path))
    request_started.connect(_forget_cached_user, app)
    with app.app_context():
        db.create_all()
    yield app
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


@pytest.fixture
def pack_data() -> dict[str, Any]:
    """A fresh copy of the sample pack, safe to modify."""
    return copy.deepcopy(make_pack())


@pytest.fixture
def imported(app, pack_data):
    """The sample pack, imported."""
    from app.packs.importer import import_pack

    with app.app_context():
        import_pack(pack_data, {}, filename="lisvale.json")
    return pack_data


@pytest.fixture
def fresh_session(app):
    """A session on a new connection, to see only what was committed."""

    def open_session() -> Session:
        return Session(db.engine)

    return open_session


@pytest.fixture
def runner(app):
    """A Click runner for the app's commands."""
    return app.test_cli_runner()


@pytest.fixture
def make_user(app):
    """Create a user with TEST_PASSWORD and return its id."""

    def make(
        email: str = "learner@example.org",
        *,
        role: str = "learner",
        display_name: str = "Lee Learner",
        **columns: Any,
    ) -> int:
        with app.app_context():
            user = User(
                email=email,
                role=role,
                display_name=display_name,
                password_hash=TEST_PASSWORD_HASH,
                **columns,
            )
            db.session.add(user)
            db.session.commit()
            return user.id

    return make


class AuthActions:
    """Log the test client in and out through the real pages."""

    def __init__(self, client: Any) -> None:
        self._client = client

    def login(self, email: str = "learner@example.org", password: str = TEST_PASSWORD, **query):
        """POST the login form; `query` goes into the URL (for example next=...)."""
        return self._client.post(
            "/accounts/login", query_string=query, data={"email": email, "password": password}
        )

    def logout(self):
        """POST the logout form."""
        return self._client.post("/accounts/logout")


@pytest.fixture
def auth(client) -> AuthActions:
    """Login and logout helpers for the test client."""
    return AuthActions(client)


@pytest.fixture
def learner(make_user, auth) -> int:
    """A learner, logged in; its id."""
    user_id = make_user()
    assert auth.login().status_code == 302
    return user_id


@pytest.fixture
def instructor(make_user, auth) -> int:
    """An instructor, logged in; its id."""
    user_id = make_user("teacher@example.org", role="instructor", display_name="Ida Instructor")
    assert auth.login("teacher@example.org").status_code == 302
    return user_id
