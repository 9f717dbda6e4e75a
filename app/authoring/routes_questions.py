"""Views: write and edit questions (quote chosen in the source), history, trash and restore."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from werkzeug.wrappers import Response
from wtforms.fields.choices import SelectChoice

from app import access
from app.authoring import bp, editing
from app.authoring.forms import ActionForm, QuestionForm
from app.authoring.packdata import form_values
from app.authoring.question_fields import QUESTION_TYPES, build_draft
from app.extensions import db
from app.models import Pack, Question
from app.passages import paragraphs
from app.versions import history as version_history


def _source_panel(pack: Pack, form: QuestionForm) -> dict:
    texts = {s.id: s for s in pack.sources}
    form.source_id.choices = [SelectChoice(s.id, s.title) for s in pack.sources]
    source = texts.get(form.source_id.data) or (pack.sources[0] if pack.sources else None)
    if source is None:
        return {"source": None, "paragraphs": []}
    form.source_id.data = source.id
    highlight = None
    start, end = (form.quote_start.data or "").strip(), (form.quote_end.data or "").strip()
    if start.isdigit() and end.isdigit() and 0 <= int(start) < int(end) <= len(source.text):
        highlight = (int(start), int(end))
    return {"source": source, "paragraphs": paragraphs(source.text, highlight)}


def _edit_page(pack: Pack, form: QuestionForm, question: Question | None) -> str:
    panel = _source_panel(pack, form)
    return render_template(
        "authoring/question_form.html", pack=pack, form=form, question=question, **panel
    )


def _draft(pack: Pack, form: QuestionForm):
    """Validate the form; None when it is only asking to show another source."""
    form.source_id.choices = [SelectChoice(s.id, s.title) for s in pack.sources]
    if "show_source" in request.form or not form.validate_on_submit():
        return None
    draft = build_draft(form.values(), {s.id: s.text for s in pack.sources})
    form.add_errors(draft.errors)
    return None if draft.errors else draft


@bp.route("/packs/<int:pack_id>/questions/new", methods=["GET", "POST"])
@access.author_required
def new_question(pack_id: int) -> str | Response:
    """Write a question of any type, quoting one of the pack's sources."""
    pack = access.editable_pack(pack_id)
    if not pack.sources:
        flash("Upload a text first: every question quotes the text it comes from.", "info")
        return redirect(url_for("authoring.upload", pack_id=pack.id))
    form = QuestionForm()
    if request.method == "GET" and request.args.get("type") in QUESTION_TYPES:
        form.type.data = request.args["type"]
    draft = _draft(pack, form) if request.method == "POST" else None
    if draft is not None:
        question = editing.add_question(pack, draft.fields)
        flash("The question has been added.", "success")
        target = "authoring.new_question" if "save_and_new" in request.form else "authoring.pack"
        anchor = None if target == "authoring.new_question" else f"q{question.id}"
        return redirect(url_for(target, pack_id=pack.id, _anchor=anchor))
    return _edit_page(pack, form, None)


@bp.route("/questions/<int:question_id>/edit", methods=["GET", "POST"])
@access.author_required
def edit_question(question_id: int) -> str | Response:
    """Edit a question; if learners answered it, their answers keep the version they saw."""
    question = access.editable_question(question_id)
    pack = question.pack
    form = QuestionForm(data=form_values(question)) if request.method == "GET" else QuestionForm()
    draft = _draft(pack, form) if request.method == "POST" else None
    if draft is not None:
        if editing.update_question(question, draft.fields):
            flash(f"Saved as version {question.version}.", "success")
        else:
            flash("Nothing changed.", "info")
        back = request.args.get("back") == "review"
        target = (
            url_for("authoring.review", pack_id=pack.id)
            if back
            else url_for("authoring.pack", pack_id=pack.id, _anchor=f"q{question.id}")
        )
        return redirect(target)
    return _edit_page(pack, form, question)


@bp.get("/questions/<int:question_id>/history")
@access.author_required
def history(question_id: int) -> str:
    """Every stored version of a question, newest first."""
    question = access.editable_question(question_id, deleted=True)
    return render_template(
        "authoring/history.html",
        question=question,
        versions=version_history(db.session, question.id),
    )


@bp.post("/questions/<int:question_id>/delete")
@access.author_required
def delete_question(question_id: int) -> Response:
    """Move a question to the trash."""
    question = access.editable_question(question_id)
    if ActionForm().validate_on_submit():
        editing.trash_questions([question])
        flash("The question is in the trash; restore it from there if need be.", "info")
    return redirect(url_for("authoring.pack", pack_id=question.pack_id))


@bp.post("/questions/<int:question_id>/restore")
@access.author_required
def restore_question(question_id: int) -> Response:
    """Bring a question back from the trash."""
    question = access.editable_question(question_id, deleted=True)
    if question.pack.deleted_at is not None:
        abort(409, description="Restore the question's pack first.")
    if ActionForm().validate_on_submit():
        editing.restore_question(question)
        flash("The question has been restored.", "success")
    return redirect(url_for("authoring.pack_trash", pack_id=question.pack_id))


@bp.get("/packs/<int:pack_id>/trash")
@access.author_required
def pack_trash(pack_id: int) -> str:
    """A pack's questions in the trash."""
    pack = access.editable_pack(pack_id)
    deleted = sorted(
        (q for q in pack.questions if q.deleted_at is not None),
        key=lambda q: q.deleted_at,
        reverse=True,
    )
    return render_template(
        "authoring/pack_trash.html", pack=pack, questions=deleted, action_form=ActionForm()
    )
