"""Forms of the study pages (Flask-WTF, so every POST carries a CSRF token)."""

from __future__ import annotations

from collections.abc import Iterable

from flask import abort
from flask_wtf import FlaskForm
from wtforms import (
    HiddenField,
    IntegerField,
    SelectField,
    SelectMultipleField,
    StringField,
    SubmitField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import AnyOf, DataRequired, NumberRange, Optional
from wtforms.widgets import CheckboxInput, ListWidget

from app.study.scheduling import RATINGS
from app.study_models import MODES


def _choices(pairs: Iterable[tuple[str, str]]) -> list[SelectChoice]:
    return [SelectChoice(value, text) for value, text in pairs]


class CheckboxesField(SelectMultipleField):
    """Several choices as a list of checkboxes (each its own label)."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class PlanForm(FlaskForm):
    """What to study: a pack, narrowed by sources, kinds and tags (none ticked: all of them)."""

    pack = SelectField("Pack", coerce=str, validate_choice=True)
    sources = CheckboxesField("Sources", validate_choice=True)
    kinds = CheckboxesField("Kinds of question", validate_choice=True)
    tags = CheckboxesField("Tags", validate_choice=True)
    mode = SelectField(
        "Study with",
        choices=[SelectChoice("quiz", "Adaptive quiz"), SelectChoice("flashcard", "Flashcards")],
        default="quiz",
    )
    start = SubmitField("Save and start")

    def offer(
        self,
        packs: Iterable[tuple[str, str]],
        sources: Iterable[tuple[str, str]],
        kinds: Iterable[tuple[str, str]],
        tags: Iterable[tuple[str, str]],
    ) -> None:
        """Set the choices from the database."""
        self.pack.choices = [SelectChoice("", "Every pack"), *_choices(packs)]
        self.sources.choices = _choices(sources)
        self.kinds.choices = _choices(kinds)
        self.tags.choices = _choices(tags)


class _TicketForm(FlaskForm):
    ticket = HiddenField(validators=[DataRequired()])
    # Measured by learn.js; without it the server uses the time since the page was made.
    duration_ms = IntegerField(validators=[Optional(), NumberRange(min=0)])


class AnswerForm(_TicketForm):
    """An answer to a quiz question: a choice's text, typed text, or an order of items."""

    response = StringField("Your answer")


class RatingForm(_TicketForm):
    """A flashcard rating, 1 (Again) to 4 (Easy)."""

    rating = IntegerField(
        validators=[DataRequired(), NumberRange(min=min(RATINGS), max=max(RATINGS))]
    )


class ActionForm(FlaskForm):
    """A button that only needs the CSRF token (undo, unsuspend, cram)."""


class SetAsideForm(FlaskForm):
    """Suspend or bury the card on screen; `mode` says which study page to go on with."""

    mode = HiddenField(validators=[AnyOf(MODES)])


def require_valid(form: FlaskForm) -> None:
    """Refuse with 400 a post whose form (its CSRF token, mostly) did not validate."""
    if not form.validate():
        abort(400, description="The form had expired. Reload the page and try again.")
