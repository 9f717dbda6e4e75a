"""Self-study in the browser: choosing what to study, the adaptive quiz, flashcards, progress."""

from flask import Blueprint

bp = Blueprint("learn", __name__, url_prefix="/learn")

from app.learn import (  # noqa: E402, F401
    routes,
    routes_aside,
    routes_cards,
    routes_plan,
    routes_progress,
)
