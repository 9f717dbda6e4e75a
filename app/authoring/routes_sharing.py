"""Views: who reads a pack (private, by link, public), its editors, and the shared page."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from werkzeug.wrappers import Response

from app import access
from app.accounts_models import User
from app.authoring import bp, editing
from app.authoring.forms import ActionForm, EditorForm, ShareForm
from app.authoring.routes_packs import editors_of
from app.authoring_models import PackEditor
from app.extensions import db
from app.models import Pack


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
    """Let another instructor, named by email, change the pack."""
    pack = access.editable_pack(pack_id, manage=True)
    form = EditorForm()
    if form.validate_on_submit():
        person = db.session.scalar(User.select_by_email(form.email.data))
        if (
            access.is_author(person)
            and person.id != pack.owner_id
            and db.session.get(PackEditor, (pack.id, person.id)) is None
        ):
            db.session.add(PackEditor(pack_id=pack.id, user_id=person.id))
            db.session.commit()
        # One answer whether or not the email has an account, and of which kind, so the form
        # cannot be used to learn who is registered.
        flash(
            f"If {form.email.data.strip()} has an instructor account on this Quire, they can "
            "now edit this pack (see the list of editors).",
            "info",
        )
        return redirect(url_for("authoring.sharing", pack_id=pack.id))
    return _sharing_page(pack, ShareForm(visibility=pack.visibility), form)


@bp.post("/packs/<int:pack_id>/editors/<int:user_id>/remove")
@access.author_required
def remove_editor(pack_id: int, user_id: int) -> Response:
    """Stop an editor from changing the pack."""
    pack = access.editable_pack(pack_id, manage=True)
    row = db.session.get(PackEditor, (pack.id, user_id))
    if row is not None and ActionForm().validate_on_submit():
        db.session.delete(row)
        db.session.commit()
        flash("The editor was removed.", "success")
    return redirect(url_for("authoring.sharing", pack_id=pack.id))


@bp.get("/shared/<token>")
def shared(token: str) -> str:
    """A pack shared by link: its questions, answers and quotes, read-only."""
    pack = db.session.scalar(db.select(Pack).where(Pack.share_token == token))
    if pack is None or pack.deleted_at is not None or pack.visibility == "private":
        abort(404, description="That share link does not work (any more). Ask for a new one.")
    questions = [
        q
        for q in pack.questions
        if q.deleted_at is None
        and (
            q.review_status == "approved"
            or (q.review_status == "pending" and pack.serve_unreviewed)
        )
    ]
    return render_template("authoring/shared.html", pack=pack, questions=questions)
