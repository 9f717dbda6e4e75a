"""Views: import a file (preview first, then all or nothing) and export a pack in any format."""

from __future__ import annotations

import secrets
from pathlib import PurePath

from flask import Response, abort, current_app, flash, redirect, render_template, url_for
from sqlalchemy import delete, select
from sqlalchemy.exc import SQLAlchemyError

from app import access
from app.authoring import bp, transfer
from app.authoring.forms import ConfirmForm, ImportForm
from app.authoring.import_limits import ImportLimits
from app.authoring_models import StagedImport
from app.extensions import db
from app.formats import FORMATS
from app.models import Pack
from app.packs.errors import PackValidationError
from app.packs.importer import import_pack


def _limits() -> ImportLimits:
    return ImportLimits.from_config(current_app.config)


@bp.route("/import", methods=["GET", "POST"])
@access.author_required
def import_file() -> str:
    """Upload a file and see what importing it would do (nothing is stored yet)."""
    form = ImportForm()
    result, confirm = None, None
    if form.validate_on_submit():
        storage = form.file.data
        name = PurePath(storage.filename or "upload").name
        data = storage.read()
        # Large uploads are spooled to a temporary file: close it now, whatever happens next.
        storage.close()
        result = transfer.preview(
            data, name, form.fmt.data or None, user_id=access.user().id, limits=_limits()
        )
        if result.ok:
            person = access.user()
            # Drop this user's older previews: only the newest can be confirmed.
            db.session.execute(delete(StagedImport).where(StagedImport.owner_id == person.id))
            staged = StagedImport(
                token=secrets.token_urlsafe(24),
                owner_id=person.id,
                filename=name,
                fmt=result.fmt,
                data=data,
            )
            db.session.add(staged)
            db.session.commit()
            confirm = ConfirmForm(formdata=None, token=staged.token)
    return render_template("authoring/import.html", form=form, result=result, confirm=confirm)


@bp.post("/import/confirm")
@access.author_required
def confirm_import() -> Response | str:
    """Import the previewed file as a new private pack, all or nothing."""
    form = ConfirmForm()
    person = access.user()
    staged = None
    if form.validate_on_submit():
        staged = db.session.scalar(
            select(StagedImport).where(
                StagedImport.token == form.token.data, StagedImport.owner_id == person.id
            )
        )
    if staged is None:
        flash("That preview has expired or was replaced. Upload the file again.", "warning")
        return redirect(url_for("authoring.import_file"))
    result = transfer.preview(
        staged.data, staged.filename, staged.fmt, user_id=person.id, limits=_limits()
    )
    if result.ok:
        texts = {s["id"]: s["text"] for s in result.pack["sources"]}
        try:
            pack = import_pack(
                result.pack,
                texts,
                filename=staged.filename,
                owner_id=person.id,
                visibility="private",
            )
        except PackValidationError as error:
            result.errors = list(error.errors)
        except SQLAlchemyError:
            # import_pack rolled back: nothing of the pack was stored.
            result.errors = [
                transfer.Problem(
                    staged.filename,
                    "(file)",
                    "The database refused the import; nothing was stored. Upload it again.",
                )
            ]
        else:
            _drop_staged(staged.id)
            count = len(result.pack["questions"])
            flash(
                f"Imported {count} question{'s' if count != 1 else ''} into “{pack.title}”.",
                "success",
            )
            return redirect(url_for("authoring.pack", pack_id=pack.id))
    # A preview that failed cannot be confirmed again: drop it rather than leave it behind.
    _drop_staged(staged.id)
    return render_template(
        "authoring/import.html", form=ImportForm(formdata=None), result=result, confirm=None
    )


def _drop_staged(staged_id: int) -> None:
    db.session.rollback()
    db.session.execute(delete(StagedImport).where(StagedImport.id == staged_id))
    db.session.commit()


@bp.get("/packs/<int:pack_id>/export/<fmt>")
def export(pack_id: int, fmt: str) -> Response:
    """Download the pack in one of the export formats."""
    pack = db.session.get(Pack, pack_id)
    if pack is None or pack.deleted_at is not None or not access.can_read(pack, access.user()):
        abort(404, description="There is no pack with that number that you can read.")
    if fmt not in FORMATS:
        abort(404, description=f"Quire cannot export “{fmt}”. Try one of: {', '.join(FORMATS)}.")
    # Readers who cannot edit the pack get only what learners see.
    questions = (
        None
        if access.is_editor(pack, access.user())
        else [q for q in pack.questions if q.is_studyable]
    )
    body, _losses, filename, mimetype = transfer.export(pack, fmt, questions)
    return Response(
        body,
        mimetype=mimetype,
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )
