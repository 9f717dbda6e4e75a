"""Instructor views: the classroom's front page, and the checks every instructor view makes.

Every view here needs an instructor (or admin) account, and a quiz or session is visible only to
its owner: anyone else gets the same 404 as for one that does not exist.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from flask import abort, render_template
from flask_login import current_user, login_required
from sqlalchemy import select

from app.classroom import bp
from app.classroom_models import ClassSession, Quiz
from app.extensions import db


def instructor_required(view: Callable[..., Any]) -> Callable[..., Any]:
    """Log in first; then only instructors and admins may continue (others get 403)."""

    @wraps(view)
    @login_required
    def wrapped(*args: Any, **kwargs: Any) -> Any:
        if current_user.role not in ("instructor", "admin"):
            abort(403, description="The classroom is for instructors. Ask an admin for access.")
        return view(*args, **kwargs)

    return wrapped


def owned_quiz(quiz_id: int) -> Quiz:
    """The current user's quiz, or 404."""
    quiz = db.session.get(Quiz, quiz_id)
    if quiz is None or quiz.owner_id != current_user.id:
        abort(404, description="There is no such quiz among yours.")
    return quiz


def owned_session(session_id: int) -> ClassSession:
    """The current user's session, or 404."""
    session = db.session.get(ClassSession, session_id)
    if session is None or session.owner_id != current_user.id:
        abort(404, description="There is no such session among yours.")
    return session


@bp.get("/classroom/")
@instructor_required
def index() -> str:
    """The instructor's quizzes and sessions."""
    quizzes = db.session.scalars(
        select(Quiz).where(Quiz.owner_id == current_user.id).order_by(Quiz.created_at.desc())
    ).all()
    sessions = db.session.scalars(
        select(ClassSession)
        .where(ClassSession.owner_id == current_user.id)
        .order_by(ClassSession.created_at.desc())
    ).all()
    return render_template("classroom/index.html", quizzes=quizzes, sessions=sessions)
