"""Instructor views after a session: the report, its CSV, and sending missed questions to study."""

from __future__ import annotations

import re

from flask import abort, flash, redirect, render_template, url_for
from markupsafe import Markup
from werkzeug.wrappers import Response

from app.classroom import bp
from app.classroom.charts import distribution_svg
from app.classroom.export import to_csv
from app.classroom.forms import ConfirmForm
from app.classroom.reports import CSV_HEADER, build_report, csv_rows
from app.classroom.routes import instructor_required, owned_session
from app.classroom.study_link import send_missed_to_study
from app.clock import request_now as now


@bp.app_template_filter("distribution_chart")
def distribution_chart(result) -> Markup:
    """Jinja filter: a question result's answer distribution as inline SVG (labels escaped)."""
    return Markup(distribution_svg(result.bars, f"Answers to question {result.asked.position + 1}"))


@bp.get("/classroom/sessions/<int:session_id>/report")
@instructor_required
def report(session_id: int) -> str:
    """Per-student and per-question results, item analysis, and the most missed questions."""
    session = owned_session(session_id)
    return render_template(
        "classroom/report.html",
        session=session,
        report=build_report(session),
        confirm=ConfirmForm(),
    )


def _filename(title: str) -> str:
    slug = re.sub(r"[^A-Za-z0-9]+", "-", title).strip("-").lower()[:60]
    return f"{slug or 'session'}-results.csv"


@bp.get("/classroom/sessions/<int:session_id>/report.csv")
@instructor_required
def report_csv(session_id: int) -> Response:
    """Every student's answer to every question as CSV, safe to open in a spreadsheet."""
    session = owned_session(session_id)
    body = to_csv(CSV_HEADER, csv_rows(build_report(session)))
    return Response(
        "\ufeff" + body,  # a byte-order mark, so Excel reads the file as UTF-8
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="{_filename(session.title)}"'},
    )


@bp.post("/classroom/sessions/<int:session_id>/send-to-study")
@instructor_required
def send_to_study(session_id: int) -> Response:
    """Put each logged-in student's missed questions at the front of their study queue."""
    session = owned_session(session_id)
    if not ConfirmForm().validate_on_submit():
        abort(400, description="That button's form was incomplete. Reload the page and try again.")
    sent = send_missed_to_study(session, now())
    if sent.students:
        flash(
            f"Queued {sent.cards} missed questions for {sent.students} students; they will see "
            "them first the next time they study.",
            "success",
        )
    else:
        flash(
            "No questions were queued: only students who were logged in when they joined have a "
            "study queue, and none of them missed a question.",
            "info",
        )
    return redirect(url_for("classroom.report", session_id=session.id))
