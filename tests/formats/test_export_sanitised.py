"""Issue 17: Moodle XML and GIFT exports sanitise HTML questions as the QTI export does."""

from __future__ import annotations

import io
import zipfile

import pytest

from app.formats import FORMATS
from tests.formats.conftest import quote, rich_pack

HOSTILE = '<b>Bold</b><script>alert(1)</script><img src=x onerror="alert(2)">'


def _html_pack() -> dict:
    question = {
        "id": "h1", "type": "multiple_choice", "kind": "other", "text_format": "html",
        "quote": quote("The Veld Charter"),
        "prompt": "Which? " + HOSTILE, "answer": "<i>a</i><script>x()</script>",
        "choices": ["<i>a</i><script>x()</script>", "b", "c"],
        "explanation": '<a href="javascript:alert(3)">see</a>',
        "answers": [
            {"text": "<i>a</i><script>x()</script>", "weight": 100,
             "feedback": "<iframe src=//evil></iframe>right"},
            {"text": "b", "weight": 0}, {"text": "c", "weight": 0},
        ],
    }  # fmt: skip
    pack = rich_pack()
    pack["questions"] = [question]
    return pack


def _text(output: bytes | str) -> str:
    if isinstance(output, str):
        return output
    with zipfile.ZipFile(io.BytesIO(output)) as archive:
        return "".join(archive.read(n).decode() for n in archive.namelist() if n.endswith("xml"))


@pytest.mark.parametrize("name", ["moodle-xml", "gift", "qti"])
def test_html_questions_leave_sanitised(name):
    text = _text(FORMATS[name].write_report(_html_pack())[0])
    lowered = text.lower()
    for bad in ("<script", "&lt;script", "onerror", "javascript:", "iframe", "<img", "&lt;img"):
        assert bad not in lowered, (name, bad)
    assert "Bold" in text and "see" in text
    assert name == "qti" or "right" in text  # QTI holds no per-answer feedback (a loss note)
