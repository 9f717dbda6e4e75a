"""Learners answering the same new question at the same moment: every answer kept, none lost."""

from __future__ import annotations

from sqlalchemy import func, select

from app.extensions import db
from app.study_models import ItemStat, LearnerSkill, ReviewLog
from tests.conftest import TEST_PASSWORD
from tests.learn.conftest import Study
from tests.support.concurrency import all_at_once

LEARNERS = 8


def test_first_answers_to_a_new_question_all_count(app, imported, clock, make_user, qids):
    studies = []
    for number in range(LEARNERS):
        email = f"racer{number}@example.org"
        make_user(email)
        client = app.test_client()
        login = client.post("/accounts/login", data={"email": email, "password": TEST_PASSWORD})
        assert login.status_code == 302
        studies.append(Study(client, app))
    pages = [study.show(qids["q1"]) for study in studies]
    jobs = [
        (lambda s=study, p=page: s.answer(p, "1902").status_code)
        for study, page in zip(studies, pages, strict=True)
    ]
    assert all_at_once(jobs) == [303] * LEARNERS

    with app.app_context():
        db.session.expire_all()
        assert db.session.scalar(select(func.count(ReviewLog.id))) == LEARNERS
        # Every answer moved the shared difficulty: none was lost to a race.
        assert db.session.get(ItemStat, qids["q1"]).answers == LEARNERS
        assert db.session.scalar(select(func.count()).select_from(LearnerSkill)) == LEARNERS
