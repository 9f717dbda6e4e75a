"""The job queue, on huey: a SQLite file in the instance folder by default, Redis with REDIS_URL.

The web processes only put job ids on the queue; `quire worker` (a separate process, on this
machine or, with Redis, on any other) takes them off and runs them, so the web workers never
load spaCy and a generation never competes with page requests. `quire run` starts one worker
as its child. Tests run the queue in huey's immediate mode: a job runs as it is submitted.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from flask import Flask, current_app
from huey import Huey, MemoryHuey, RedisHuey, SqliteHuey
from huey.api import TaskWrapper

from app.config import site_prefix

EXTENSION = "quire_queue"
log = logging.getLogger(__name__)


def queue_name(config: Mapping[str, Any]) -> str:
    """QUIRE_QUEUE_NAME, else "quire-" and a digest of the database the site's jobs are in.

    Every process of one site reaches the same database, and two sites never share one, so
    sites on one Redis get queues of their own with nothing to set. The user name and password
    are left out: rotating them must not move the queue.
    """
    if config.get("QUIRE_QUEUE_NAME"):
        return config["QUIRE_QUEUE_NAME"]
    return site_prefix(config["SQLALCHEMY_DATABASE_URI"])


def make_huey(app: Flask) -> Huey:
    """The huey instance the app's settings describe."""
    config = app.config
    name = queue_name(config)
    if config["QUIRE_QUEUE_IMMEDIATE"]:
        return MemoryHuey(name, immediate=True, results=False)
    if config["REDIS_URL"]:
        # Jobs report through the `jobs` table, so huey keeps no results.
        return RedisHuey(name, url=config["REDIS_URL"], results=False)
    path = config["QUIRE_QUEUE_FILE"] or str(Path(app.instance_path) / "queue.sqlite")
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    return SqliteHuey(name, filename=path, results=False)


def init_app(app: Flask) -> None:
    """Build the app's queue and register the one task it runs: a stored job, by id."""
    huey = make_huey(app)

    @huey.task(name="run_job")
    def run_job_task(job_id: int) -> None:
        from app.jobs import run_job  # app.jobs submits through this module

        run_job(app, job_id)

    app.extensions[EXTENSION] = (huey, run_job_task)


def _queue() -> tuple[Huey, TaskWrapper]:
    return current_app.extensions[EXTENSION]


def huey_of(app: Flask) -> Huey:
    """The app's huey instance (for the worker and the tests)."""
    return app.extensions[EXTENSION][0]


def submit(job_id: int) -> None:
    """Put a stored job on the queue."""
    _, task = _queue()
    task(job_id)


def is_immediate() -> bool:
    """Whether jobs run as they are submitted (tests)."""
    return _queue()[0].immediate


def run_worker(app: Flask, workers: int) -> None:
    """Run a huey consumer for `app` until it is stopped (SIGINT or SIGTERM)."""
    huey = huey_of(app)
    if huey.immediate:
        raise RuntimeError("QUIRE_QUEUE_IMMEDIATE is set: there is no queue for a worker to read.")
    # Threads: a job spends its time in spaCy and the database, and one model per process is
    # loaded once and shared by them.
    consumer = huey.create_consumer(workers=workers, worker_type="thread", periodic=False)
    log.info("quire worker: %d thread(s) on %s", workers, type(huey.storage).__name__)
    consumer.run()
