"""Quire's recommendation on the review page: the questions the strict bank would keep."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from sqlalchemy import select

from app.authoring_models import Job
from app.generation import pipeline
from app.models import Question, Source
from tests.authoring.test_jobs import UPLOAD, fake_generator
from tests.authoring.test_review import _pending, _statuses

ARTICLE = Path(__file__).resolve().parents[2] / "questions" / "sources" / "001_3abda2184af09f36.txt"


def pooled_generator(sources, progress):
    """The fake generator's questions as a review pool: the strict bank would leave out s2."""
    questions = fake_generator(sources, progress)
    return pipeline.GenerationResult(questions, pending=frozenset({"s2"}))


def _upload(client, pack_id, payload: bytes = UPLOAD.encode(), name: str = "guild.txt"):
    data = {"file": (io.BytesIO(payload), name), "generate": "y"}
    response = client.post(f"/authoring/packs/{pack_id}/upload", data=data)
    assert response.status_code == 302 and "/authoring/jobs/" in response.location
    return response


def _marks(fresh_session, pack_id) -> dict[str, bool]:
    with fresh_session() as session:
        rows = session.execute(
            select(Question.uid, Question.recommended).where(Question.pack_id == pack_id)
        )
        return dict(rows.all())


def test_an_upload_marks_the_questions_the_strict_bank_keeps(as_owner, app, pack_id, fresh_session):
    app.config.update(QUIRE_GENERATOR=pooled_generator)
    _upload(as_owner, pack_id)
    assert _marks(fresh_session, pack_id) == {"j1-s1": True, "j1-s2": False}


def test_a_generator_that_knows_no_strict_bank_recommends_nothing(
    as_owner, app, pack_id, fresh_session
):
    app.config.update(QUIRE_GENERATOR=fake_generator)
    _upload(as_owner, pack_id)
    assert _marks(fresh_session, pack_id) == {"j1-s1": False, "j1-s2": False}


def test_hand_written_questions_are_not_recommended(as_owner, app, pack_id, fresh_session):
    from tests.authoring.conftest import question_form

    as_owner.post(f"/authoring/packs/{pack_id}/questions/new", data=question_form("cloze"))
    marks = _marks(fresh_session, pack_id)
    assert len(marks) == 1 and set(marks.values()) == {False}


def _recommend(app, question_ids):
    from app.extensions import db

    with app.app_context():
        for question_id in question_ids:
            db.session.get(Question, question_id).recommended = True
        db.session.commit()


def test_the_queue_badges_filters_and_counts_recommended_questions(as_owner, app, pack_id):
    specs = [("g1", "", "a", 0.6), ("g2", "", "b", 0.9), ("g3", "", "c", 0.7)]
    ids = _pending(app, pack_id, specs)
    _recommend(app, [ids[1], ids[2]])
    url = f"/authoring/packs/{pack_id}/review"
    page = as_owner.get(url).get_data(as_text=True)
    assert page.count('class="tag recommended"') == 2
    # Recommended first, each in pack order; then the rest.
    assert [int(n) for n in re.findall(r'<li class="question[^"]*" id="q(\d+)"', page)] == [
        ids[1],
        ids[2],
        ids[0],
    ]
    assert f'href="{url}?status=pending&amp;recommended=1">Recommended only (2)' in page
    only = as_owner.get(f"{url}?recommended=1").get_data(as_text=True)
    assert "Prompt g2?" in only and "Prompt g3?" in only and "Prompt g1?" not in only
    assert f'href="{url}?status=pending">Show all' in only
    assert "No rejected questions that Quire recommends" in as_owner.get(
        f"{url}?status=rejected&recommended=1"
    ).get_data(as_text=True)


