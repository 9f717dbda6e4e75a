"""Learners answering the same new question at the same moment: every answer kept, none lost."""

from __future__ import annotations

from sqlalchemy import func, select

from app.extensions import db
from app.study_models import Card, ItemStat, LearnerSkill, ReviewLog
from tests.conftest import TEST_PASSWORD
from tests.learn.conftest import Study, put_card
from tests.support.concurrency import all_at_once

LEARNERS = 8


def answer_at_once(app, emails: list[str], question_id: int) -> list[int]:
    """Each email logs in on its own client, opens the question, and all answer at once."""
    studies = []
    for email in emails:
        client = app.test_client()
        login = client.post("/accounts/login", data={"email": email, "password": TEST_PASSWORD})
        assert login.status_code == 302
        studies.append(Study(client, app))
    pages = [study.show(question_id) for study in studies]
    jobs = [
        (lambda s=study, p=page: s.answer(p, "1902").status_code)
        for study, page in zip(studies, pages, strict=True)
    ]
    return all_at_once(jobs)


def test_first_answers_to_a_new_question_all_count(app, imported, clock, make_user, qids):
    emails = [f"racer{number}@example.org" for number in range(LEARNERS)]
    for email in emails:
        make_user(email)
    assert answer_at_once(app, emails, qids["q1"]) == [303] * LEARNERS

    with app.app_context():
        db.session.expire_all()
        assert db.session.scalar(select(func.count(ReviewLog.id))) == LEARNERS
        # Every answer moved the shared difficulty: none was lost to a race.
        assert db.session.get(ItemStat, qids["q1"]).answers == LEARNERS
        assert db.session.scalar(select(func.count()).select_from(LearnerSkill)) == LEARNERS


def test_two_tabs_answering_one_reviewed_card_at_once_both_count(
    app, imported, clock, make_user, qids
):
    """A reviewer: the card was read before the answer's locks, so of two answers from two
    tabs at once both were logged but the card counted one (and undo of the second wiped the
    first)."""
    user_id = make_user()
    put_card(app, user_id, qids["q1"], reps=3)
    assert answer_at_once(app, ["learner@example.org"] * 2, qids["q1"]) == [303, 303]
    with app.app_context():
        db.session.expire_all()
        assert db.session.scalar(select(func.count(ReviewLog.id))) == 2
        [card] = db.session.scalars(select(Card)).all()
        assert card.reps == 5
        second = db.session.scalars(select(ReviewLog).order_by(ReviewLog.id)).all()[1]
        # Its undo record is the card as the first answer left it.
        assert second.state_before["card"]["reps"] == 4
