"""Views: who reads a pack (private, by link, public), its editors, and the shared page."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from werkzeug.wrappers import Response

from app import access
from app.accounts_models import User, normalise_email
from app.authoring import bp, editing
from app.authoring.forms import ActionForm, EditorForm, ShareForm
from app.authoring.routes_packs import editors_of
from app.authoring_models import PackEditor
from app.extensions import db
from app.media_files import file_response
from app.models import Pack, Question


def _sharing_page(pack: Pack, share_form: ShareForm, editor_form: EditorForm) -> str:
    return render_template(
        "authoring/sharing.html",
        pack=pack,
        share_form=share_form,
        editor_form=editor_form,
        editors=editors_of(pack),
        owner=db.session.get(User, pack.owner_id) if pack.owner_id else None,
        action_form=ActionForm(),
    )


@bp.route("/packs/<int:pack_id>/sharing", methods=["GET", "POST"])
@access.author_required
def sharing(pack_id: int) -> str | Response:
    """Choose who can read the pack."""
    pack = access.editable_pack(pack_id, manage=True)
    form = ShareForm(visibility=pack.visibility)
    if form.validate_on_submit():
        pack.visibility = form.visibility.data
        if pack.visibility == "private":
            # Revoked for good: sharing again later makes a new link, never this one.
            pack.share_token = None
        elif pack.visibility == "link" and not pack.share_token:
            pack.share_token = access.new_share_token()
        editing.touch(pack)
        db.session.commit()
        flash("Sharing saved.", "success")
        return redirect(url_for("authoring.sharing", pack_id=pack.id))
    return _sharing_page(pack, form, EditorForm(formdata=None))


@bp.post("/packs/<int:pack_id>/sharing/new-link")
@access.author_required
def new_link(pack_id: int) -> Response:
    """Replace the share link: the old one stops working."""
    pack = access.editable_pack(pack_id, manage=True)
    if ActionForm().validate_on_submit():
        pack.share_token = access.new_share_token()
        db.session.commit()
        flash("A new share link was made; the old link no longer works.", "success")
    return redirect(url_for("authoring.sharing", pack_id=pack.id))


@bp.post("/packs/<int:pack_id>/editors")
@access.author_required
def add_editor(pack_id: int) -> str | Response:
    """Invite an email to change the pack; it binds to that email's instructor account."""
    pack = access.editable_pack(pack_id, manage=True)
    form = EditorForm()
    if form.validate_on_submit():
        email = normalise_email(form.email.data)
        if db.session.get(PackEditor, (pack.id, email)) is None:
            db.session.add(PackEditor(pack_id=pack.id, email=email))
            db.session.commit()
        # One answer, and one line in the list, whether or not the email has an account and of
        # which kind: neither may be used to learn who is registered.
        flash(
            f"{email} is invited to edit this pack: with an instructor account on this Quire, "
            "now or later, it can.",
            "info",
        )
        return redirect(url_for("authoring.sharing", pack_id=pack.id))
    return _sharing_page(pack, ShareForm(visibility=pack.visibility), form)


@bp.post("/packs/<int:pack_id>/editors/remove")
@access.author_required
def remove_editor(pack_id: int) -> Response:
    """Withdraw an email's invitation to change the pack."""
    pack = access.editable_pack(pack_id, manage=True)
    form = EditorForm()
    if form.validate_on_submit():
        email = normalise_email(form.email.data)
        row = db.session.get(PackEditor, (pack.id, email))
        if row is not None:
            db.session.delete(row)
            db.session.commit()
            flash(f"{email} can no longer edit this pack.", "success")
    return redirect(url_for("authoring.sharing", pack_id=pack.id))


def _shared_pack(token: str) -> Pack:
    pack = db.session.scalar(db.select(Pack).where(Pack.share_token == token))
    if pack is None or pack.deleted_at is not None or pack.visibility == "private":
        abort(404, description="That share link does not work (any more). Ask for a new one.")
    return pack


def _shown(question: Question, pack: Pack) -> bool:
    # What the share link shows: live questions, approved (or pending, if the pack serves them).
    return (
        question.pack_id == pack.id
        and question.deleted_at is None
        and (
            question.review_status == "approved"
            or (question.review_status == "pending" and pack.serve_unreviewed)
        )
    )


@bp.get("/shared/<token>")
def shared(token: str) -> str:
    """A pack shared by link: its questions, answers and quotes, read-only."""
    pack = _shared_pack(token)
    questions = [q for q in pack.questions if _shown(q, pack)]
    # The files of its questions come through the link too: /media is for the pack's readers.
    media_base = url_for("authoring.shared", token=token) + "/media"
    return render_template(
        "authoring/shared.html", pack=pack, questions=questions, media_base=media_base
    )


@bp.get("/shared/<token>/media/<int:question_id>/<path:name>")
def shared_media(token: str, question_id: int, name: str) -> Response:
    """A file of a question the share link shows, for whoever has the link."""
    pack = _shared_pack(token)
    question = db.session.get(Question, question_id)
    return file_response(question if question and _shown(question, pack) else None, name)
