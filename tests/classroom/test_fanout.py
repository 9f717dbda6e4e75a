"""Live-session fan-out through Redis: app servers sharing a cache see each other's changes."""

from __future__ import annotations

import re
import uuid

import pytest
from sqlalchemy import event

from app import create_app
from app.classroom_models import Player
from app.extensions import db
from tests.classroom.conftest import (
    answer,
    control,
    current,
    join,
    login,
    new_quiz,
    session_row,
    start,
)
from tests.conftest import app_settings
from tests.support.components import port_open, require_component

# Some of its apps take databases through app_settings: the PostgreSQL run runs it too.
pytestmark = pytest.mark.database

REDIS_URL = "redis://127.0.0.1:6379/0"


@pytest.fixture
def two_servers(tmp_path, app):
    """A second app server on the same database, both sharing one Redis; (first, second)."""
    require_component(
        port_open("127.0.0.1", 6379),
        "Redis",
        "a server at 127.0.0.1:6379 (see .ci/run for the start command)",
    )
    import redis

    prefix = f"quire-test-{uuid.uuid4().hex}"
    # The same database as `app` (settings follow tmp_path), two servers, one Redis.
    # Redis and the prefix come through the environment, as on a real server, so a setting the
    # app forgot to read from it would leave the prefix's keys empty.
    environ = {"REDIS_URL": REDIS_URL, "QUIRE_LIVE_CACHE_PREFIX": prefix}
    settings = app_settings(tmp_path)
    first, second = create_app(settings, environ=environ), create_app(settings, environ=environ)
    server = redis.Redis.from_url(REDIS_URL)
    try:
        yield first, second
        assert server.keys(f"{prefix}:*"), "the polls never used the cache"
    finally:
        for key in server.scan_iter(f"{prefix}:*"):
            server.delete(key)
        server.close()
        for each in (first, second):
            with each.app_context():
                db.engine.dispose()


def _queries(app) -> list[str]:
    seen: list[str] = []
    with app.app_context():
        event.listen(db.engine, "before_cursor_execute", lambda *args: seen.append(args[2]))
    return seen


def test_a_poll_on_one_server_sees_what_happened_on_another(two_servers, make_user, classroom_pack):
    first, second = two_servers
    make_user("host@example.org", role="instructor")
    teacher = second.test_client()
    login(teacher, "host@example.org")
    session_id = start(teacher, new_quiz(teacher, classroom_pack, time_limit=30))
    code = session_row(second, session_id).join_code
    student, _ = join(first, code, "Sam")
    state = f"/play/{session_id}/state"
    assert student.get(state).json["phase"] == "lobby"

    # Cached: the same poll again reads Redis, not the database.
    queries = _queries(first)
    assert student.get(state).json["phase"] == "lobby"
    assert queries == []

    # The host, on the other server, opens a question: the next poll here sees it.
    control(teacher, session_id, "next", second)
    polled = student.get(state).json
    assert (polled["phase"], polled["position"], polled["answered"]) == ("question", 0, False)

    # The student's answer reaches the second server; the first server's poll says answered.
    asked_id, question = current(second, session_id)
    other = second.test_client()
    other.set_cookie(
        f"quire_play_{session_id}", student.get_cookie(f"quire_play_{session_id}").value
    )
    assert (
        answer(other, session_id, asked_id, question, question.answer, as_json=True).json["status"]
        == "received"
    )
    assert student.get(state).json["answered"] is True

    # Removed on the second server: the first knows at once.
    with second.app_context():
        player_id = db.session.scalar(db.select(Player.id).where(Player.nickname == "Sam"))
    teacher.post(f"/classroom/sessions/{session_id}/players/{player_id}/remove")
    assert student.get(state).json["removed"] is True

    control(teacher, session_id, "end", second)
    assert student.get(state).json["phase"] == "ended"


def test_without_redis_the_polls_read_the_database(tmp_path, app, classroom_pack, teacher):
    # Nothing listens on port 1: every cache call fails, and the polls go to the database.
    broken = create_app(app_settings(tmp_path, REDIS_URL="redis://127.0.0.1:1/0"))
    session_id = start(teacher, new_quiz(teacher, classroom_pack))
    student, _ = join(broken, session_row(app, session_id).join_code, "Ana")
    assert student.get(f"/play/{session_id}/state").json["phase"] == "lobby"
    control(teacher, session_id, "next", app)
    assert student.get(f"/play/{session_id}/state").json["phase"] == "question"
    with broken.app_context():
        db.engine.dispose()


def test_a_browser_let_go_is_refused_at_once_despite_its_cached_poll(
    two_servers, make_user, classroom_pack
):
    first, second = two_servers
    make_user("host@example.org", role="instructor")
    teacher = first.test_client()
    login(teacher, "host@example.org")
    session_id = start(teacher, new_quiz(teacher, classroom_pack))
    code = session_row(first, session_id).join_code
    phone, _ = join(first, code, "Mo")
    state = f"/play/{session_id}/state"
    assert phone.get(state).json["phase"] == "lobby"  # now cached under the phone's token
    rejoin = re.search(
        r'Rejoin code <strong class="code">(\w+)</strong>', phone.get(f"/play/{session_id}").text
    ).group(1)
    laptop = second.test_client()
    moved = laptop.post("/join", data={"code": code, "nickname": "Mo", "rejoin_code": rejoin})
    assert moved.status_code == 302
    refused = phone.get(state)
    assert refused.status_code == 403 and refused.json["stop"] is True
