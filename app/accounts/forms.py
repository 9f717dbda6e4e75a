"""Forms for signing up, logging in and settings (Flask-WTF, so each carries a CSRF token)."""

from __future__ import annotations

import re
import zoneinfo
from functools import lru_cache

from flask_login import current_user
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    EmailField,
    FloatField,
    IntegerField,
    PasswordField,
    SelectField,
    StringField,
    SubmitField,
)
from wtforms.validators import (
    DataRequired,
    EqualTo,
    InputRequired,
    Length,
    NumberRange,
    ValidationError,
)

from app.passwords import MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH, password_problem

# Deliberately loose: one @, no spaces, a dot in the domain. The real test is whether mail arrives.
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
MIN_RETENTION, MAX_RETENTION = 0.70, 0.97
MAX_DAILY_LIMIT = 9999


AUTO = "auto"


class AutoLimitField(StringField):
    """A daily limit that may be "auto" (or left empty): data None, else a whole number."""

    def _value(self) -> str:
        if self.raw_data:
            return self.raw_data[0]
        return AUTO if self.data is None else str(self.data)

    def process_formdata(self, valuelist: list) -> None:
        if not valuelist:
            return
        text = (valuelist[0] or "").strip().lower()
        if text in ("", AUTO):
            self.data = None
            return
        try:
            self.data = int(text)
        except ValueError:
            self.data = None
            raise ValueError(
                f"Enter {AUTO} or a whole number from 0 to {MAX_DAILY_LIMIT}."
            ) from None
        if not 0 <= self.data <= MAX_DAILY_LIMIT:
            raise ValueError(f"Choose a number from 0 to {MAX_DAILY_LIMIT}, or {AUTO}.")


def _strip(value: str | None) -> str | None:
    return value.strip() if isinstance(value, str) else value


@lru_cache(maxsize=1)
def timezone_choices() -> list[str]:
    """IANA time zone names for the settings menu, UTC first."""
    names = {name for name in zoneinfo.available_timezones() if "/" in name}
    return ["UTC", *sorted(names - {"UTC"})]


def _check_password(form: FlaskForm, field: PasswordField) -> None:
    # What the form knows of the person, so "lee.learner@..." cannot become "leelearner1".
    known = [getattr(form, name).data for name in ("email", "display_name") if name in form]
    if current_user.is_authenticated:
        known += [current_user.email or "", current_user.display_name or ""]
    problem = password_problem(field.data or "", [str(value or "") for value in known])
    if problem:
        raise ValidationError(problem)


def _display_name_field() -> StringField:
    return StringField(
        "Display name",
        filters=[_strip],
        validators=[
            DataRequired("Enter the name other people will see."),
            Length(max=80, message="Use at most 80 characters."),
        ],
        render_kw={"autocomplete": "nickname", "maxlength": 80},
    )


def _new_password_fields(label: str, name: str) -> tuple[PasswordField, PasswordField]:
    # `name` is the attribute the first field is given, for the confirmation to compare with.
    password = PasswordField(
        label,
        validators=[DataRequired("Choose a password."), _check_password],
        render_kw={
            "autocomplete": "new-password",
            "minlength": MIN_PASSWORD_LENGTH,
            "maxlength": MAX_PASSWORD_LENGTH,
        },
    )
    confirm = PasswordField(
        "Repeat the password",
        validators=[
            DataRequired("Type the password again."),
            EqualTo(name, "The two passwords are not the same."),
        ],
        render_kw={"autocomplete": "new-password"},
    )
    return password, confirm


class SignupForm(FlaskForm):
    """Create an account (or turn the current guest into one)."""

    display_name = _display_name_field()
    email = EmailField(
        "Email",
        filters=[_strip],
        validators=[
            DataRequired("Enter your email address."),
            Length(max=254, message="That email address is too long."),
        ],
        render_kw={"autocomplete": "email", "inputmode": "email"},
    )
    password, confirm = _new_password_fields("Password", "password")
    submit = SubmitField("Sign up")

    def validate_email(self, field: EmailField) -> None:
        """Refuse malformed addresses (whether one has an account is never said here)."""
        if not _EMAIL.fullmatch(field.data):
            raise ValidationError("Enter an email address like name@example.org.")


class LoginForm(FlaskForm):
    """Log in with email and password."""

    email = EmailField(
        "Email",
        filters=[_strip],
        validators=[DataRequired("Enter your email address.")],
        render_kw={"autocomplete": "username", "inputmode": "email"},
    )
    password = PasswordField(
        "Password",
        validators=[DataRequired("Enter your password.")],
        render_kw={"autocomplete": "current-password"},
    )
    remember = BooleanField("Keep me logged in on this device")
    submit = SubmitField("Log in")


class SettingsForm(FlaskForm):
    """Display name and study preferences."""

    display_name = _display_name_field()
    desired_retention = FloatField(
        "Desired retention",
        validators=[
            InputRequired("Enter a number such as 0.90."),
            NumberRange(
                MIN_RETENTION,
                MAX_RETENTION,
                f"Choose a value from {MIN_RETENTION:.2f} to {MAX_RETENTION:.2f}.",
            ),
        ],
        render_kw={"step": "0.01", "min": MIN_RETENTION, "max": MAX_RETENTION},
    )
    new_per_day = AutoLimitField("New cards a day", render_kw={"inputmode": "text"})
    reviews_per_day = IntegerField(
        "Reviews a day",
        validators=[
            InputRequired("Enter a whole number."),
            NumberRange(0, MAX_DAILY_LIMIT, f"Choose a number from 0 to {MAX_DAILY_LIMIT}."),
        ],
        render_kw={"min": 0, "max": MAX_DAILY_LIMIT},
    )
    timezone = SelectField("Time zone", validate_choice=True)
    save_settings = SubmitField("Save settings")

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.timezone.choices = timezone_choices()


class PasswordForm(FlaskForm):
    """Change the password, proving the current one first."""

    current_password = PasswordField(
        "Current password",
        validators=[DataRequired("Enter your current password.")],
        render_kw={"autocomplete": "current-password"},
    )
    new_password, confirm = _new_password_fields("New password", "new_password")
    change_password = SubmitField("Change password")
