"""Classroom: saved quizzes, live sessions with join codes, assignments, and their reports."""

from flask import Blueprint

bp = Blueprint("classroom", __name__)

from app.classroom import (  # noqa: E402, F401
    live,
    play,
    report_routes,
    routes,
    routes_host,
    routes_quizzes,
)
