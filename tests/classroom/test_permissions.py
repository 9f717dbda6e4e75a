"""Who may open each classroom page: only the owning instructor sees a quiz or a session."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from app.classroom_models import Player
from app.extensions import db
from tests.classroom.conftest import join, login, new_quiz, session_row, start

ROUTES = [
    ("get", "/classroom/", None),
    ("get", "/classroom/quizzes/new", None),
    ("get", "/classroom/quizzes/{quiz}", None),
    ("post", "/classroom/quizzes/{quiz}/items/{item}", {"action": "save", "time_limit": 20}),
    ("post", "/classroom/quizzes/{quiz}/start", {"mode": "live"}),
    ("post", "/classroom/quizzes/{quiz}/delete", {}),
    ("get", "/classroom/sessions/{session}", None),
    ("get", "/classroom/sessions/{session}/live", None),
    ("get", "/classroom/sessions/{session}/players", None),
    ("post", "/classroom/sessions/{session}/next", {"version": 1}),
    ("post", "/classroom/sessions/{session}/reveal", {"version": 1}),
    ("post", "/classroom/sessions/{session}/end", {"version": 1}),
    ("post", "/classroom/sessions/{session}/players/{player}/remove", {}),
    ("get", "/classroom/sessions/{session}/report", None),
    ("get", "/classroom/sessions/{session}/report.csv", None),
    ("post", "/classroom/sessions/{session}/send-to-study", {}),
]
# Pages listing only the visitor's own things: another instructor sees them, but empty.
OWN_LISTS = {"/classroom/", "/classroom/quizzes/new"}


@pytest.fixture
def world(app, classroom_pack, teacher, make_user):
    """A quiz, a session with one player, and the ids to fill the URLs with."""
    quiz_id = new_quiz(teacher, classroom_pack)
    session_id = start(teacher, quiz_id)
    join(app, session_row(app, session_id).join_code, "Pat")
    with app.app_context():
        from app.classroom_models import Quiz

        item_id = db.session.get(Quiz, quiz_id).items[0].id
        player_id = db.session.scalar(select(Player.id))
    make_user("learner@example.org")
    make_user("other@example.org", role="instructor", display_name="Otto Other")
    make_user("admin@example.org", role="admin", display_name="Ann Admin")
    return {"quiz": quiz_id, "session": session_id, "item": item_id, "player": player_id}


def _client(app, who: str):
    client = app.test_client()
    if who != "anonymous":
        login(client, f"{who}@example.org")
    return client


@pytest.mark.parametrize(
    ("who", "expected"),
    [("anonymous", 302), ("learner", 403), ("other", 404), ("admin", 404)],
)
def test_only_the_owner_reaches_a_quiz_or_session(app, world, who, expected):
    client = _client(app, who)
    seen = {}
    for method, pattern, data in ROUTES:
        response = getattr(client, method)(pattern.format(**world), data=data)
        seen[pattern] = response.status_code
        if who == "anonymous":
            assert "/accounts/login" in response.headers["Location"]
    wanted = {
        pattern: 200 if who in ("other", "admin") and pattern in OWN_LISTS else expected
        for _, pattern, _ in ROUTES
    }
    assert seen == wanted


def test_the_owner_reaches_every_route(app, world, teacher):
    for method, pattern, data in ROUTES:
        response = getattr(teacher, method)(pattern.format(**world), data=data)
        assert response.status_code in {200, 302}, (pattern, response.status_code)


def test_another_instructor_sees_none_of_the_owners_sessions(app, world):
    page = _client(app, "other").get("/classroom/").text
    assert "Lisvale check" not in page


def test_student_pages_need_the_players_cookie(app, world):
    stranger = app.test_client()
    session_id = world["session"]
    assert stranger.get(f"/play/{session_id}").status_code == 302
    assert stranger.get(f"/play/{session_id}/state").status_code == 403
    assert stranger.post(f"/play/{session_id}/answer", data={"question": 1}).status_code == 403
    assert stranger.get("/play/9999").status_code == 404


def test_the_lobbys_player_list_is_drawn_alone(app, world, teacher):
    page = teacher.get("/classroom/sessions/{session}/players".format(**world)).get_data(True)
    assert "data-players-list" in page and '<span class="nickname">Pat</span>' in page
    # The list alone: never the controls, which the lobby's redraw leaves in place.
    assert "Start the first question" not in page and "<html" not in page
