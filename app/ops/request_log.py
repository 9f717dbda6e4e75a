"""One JSON line per request: method, path, status, duration and a request id.

Only these fields are written, never the query string, the body, cookies or headers other than
the user agent, so no password, CSRF token, join token or session cookie can reach the log.
"""

from __future__ import annotations

import json
import logging
import re
import sys
import time
import uuid
from typing import Any

from flask import Flask, g, request
from werkzeug.wrappers import Response

from app.clock import utcnow

LOGGER_NAME = "quire.requests"
REQUEST_ID_HEADER = "X-Request-ID"
# An id from the load balancer is kept when it looks like one; anything else is replaced.
_INCOMING_ID = re.compile(r"[A-Za-z0-9._:-]{8,128}")


class _StderrHandler(logging.StreamHandler):
    """Writes to whatever sys.stderr is at the time (gunicorn and pytest both replace it)."""

    def __init__(self) -> None:
        super().__init__(sys.stderr)

    @property
    def stream(self) -> Any:  # type: ignore[override]
        return sys.stderr

    @stream.setter
    def stream(self, _value: Any) -> None:
        pass


def request_logger() -> logging.Logger:
    """The logger of request lines, with a handler to stderr added once per process."""
    logger = logging.getLogger(LOGGER_NAME)
    if not any(isinstance(handler, _StderrHandler) for handler in logger.handlers):
        handler = _StderrHandler()
        handler.setFormatter(logging.Formatter("%(message)s"))
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)
        # The message is already the whole JSON line; the root logger would add a prefix.
        logger.propagate = False
    return logger


def _new_request_id() -> str:
    incoming = request.headers.get(REQUEST_ID_HEADER, "")
    return incoming if _INCOMING_ID.fullmatch(incoming) else uuid.uuid4().hex


def request_id() -> str:
    """The current request's id: the load balancer's X-Request-ID, or a new random one."""
    if "request_id" not in g:
        g.request_id = _new_request_id()
    return g.request_id


def log_fields(response: Response, duration_ms: float) -> dict[str, Any]:
    """What the line for this request says."""
    user = g.get("_login_user")
    return {
        "time": utcnow().isoformat(timespec="milliseconds"),
        "event": "request",
        "request_id": request_id(),
        "method": request.method,
        "path": request.path,
        "status": response.status_code,
        "duration_ms": round(duration_ms, 1),
        "remote_addr": request.remote_addr,
        "user_id": getattr(user, "id", None) if getattr(user, "is_authenticated", False) else None,
        "user_agent": request.user_agent.string[:200] or None,
    }


def request_logging_on(app: Flask) -> bool:
    """Whether the app logs a JSON line per request: QUIRE_REQUEST_LOG, else on unless testing."""
    enabled = app.config.get("QUIRE_REQUEST_LOG")
    return (not app.testing) if enabled is None else bool(enabled)


def init_request_log(app: Flask) -> None:
    """Time every request, give it an id (echoed in X-Request-ID) and log it when enabled."""
    logger = request_logger() if request_logging_on(app) else None

    @app.before_request
    def _start_clock() -> None:
        g.request_started = time.perf_counter()
        # Set anew each time: a test client's requests can share one `g`.
        g.request_id = _new_request_id()

    @app.after_request
    def _log_request(response: Response) -> Response:
        response.headers.setdefault(REQUEST_ID_HEADER, request_id())
        if logger is not None:
            started = g.get("request_started", time.perf_counter())
            fields = log_fields(response, (time.perf_counter() - started) * 1000)
            logger.info(json.dumps(fields, separators=(",", ":")))
        return response
