"""Answers on the server's clock: refusals after the limit, the end or the deadline; live state."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

import app.classroom.play as play_module
from app.classroom_models import ClassAnswer, SessionQuestion
from app.extensions import db
from tests.classroom.conftest import answer, control, current, join, new_quiz, session_row, start


@pytest.fixture
def live(app, classroom_pack, teacher):
    """A live session on its first question (10 s limit) with one student; (id, student)."""
    session_id = start(teacher, new_quiz(teacher, classroom_pack, time_limit=10))
    student, _ = join(app, session_row(app, session_id).join_code, "Sam")
    control(teacher, session_id, "next", app)
    return session_id, student


def _answers(app) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count(ClassAnswer.id)))


def _later(monkeypatch, seconds: float) -> None:
    moment = datetime.now(UTC) + timedelta(seconds=seconds)
    monkeypatch.setattr(play_module, "now", lambda: moment)


def _flash_after(client, response) -> str:
    return client.get(response.headers["Location"]).text


def test_an_answer_after_the_time_limit_is_refused(app, live, monkeypatch):
    session_id, student = live
    asked_id, question = current(app, session_id)
    _later(monkeypatch, 12)
    response = answer(student, session_id, asked_id, question, "1902")
    assert "Time was up for this question" in _flash_after(student, response)
    assert _answers(app) == 0


def test_an_answer_within_the_grace_is_taken_but_earns_no_speed_bonus(app, live, monkeypatch):
    session_id, student = live
    asked_id, question = current(app, session_id)
    with app.app_context():
        closes = db.session.get(SessionQuestion, asked_id).closes_at.replace(tzinfo=UTC)
    # 200 ms after the limit, by the server's clock: inside the 500 ms grace.
    monkeypatch.setattr(play_module, "now", lambda: closes + timedelta(milliseconds=200))
    answer(student, session_id, asked_id, question, "1902")
    with app.app_context():
        assert db.session.scalar(select(ClassAnswer.points)) == 1000


def test_the_pages_script_gets_a_small_json_reply_stored_once(app, live, monkeypatch):
    session_id, student = live
    asked_id, question = current(app, session_id)
    first = answer(student, session_id, asked_id, question, "1902", as_json=True)
    assert first.status_code == 200
    assert first.json == {"status": "received", "message": None, "response": "1902"}
    again = answer(student, session_id, asked_id, question, "1899", as_json=True)
    assert again.json["status"] == "duplicate"
    assert again.json["response"] == "1902"
    assert _answers(app) == 1
    _later(monkeypatch, 12)
    late = answer(student, session_id, asked_id, question, "1902", as_json=True)
    assert late.status_code == 409
    assert "Time was up" in late.json["message"]
    unreadable = student.post(
        f"/play/{session_id}/answer", data={}, headers={"Accept": "application/json"}
    )
    assert unreadable.status_code == 400
    assert unreadable.json["status"] == "refused"
    assert _answers(app) == 1
    # Every reply has the shape app/api/openapi.json documents.
    document = json.loads((Path(app.root_path) / "api" / "openapi.json").read_text("utf-8"))
    documented = document["components"]["schemas"]["ClassAnswerReply"]
    for reply in (first, again, late, unreadable):
        assert set(documented["required"]) <= set(reply.json) <= set(documented["properties"])
        assert reply.json["status"] in documented["properties"]["status"]["enum"]


def test_an_answer_after_the_session_ended_is_refused(app, live, teacher):
    session_id, student = live
    asked_id, question = current(app, session_id)
    control(teacher, session_id, "end", app)
    response = answer(student, session_id, asked_id, question, "1902")
    assert "This session has ended" in _flash_after(student, response)
    assert _answers(app) == 0
    code_gone = join(app, "000000", "Late")[1]
    assert code_gone.status_code == 422


def test_an_answer_to_a_question_the_class_has_left_is_refused(app, live, teacher):
    session_id, student = live
    asked_id, question = current(app, session_id)
    control(teacher, session_id, "reveal", app)
    response = answer(student, session_id, asked_id, question, "1902")
    assert "your teacher has moved on" in _flash_after(student, response)


def test_an_assignment_refuses_answers_after_its_deadline(
    app, classroom_pack, teacher, monkeypatch
):
    deadline = (datetime.now(UTC) + timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M")
    session_id = start(
        teacher, new_quiz(teacher, classroom_pack), mode="assignment", deadline=deadline
    )
    student, _ = join(app, session_row(app, session_id).join_code, "Tardy")
    with app.app_context():
        first = db.session.scalar(
            select(SessionQuestion).where(
                SessionQuestion.session_id == session_id, SessionQuestion.position == 0
            )
        )
        asked_id, question = first.id, first.question
        db.session.expunge(question)
    _later(monkeypatch, 2 * 3600)
    response = answer(student, session_id, asked_id, question, "1902")
    assert "The deadline for this assignment passed" in _flash_after(student, response)
    assert _answers(app) == 0


def test_a_double_submit_keeps_the_first_answer(app, live):
    session_id, student = live
    asked_id, question = current(app, session_id)
    answer(student, session_id, asked_id, question, "1902")
    second = answer(student, session_id, asked_id, question, "1899")
    assert "your first answer counts" in _flash_after(student, second)
    with app.app_context():
        assert db.session.scalars(select(ClassAnswer.response)).all() == ["1902"]


def test_speed_bonus_rewards_a_fast_right_answer(app, live, monkeypatch):
    session_id, student = live
    asked_id, question = current(app, session_id)
    with app.app_context():
        opened = db.session.get(SessionQuestion, asked_id).opened_at.replace(tzinfo=UTC)
    # Two seconds into ten: 1000 for accuracy plus 500 × 8/10 for speed.
    monkeypatch.setattr(play_module, "now", lambda: opened + timedelta(seconds=2))
    answer(student, session_id, asked_id, question, "1902")
    with app.app_context():
        assert db.session.scalar(select(ClassAnswer.points)) == 1400


def test_live_state_answers_conditional_requests(app, live, teacher):
    session_id, student = live
    url = f"/play/{session_id}/state"
    first = student.get(url)
    assert first.status_code == 200 and first.get_json()["phase"] == "question"
    tag = first.headers["ETag"]
    assert student.get(url, headers={"If-None-Match": tag}).status_code == 304
    control(teacher, session_id, "reveal", app)
    changed = student.get(url, headers={"If-None-Match": tag})
    assert changed.status_code == 200 and changed.get_json()["phase"] == "reveal"
    host_url = f"/classroom/sessions/{session_id}/live"
    host_tag = teacher.get(host_url).headers["ETag"]
    assert teacher.get(host_url, headers={"If-None-Match": host_tag}).status_code == 304


def test_a_stale_host_button_does_not_skip_a_question(app, live, teacher):
    session_id, _ = live
    stale = session_row(app, session_id).version
    teacher.post(f"/classroom/sessions/{session_id}/reveal", data={"version": stale})
    again = teacher.post(
        f"/classroom/sessions/{session_id}/next", data={"version": stale}, follow_redirects=True
    )
    assert "already moved on" in again.text
    assert session_row(app, session_id).current_position == 0


def test_each_student_sees_their_own_choice_order(app, classroom_pack, teacher):
    session_id = start(teacher, new_quiz(teacher, classroom_pack, type="multiple_choice"))
    code = session_row(app, session_id).join_code
    students = [join(app, code, f"S{i}")[0] for i in range(8)]
    control(teacher, session_id, "next", app)

    def order(student) -> tuple[int, ...]:
        page = student.get(f"/play/{session_id}").text
        return tuple(sorted(("1899", "1902", "1914"), key=page.index))

    orders = {order(student) for student in students}
    assert len(orders) > 1
    assert all(order(student) == order(student) for student in students)  # same after reload
