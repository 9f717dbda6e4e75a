"""The new question types can be studied: checking answers, and the quiz pages for each."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from app.extensions import db
from app.learn import tickets
from app.models import Question
from app.study.answers import check_answer
from app.study_models import ReviewLog
from tests.authoring.conftest import FLEET, SIGNED, login, question_form

MR = {
    "type": "multiple_response",
    "choices": ["a", "b", "c"],
    "answers": [
        {"text": "a", "weight": 50},
        {"text": "b", "weight": 50},
        {"text": "c", "weight": -100},
    ],
}
MATCH = {
    "type": "matching",
    "pairs": [{"left": "x", "right": "1"}, {"left": "y", "right": "2"}, {"left": "", "right": "3"}],
}


def test_multiple_response():
    assert check_answer(MR, ["b", "a"]).correct
    half = check_answer(MR, ["a"])
    assert (half.correct, half.partial) == (False, 0.5)
    assert check_answer(MR, ["a", "b", "c"]).partial == 0.0
    assert not check_answer(MR, "a").correct


def test_matching():
    assert check_answer(MATCH, ["1", "2"]).correct
    result = check_answer(MATCH, ["1", "3"])
    assert (result.correct, result.partial, result.expected) == (False, 0.5, "x → 1; y → 2")
    assert not check_answer(MATCH, []).correct


@pytest.mark.parametrize(
    ("answers", "given", "correct"),
    [
        ([{"text": "64", "weight": 100, "tolerance": 2}], "65.5", True),
        ([{"text": "64", "weight": 100, "tolerance": 2}], "67", False),
        ([{"text": "64", "weight": 100}], "64", True),
        ([{"text": "64", "weight": 100}], "1,064", False),
        ([{"text": "1000", "weight": 100}], "1,000", True),
        ([{"text": "x", "min": 1, "max": 3, "weight": 100}], "2", True),
        ([{"text": "64", "weight": 50, "tolerance": 10}], "60", False),
        ([{"text": "64", "weight": 100}], "sixty", False),
    ],
)
def test_numeric(answers, given, correct):
    assert (
        check_answer({"type": "numeric", "answer": "64", "answers": answers}, given).correct
        is correct
    )


@pytest.fixture
def public_pack(as_owner, pack_id):
    for qtype in ("multiple_response", "matching", "numeric", "essay"):
        needle = FLEET if qtype == "numeric" else SIGNED
        assert (
            as_owner.post(
                f"/authoring/packs/{pack_id}/questions/new", data=question_form(qtype, needle)
            ).status_code
            == 302
        )
    as_owner.post(f"/authoring/packs/{pack_id}/sharing", data={"visibility": "public"})
    return pack_id


def _study(app, client, question_id, data):
    with app.test_request_context():
        ticket = tickets.issue(question_id, "quiz", "choice", 0.5, datetime.now(UTC))
    page = client.get("/learn/quiz", query_string={"ticket": ticket})
    answered = client.post("/learn/quiz", data={"ticket": ticket, **data})
    return page, answered


def test_each_new_type_is_studied_and_graded(app, public_pack, fresh_session):
    with app.app_context():
        ids = dict(db.session.execute(select(Question.type, Question.id)).all())
    learner = app.test_client()
    login(learner, "learner@example.org")
    mr_page, _mr = _study(
        app,
        learner,
        ids["multiple_response"],
        {"response": ["Signed in 1788", "Signed by Tesa Brandt"]},
    )
    assert 'type="checkbox" name="response"' in mr_page.get_data(as_text=True)
    match_page, match = _study(app, learner, ids["matching"], {"match": ["1788", "1801"]})
    assert 'name="match"' in match_page.get_data(as_text=True)
    num_page, _num = _study(app, learner, ids["numeric"], {"response": "63"})
    assert 'name="response" type="text"' in num_page.get_data(as_text=True)
    feedback = learner.get(match.location).get_data(as_text=True)
    assert "Velmar Charter → 1788; Corran Accord → 1823" in feedback
    with fresh_session() as session:
        logs = {log.question_id: log for log in session.scalars(select(ReviewLog))}
    assert logs[ids["multiple_response"]].correct is True
    assert logs[ids["matching"]].correct is False
    assert logs[ids["numeric"]].correct is True  # 63 is within 64 ± 2


def test_essays_are_shown_but_never_asked(app, public_pack):
    with app.app_context():
        essay = db.session.scalar(select(Question.id).where(Question.type == "essay"))
    visitor = app.test_client()
    assert "Why did the league grow?" in visitor.get("/bank").get_data(as_text=True)
    page, _ = _study(app, visitor, essay, {"response": "x"})
    assert page.status_code == 404
    for _ in range(4):
        assert "Why did the league grow?" not in visitor.get("/learn/quiz").get_data(as_text=True)
