"""Select-field choices shared by the filter forms of the bank, the study plan and the quizzes."""

from __future__ import annotations

from wtforms.fields.choices import SelectChoice

ANY = SelectChoice("", "Any")


def label(value: str) -> str:
    """A code like "multiple_choice" as words: "Multiple choice"."""
    return value.replace("_", " ").capitalize()
