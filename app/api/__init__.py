"""The JSON API, version 1: read-only views of packs, questions, sources and progress."""

from flask import Blueprint

bp = Blueprint("api", __name__, url_prefix="/api/v1")

from app.api import errors, routes  # noqa: E402, F401
