"""An outside GIFT suite (fuhrmanator/GIFT-grammar-PEG.js, MIT): every file holding a question
is read, and each question has the fields that suite's own expected JSON gives it."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from app.formats import FormatError, read
from app.formats.common import answers_of
from app.formats.markup import plain, to_html

SUITE = Path(__file__).parents[1] / "fixtures" / "gift-peg"
FILES = sorted(SUITE.glob("*.gift"))
TYPES = {
    "MC": {"multiple_choice", "multiple_response"},
    "TF": {"true_false"},
    "Short": {"short_answer", "cloze"},
    "Numerical": {"numeric"},
    "Matching": {"matching"},
    "Essay": {"essay"},
    "Description": {"description"},
}


def _expected(path: Path) -> list[dict]:
    return [q for q in json.loads(path.with_suffix(".json").read_text()) if q["type"] != "Category"]


def _norm(text: str | None, fmt: str | None = None) -> str:
    """Text as a learner reads it: markup rendered (and sanitised) then dropped, whitespace
    collapsed; "_____ ." as "_____." (Moodle puts the blank where the braces were)."""
    if text is None:
        return ""
    if fmt in ("html", "markdown"):
        text = to_html(text, fmt)
    flat = " ".join(plain(text).replace("\u00a0", " ").split())
    return re.sub(r"\s+([.,;:!?])", r"\1", flat)


def _rich(value: dict | None) -> str:
    return _norm(value["text"], value["format"]) if value else ""


def test_the_suite_is_all_here():
    assert len(FILES) == 51
    assert (SUITE / "LICENSE").read_text().startswith("MIT License")


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_every_question_has_the_expected_fields(path):
    expected = _expected(path)
    if not expected:  # a file of $CATEGORY lines alone: nothing to import, and said so
        with pytest.raises(FormatError, match="expected at least one question"):
            read(path.read_bytes(), filename=path.name)
        return
    questions = read(path.read_bytes(), filename=path.name).pack["questions"]
    assert len(questions) == len(expected)
    for ours, theirs in zip(questions, expected, strict=True):
        _same(ours, theirs)


def _same(ours: dict, theirs: dict) -> None:
    where = f"{ours['id']}: "
    assert ours["type"] in TYPES[theirs["type"]], where + ours["type"]
    assert ours.get("title", ours["id"]) == (theirs["title"] or ours.get("title", ours["id"]))
    if theirs["id"]:
        assert ours["id"] == theirs["id"]
    assert ours.get("tags", []) == (theirs["tags"] or [])
    assert _norm(ours["prompt"]) == _rich(theirs["stem"]), where + "prompt"
    assert _norm(ours["explanation"]) == _rich(theirs.get("globalFeedback")), where + "feedback"
    kind = theirs["type"]
    if kind == "TF":
        assert ours["answer"] == ("True" if theirs["isTrue"] else "False")
        notes = {a["text"]: _norm(a.get("feedback")) for a in ours.get("answers", [])}
        true, false = _rich(theirs["trueFeedback"]), _rich(theirs["falseFeedback"])
        if theirs["isTrue"]:
            # {TRUE#a#b}: Moodle shows a to whoever answers False (the wrong answer) and b to
            # whoever answers True; this suite gives a to True. Quire reads it as Moodle does.
            true, false = false, true
        assert (notes.get("True", ""), notes.get("False", "")) == (true, false), where + "TF"
    elif kind == "Matching":
        pairs = [(_norm(p["left"]), p["right"]) for p in ours["pairs"]]
        assert pairs == [(_rich(p["subquestion"]), p["subanswer"]) for p in theirs["matchPairs"]]
    elif kind == "Numerical":
        _same_numbers(ours, theirs["choices"])
    elif kind in ("MC", "Short"):
        answers = answers_of(ours)
        got = [(_norm(a["text"]), a.get("weight", 100), _norm(a.get("feedback"))) for a in answers]
        want = [(_rich(c["text"]), _weight(c), _rich(c["feedback"])) for c in theirs["choices"]]
        assert got == want, where + "answers"


def _weight(choice: dict) -> float:
    if choice["weight"] is not None:
        return choice["weight"]
    return 100 if choice["isCorrect"] else 0


def _same_numbers(ours: dict, choices) -> None:
    if isinstance(choices, dict):  # one answer, written without '='
        choices = [{"isCorrect": True, "weight": None, "text": choices, "feedback": None}]
    assert len(ours["answers"]) == len(choices)
    for answer, choice in zip(ours["answers"], choices, strict=True):
        value = choice["text"]
        assert answer.get("weight", 100) == _weight(choice)
        assert _norm(answer.get("feedback")) == _rich(choice["feedback"])
        if value.get("text") == "*":
            assert answer["text"] == "*"
        elif value["type"] == "high-low":
            assert (answer["min"], answer["max"]) == (value["numberLow"], value["numberHigh"])
        else:
            assert float(answer["text"]) == value["number"]
            assert answer.get("tolerance", 0) == value.get("range", 0)
