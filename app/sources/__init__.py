"""The home page and the source reader."""

from flask import Blueprint

bp = Blueprint("sources", __name__)

from app.sources import routes  # noqa: E402, F401
