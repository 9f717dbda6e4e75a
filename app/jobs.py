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
Handler = Callable[[Job, "JobProgress"], dict[str, Any]]
HANDLERS: dict[str, Handler] = {}
WORKER = f"{socket.gethostname()}:{os.getpid()}"
PROGRESS_INTERVAL_S = 0.5


class JobError(Exception):
    """A job's failure whose message is written for the user (shown as it is on the job page)."""


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


def enqueue(
    kind: str,
    *,
    owner_id: int | None,
    pack_id: int | None,
    payload: dict,
    upload: bytes | None = None,
) -> Job:
    """Store a new job (with the uploaded file it reads, if any) and put it on the queue."""
    job = Job(
        upload=upload,
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


STEPS = 1000  # a job's progress is stored in thousandths, so stages can share the bar


class JobProgress:
    """Writes a job's progress to its row (at most every PROGRESS_INTERVAL_S, and whenever
    the stage changes); `stage` hands a step its share of the bar, so the bar moves steadily
    through reading, generating and storing instead of jumping when one step ends."""

    def __init__(self, job_id: int) -> None:
        self.job_id = job_id
        self.last = 0.0
        self.message = "Working"

    def __call__(self, done: int, total: int) -> None:
        """Report `done` of `total` for the whole job, under the current stage's message."""
        self.write(done, total, self.message)

    def write(self, done: int, total: int, message: str, force: bool = False) -> None:
        """Store the progress now if enough time has passed, the stage changed, or it is done."""
        moment = time.monotonic()
        changed = message != self.message
        if not (force or changed) and moment - self.last < PROGRESS_INTERVAL_S and done < total:
            return
        # A stage's opening write leaves the clock alone: the step's first report still lands.
        if not force:
            self.last = moment
        self.message = message
        db.session.execute(
            update(Job)
            .where(Job.id == self.job_id)
            .values(done=done, total=total, heartbeat_at=utcnow(), message=message)
        )
        db.session.commit()

    def stage(self, message: str, start: float, end: float) -> Progress:
        """A Progress for one step that fills the bar from `start` to `end` (fractions)."""
        self.write(int(STEPS * start), STEPS, message, force=True)

        def report(done: int, total: int) -> None:
            share = min(1.0, done / total) if total else 0.0
            self.write(int(STEPS * (start + (end - start) * share)), STEPS, message)

        return report


def run_job(app: Flask, job_id: int) -> None:
    """Claim and run one job, recording its result or its error."""
    with app.app_context():
        try:
            if not _claim(job_id):
                return
            job = db.session.get(Job, job_id)
            result = HANDLERS[job.kind](job, JobProgress(job_id))
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
                .values(status="failed", error=_error_text(exc), finished_at=utcnow())
            )
            db.session.commit()


def _error_text(exc: Exception) -> str:
    # A JobError says what went wrong in the user's words; anything else is a bug, named.
    return str(exc) if isinstance(exc, JobError) else f"{type(exc).__name__}: {exc}"
