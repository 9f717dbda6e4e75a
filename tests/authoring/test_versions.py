"""Versions: answers keep the version they were asked with; packs count versions; soft delete."""

from __future__ import annotations

from datetime import UTC, datetime

from flask.testing import FlaskClient
from sqlalchemy import select

from app.authoring_models import QuestionVersion
from app.classroom_models import ClassAnswer, ClassSession, Player, SessionQuestion
from app.extensions import db
from app.learn import tickets
from app.models import Pack, Question
from app.study_models import ReviewLog
from tests.authoring.conftest import login, question_form


def _make_public_question(as_owner, app, pack_id) -> int:
    as_owner.post(f"/authoring/packs/{pack_id}/questions/new", data=question_form("short_answer"))
    as_owner.post(f"/authoring/packs/{pack_id}/sharing", data={"visibility": "public"})
    with app.app_context():
        return db.session.scalar(select(Question.id).where(Question.pack_id == pack_id))


def _answer(app, client: FlaskClient, question_id: int, response: str):
    with app.test_request_context():
        ticket = tickets.issue(question_id, "quiz", "typed", 0.5, datetime.now(UTC))
    return client.post("/learn/quiz", data={"ticket": ticket, "response": response})


def test_answer_keeps_pointing_at_the_version_it_was_asked_with(
    as_owner, app, pack_id, fresh_session
):
    question_id = _make_public_question(as_owner, app, pack_id)
    learner = app.test_client()
    login(learner, "learner@example.org")
    assert _answer(app, learner, question_id, "Tesa Brandt").status_code == 303

    edited = question_form("short_answer", prompt="Who signed the Charter at Orrin Bay?")
    assert as_owner.post(f"/authoring/questions/{question_id}/edit", data=edited).status_code == 302
    assert _answer(app, learner, question_id, "Brandt").status_code == 303

    with fresh_session() as session:
        first, second = session.scalars(select(ReviewLog).order_by(ReviewLog.id)).all()
        old = session.get(QuestionVersion, first.question_version_id)
        new = session.get(QuestionVersion, second.question_version_id)
        assert (old.number, new.number) == (1, 2)
        assert old.data["prompt"] == "Who signed the Velmar Charter?"
        assert new.data["prompt"] == "Who signed the Charter at Orrin Bay?"
        assert session.get(Question, question_id).version == 2


def test_class_answers_get_the_version_too(app, users, pack_id, as_owner):
    question_id = _make_public_question(as_owner, app, pack_id)
    with app.app_context():
        session = ClassSession(owner_id=users["owner"], title="t", mode="live", seed="s")
        db.session.add(session)
        db.session.flush()
        asked = SessionQuestion(session_id=session.id, position=0, question_id=question_id)
        player = Player(session_id=session.id, nickname="Kim", nickname_key="kim", token_hash="h")
        db.session.add_all([asked, player])
        db.session.flush()
        answer = ClassAnswer(
            session_id=session.id,
            player_id=player.id,
            session_question_id=asked.id,
            response="Brandt",
            correct=True,
        )
        db.session.add(answer)
        db.session.commit()
        version = db.session.get(QuestionVersion, answer.question_version_id)
        assert (version.question_id, version.number) == (question_id, 1)


def test_soft_delete_hides_and_restore_brings_back(as_owner, app, pack_id, fresh_session):
    question_id = _make_public_question(as_owner, app, pack_id)
    assert "Who signed" in app.test_client().get("/bank").get_data(as_text=True)
    as_owner.post(f"/authoring/questions/{question_id}/delete")
    with fresh_session() as session:
        assert session.get(Question, question_id).deleted_at is not None
    assert "Who signed" not in app.test_client().get("/bank").get_data(as_text=True)
    trash = as_owner.get(f"/authoring/packs/{pack_id}/trash").get_data(as_text=True)
    assert "Who signed" in trash
    as_owner.post(f"/authoring/questions/{question_id}/restore")
    assert "Who signed" in app.test_client().get("/bank").get_data(as_text=True)


def test_pack_trash_and_restore(as_owner, app, pack_id, fresh_session):
    _make_public_question(as_owner, app, pack_id)
    as_owner.post(f"/authoring/packs/{pack_id}/delete")
    assert "Who signed" not in app.test_client().get("/bank").get_data(as_text=True)
    assert as_owner.get(f"/authoring/packs/{pack_id}").status_code == 404
    assert "Velmar" in as_owner.get("/authoring/trash").get_data(as_text=True)
    as_owner.post(f"/authoring/packs/{pack_id}/restore")
    with fresh_session() as session:
        pack = session.get(Pack, pack_id)
        assert pack.deleted_at is None
        # created, question added, made public, trashed, restored
        assert pack.version == 5
    assert "Who signed" in app.test_client().get("/bank").get_data(as_text=True)
