"""Views: my packs, a new pack, a pack's page and settings, and the pack trash."""

from __future__ import annotations

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from sqlalchemy import func, select
from werkzeug.wrappers import Response

from app import access
from app.accounts_models import User
from app.authoring import bp, editing
from app.authoring.forms import ActionForm, PackForm
from app.authoring_models import Job, PackEditor
from app.extensions import db
from app.formats import FORMATS
from app.jobs import display_status, percent
from app.models import Pack, Question


@bp.get("/")
@access.author_required
def index() -> str:
    """The packs I may change, with their question counts."""
    packs = access.packs_of(access.user())
    counts = dict(
        db.session.execute(
            select(Question.pack_id, func.count(Question.id))
            .where(Question.deleted_at.is_(None))
            .group_by(Question.pack_id)
        ).all()
    )
    return render_template("authoring/index.html", packs=packs, counts=counts)


@bp.route("/packs/new", methods=["GET", "POST"])
@access.author_required
def new_pack() -> str | Response:
    """Create a private pack."""
    form = PackForm()
    if form.validate_on_submit():
        pack = editing.create_pack(
            access.user(),
            title=form.title.data.strip(),
            description=(form.description.data or "").strip(),
            language=form.language.data or "en",
        )
        pack.serve_unreviewed = form.serve_unreviewed.data
        pack.new_order = form.new_order.data
        db.session.commit()
        flash(f"Pack “{pack.title}” created. Add a text or a question.", "success")
        return redirect(url_for("authoring.pack", pack_id=pack.id))
    return render_template("authoring/pack_form.html", form=form, pack=None, owner=True)


@bp.get("/packs/<int:pack_id>")
def pack(pack_id: int) -> str:
    """A pack's questions: everything for its editors, the live ones for other readers."""
    pack = db.session.get(Pack, pack_id)
    person = access.user()
    if pack is None or pack.deleted_at is not None or not access.can_read(pack, person):
        abort(404, description="There is no pack with that number that you can read.")
    editor = access.is_editor(pack, person)
    shown = select(Question).where(Question.pack_id == pack.id, Question.deleted_at.is_(None))
    if not editor:
        shown = shown.where(Question.studyable())
    page = db.paginate(
        shown.order_by(Question.position, Question.id),
        page=request.args.get("page", 1, type=int),
        per_page=current_app.config["QUIRE_QUESTIONS_PER_PAGE"],
        error_out=False,
    )
    pending = db.session.scalar(
        select(func.count()).select_from(
            shown.where(Question.review_status == "pending").subquery()
        )
    )
    jobs = []
    if editor:
        jobs = db.session.scalars(
            select(Job).where(Job.pack_id == pack.id).order_by(Job.id.desc()).limit(5)
        ).all()
    return render_template(
        "authoring/pack.html",
        pack=pack,
        page=page,
        editor=editor,
        manager=access.can_manage(pack, person),
        pending=pending,
        jobs=[(job, display_status(job), percent(job)) for job in jobs],
        formats=FORMATS,
        action_form=ActionForm(),
    )


@bp.route("/packs/<int:pack_id>/edit", methods=["GET", "POST"])
@access.author_required
def edit_pack(pack_id: int) -> str | Response:
    """Change a pack's title, description, language, review setting and (its owner) the order
    of new questions."""
    pack = access.editable_pack(pack_id)
    form = PackForm(obj=pack)
    owner = access.can_manage(pack, access.user())
    if form.validate_on_submit():
        # The order new questions come in is the owner's lesson plan: an editor's form has no
        # such field, and a value sent anyway is refused rather than quietly dropped.
        if form.new_order.data != pack.new_order and not owner:
            abort(403, description="Only its owner can change the order of new questions.")
        pack.title = form.title.data.strip()
        pack.description = (form.description.data or "").strip()
        pack.language = form.language.data or "en"
        pack.serve_unreviewed = form.serve_unreviewed.data
        pack.new_order = form.new_order.data
        editing.touch(pack)
        db.session.commit()
        flash("The pack's settings have been saved.", "success")
        return redirect(url_for("authoring.pack", pack_id=pack.id))
    return render_template("authoring/pack_form.html", form=form, pack=pack, owner=owner)


@bp.post("/packs/<int:pack_id>/delete")
@access.author_required
def delete_pack(pack_id: int) -> Response:
    """Move a pack to the trash (it can be restored)."""
    pack = access.editable_pack(pack_id, manage=True)
    if ActionForm().validate_on_submit():
        editing.trash_pack(pack)
        flash(
            f"“{pack.title}” is in the trash. Restore it from there if that was a mistake.", "info"
        )
    return redirect(url_for("authoring.trash"))


@bp.post("/packs/<int:pack_id>/restore")
@access.author_required
def restore_pack(pack_id: int) -> Response:
    """Bring a pack back from the trash."""
    pack = access.editable_pack(pack_id, manage=True, deleted=True)
    if ActionForm().validate_on_submit():
        editing.restore_pack(pack)
        flash(f"“{pack.title}” has been restored.", "success")
    return redirect(url_for("authoring.pack", pack_id=pack.id))


@bp.get("/trash")
@access.author_required
def trash() -> str:
    """Packs I own in the trash, and my packs with questions in the trash."""
    person: User = access.user()
    deleted = select(Pack).where(Pack.deleted_at.is_not(None)).order_by(Pack.deleted_at.desc())
    if person.role != "admin":
        deleted = deleted.where(Pack.owner_id == person.id)
    with_trash = [
        (pack, n)
        for pack in access.packs_of(person)
        if (n := sum(1 for q in pack.questions if q.deleted_at is not None))
    ]
    return render_template(
        "authoring/trash.html",
        packs=db.session.scalars(deleted).all(),
        with_trash=with_trash,
        action_form=ActionForm(),
    )


def editors_of(pack: Pack) -> list[str]:
    """The emails invited to edit the pack, whether or not they have an account (none is said)."""
    stmt = select(PackEditor.email).where(PackEditor.pack_id == pack.id).order_by(PackEditor.email)
    return list(db.session.scalars(stmt))
