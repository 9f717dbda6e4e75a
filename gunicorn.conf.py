"""gunicorn settings for Quire: `gunicorn -c gunicorn.conf.py` (see README, "Deploying").

Every value can be changed through the environment; the defaults suit one small machine.
"""

from __future__ import annotations

import gc
import os
from pathlib import Path


def _number(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    return int(value) if value else default


wsgi_app = "app.wsgi:app"
# These workers serve pages only; background jobs (question generation, spaCy) run in
# `quire worker`, a process of its own (README, "Deploying", step 5).
# Behind a load balancer, listen on the address it reaches: QUIRE_BIND=0.0.0.0:8000.
bind = [address.strip() for address in os.environ.get("QUIRE_BIND", "127.0.0.1:8000").split(",")]
# Threads suit Quire's work (short requests waiting on the database, live pages polling).
worker_class = "gthread"
workers = _number("QUIRE_WORKERS", 2 * (os.cpu_count() or 1))
threads = _number("QUIRE_THREADS", 4)
timeout = _number("QUIRE_TIMEOUT", 30)
graceful_timeout = 30
# A little longer than usual load balancers keep idle connections open.
keepalive = 75
# Workers are replaced now and then, so a slow leak never grows for long. Not too often: a class
# polling the live state makes hundreds of requests a second, and each new worker spends about a
# second of CPU building the app while the others serve the class.
max_requests = _number("QUIRE_MAX_REQUESTS", 50000)
max_requests_jitter = max_requests // 10
# Each worker builds its own app and database engine: connections are never shared by forks.
preload_app = False
proc_name = "quire"
# The app writes one JSON line per request itself (app/ops/request_log.py).
accesslog = None
errorlog = "-"
loglevel = os.environ.get("QUIRE_LOG_LEVEL", "info")
# Worker heartbeats in memory, not on a disk that may stall.
if Path("/dev/shm").is_dir():
    worker_tmp_dir = "/dev/shm"


def post_worker_init(_worker) -> None:
    """Once the worker has built the app: move everything built so far out of the GC's sight."""
    # The app's hundred thousand long-lived objects would otherwise be walked on every full
    # collection, pausing all of the worker's threads for tens of milliseconds mid-request.
    gc.freeze()
