"""Forms of the authoring pages (Flask-WTF: every POST carries a CSRF token)."""

from __future__ import annotations

from collections.abc import Mapping

from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import (
    BooleanField,
    EmailField,
    HiddenField,
    RadioField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, Optional, Regexp

from app.authoring.question_fields import FIELD_TYPES, KINDS, QUESTION_TYPES
from app.formats import FORMATS
from app.packs.new_order import EASIEST_FIRST, PACK_ORDER, RANDOM


def _label(value: str) -> str:
    return value.replace("_", " ").capitalize()


class PackForm(FlaskForm):
    """A pack's title, description and settings."""

    title = StringField("Title", validators=[DataRequired(), Length(max=200)])
    description = TextAreaField("Description", validators=[Optional(), Length(max=5000)])
    language = StringField(
        "Language",
        default="en",
        validators=[
            Optional(),
            Regexp(r"^[a-z]{2}(-[A-Za-z]{2,8})?$", message="Like en or en-GB."),
        ],
    )
    serve_unreviewed = BooleanField("Learners may see questions not yet reviewed")
    # Only the pack's owner (or an admin) may change it: `routes_packs.edit_pack`.
    new_order = RadioField(
        "New questions",
        choices=[
            SelectChoice(PACK_ORDER, "In pack order (as the pack lists them, like a lesson)"),
            SelectChoice(EASIEST_FIRST, "Easiest first (by how learners have fared with them)"),
            SelectChoice(RANDOM, "Random (a shuffle of each learner's own that stays put)"),
        ],
        default=PACK_ORDER,
    )


class QuestionForm(FlaskForm):
    """Every question type in one form; each type reads the fields it needs."""

    type = SelectField("Type", choices=[SelectChoice(t, _label(t)) for t in QUESTION_TYPES])
    kind = SelectField("Kind", choices=[SelectChoice(k, _label(k)) for k in KINDS], default="other")
    title = StringField("Title (optional)", validators=[Optional(), Length(max=255)])
    prompt = TextAreaField("Question", validators=[Length(max=2000)])
    text_format = SelectField(
        "Written as",
        choices=[
            SelectChoice("", "Plain text"),
            SelectChoice("html", "HTML (a few tags kept)"),
            SelectChoice("markdown", "Markdown"),
        ],
        default="",
    )
    answer = StringField("Right answer", validators=[Length(max=1000)])
    accept = TextAreaField("Also accept (one per line)")
    choices = TextAreaField("Choices (one per line)")
    right_choices = TextAreaField("Right choices (one per line)")
    items = TextAreaField("Items in their right order (one per line)")
    pairs = TextAreaField("Pairs (one per line: left => right)")
    tolerance = StringField("Tolerance (±)")
    correction = StringField("Correction (the true statement)")
    explanation = TextAreaField("Explanation", validators=[Length(max=5000)])
    tags = StringField("Tags (comma-separated)")
    difficulty = StringField("Difficulty (0 easy to 1 hard)")
    fact = StringField("Fact id (optional)", validators=[Optional(), Length(max=64)])
    source_id = SelectField("Source")
    quote_start = StringField("Quote starts at character")
    quote_end = StringField("Quote ends before character")
    quote_text = TextAreaField("Quote")

    def types_of(self, name: str) -> str:
        """The types that read field `name`, space-separated (every type for common fields)."""
        return " ".join(FIELD_TYPES.get(name, QUESTION_TYPES))

    def values(self) -> dict[str, str]:
        """The submitted text of every field, for `build_draft`."""
        return {name: field.data or "" for name, field in self._fields.items()}

    def add_errors(self, errors: Mapping[str, list[str]]) -> None:
        """Show `build_draft`'s errors next to their fields."""
        for name, messages in errors.items():
            target = self._fields.get(name, self.prompt)
            target.errors = [*target.errors, *messages]


class ShareForm(FlaskForm):
    """Who can read the pack."""

    visibility = RadioField(
        "Who can read this pack",
        choices=[
            SelectChoice("private", "Only its owner and editors"),
            SelectChoice("link", "Also anyone with the share link (read-only)"),
            SelectChoice("public", "Everyone on this Quire (listed, and studied by learners)"),
        ],
    )


class EditorForm(FlaskForm):
    """Invite an instructor to edit the pack, by email."""

    email = EmailField(
        "Instructor's email",
        validators=[
            DataRequired(),
            Regexp(r"^[^@\s]+@[^@\s]+\.[^@\s]+$", message="That is not an email address."),
            Length(max=254),
        ],
    )


class UploadForm(FlaskForm):
    """A new text for the pack; its questions are generated in the background."""

    file = FileField("Text file", validators=[FileRequired("Choose a file to upload.")])
    title = StringField(
        "Title (default: the title the file gives itself, else its name)",
        validators=[Optional(), Length(max=300)],
    )
    generate = BooleanField("Generate questions from it", default=True)


class ImportForm(FlaskForm):
    """A file in any importable format, checked before anything is stored."""

    file = FileField("File", validators=[FileRequired("Choose a file to import.")])
    fmt = SelectField(
        "Format",
        choices=[SelectChoice("", "Detect from the name and content")]
        + [SelectChoice(name, name) for name, entry in FORMATS.items() if entry.read],
        default="",
    )


class ConfirmForm(FlaskForm):
    """Confirm a previewed import."""

    token = HiddenField(validators=[DataRequired()])


class ActionForm(FlaskForm):
    """A button that changes something (only the CSRF token)."""


class BulkForm(FlaskForm):
    """Selected questions and what to do with them (the ids come from checkboxes)."""

    action = SelectField(
        "With the selected questions",
        choices=[
            SelectChoice("approve", "Approve"),
            SelectChoice("reject", "Reject"),
            SelectChoice("trash", "Move to the trash"),
        ],
    )
    siblings = BooleanField("Approve several questions from one sentence")
