"""Refuse, at the edge, requests whose URL or form carries text the database cannot store.

One check before every view: the path, the query string and the form fields (names and values;
uploaded files are read by their own code, which cleans or refuses their text). A 400 page says
which field holds the character and what to do, so no view ever hands such text to the database
(PostgreSQL answers NUL with an error, which would otherwise become a 500).
"""

from __future__ import annotations

from flask import Flask, abort, request

from app.hygiene import describe, first_control


def _problem() -> str | None:
    path = request.path
    if (index := first_control(path)) is not None:
        return f"The address has {describe(path, index)}."
    for where, values in (("address", request.args), ("form", request.form)):
        for name, value in values.items(multi=True):
            if first_control(name) is not None:
                return f"A field name in the {where} has a control character."
            if (index := first_control(value)) is not None:
                return f"The field “{name}” has {describe(value, index)}."
    return None


def refuse_unstorable_text() -> None:
    """before_request: a 400 page for a request carrying control characters."""
    if request.endpoint == "static":
        return
    problem = _problem()
    if problem is not None:
        abort(
            400,
            description=f"{problem} Quire cannot store control characters (such as NUL); "
            "remove it and try again.",
        )


def init_input_hygiene(app: Flask) -> None:
    """Check every request's URL and form before the views (and their hooks) read them."""
    app.before_request(refuse_unstorable_text)
