"""View: choose what to study (a pack, or part of it by source, kind and tag)."""

from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from sqlalchemy import func, select
from werkzeug.wrappers import Response

from app import visibility
from app.choices import label
from app.extensions import db
from app.learn import bp
from app.learn.forms import PlanForm
from app.learn.pages import MODE_ENDPOINTS
from app.models import Pack, Question
from app.study_service import choosing, context
from app.study_service.candidates import Scope


def _offer(form: PlanForm) -> None:
    # Learners study listed packs only, so every option comes from what everyone may see.
    packs = db.session.execute(
        select(Pack.id, Pack.title).where(visibility.packs(None)).order_by(Pack.title)
    ).all()
    sources = db.session.execute(visibility.source_options(None)).all()
    kinds = db.session.scalars(visibility.question_kinds(None)).all()
    tags = visibility.tags_of(list(db.session.scalars(visibility.question_tags(None))))
    form.offer(
        [(str(pack_id), title) for pack_id, title in packs],
        [(source_id, title) for source_id, title in sources],
        [(kind, label(kind)) for kind in kinds],
        # "source:..." tags repeat the source choice, so they are left to it.
        [(tag, tag) for tag in tags if not tag.startswith("source:")],
    )


@bp.route("/plan", methods=["GET", "POST"])
def plan() -> str | Response:
    """Show the plan form; saving it (which makes a visitor a guest) starts studying."""
    user = context.learner()
    saved = choosing.plan_of(user)
    form = PlanForm()
    _offer(form)
    if form.validate_on_submit():
        user = context.learner(create=True)
        saved = choosing.own_plan(user)
        saved.pack_id = int(form.pack.data) if form.pack.data else None
        saved.source_ids = list(form.sources.data or [])
        saved.kinds = list(form.kinds.data or [])
        saved.tags = list(form.tags.data or [])
        saved.last_mode = form.mode.data
        saved.cram_started_at = None
        db.session.commit()
        count = _count(choosing.scope_of(saved))
        if count == 0:
            flash("No questions match that choice. Tick fewer boxes.", "warning")
            return redirect(url_for("learn.plan"))
        flash(f"Your plan is saved: {count} question{'s' if count != 1 else ''}.", "success")
        return redirect(url_for(MODE_ENDPOINTS[saved.last_mode]))
    if not form.is_submitted() and saved is not None:
        form.pack.data = "" if saved.pack_id is None else str(saved.pack_id)
        form.sources.data = list(saved.source_ids)
        form.kinds.data = list(saved.kinds)
        form.tags.data = list(saved.tags)
        offered = [choice.value for choice in form.mode.choices]
        form.mode.data = saved.last_mode if saved.last_mode in offered else "quiz"
    return render_template("learn/plan.html", form=form)


def _count(scope: Scope) -> int:
    return db.session.scalar(select(func.count(Question.id)).where(*scope.conditions())) or 0
