"""The bank's filter form (a GET form, so no CSRF token)."""

from __future__ import annotations

from collections.abc import Iterable

from wtforms import Form, IntegerField, SelectField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import NumberRange, Optional

from app.choices import ANY, label
from app.generation.types import KINDS, TYPES


class BankFilterForm(Form):
    """Narrow the bank to one source, kind and type."""

    source = SelectField("Source", default="")
    kind = SelectField(
        "Kind", choices=[ANY, *(SelectChoice(k, label(k)) for k in KINDS)], default=""
    )
    type = SelectField(
        "Type", choices=[ANY, *(SelectChoice(t, label(t)) for t in TYPES)], default=""
    )
    page = IntegerField("Page", default=1, validators=[Optional(), NumberRange(min=1)])

    def set_sources(self, sources: Iterable[tuple[str, str]]) -> None:
        """Offer these (id, title) pairs in the source select."""
        self.source.choices = [ANY, *(SelectChoice(value, title) for value, title in sources)]

    def filters(self) -> dict[str, str]:
        """The chosen filters, without the empty ones (for links that keep them)."""
        chosen = {"source": self.source.data, "kind": self.kind.data, "type": self.type.data}
        return {name: value for name, value in chosen.items() if value}

    def error_message(self) -> str:
        """What was wrong with the request, in one sentence."""
        problems = [
            f"{self[name].label.text}: {'; '.join(errs)}" for name, errs in self.errors.items()
        ]
        return "These filters could not be used. " + " ".join(problems)
