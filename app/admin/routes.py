"""Views: the people page (roles), invitations for admins, and accepting an invitation."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required
from werkzeug.wrappers import Response

from app import people
from app.accounts_models import User
from app.admin import bp
from app.admin.forms import ConfirmForm, InvitationForm, RoleForm, UserSearchForm
from app.admin_models import Invitation
from app.clock import request_now
from app.extensions import db, limiter

PEOPLE_PER_PAGE = 50


def admin_required(view: Callable[..., Any]) -> Callable[..., Any]:
    """Log in first; then only admins may continue (others get 403)."""

    @wraps(view)
    @login_required
    def wrapped(*args: Any, **kwargs: Any) -> Any:
        if current_user.is_guest or current_user.role != "admin":
            abort(403, description="The admin pages are for admins.")
        return view(*args, **kwargs)

    return wrapped


@bp.get("/admin/users")
@admin_required
def users() -> str:
    """Everyone with an account, their role and a form to change it."""
    search = UserSearchForm(request.args)
    if not search.validate():
        abort(400, description="Search by at most 254 characters, on a page from 1.")
    page = db.paginate(
        people.people(search.q.data, search.role.data or None),
        page=search.page.data or 1,
        per_page=PEOPLE_PER_PAGE,
        error_out=False,
    )
    return render_template("admin/users.html", search=search, page=page, form=RoleForm())


@bp.post("/admin/users/<int:user_id>/role")
@admin_required
def set_role(user_id: int) -> Response:
    """Make someone a learner, an instructor or an admin."""
    person = db.get_or_404(User, user_id, description="There is no such account.")
    form = RoleForm()
    back = url_for("admin.users", q=request.args.get("q") or None)
    if not form.validate_on_submit():
        flash("Choose learner, instructor or admin.", "warning")
        return redirect(back)
    problem = people.set_role(person, form.role.data, by=current_user._get_current_object())
    if problem:
        flash(problem, "warning")
        return redirect(back)
    db.session.commit()
    flash(
        f"{person.email} is now {'an' if person.role[0] in 'aeiou' else 'a'} {person.role}.",
        "success",
    )
    return redirect(back)


@bp.route("/admin/invitations", methods=["GET", "POST"])
@admin_required
def invitations() -> str:
    """Links that sign someone up (or promote them) as an instructor; shown once when made."""
    form = InvitationForm()
    new_link = None
    if form.validate_on_submit():
        _, token = people.create_invitation(
            role=form.role.data,
            max_uses=form.max_uses.data,
            days=form.days.data,
            note=(form.note.data or "").strip(),
            by=current_user._get_current_object(),
            now=request_now(),
        )
        db.session.commit()
        new_link = url_for("admin.invitation", token=token, _external=True)
        form = InvitationForm(formdata=None)
    return render_template(
        "admin/invitations.html",
        form=form,
        new_link=new_link,
        open=people.open_invitations(request_now()),
        revoke_form=ConfirmForm(),
    )


@bp.post("/admin/invitations/<int:invitation_id>/revoke")
@admin_required
def revoke_invitation(invitation_id: int) -> Response:
    """Stop a link from working."""
    invitation = db.get_or_404(Invitation, invitation_id, description="There is no such link.")
    if ConfirmForm().validate_on_submit() and invitation.revoked_at is None:
        invitation.revoked_at = request_now()
        db.session.commit()
        flash("The link no longer works.", "success")
    return redirect(url_for("admin.invitations"))


def _invite_limit() -> str:
    return current_app.config["QUIRE_JOIN_RATE_LIMIT"]


@bp.route("/invite/<token>", methods=["GET", "POST"])
@limiter.limit(_invite_limit)
def invitation(token: str) -> str | Response:
    """What an invitation offers; a logged-in person accepts it with one button."""
    found = people.invitation_for(token[:64])
    if found is None or not found.usable_at(request_now()):
        abort(
            404,
            description="This invitation link does not work: it was mistyped, has expired, "
            "was used up or was withdrawn. Ask whoever sent it for a new one.",
        )
    form = ConfirmForm()
    signed_in = current_user.is_authenticated and not current_user.is_guest
    if request.method == "POST" and signed_in and form.validate_on_submit():
        role = people.accept(found, current_user._get_current_object())
        db.session.commit()
        flash(f"You are now {'an' if role[0] in 'aeiou' else 'a'} {role} on Quire.", "success")
        return redirect(url_for("authoring.index"))
    return render_template(
        "admin/invitation.html", invitation=found, form=form, signed_in=signed_in, token=token
    )
