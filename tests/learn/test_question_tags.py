"""The tags above a study question: type, kind, the source title unless the prompt gives it."""

from __future__ import annotations

from types import SimpleNamespace

from flask import render_template_string


def _tags(app, prompt: str) -> str:
    question = SimpleNamespace(
        type="cloze", kind="date", prompt=prompt, source=SimpleNamespace(title="Economy of Angola")
    )
    with app.test_request_context():
        return render_template_string(
            '{% from "learn/_macros.html" import tags %}{{ tags(question) }}', question=question
        )


def test_tags_name_the_source_when_the_prompt_does_not(app):
    html = _tags(app, "Fill in the blank: Oil was found in _____.")
    assert "Economy of Angola" in html and "Cloze" in html and "Date" in html


def test_tags_leave_out_the_title_the_prompt_already_gives(app):
    html = _tags(app, "Fill in the blank (from “Economy of Angola”): Oil was found in _____.")
    assert "Economy of Angola" not in html and "Cloze" in html