def test_approve_all_recommended_keeps_one_per_sentence(as_owner, app, pack_id, fresh_session):
    # All quote one sentence: the rule of the bulk approval holds for the one-click one too.
    specs = [("g1", "", "a", 0.6), ("g2", "", "b", 0.9), ("g3", "", "c", 0.7)]
    ids = _pending(app, pack_id, specs)
    url = f"/authoring/packs/{pack_id}/review"
    assert 'name="all"' not in as_owner.get(url).get_data(as_text=True)
    _recommend(app, [ids[0], ids[2]])
    assert 'name="all" value="recommended"' in as_owner.get(url).get_data(as_text=True)
    assert 'name="all"' not in as_owner.get(f"{url}?status=rejected").get_data(as_text=True)
    # Whatever the bulk menu says (a browser always sends it), the button approves: the
    # better of the two recommended.
    response = as_owner.post(url, data={"action": "reject", "all": "recommended"})
    assert _statuses(fresh_session, pack_id) == {"g1": "pending", "g2": "pending", "g3": "approved"}
    page = as_owner.get(response.headers["Location"]).get_data(as_text=True)
    assert "1 question approved. 1 left pending" in page
    # Alone now, g1 still waits: its sentence has an approved question, unless asked.
    as_owner.post(url, data={"action": "trash", "all": "recommended"})
    assert _statuses(fresh_session, pack_id)["g1"] == "pending"
    as_owner.post(url, data={"action": "trash", "all": "recommended", "siblings": "y"})
    assert _statuses(fresh_session, pack_id) == {
        "g1": "approved",
        "g2": "pending",
        "g3": "approved",
    }


@pytest.mark.parametrize(
    ("who", "after"), [("editor", "approved"), ("learner", "pending"), ("other", "pending")]
)
def test_only_the_packs_authors_approve_all_recommended(
    app, pack_id, users, fresh_session, who, after
):
    from tests.authoring.conftest import login

    ids = _pending(app, pack_id, [("g1", "", "a", 0.9)])
    _recommend(app, ids)
    client = app.test_client()
    login(client, f"{who}@example.org")
    response = client.post(
        f"/authoring/packs/{pack_id}/review", data={"action": "trash", "all": "recommended"}
    )
    assert (response.status_code in (403, 404)) == (after == "pending")
    assert _statuses(fresh_session, pack_id) == {"g1": after}


@pytest.mark.slow
def test_the_real_upload_recommends_exactly_the_strict_bank(as_owner, app, pack_id, fresh_session):
    pytest.importorskip("spacy", reason="spaCy is not installed")
    from app.authoring.generate import question_uid, shared_nlp, source_texts

    app.config.update(QUIRE_GENERATOR=None)
    _upload(as_owner, pack_id, ARTICLE.read_bytes(), "article.txt")
    with fresh_session() as session:
        job = session.scalars(select(Job)).one()
        rows = session.scalars(select(Source).where(Source.id.like("upload-%"))).all()
        sources = source_texts(rows)
        stored = session.execute(
            select(Question.uid, Question.recommended).where(Question.pack_id == pack_id)
        ).all()
    with app.app_context():
        bank = pipeline.generate(sources, shared_nlp(app.config["QUIRE_SPACY_MODEL"]))
    expected = {question_uid(job.id, q.id) for q in bank.questions}
    recommended = {uid for uid, mark in stored if mark}
    assert recommended == expected
    # The pool is wider than the bank: some questions wait without a recommendation.
    assert len(stored) > len(recommended) > 0


def book_generator(sources, progress):
    """The pooled questions, with the uploaded text read as a book (a genre with a bar)."""
    result = pooled_generator(sources, progress)
    result.genres = {source.id: "book" for source in sources}
    return result


def test_the_job_page_says_why_a_books_questions_wait_for_review(as_owner, app, pack_id):
    app.config.update(QUIRE_GENERATOR=book_generator)
    response = _upload(as_owner, pack_id)
    page = as_owner.get(response.location).get_data(as_text=True)
    notes = re.findall(r'<li class="held-back">(.*?)</li>', page, re.S)
    assert len(notes) == 1
    assert "reads as a book" in notes[0] and "1 kept, 1 for review" in notes[0]


def test_the_job_page_is_silent_on_genre_when_no_bar_applies(as_owner, app, pack_id):
    app.config.update(QUIRE_GENERATOR=pooled_generator)
    response = _upload(as_owner, pack_id)
    assert 'class="held-back"' not in as_owner.get(response.location).get_data(as_text=True)
