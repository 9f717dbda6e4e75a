"""Fixtures: a fresh SQLite database per test, and a small hand-written pack."""

from __future__ import annotations

import copy
import hashlib
from typing import Any

import pytest
from sqlalchemy.orm import Session

from app import create_app
from app.extensions import db

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


@pytest.fixture
def app(tmp_path):
    """An application on its own SQLite file, with the tables created."""
    config = {key: value for key, value in vars(TestConfig).items() if key.isupper()} | {
        "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'test.sqlite'}"
    }
    app = create_app(config)
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
