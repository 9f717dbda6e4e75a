"""Every loss reported: QTI's essays and partial credit, Quizlet's dropped questions."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
import zipfile

from app.formats import FORMATS, qti, read, tabular
from tests.formats.conftest import quote, rich_pack

NS = {"q": qti.QTI_NS}


def _items(pack: dict) -> list[ET.Element]:
    with zipfile.ZipFile(io.BytesIO(qti.write(pack))) as archive:
        name = next(n for n in archive.namelist() if n.split("/")[-1] == f"{n.split('/')[0]}.xml")
        root = ET.fromstring(archive.read(name))
    return root.findall(".//q:item", NS)


def _one(**fields) -> dict:
    pack = rich_pack()
    question = {"id": "x", "kind": "other", "quote": quote("The Veld Charter"), "explanation": ""}
    pack["questions"] = [question | fields]
    return pack


def test_qti_essay_without_explanation_has_the_condition_the_dtd_requires():
    (item,) = _items(_one(type="essay", prompt="Discuss.", answer=""))
    processing = item.find("q:resprocessing", NS)
    # <!ELEMENT resprocessing (qticomment?, outcomes, (respcondition | itemproc_extension)+)>
    conditions = processing.findall("q:respcondition", NS)
    assert len(conditions) == 1
    assert conditions[0].find("q:conditionvar/q:other", NS) is not None


def test_every_qti_resprocessing_has_a_condition():
    for item in _items(rich_pack()):
        processing = item.find("q:resprocessing", NS)
        if processing is not None:
            assert processing.findall("q:respcondition", NS), item.get("title")


def test_qti_reports_partial_credit_and_feedback_it_drops():
    answers = [
        {"text": "Orrin", "weight": 100, "feedback": "Yes"},
        {"text": "Kessel", "weight": 50},
        {"text": "Veld", "weight": 0},
    ]
    pack = _one(type="multiple_choice", prompt="Where?", answer="Orrin",
                choices=["Orrin", "Kessel", "Veld"], answers=answers)  # fmt: skip
    notes = [str(note) for note in qti.write_report(pack)[1]]
    assert any("partial-credit answers dropped" in n and "Kessel (50%)" in n for n in notes)
    assert any("per-answer feedback dropped" in n for n in notes)


def test_quizlet_reports_the_questions_it_drops():
    pack = rich_pack()
    output, notes = FORMATS["quizlet"].write_report(pack)
    dropped = [q["id"] for q in pack["questions"] if not q["answer"]]
    assert dropped
    shown = " ".join(str(note) for note in notes)
    for uid in dropped[:3]:
        assert uid in shown
    assert "question dropped" in shown
    assert output == tabular.write_cards(pack)


def test_every_format_reports_losses_both_ways():
    pack = rich_pack()
    for name, entry in FORMATS.items():
        output, notes = entry.write_report(pack)
        if name == "json":
            assert not notes
            continue
        assert notes, name
        if entry.read is not None and name not in ("csv", "tsv"):  # columns are Quire's own
            back = read(output, filename=f"b{entry.extension}", fmt=name, sources=pack["sources"])
            assert back.losses, name
