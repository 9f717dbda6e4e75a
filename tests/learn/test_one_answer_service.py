"""Self-study and the classroom answer through one service: the same answers, the same history."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import delete, select

from app.accounts_models import User
from app.classroom.quizzes import create_quiz
from app.classroom_models import ClassAnswer
from app.extensions import db
from app.models import Question
from app.study_models import Card, ItemStat, LearnerSkill, ReviewLog
from tests.classroom.conftest import answer, control, current, join, login, session_row, start
from tests.conftest import make_pack, span

# What the learner answers to each question: a wrong year, the person's surname alone (right by
# the surname rule: the question has no `accept` forms), the right truth value.
PLANNED = {"q1": "1899", "q2": "Quell", "q3": "False"}


@pytest.fixture
def pack_data() -> dict[str, Any]:
    """The sample pack's questions a class can play; the cloze without its accepted forms."""
    data = make_pack()
    data["questions"] = [q for q in data["questions"] if q["id"] in PLANNED]
    for question in data["questions"]:
        question.pop("accept", None)
        if question["id"] == "q2":
            # This test is about recording, not choosing: quoting only part of q1's sentence, q2
            # is not held back as q1's sibling, so the quiz asks all three on the same day.
            question["quote"] = span("signed in Lisvale in 1902 by Mara Quell")
    return data


def _history(app, user_id: int) -> dict[str, Any]:
    """What one learner's answers left: the log rows, cards, skill and item difficulties."""
    with app.app_context():
        db.session.expire_all()
        uids = dict(db.session.execute(select(Question.id, Question.uid)).all())
        logs = db.session.scalars(
            select(ReviewLog).where(ReviewLog.user_id == user_id).order_by(ReviewLog.id)
        ).all()
        cards = db.session.scalars(select(Card).where(Card.user_id == user_id)).all()
        skill = db.session.get(LearnerSkill, user_id)
        items = db.session.scalars(select(ItemStat)).all()
        return {
            "answers": [
                (uids[log.question_id], log.mode, log.form, log.correct, log.rating, log.card_state)
                for log in logs
            ],
            "cards": {
                uids[card.question_id]: (
                    card.state,
                    card.step,
                    round(card.stability or 0, 6),
                    round(card.difficulty or 0, 6),
                    card.reps,
                    card.lapses,
                    card.exposures,
                    card.last_rating,
                    round((card.due - card.last_review) / timedelta(hours=1), 3),
                )
                for card in cards
            },
            "skill": None
            if skill is None
            else (round(skill.skill, 6), skill.answered, list(skill.recent), skill.memory_bias),
            "items": {uids[i.question_id]: (round(i.difficulty, 6), i.answers) for i in items},
        }


def _forget_studying(app) -> None:
    """Empty the study tables, so the class starts from the same state self-study did."""
    with app.app_context():
        for model in (ReviewLog, Card, ItemStat, LearnerSkill):
            db.session.execute(delete(model))
        db.session.commit()


def test_self_study_and_class_give_the_same_verdicts_and_history(
    app, imported, study, make_user, fresh_session
):
    self_id = make_user("self@example.org")
    login(study.client, "self@example.org")
    asked, verdicts = [], []
    for _ in PLANNED:
        page = study.quiz()
        with app.app_context():
            uid = db.session.get(Question, page.question_id(app)).uid
        asked.append(uid)
        reply = study.client.post(
            "/learn/quiz",
            # No time taken, as in the class below, where the test's clock stands still.
            data={"ticket": page.ticket, "response": PLANNED[uid], "duration_ms": "0"},
            headers={"Accept": "application/json"},
        )
        verdicts.append(reply.get_json()["title"].startswith("Right"))
    assert sorted(asked) == sorted(PLANNED)
    by_self = _history(app, self_id)

    _forget_studying(app)
    class_id = make_user("class@example.org", display_name="Cleo Class")
    make_user("teacher@example.org", role="instructor", display_name="Ida Instructor")
    teacher = app.test_client()
    login(teacher, "teacher@example.org")
    with app.app_context():
        questions = {q.uid: q for q in db.session.scalars(select(Question))}
        owner = db.session.scalar(select(User).where(User.email == "teacher@example.org"))
        quiz_id = create_quiz(owner, "Same answers", [questions[uid] for uid in asked], 30).id
    session_id = start(teacher, quiz_id, speed_bonus=None)
    student = app.test_client()
    login(student, "class@example.org")
    join(app, session_row(app, session_id).join_code, "Cleo", client=student)
    for uid in asked:
        control(teacher, session_id, "next", app)
        asked_id, question = current(app, session_id)
        assert answer(student, session_id, asked_id, question, PLANNED[uid]).status_code == 302
        control(teacher, session_id, "reveal", app)
    with fresh_session() as s:
        in_class = [a.correct for a in s.scalars(select(ClassAnswer).order_by(ClassAnswer.id))]
    by_class = _history(app, class_id)

    assert in_class == verdicts == [PLANNED[uid] != "1899" for uid in asked]
    for part in by_self:
        assert by_class[part] == by_self[part], part
