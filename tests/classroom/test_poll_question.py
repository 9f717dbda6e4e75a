"""A newly opened question travels in the student's poll: the page draws it without a reload."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

from app.classroom_models import SessionQuestion
from app.extensions import db
from tests.classroom.conftest import control, current, join, new_quiz, session_row, start

BUTTON = re.compile(r'name="choice" value="(\d+)"[^>]*>(.*?)</button>')


def _live_session(app, teacher, classroom_pack, players: list[str]) -> tuple[int, dict]:
    session_id = start(teacher, new_quiz(teacher, classroom_pack), speed_bonus=None)
    code = session_row(app, session_id).join_code
    return session_id, {name: join(app, code, name)[0] for name in players}


def _poll(client, session_id: int) -> dict:
    response = client.get(f"/play/{session_id}/state")
    assert response.status_code == 200
    return response.get_json()


def _advance_to(app, teacher, session_id: int, position: int) -> None:
    while session_row(app, session_id).current_position != position:
        assert control(teacher, session_id, "next", app).status_code == 302


def test_the_poll_carries_the_open_question_as_the_page_shows_it(app, teacher, classroom_pack):
    session_id, players = _live_session(app, teacher, classroom_pack, ["Ada", "Bob"])
    ada = players["Ada"]
    assert "question" not in _poll(ada, session_id)  # the lobby
    _advance_to(app, teacher, session_id, 3)  # q5, whose choices include markup
    asked_id, question = current(app, session_id)
    state = _poll(ada, session_id)
    sent = state["question"]
    assert sent["id"] == asked_id and state["position"] == 3
    assert sent["prompt_html"] == question.prompt
    page = ada.get(f"/play/{session_id}").text
    # The same shuffled order and the same escaped text as the server-rendered buttons.
    assert [[int(index), text] for index, text in BUTTON.findall(page)] == sent["choices"]
    assert sorted(index for index, _ in sent["choices"]) == list(range(len(question.choices)))
    assert "&lt;b&gt;99&lt;/b&gt;" in [text for _, text in sent["choices"]]
    assert "<b>99</b>" not in str(sent)
    assert sent["csrf_token"]


def test_each_student_gets_their_own_choice_order(app, teacher, classroom_pack):
    names = [f"S{i}" for i in range(8)]
    session_id, players = _live_session(app, teacher, classroom_pack, names)
    _advance_to(app, teacher, session_id, 0)
    orders = {
        tuple(i for i, _ in _poll(c, session_id)["question"]["choices"]) for c in players.values()
    }
    assert len(orders) > 1


def test_no_question_once_answered_revealed_or_out_of_time(app, teacher, classroom_pack):
    session_id, players = _live_session(app, teacher, classroom_pack, ["Ada", "Bob"])
    ada, bob = players["Ada"], players["Bob"]
    _advance_to(app, teacher, session_id, 0)
    asked_id, _ = current(app, session_id)
    index = _poll(ada, session_id)["question"]["choices"][0][0]
    reply = ada.post(
        f"/play/{session_id}/answer",
        data={"question": asked_id, "choice": index},
        headers={"Accept": "application/json"},
    )
    assert reply.get_json()["status"] == "received"
    after = _poll(ada, session_id)
    assert after["answered"] is True and "question" not in after
    assert "question" in _poll(bob, session_id)
    with app.app_context():
        asked = db.session.get(SessionQuestion, asked_id)
        asked.closes_at = datetime.now(UTC) - timedelta(seconds=5)
        db.session.commit()
    late = _poll(bob, session_id)
    assert late["remaining_ms"] == 0 and "question" not in late
    control(teacher, session_id, "reveal", app)
    assert "question" not in _poll(bob, session_id)


def test_a_typed_question_comes_without_choices(app, teacher, classroom_pack):
    session_id, players = _live_session(app, teacher, classroom_pack, ["Ada"])
    _advance_to(app, teacher, session_id, 1)  # the cloze question
    _, question = current(app, session_id)
    assert question.type == "cloze"
    assert _poll(players["Ada"], session_id)["question"]["choices"] == []


def test_the_polls_token_lets_the_script_answer_under_csrf(app, teacher, classroom_pack):
    session_id, players = _live_session(app, teacher, classroom_pack, ["Ada"])
    _advance_to(app, teacher, session_id, 0)
    ada = players["Ada"]
    app.config["WTF_CSRF_ENABLED"] = True
    sent = _poll(ada, session_id)["question"]
    data = {"question": sent["id"], "choice": sent["choices"][0][0]}
    headers = {"Accept": "application/json"}
    refused = ada.post(f"/play/{session_id}/answer", data=data, headers=headers)
    assert refused.status_code == 400
    taken = ada.post(
        f"/play/{session_id}/answer",
        data=data | {"csrf_token": sent["csrf_token"]},
        headers=headers,
    )
    assert taken.status_code == 200 and taken.get_json()["status"] == "received"
