"""Views: the question bank, filtered and paginated."""

from __future__ import annotations

from flask import abort, current_app, render_template, request

from app import visibility
from app.bank import bp
from app.bank.forms import BankFilterForm
from app.choices import label
from app.extensions import db
from app.models import Question


@bp.app_template_filter("label")
def label_filter(value: str) -> str:
    """Jinja filter: a code like "true_false" as "True false"."""
    return label(value)


@bp.get("/bank")
def index() -> str:
    """List questions with their answers and quotes, filtered by source, kind and type."""
    form = BankFilterForm(request.args)
    # The bank lists studyable questions, so its filter offers what everyone may see.
    form.set_sources(db.session.execute(visibility.source_options(None)).all())
    if not form.validate():
        abort(400, description=form.error_message())
    stmt = Question.select_filtered(
        source_id=form.source.data or None, kind=form.kind.data or None, type=form.type.data or None
    )
    number = form.page.data or 1
    page = db.paginate(
        stmt,
        page=number,
        per_page=current_app.config["QUIRE_QUESTIONS_PER_PAGE"],
        error_out=False,
    )
    if number > max(page.pages, 1):
        abort(404, description=_past_the_end(number, page.pages))
    return render_template("bank/index.html", form=form, page=page, filters=form.filters())


def _past_the_end(number: int, pages: int) -> str:
    if pages == 0:
        return f"There is no page {number}: no question matches these filters."
    plural = "page" if pages == 1 else "pages"
    return f"There is no page {number}: the bank has {pages} {plural} with these filters."
