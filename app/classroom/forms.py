"""Classroom forms (Flask-WTF: each carries a CSRF token, the join form included)."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateTimeLocalField,
    HiddenField,
    IntegerField,
    RadioField,
    SelectField,
    StringField,
    SubmitField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import (
    DataRequired,
    InputRequired,
    Length,
    NumberRange,
    Optional,
    ValidationError,
)

from app.class_codes import NICKNAME_MAX, clean_nickname, nickname_problem, normalise_code

MIN_LIMIT, MAX_LIMIT = 5, 600


def _strip(value: str | None) -> str | None:
    return value.strip() if isinstance(value, str) else value


class QuizForm(FlaskForm):
    """A new saved quiz: questions from a pack, narrowed by source, kind and type."""

    title = StringField("Title", filters=[_strip], validators=[DataRequired(), Length(max=200)])
    pack = SelectField("Pack", coerce=int, validators=[InputRequired()])
    source = SelectField("Source", default="", validate_choice=False)
    kind = SelectField("Kind", default="", validate_choice=False)
    type = SelectField("Type", default="", validate_choice=False)
    count = IntegerField(
        "Number of questions", default=10, validators=[InputRequired(), NumberRange(min=1, max=100)]
    )
    time_limit = IntegerField(
        "Seconds per question",
        default=30,
        validators=[InputRequired(), NumberRange(min=MIN_LIMIT, max=MAX_LIMIT)],
    )
    siblings = BooleanField("Several questions from one sentence")
    submit = SubmitField("Save quiz")


class ItemForm(FlaskForm):
    """Change one question of a quiz: its time limit, its place, or remove it."""

    time_limit = IntegerField(
        "Seconds", validators=[Optional(), NumberRange(min=MIN_LIMIT, max=MAX_LIMIT)]
    )
    action = HiddenField()


class StartForm(FlaskForm):
    """Start a session of a saved quiz."""

    mode = RadioField(
        "How students play",
        choices=[
            SelectChoice("live", "Live, teacher-paced"),
            SelectChoice("assignment", "Assignment: own pace until a deadline"),
        ],
        default="live",
    )
    speed_bonus = BooleanField("Speed bonus for fast right answers (live only)", default=True)
    deadline = DateTimeLocalField(
        "Deadline (your time zone)", format="%Y-%m-%dT%H:%M", validators=[Optional()]
    )
    submit = SubmitField("Start session")

    def validate(self, extra_validators=None) -> bool:
        """An assignment needs a deadline (Optional() would skip a field validator)."""
        if not super().validate(extra_validators):
            return False
        if self.mode.data == "assignment" and self.deadline.data is None:
            self.deadline.errors = ["Give the assignment a deadline."]
            return False
        return True


class ConfirmForm(FlaskForm):
    """A button that changes something: only the CSRF token."""


class ControlForm(FlaskForm):
    """Move a session on; `version` is the state the instructor's page showed."""

    version = IntegerField(validators=[InputRequired()])


class JoinForm(FlaskForm):
    """Join a session with its code and a nickname; no account needed."""

    code = StringField(
        "Join code",
        filters=[_strip],
        validators=[DataRequired(message="Type the six-digit code your teacher shows.")],
    )
    nickname = StringField(
        "Nickname",
        filters=[clean_nickname],
        validators=[
            Length(
                max=NICKNAME_MAX,
                message=f"Nicknames can be at most {NICKNAME_MAX} characters long.",
            )
        ],
    )
    rejoin_code = StringField(
        "Rejoin code (only if you joined on another device)",
        filters=[_strip],
        validators=[Length(max=16, message="A rejoin code is six letters and digits.")],
        render_kw={"autocomplete": "off", "autocapitalize": "characters"},
    )
    submit = SubmitField("Join")

    def validate_code(self, field: StringField) -> None:
        """Six digits, spaces and dashes allowed."""
        if normalise_code(field.data) is None:
            raise ValidationError("A join code is six digits, like 123 456.")

    def validate_nickname(self, field: StringField) -> None:
        """Not empty once cleaned."""
        problem = nickname_problem(field.data or "")
        if problem:
            raise ValidationError(problem)


class AnswerForm(FlaskForm):
    """One answer: a choice's index in the question's own list, or typed text."""

    question = IntegerField(validators=[InputRequired()])
    choice = IntegerField(validators=[Optional()])
    typed = StringField(validators=[Optional(), Length(max=500)])
    ticket = HiddenField()
