"""Views: the review queue of generated questions, with flags and bulk actions."""

from __future__ import annotations

from flask import current_app, flash, redirect, render_template, request, url_for
from sqlalchemy import select
from werkzeug.wrappers import Response

from app import access
from app.authoring import bp, editing
from app.authoring.forms import BulkForm
from app.authoring.review import flags_by_question
from app.extensions import db
from app.models import Question
from app.study.siblings import one_per_sibling_group, question_sibling_key

STATUSES = ("pending", "approved", "rejected")


def _flags(pack_id: int) -> dict:
    live = db.session.scalars(
        select(Question).where(
            Question.pack_id == pack_id,
            Question.deleted_at.is_(None),
            Question.review_status != "rejected",
        )
    ).all()
    rows = [
        {
            "id": q.id,
            "uid": q.uid,
            "fact": q.fact,
            "answer": q.answer,
            "quote_text": q.quote_text,
            "quality": q.quality,
        }
        for q in live
    ]
    threshold = current_app.config["QUIRE_LOW_QUALITY"]
    return flags_by_question(rows, low_quality=threshold)


@bp.get("/packs/<int:pack_id>/review")
@access.author_required
def review(pack_id: int) -> str:
    """Questions waiting for review (or another status), flagged and recommended ones marked."""
    pack = access.editable_pack(pack_id)
    status = request.args.get("status", "pending")
    status = status if status in STATUSES else "pending"
    flags = _flags(pack.id)
    questions, recommended_count = _on_tab(pack, status, flags)
    counts = {
        s: sum(1 for q in pack.questions if q.deleted_at is None and q.review_status == s)
        for s in STATUSES
    }
    form = BulkForm()
    # Every question on the tab already has its status: offer only what would change it.
    redundant = {"approved": "approve", "rejected": "reject"}.get(status)
    form.action.choices = [c for c in form.action.choices if c.value != redundant]
    return render_template(
        "authoring/review.html",
        pack=pack,
        questions=questions,
        flags=flags,
        status=status,
        counts=counts,
        flagged_only=bool(request.args.get("flagged")),
        recommended_only=bool(request.args.get("recommended")),
        recommended_count=recommended_count,
        approve_recommended=status == "pending" and bool(recommended_count),
        positions={q.id: number for number, q in enumerate(questions, start=1)},
        statuses={q.id: q.review_status for q in pack.questions if q.deleted_at is None},
        form=form,
    )


@bp.post("/packs/<int:pack_id>/review")
@access.author_required
def review_bulk(pack_id: int) -> Response:
    """Approve, reject or trash the ticked questions in one go, or approve all recommended."""
    pack = access.editable_pack(pack_id)
    form = BulkForm()
    ids = {int(v) for v in request.form.getlist("question") if v.isdigit()}
    action = form.action.data
    one_action, _, one_id = request.form.get("one", "").partition(":")
    every_recommended = request.form.get("all") == "recommended"
    if every_recommended:
        action, ids = "approve", {q.id for q in _recommended_pending(pack)}
    elif one_action in ("approve", "reject") and one_id.isdigit():
        # A row's own button acts on that row alone, whatever is ticked.
        action, ids = one_action, {int(one_id)}
    chosen = [q for q in pack.questions if q.id in ids and q.deleted_at is None]
    status = request.args.get("status", "pending")
    back = url_for(
        "authoring.review", pack_id=pack.id, status=status if status in STATUSES else "pending"
    )
    if not form.validate_on_submit():
        flash("That form had expired; nothing was changed. Try again.", "warning")
        return redirect(back)
    if not chosen:
        flash("Tick at least one question first.", "info")
        return redirect(back)
    if action == "trash":
        count = editing.trash_questions(chosen)
        flash(f"{count} question{'s' if count != 1 else ''} moved to the trash.", "success")
    elif action == "approve" and (len(chosen) > 1 or every_recommended) and not form.siblings.data:
        _approve_one_per_sentence(pack, chosen)
    else:
        new_status = "approved" if action == "approve" else "rejected"
        count = editing.set_status(chosen, new_status)
        flash(f"{count} question{'s' if count != 1 else ''} {new_status}.", "success")
    return redirect(back)


def _on_tab(pack, status: str, flags: dict) -> tuple[list[Question], int]:
    # What the strict bank would keep comes first: the reviewer's likeliest approvals.
    on_tab = sorted(
        (q for q in pack.questions if q.deleted_at is None and q.review_status == status),
        key=lambda q: not q.recommended,
    )
    shown = [
        q
        for q in on_tab
        if (q.id in flags or not request.args.get("flagged"))
        and (q.recommended or not request.args.get("recommended"))
    ]
    return shown, sum(1 for q in on_tab if q.recommended)


def _recommended_pending(pack) -> list[Question]:
    return [
        q
        for q in pack.questions
        if q.recommended and q.review_status == "pending" and q.deleted_at is None
    ]


def _approve_one_per_sentence(pack, chosen: list[Question]) -> None:
    # Learners would meet one fact twice: the best of each sentence's questions is approved,
    # unless a question of that sentence already is; the others stay pending.
    approved = {
        question_sibling_key(q) for q in pack.questions
        if q.review_status == "approved" and q.deleted_at is None
    }  # fmt: skip
    ranked = sorted(chosen, key=lambda q: (-(q.quality or 0), q.position))
    fresh = [
        q for q in ranked if not question_sibling_key(q) or question_sibling_key(q) not in approved
    ]
    best = one_per_sibling_group(fresh, key=question_sibling_key)
    count = editing.set_status(best, "approved")
    left = len(chosen) - len(best)
    message = f"{count} question{'s' if count != 1 else ''} approved."
    if left:
        message += (
            f" {left} left pending: another question from the same sentence is approved"
            " (tick “Approve several questions from one sentence” to approve them too)."
        )
    flash(message, "success")
