"""Background jobs: every job's state in the `jobs` table, its work run by the queue's worker.

The web process stores a job and puts its id on the queue (app/queue.py, huey); `quire worker`
claims and runs it. Because the state is in the database, a reload or any app server shows a
job's progress; a running job whose heartbeat stopped (its worker died) is shown as interrupted
and can be retried.
"""

from __future__ import annotations

import logging
import os
import socket
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from flask import Flask, current_app
from sqlalchemy import update

from app import queue
from app.authoring_models import Job
from app.clock import as_utc, utcnow
from app.extensions import db

log = logging.getLogger(__name__)
Progress = Callable[[int, int], None]
Handler = Callable[[Job, Progress], dict[str, Any]]
HANDLERS: dict[str, Handler] = {}
WORKER = f"{socket.gethostname()}:{os.getpid()}"
PROGRESS_INTERVAL_S = 0.5


def handler(kind: str) -> Callable[[Handler], Handler]:
    """Register the function that runs jobs of this kind."""

    def register(function: Handler) -> Handler:
        HANDLERS[kind] = function
        return function

    return register


def display_status(job: Job, now: datetime | None = None) -> str:
    """queued, running, done, failed, or "interrupted" for a job whose worker went away."""
    now = now or utcnow()
    stale = timedelta(seconds=current_app.config["QUIRE_JOB_STALE_SECONDS"])
    queue_stale = timedelta(seconds=current_app.config["QUIRE_JOB_QUEUE_STALE_SECONDS"])
    beat = job.heartbeat_at or job.started_at or job.created_at
    if job.status == "running" and beat is not None and now - as_utc(beat) > stale:
        return "interrupted"
    if job.status == "queued" and beat is not None and now - as_utc(beat) > queue_stale:
        return "interrupted"
    return job.status


def percent(job: Job) -> int:
    """Progress in whole percent (100 once done)."""
    if job.status == "done":
        return 100
    return min(99, int(100 * job.done / job.total)) if job.total else 0


def enqueue(kind: str, *, owner_id: int | None, pack_id: int | None, payload: dict) -> Job:
    """Store a new job and put it on the queue."""
    job = Job(
        kind=kind,
        status="queued",
        owner_id=owner_id,
        pack_id=pack_id,
        payload=payload,
        result={},
        heartbeat_at=utcnow(),
        worker=WORKER,
    )
    db.session.add(job)
    db.session.commit()
    start(job)
    return job


def start(job: Job) -> None:
    """Put a stored job on the queue (in immediate mode, for tests, it runs at once)."""
    queue.submit(job.id)
    if queue.is_immediate():
        db.session.expire_all()


def retry(job: Job) -> None:
    """Queue a failed or interrupted job again from the start."""
    job.status, job.done, job.total, job.error, job.message = "queued", 0, 0, "", "Queued again"
    job.heartbeat_at, job.finished_at, job.worker = utcnow(), None, WORKER
    db.session.commit()
    start(job)


def _claim(job_id: int) -> bool:
    # One UPDATE guarded by the status, so two workers never both run a job.
    moment = utcnow()
    claimed = db.session.execute(
        update(Job)
        .where(Job.id == job_id, Job.status == "queued")
        .values(
            status="running",
            started_at=moment,
            heartbeat_at=moment,
            worker=WORKER,
            attempts=Job.attempts + 1,
        )
    )
    db.session.commit()
    return claimed.rowcount == 1


def _progress_writer(job_id: int) -> Progress:
    last = [0.0]

    def report(done: int, total: int) -> None:
        moment = time.monotonic()
        if moment - last[0] < PROGRESS_INTERVAL_S and done < total:
            return
        last[0] = moment
        db.session.execute(
            update(Job)
            .where(Job.id == job_id)
            .values(done=done, total=total, heartbeat_at=utcnow(), message="Reading the texts")
        )
        db.session.commit()

    return report


def run_job(app: Flask, job_id: int) -> None:
    """Claim and run one job, recording its result or its error."""
    with app.app_context():
        try:
            if not _claim(job_id):
                return
            job = db.session.get(Job, job_id)
            result = HANDLERS[job.kind](job, _progress_writer(job_id))
            job = db.session.get(Job, job_id)
            job.status, job.result, job.finished_at = "done", result, utcnow()
            job.message = "Finished"
            job.done = job.total = max(job.total, 1)
            db.session.commit()
        except Exception as exc:  # a job's failure is shown on its page, never raised
            log.exception("job %s failed", job_id)
            db.session.rollback()
            db.session.execute(
                update(Job)
                .where(Job.id == job_id)
                .values(status="failed", error=f"{type(exc).__name__}: {exc}", finished_at=utcnow())
            )
            db.session.commit()
