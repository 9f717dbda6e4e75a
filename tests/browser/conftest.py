"""A running Quire on a free localhost port and Debian's chromium driven by Playwright."""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from werkzeug.serving import make_server

from app import create_app
from app.extensions import db
from tests.conftest import app_settings
from tests.support.components import chromium_path, require_component

SHOTS = Path("/tmp/learn_shots")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# Made-up treaties, one sentence each: enough questions for a ten-question quiz.
TREATIES = [
    ("Amber", 1801, "Ilse Varn"),
    ("Basalt", 1812, "Oren Tull"),
    ("Cobalt", 1827, "Pia Marsh"),
    ("Dune", 1833, "Quin Ashe"),
    ("Ember", 1849, "Rhea Holt"),
    ("Fjord", 1856, "Sven Doyle"),
    ("Garnet", 1864, "Tove Lark"),
    ("Heron", 1871, "Uma Reyes"),
    ("Iris", 1885, "Vito Brandt"),
    ("Juniper", 1898, "Wren Ostby"),
    ("Kestrel", 1903, "Xia Moran"),
    ("Linden", 1919, "Yann Pike"),
]
SOURCE_ID = "browser_treaties"


def browser_pack() -> dict[str, Any]:
    """A pack of a made-up text: a date question per treaty, plus true/false and typed ones."""
    sentences = [
        f"The {name} Treaty was signed in {year} by {person}." for name, year, person in TREATIES
    ]
    text = "\n\n".join(sentences) + "\n"

    def quote(sentence: str) -> dict[str, Any]:
        start = text.index(sentence)
        return {"source": SOURCE_ID, "start": start, "end": start + len(sentence), "text": sentence}

    questions = []
    for index, ((name, year, person), sentence) in enumerate(zip(TREATIES, sentences, strict=True)):
        choices = sorted({str(year), str(year - 3), str(year + 5), str(year + 11)})
        questions.append(
            {
                "id": f"d{index}",
                "fact": f"d{index}",
                "type": "multiple_choice",
                "kind": "date",
                "prompt": f"In which year was the {name} Treaty signed?",
                "answer": str(year),
                "choices": choices,
                "quote": quote(sentence),
                "explanation": f"The text says the {name} Treaty was signed in {year}.",
                "difficulty": 0.3,
                "tags": ["dates"],
            }
        )
        if index < 3:
            questions.append(
                {
                    "id": f"p{index}",
                    "fact": f"p{index}",
                    "type": "cloze",
                    "kind": "person",
                    "prompt": f"The {name} Treaty was signed in {year} by ____.",
                    "answer": person,
                    "quote": quote(sentence),
                    "explanation": f"{person} signed it.",
                    "difficulty": 0.6,
                }
            )
    return {
        "format": "quire-pack",
        "format_version": 1,
        "id": "browser",
        "title": "Treaties",
        "language": "en",
        "generator": {"name": "hand", "version": "1"},
        "sources": [
            {
                "id": SOURCE_ID,
                "title": "Twelve treaties",
                "text": text,
                "sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(),
            }
        ],
        "questions": questions,
    }


def production_like_app(folder: Path) -> Flask:
    """Quire on the test database for `folder`, CSRF on as in production, over plain HTTP."""
    return create_app(
        app_settings(
            folder,
            WTF_CSRF_ENABLED=True,
            TESTING=False,
            SESSION_COOKIE_SECURE=False,
            REMEMBER_COOKIE_SECURE=False,
        )
    )


class LiveServer:
    """The app served by Werkzeug in a thread."""

    def __init__(self, app) -> None:
        self.app = app
        self.server = make_server("127.0.0.1", 0, app, threaded=True)
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> LiveServer:
        self.thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self.server.shutdown()
        self.thread.join(timeout=5)


@pytest.fixture(scope="module")
def live(tmp_path_factory) -> Iterator[LiveServer]:
    """Quire on a temporary SQLite file with the browser pack, CSRF on as in production."""
    require_component(chromium_path() is not None, "chromium", "apt-get install chromium")
    app = production_like_app(tmp_path_factory.mktemp("live"))
    with app.app_context():
        db.create_all()
        from app.packs.importer import import_pack

        import_pack(browser_pack(), {}, filename="browser.json")
    with LiveServer(app) as server:
        yield server
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


@pytest.fixture(scope="module")
def browser(live) -> Iterator[Any]:
    """A headless chromium (Debian's, never a downloaded one)."""
    from playwright.sync_api import sync_playwright

    SHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium_path(), headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def phone(browser, live) -> Iterator[Any]:
    """A fresh page 375 pixels wide, as on a phone, with its own cookies."""
    context = browser.new_context(viewport={"width": 375, "height": 800}, base_url=live.url)
    context.set_default_timeout(10_000)
    page = context.new_page()
    yield page
    context.close()
