"""Forms of the admin pages."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import IntegerField, SelectField, StringField, SubmitField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, NumberRange, Optional

from app.accounts_models import ROLES
from app.admin_models import INVITABLE_ROLES


class RoleForm(FlaskForm):
    """One user's role."""

    role = SelectField("Role", choices=[SelectChoice(role, role.capitalize()) for role in ROLES])
    submit = SubmitField("Save")


class UserSearchForm(FlaskForm):
    """Find people by email or name (a GET form: no CSRF token needed)."""

    class Meta:
        csrf = False

    q = StringField("Email or name", validators=[Optional(), Length(max=254)])
    role = SelectField(
        "Role",
        choices=[SelectChoice("", "Any role")] + [SelectChoice(r, r.capitalize()) for r in ROLES],
        default="",
    )
    page = IntegerField("Page", validators=[Optional(), NumberRange(min=1, max=100_000)])


class InvitationForm(FlaskForm):
    """A new invitation link."""

    role = SelectField(
        "Makes them",
        choices=[SelectChoice(r, r.capitalize()) for r in INVITABLE_ROLES],
        default="instructor",
    )
    max_uses = IntegerField(
        "How many people may use it",
        default=1,
        validators=[DataRequired(), NumberRange(min=1, max=500)],
    )
    days = IntegerField(
        "Valid for (days)", default=7, validators=[DataRequired(), NumberRange(min=1, max=90)]
    )
    note = StringField("Note for yourself", validators=[Optional(), Length(max=120)])
    submit = SubmitField("Create the link")


class ConfirmForm(FlaskForm):
    """A button that changes something: only the CSRF token."""
