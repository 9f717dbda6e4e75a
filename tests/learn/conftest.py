"""Fixtures for the study pages: the sample pack imported, a clock the test moves, page helpers."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from html import unescape
from typing import Any

import pytest
from sqlalchemy import select

from app.learn import tickets
from app.study_models import Card, ReviewLog

START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


class Clock:
    """The time the app sees; tests move it."""

    def __init__(self, moment: datetime = START) -> None:
        self.moment = moment

    def __call__(self) -> datetime:
        return self.moment

    def advance(self, **delta: float) -> None:
        """Move the clock forward."""
        self.moment += timedelta(**delta)


@pytest.fixture
def clock(app) -> Clock:
    """A fixed clock for the app, and a seeded random generator."""
    clock = Clock()
    app.config.update(QUIRE_CLOCK=clock, QUIRE_RANDOM_SEED=7)
    return clock


@dataclass
class Page:
    """A study page as the browser got it."""

    status: int
    html: str
    ticket: str | None

    @property
    def text(self) -> str:
        """The visible text, roughly: tags dropped, entities decoded, spaces collapsed."""
        return " ".join(unescape(re.sub(r"<[^>]+>", " ", self.html)).split())

    def question_id(self, app) -> int:
        """The question the page's ticket is for."""
        with app.test_request_context():
            return tickets.read(self.ticket).q

    def form_kind(self, app) -> str:
        """The form the ticket was issued for ("choice" or "typed")."""
        with app.test_request_context():
            return tickets.read(self.ticket).f


def page_of(response) -> Page:
    """Parse a response into a Page (the first ticket field, if any)."""
    html = response.get_data(as_text=True)
    match = re.search(r'name="ticket"[^>]*value="([^"]+)"', html) or re.search(
        r'value="([^"]+)"[^>]*name="ticket"', html
    )
    return Page(response.status_code, html, unescape(match.group(1)) if match else None)


class Study:
    """Drive the study pages through the test client."""

    def __init__(self, client, app) -> None:
        self.client = client
        self.app = app

    def quiz(self, **query: Any) -> Page:
        return page_of(self.client.get("/learn/quiz", query_string=query))

    def show(
        self, question_id: int, form: str = "choice", mode: str = "quiz", expected: float = 0.5
    ) -> Page:
        """Show one particular question, as the page after an undo does (a fresh ticket whose
        predicted chance of a right answer is `expected`)."""
        with self.app.test_request_context():
            now = self.app.config["QUIRE_CLOCK"]()
            raw = tickets.issue(question_id, mode, form, expected, now)
        path = {"quiz": "/learn/quiz", "flashcard": "/learn/cards", "cram": "/learn/cram"}[mode]
        return page_of(self.client.get(path, query_string={"ticket": raw}))

    def answer(self, page: Page, response: Any, **extra: Any):
        data: dict[str, Any] = {"ticket": page.ticket, **extra}
        if isinstance(response, list):
            data["order"] = response
            data["check"] = "1"
        else:
            data["response"] = response
        return self.client.post("/learn/quiz", data=data)

    def card(self, **query: Any) -> Page:
        return page_of(self.client.get("/learn/cards", query_string=query))

    def rate(self, page: Page, rating: int, path: str = "/learn/cards"):
        return self.client.post(path, data={"ticket": page.ticket, "rating": rating})


@pytest.fixture
def study(client, app, imported, clock) -> Study:
    """Page helpers over the imported sample pack."""
    return Study(client, app)


@pytest.fixture
def rows(fresh_session):
    """What the database holds, read through a fresh session."""

    def read(model=ReviewLog, **where: Any) -> list:
        with fresh_session() as session:
            key = list(model.__table__.primary_key.columns)
            stmt = select(model).filter_by(**where).order_by(*key)
            found = list(session.scalars(stmt))
            session.expunge_all()
            return found

    return read


def question_ids(app) -> dict[str, int]:
    """The sample pack's question ids by uid."""
    from app.extensions import db
    from app.models import Question

    with app.app_context():
        return dict(db.session.execute(select(Question.uid, Question.id)).all())


@pytest.fixture
def qids(app, imported) -> dict[str, int]:
    """Question ids of the sample pack by uid (q1..q4)."""
    return question_ids(app)


def put_card(app, user_id: int, question_id: int, **columns: Any) -> int:
    """Store a card directly (for due reviews and leeches); returns its id."""
    from app.extensions import db

    values = {
        "state": 2,
        "step": None,
        "stability": 5.0,
        "difficulty": 5.0,
        "due": START - timedelta(hours=1),
        "last_review": START - timedelta(days=5),
        "reps": 3,
        "lapses": 0,
        "suspended": False,
        "leech": False,
        "last_seen_at": START - timedelta(days=5),
        "exposures": 3,
    } | columns
    with app.app_context():
        card = Card(user_id=user_id, question_id=question_id, **values)
        db.session.add(card)
        db.session.commit()
        return card.id
