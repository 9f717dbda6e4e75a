"""Guests keep their progress when they sign up; nobody reaches another learner's study data."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from app import create_app
from app.accounts_models import User
from app.extensions import db
from app.study_models import Card, ReviewLog, StudyPlan
from tests.conftest import app_settings
from tests.learn.conftest import put_card

# Some of its apps take databases through app_settings: the PostgreSQL run runs it too.
pytestmark = pytest.mark.database


def test_guest_studies_then_signs_up_and_keeps_everything(study, qids, rows):
    study.answer(study.show(qids["q1"]), "1902")
    study.rate(study.show(qids["q3"], mode="flashcard"), 3)
    [guest] = rows(User)
    assert guest.is_guest
    assert {log.user_id for log in rows(ReviewLog)} == {guest.id}
    response = study.client.post(
        "/accounts/signup",
        data={
            "display_name": "Gus",
            "email": "gus@example.org",
            "password": "a long password",
            "confirm": "a long password",
        },
    )
    assert response.status_code == 302
    [user] = rows(User)
    assert user.id == guest.id and not user.is_guest
    assert len(rows(ReviewLog, user_id=user.id)) == 2 and len(rows(Card, user_id=user.id)) == 2
    study.client.post("/accounts/logout")
    study.client.post(
        "/accounts/login", data={"email": "gus@example.org", "password": "a long password"}
    )
    progress = study.client.get("/learn/progress").get_data(as_text=True)
    assert 'id="answered-total">2<' in progress
    assert "In which year was the Harbour Compact signed?" in progress


def test_saving_a_plan_makes_a_guest_and_narrows_the_questions(study, qids, rows, app):
    page = study.client.get("/learn/plan").get_data(as_text=True)
    assert "Treaties of Lisvale" in page and 'value="treaties"' in page
    response = study.client.post(
        "/learn/plan", data={"pack": "", "kinds": ["person"], "mode": "quiz"}
    )
    assert response.headers["Location"].endswith("/learn/quiz")
    [plan] = rows(StudyPlan)
    assert plan.kinds == ["person"] and rows(User)[0].is_guest
    for _ in range(3):
        page = study.quiz()
        assert page.question_id(app) == qids["q2"]
    study.client.post("/learn/plan", data={"pack": "", "tags": ["treaties"], "mode": "flashcard"})
    assert rows(StudyPlan)[0].tags == ["treaties"]
    assert study.card().question_id(app) == qids["q1"]
    home = study.client.get("/learn/").get_data(as_text=True)
    assert "Continue with flashcards" in home and "part of the bank" in home


def test_plan_with_no_questions_says_so(study, rows):
    response = study.client.post(
        "/learn/plan", data={"pack": "", "kinds": ["person"], "tags": ["treaties"], "mode": "quiz"}
    )
    assert response.headers["Location"].endswith("/learn/plan")
    assert "No questions match" in study.client.get("/learn/plan").get_data(as_text=True)


def test_learners_cannot_touch_each_others_cards(study, make_user, auth, app, qids, rows):
    owner = make_user("owner@example.org")
    card_id = put_card(app, owner, qids["q1"], suspended=True, leech=True, lapses=8)
    auth.login("owner@example.org")
    study.answer(study.show(qids["q3"]), "False")
    auth.logout()
    make_user("intruder@example.org")
    auth.login("intruder@example.org")
    assert study.client.post(f"/learn/leeches/{card_id}/unsuspend").status_code == 404
    assert "Harbour Compact" not in study.client.get("/learn/leeches").get_data(as_text=True)
    [log] = rows(ReviewLog)
    assert study.client.get(f"/learn/answers/{log.id}").status_code == 404
    history = study.client.get(f"/learn/progress/questions/{qids['q3']}").get_data(as_text=True)
    assert "You have not answered this question yet." in history
    assert study.client.post("/learn/undo").headers["Location"].endswith("/learn/")
    assert rows(Card, id=card_id)[0].suspended is True
    assert rows(ReviewLog)[0].undone is False


@pytest.mark.parametrize("path", ["/learn/leeches", "/learn/cram"])
def test_pages_that_need_a_learner_ask_visitors_to_log_in(study, path):
    response = study.client.get(path)
    assert response.status_code == 302 and "/accounts/login" in response.headers["Location"]


@pytest.fixture
def csrf_client(tmp_path, pack_data):
    app = create_app(app_settings(tmp_path, WTF_CSRF_ENABLED=True))
    with app.app_context():
        db.create_all()
        from app.packs.importer import import_pack

        import_pack(pack_data, {}, filename="lisvale.json")
    yield app.test_client()
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


@pytest.mark.parametrize(
    "path",
    [
        "/learn/quiz",
        "/learn/cards",
        "/learn/cram",
        "/learn/undo",
        "/learn/plan",
        "/learn/cram/start",
        "/learn/cram/stop",
        "/learn/leeches/1/unsuspend",
    ],
)
def test_every_study_post_needs_the_csrf_token(csrf_client, path):
    response = csrf_client.post(path, data={"response": "1902", "rating": "3"})
    assert response.status_code == 400


def test_csrf_token_is_in_every_study_form(csrf_client):
    for path in ("/learn/quiz", "/learn/cards", "/learn/plan"):
        html = csrf_client.get(path).get_data(as_text=True)
        assert html.count("<form") == html.count('name="csrf_token"') + html.count('method="get"')
    with csrf_client.application.app_context():
        assert db.session.scalars(select(User)).all() == []
