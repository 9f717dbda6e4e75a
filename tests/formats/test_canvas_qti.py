"""Canvas QTI 1.2 exports (real ones, from notch8/viva's examples) and Quire's own QTI read back."""

from __future__ import annotations

import io
import zipfile
from collections import Counter
from pathlib import Path

import pytest

from app.formats import FormatError, detect, qti, read

CANVAS = Path(__file__).parents[1] / "fixtures" / "canvas-qti"


def _zip(folder: Path) -> bytes:
    """The export folder zipped as Canvas hands it out (imsmanifest.xml at the top)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                archive.write(path, path.relative_to(folder).as_posix())
    return buffer.getvalue()


def _read(name: str):
    folder = next(p.parent for p in CANVAS.rglob("imsmanifest.xml") if p.parent.name == name)
    data = _zip(folder)
    assert detect(f"{name}.zip", data[:4096]) == "qti"
    return read(data, filename=f"{name}.zip")


def test_classic_quiz_export_essay_and_matching():
    parsed = _read("ClassicQuestionsExport")
    essay, matching = parsed.pack["questions"]
    assert essay["type"] == "essay" and "primary sources" in essay["prompt"]
    assert essay["text_format"] == "html" and "<strong>" in essay["prompt"]
    assert matching["pairs"] == [
        {"left": "Mercator", "right": "1569"},
        {"left": "Stereographic", "right": "Before 150CE"},
        {"left": "Robinson", "right": "1963"},
    ]
    assert {q["category"] for q in parsed.pack["questions"]} == {
        "Essay question - history - classic", "Matching question - history - classic",
    }  # fmt: skip


def test_new_quizzes_export_multiple_choice_and_answers():
    questions = _read("MigratedClassicQuizExport").pack["questions"]
    assert Counter(q["type"] for q in questions) == {"multiple_choice": 20, "multiple_response": 10}
    first = questions[0]
    assert (first["prompt"], first["answer"], first["choices"]) == ("Q1", "b", list("abcde"))
    multiple = next(q for q in questions if q["type"] == "multiple_response")
    assert [a["weight"] for a in multiple["answers"]] == [0, 50, 0, 50, 0]


@pytest.mark.parametrize(
    ("name", "qtype"),
    [("question-upload-history", "file_upload_question"),
     ("question-categorization-nursing", "categorization_question")],
)  # fmt: skip
def test_unsupported_types_are_refused_naming_the_type(name, qtype):
    with pytest.raises(FormatError, match=qtype):
        _read(name)


def test_every_canvas_export_is_tried():
    tried = sorted(p.parent.name for p in CANVAS.rglob("imsmanifest.xml"))
    assert len(tried) == 6
    assert _read("question-essay-history").pack["questions"][0]["type"] == "essay"
    assert _read("question-matching-history").pack["questions"][0]["type"] == "matching"


def test_quire_qti_round_trip_kept_and_lost(pack):
    data, export_losses = qti.write_report(pack)
    parsed = read(data, filename="veld.zip")
    by_id = {q["id"]: q for q in pack["questions"]}
    back = parsed.pack["questions"]
    assert len(back) == len(pack["questions"])
    for original, again in zip(pack["questions"], back, strict=True):
        kept = original["type"] if original["type"] != "ordering" else "matching"
        assert again["type"] == kept
        if original["type"] in ("multiple_choice", "true_false", "cloze", "short_answer"):
            assert again["answer"] == original["answer"]
    numeric = next(q for q in back if q["type"] == "numeric")
    assert numeric["answers"][0]["min"] == 11.5  # 12 ± 0.5 kept as a range
    lost = " ".join(str(n) for n in export_losses)
    assert "only one numeric answer is kept" in lost  # the 50% answer
    assert "no ordering type" in lost
    assert by_id  # the pack's quotes, kinds and tags are lost both ways, and said so
    assert "QTI has no quote, source, kind, tags or difficulty" in lost
    assert any("kind other" in str(n) for n in parsed.losses)


def test_not_a_zip_and_hostile_xml_are_refused():
    with pytest.raises(FormatError, match="expected a QTI zip"):
        read(b"PK\x03\x04 broken", filename="x.zip")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(
            "a.xml",
            '<?xml version="1.0"?><!DOCTYPE q [<!ENTITY e "x">]><questestinterop>&e;'
            "</questestinterop>",
        )
    with pytest.raises(FormatError, match="without DTDs"):
        read(buffer.getvalue(), filename="evil.zip")
