"""Instructor views of a running session: the host screen with its join QR code, and controls."""

from __future__ import annotations

from collections.abc import Callable

import segno
from flask import abort, flash, redirect, render_template, url_for
from markupsafe import Markup
from werkzeug.wrappers import Response

from app.classroom import bp
from app.classroom.controls import (
    active_players,
    advance,
    current_question,
    end,
    remove_player,
    reveal,
)
from app.classroom.forms import ConfirmForm, ControlForm
from app.classroom.live_state import host_state
from app.classroom.reports import build_report
from app.classroom.routes import instructor_required, owned_session
from app.classroom.services import ClassroomError
from app.clock import request_now as now


def qr_svg(url: str) -> Markup:
    """The join link as an inline SVG QR code (segno escapes nothing we pass it but the URL)."""
    qr = segno.make(url, error="m")
    return Markup(qr.svg_inline(scale=5, border=2, dark="#000", light="#fff", title="Join link"))


@bp.get("/classroom/sessions/<int:session_id>")
@instructor_required
def host(session_id: int) -> str:
    """The host screen: join code and QR, players, the question and its results."""
    session = owned_session(session_id)
    moment = now()
    asked = current_question(session)
    join_url = url_for("classroom.join", code=session.join_code, _external=True)
    report = build_report(session) if session.phase in ("reveal", "ended", "open") else None
    result = None
    if report is not None and asked is not None:
        result = next((q for q in report.questions if q.asked.id == asked.id), None)
    return render_template(
        "classroom/host.html",
        session=session,
        asked=asked,
        state=host_state(session, moment),
        players=active_players(session.id),
        join_url=join_url,
        qr=qr_svg(join_url) if session.join_code else None,
        report=report,
        result=result,
        control=ControlForm(version=session.version),
    )


@bp.get("/classroom/sessions/<int:session_id>/players")
@instructor_required
def host_players(session_id: int) -> str:
    """The host screen's player list alone, for the lobby and the question screen to redraw in
    place as players join (with the player count the question's "answered of" line shows)."""
    session = owned_session(session_id)
    return render_template(
        "classroom/_players.html", session=session, players=active_players(session.id)
    )


def _control(session_id: int, action: Callable[..., bool], done: str) -> Response:
    session = owned_session(session_id)
    form = ControlForm()
    if not form.validate_on_submit():
        abort(400, description="That button's form was incomplete. Reload the page and try again.")
    try:
        moved = action(session, form.version.data, now())
    except ClassroomError as error:
        flash(str(error), "error")
    else:
        if not moved:
            flash("The session had already moved on (another tab or a double click).", "info")
        elif done:
            flash(done, "info")
    return redirect(url_for("classroom.host", session_id=session.id))


@bp.post("/classroom/sessions/<int:session_id>/next")
@instructor_required
def next_question(session_id: int) -> Response:
    """Open the next question (the first one, from the lobby)."""
    return _control(session_id, advance, "")


@bp.post("/classroom/sessions/<int:session_id>/reveal")
@instructor_required
def show_results(session_id: int) -> Response:
    """Close the question and show the distribution, the answer and the quote."""
    return _control(session_id, reveal, "")


@bp.post("/classroom/sessions/<int:session_id>/end")
@instructor_required
def end_session(session_id: int) -> Response:
    """End the session now."""
    return _control(session_id, end, "The session has ended. The report is ready.")


@bp.post("/classroom/sessions/<int:session_id>/players/<int:player_id>/remove")
@instructor_required
def remove(session_id: int, player_id: int) -> Response:
    """Remove a player from the session."""
    session = owned_session(session_id)
    if not ConfirmForm().validate_on_submit():
        abort(400, description="That button's form was incomplete. Reload the page and try again.")
    player = remove_player(session, player_id, now())
    if player is None:
        abort(404, description="There is no such player in this session.")
    flash(f"{player.nickname} has been removed from the session.", "info")
    return redirect(url_for("classroom.host", session_id=session.id))
