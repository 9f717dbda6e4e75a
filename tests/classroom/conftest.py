"""Classroom fixtures: a pack with several playable questions, an instructor's client, students."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select

from app.classroom_models import ClassSession, SessionQuestion
from app.extensions import db
from app.models import Pack, Question
from tests.conftest import TEST_PASSWORD, span


def extra_questions() -> list[dict[str, Any]]:
    """Two more multiple-choice questions on the test text, so a quiz has four to play."""
    return [
        {
            "id": "q5",
            "type": "multiple_choice",
            "kind": "figure",
            "prompt": "How many ships did the fleet grow to?",
            "answer": "40",
            "choices": ["12", "30", "40", "<b>99</b>"],
            "quote": span("the fleet grew to 40 ships."),
            "explanation": "It grew to 40 ships.",
        },
        {
            "id": "q6",
            "type": "multiple_choice",
            "kind": "place",
            "prompt": "Where was the Harbour Compact signed?",
            "answer": "Lisvale",
            "choices": ["Ostrov", "Lisvale", "Quell"],
            "quote": span("The Harbour Compact was signed in Lisvale in 1902 by Mara Quell."),
            "explanation": "It was signed in Lisvale.",
        },
    ]


@pytest.fixture
def classroom_pack(app, pack_data) -> int:
    """The sample pack plus two questions, imported; its id."""
    from app.packs.importer import import_pack

    pack_data["questions"] += extra_questions()
    with app.app_context():
        import_pack(pack_data, {}, filename="lisvale.json")
        return db.session.scalar(select(Pack.id).where(Pack.slug == "lisvale"))


def login(client, email: str) -> None:
    """Log a test client in through the login form."""
    response = client.post("/accounts/login", data={"email": email, "password": TEST_PASSWORD})
    assert response.status_code == 302, response.text


@pytest.fixture
def teacher(app, make_user):
    """A logged-in instructor's own test client."""
    make_user("teacher@example.org", role="instructor", display_name="Ida Instructor")
    client = app.test_client()
    login(client, "teacher@example.org")
    return client


def new_quiz(client, pack_id: int, *, count: int = 10, time_limit: int = 30, **filters) -> int:
    """Save a quiz through the form (every playable question, siblings too, unless `filters`
    say `siblings=""`); its id."""
    response = client.post(
        "/classroom/quizzes/new",
        data={
            "title": "Lisvale check",
            "pack": pack_id,
            "count": count,
            "time_limit": time_limit,
            "siblings": "y",
            **filters,
        },
    )
    assert response.status_code == 302, response.text
    return int(response.headers["Location"].rstrip("/").split("/")[-1])


def start(client, quiz_id: int, **fields) -> int:
    """Start a session through the form; its id."""
    data = {"mode": "live", "speed_bonus": "y"} | fields
    if data.get("speed_bonus") is None:
        data.pop("speed_bonus")
    response = client.post(f"/classroom/quizzes/{quiz_id}/start", data=data)
    assert response.status_code == 302, response.text
    return int(response.headers["Location"].rstrip("/").split("/")[-1])


def session_row(app, session_id: int) -> ClassSession:
    """The session as committed (a fresh read)."""
    with app.app_context():
        db.session.expire_all()
        session = db.session.get(ClassSession, session_id)
        db.session.expunge(session)
        return session


def join(app, code: str, nickname: str, client=None):
    """A new student client (or `client`) that joins with the code; (client, response)."""
    client = client or app.test_client()
    response = client.post("/join", data={"code": code, "nickname": nickname})
    return client, response


def control(client, session_id: int, action: str, app) -> Any:
    """Press a host button (next, reveal, end) with the version the page would show."""
    version = session_row(app, session_id).version
    return client.post(f"/classroom/sessions/{session_id}/{action}", data={"version": version})


def current(app, session_id: int) -> tuple[int, Question]:
    """The current session question's id and its question."""
    with app.app_context():
        db.session.expire_all()
        session = db.session.get(ClassSession, session_id)
        asked = db.session.scalar(
            select(SessionQuestion).where(
                SessionQuestion.session_id == session_id,
                SessionQuestion.position == session.current_position,
            )
        )
        question = asked.question
        db.session.expunge(question)
        return asked.id, question


def answer(
    client, session_id: int, asked_id: int, question: Question, text: str, *, as_json: bool = False
):
    """Answer with the choice whose text is `text` (or type it, for a question without choices);
    `as_json` asks as the page's script does."""
    data: dict[str, Any] = {"question": asked_id}
    if question.choices:
        data["choice"] = question.choices.index(text)
    else:
        data["typed"] = text
    headers = {"Accept": "application/json"} if as_json else {}
    return client.post(f"/play/{session_id}/answer", data=data, headers=headers)
