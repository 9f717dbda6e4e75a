"""Views: upload a text to a pack, and follow (or retry) its generation job."""

from __future__ import annotations

from pathlib import PurePath

from flask import abort, current_app, flash, jsonify, redirect, render_template, request, url_for
from werkzeug.exceptions import RequestEntityTooLarge
from werkzeug.wrappers import Response

from app import access, jobs
from app.authoring import bp
from app.authoring.forms import ActionForm, ImportForm, UploadForm
from app.authoring_models import Job
from app.error_pages import client_error
from app.extensions import db
from app.extraction.errors import MB, ExtractError
from app.extraction.files import SIZE_LIMITS, check_file


def _size(count: int) -> str:
    if count >= MB:
        return f"{count / MB:.1f} MB".replace(".0 MB", " MB")
    return f"{count // 1024} KB" if count >= 1024 else f"{count} bytes"


@bp.route("/packs/<int:pack_id>/upload", methods=["GET", "POST"])
@access.author_required
def upload(pack_id: int) -> str | Response:
    """Add a text (.txt .md .html .pdf .docx) to the pack, and generate its questions, in a job."""
    pack = access.editable_pack(pack_id)
    form = UploadForm()
    if form.validate_on_submit():
        storage = form.file.data
        name = PurePath(storage.filename or "upload.txt").name
        data = storage.read()
        try:
            check_file(data, name)
        except ExtractError as error:
            form.file.errors.append(str(error))
        else:
            # Reading the text (a PDF's pages take a while) is the worker's job: the request
            # only stores the file, so it returns at once with the job's page.
            job = jobs.enqueue(
                "upload",
                owner_id=access.user().id,
                pack_id=pack.id,
                payload={
                    "file_name": name,
                    "title": (form.title.data or "").strip(),
                    "generate": bool(form.generate.data),
                },
                upload=data,
            )
            return redirect(url_for("authoring.job", job_id=job.id))
    return render_template(
        "authoring/upload.html", pack=pack, form=form, limits=sorted(SIZE_LIMITS.items())
    )


def _job(job_id: int) -> Job:
    job = db.session.get(Job, job_id)
    if job is None or job.pack_id is None:
        abort(404, description="There is no job with that number.")
    access.editable_pack(job.pack_id)
    return job


@bp.get("/jobs/<int:job_id>")
@access.author_required
def job(job_id: int) -> str:
    """A job's progress (the page reloads itself while the job runs, script or not)."""
    job = _job(job_id)
    status = jobs.display_status(job)
    return render_template(
        "authoring/job.html",
        job=job,
        heading="Generating questions"
        if job.kind == "generate" or job.payload.get("generate")
        else "Adding a text",
        status=status,
        percent=jobs.percent(job),
        action_form=ActionForm(),
    )


@bp.get("/jobs/<int:job_id>.json")
@access.author_required
def job_json(job_id: int) -> Response:
    """A job's state for the progress bar's script."""
    job = _job(job_id)
    return jsonify(
        id=job.id,
        status=jobs.display_status(job),
        percent=jobs.percent(job),
        message=job.message,
        error=job.error,
        result=job.result,
        review_url=url_for("authoring.review", pack_id=job.pack_id),
    )


@bp.post("/jobs/<int:job_id>/retry")
@access.author_required
def retry_job(job_id: int) -> Response:
    """Run a failed or interrupted job again."""
    job = _job(job_id)
    if not ActionForm().validate_on_submit():
        abort(400, description="The retry form had expired. Reload the page and try again.")
    if jobs.display_status(job) not in ("failed", "interrupted"):
        flash("That job is not stopped, so it was not started again.", "info")
    else:
        jobs.retry(job)
        flash("The job has been started again.", "info")
    return redirect(url_for("authoring.job", job_id=job.id))


@bp.errorhandler(RequestEntityTooLarge)
def too_large(error: RequestEntityTooLarge) -> tuple[str, int]:
    """An upload over the site's limit: the same form again, saying how large is allowed."""
    limit = current_app.config["MAX_CONTENT_LENGTH"]
    sent = request.content_length or 0
    message = (
        f"That file is {_size(sent)}; the largest upload is {_size(limit)}. "
        "Choose a smaller file (or split it)."
    )
    if request.endpoint == "authoring.upload":
        pack = access.editable_pack(request.view_args["pack_id"])
        form = UploadForm(formdata=None)
        form.file.errors = [message]
        page = render_template(
            "authoring/upload.html", pack=pack, form=form, limits=sorted(SIZE_LIMITS.items())
        )
        return page, 413
    if request.endpoint == "authoring.import_file":
        form = ImportForm(formdata=None)
        form.file.errors = [message]
        return render_template("authoring/import.html", form=form, result=None, confirm=None), 413
    return client_error(error)
