"""Operations: the health check, request logs, security headers and proxy settings."""

from flask import Blueprint

bp = Blueprint("ops", __name__)

from app.ops import health  # noqa: E402, F401
