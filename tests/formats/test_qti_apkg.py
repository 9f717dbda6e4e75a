"""QTI zips for Canvas and Anki packages: structure, escaping, stable ids, import by Anki."""

from __future__ import annotations

import io
import sqlite3
import xml.etree.ElementTree as ET
import zipfile

import pytest

from app.formats import apkg, qti

NS = {"q": qti.QTI_NS}


def test_qti_zip_has_text2qti_layout_and_parses(pack):
    data = qti.write(pack)
    archive = zipfile.ZipFile(io.BytesIO(data))
    names = archive.namelist()
    assert names[:2] == ["non_cc_assessments/", "imsmanifest.xml"]
    folder = names[2].split("/")[0]
    assert names[2:] == [f"{folder}/assessment_meta.xml", f"{folder}/{folder}.xml"]
    manifest = ET.fromstring(archive.read("imsmanifest.xml"))
    hrefs = [f.get("href") for f in manifest.iter(f"{{{qti.CC_NS}}}file")]
    assert hrefs == [f"{folder}/{folder}.xml", f"{folder}/assessment_meta.xml"]
    root = ET.fromstring(archive.read(f"{folder}/{folder}.xml"))
    items = root.findall(".//q:item", NS)
    assert len(items) == len(pack["questions"])
    types = [i.find(".//q:fieldentry", NS).text for i in items]
    assert types[:3] == ["multiple_choice_question", "short_answer_question", "true_false_question"]
    assert data == qti.write(pack)  # the same pack always gives the same bytes


def test_qti_escapes_markup_as_html_text(pack):
    archive = zipfile.ZipFile(io.BytesIO(qti.write(pack)))
    name = archive.namelist()[3]
    raw = archive.read(name).decode("utf-8")
    assert "<b>Charter" not in raw and "&amp;lt;b&amp;gt;Charter" in raw
    mattext = ET.fromstring(raw).find(".//q:mattext", NS).text
    assert mattext == "When was the &lt;b&gt;Charter&lt;/b&gt; signed?"


def test_qti_marks_the_right_choice_and_numeric_range(pack):
    archive = zipfile.ZipFile(io.BytesIO(qti.write(pack)))
    root = ET.fromstring(archive.read(archive.namelist()[3]))
    first = root.findall(".//q:item", NS)[0]
    labels = [r.get("ident") for r in first.iter(f"{{{qti.QTI_NS}}}response_label")]
    right = first.find(".//q:respcondition[@continue='No']//q:varequal", NS).text
    assert labels.index(right) == pack["questions"][0]["choices"].index("1871")
    numeric = root.findall(".//q:item", NS)[7]
    assert numeric.find(".//q:vargte", NS).text == "11.5"
    assert numeric.find(".//q:varlte", NS).text == "12.5"


def test_bundled_pack_exports_to_qti(bundled):
    archive = zipfile.ZipFile(io.BytesIO(qti.write(bundled)))
    root = ET.fromstring(archive.read(archive.namelist()[3]))
    assert len(root.findall(".//q:item", NS)) == len(bundled["questions"])


def _notes_by_sqlite(data: bytes, tmp_path) -> list[tuple[str, list[str], str]]:
    path = tmp_path / "collection.anki2"
    path.write_bytes(zipfile.ZipFile(io.BytesIO(data)).read("collection.anki2"))
    connection = sqlite3.connect(path)
    try:
        rows = connection.execute("select guid, flds, tags from notes order by id").fetchall()
    finally:
        connection.close()
    return [(guid, fields.split("\x1f"), tags) for guid, fields, tags in rows]


def test_apkg_notes_carry_quote_and_escaped_fields(pack, tmp_path):
    notes = _notes_by_sqlite(apkg.write(pack, now=1_700_000_000), tmp_path)
    assert len(notes) == len(pack["questions"])
    _, fields, tags = notes[0]
    prompt, choices, answer, explanation, quote, source, uid = fields
    assert prompt == "When was the &lt;b&gt;Charter&lt;/b&gt; signed?"
    assert "<li>1881 &amp; later</li>" in choices
    assert answer == "1871" and uid == "mc"
    assert explanation == "See {the} text: a=b, c~d #1 &lt;i&gt;."
    assert quote == "The Veld Charter was signed at Orrin in 1871"
    assert source == "The Veld Charter, A. Writer"
    assert "quire::multiple_choice" in tags


def test_apkg_ids_are_stable(pack, tmp_path):
    first = _notes_by_sqlite(apkg.write(pack, now=1), tmp_path)
    second = _notes_by_sqlite(apkg.write(pack, now=2), tmp_path)
    assert [n[0] for n in first] == [n[0] for n in second]
    assert apkg.stable_id("quire-deck", "veld") == apkg.stable_id("quire-deck", "veld")
    assert apkg.stable_id("quire-deck", "veld") != apkg.stable_id("quire-deck", "other")


def test_apkg_html_source_text_is_kept(pack, tmp_path):
    pack["questions"][0]["text_format"] = "html"
    fields = _notes_by_sqlite(apkg.write(pack, now=1), tmp_path)[0][1]
    assert fields[0] == "When was the <b>Charter</b> signed?"
    assert fields[4] == "The Veld Charter was signed at Orrin in 1871"


def test_anki_imports_the_package(pack, tmp_path):
    collection_module = pytest.importorskip("anki.collection")
    path = tmp_path / "veld.apkg"
    path.write_bytes(apkg.write(pack, now=1_700_000_000))
    collection = collection_module.Collection(str(tmp_path / "user.anki2"))
    try:
        request = collection_module.ImportAnkiPackageRequest(
            package_path=str(path), options=collection_module.ImportAnkiPackageOptions()
        )
        collection.import_anki_package(request)
        notes = [collection.get_note(nid) for nid in collection.find_notes("")]
        by_id = {note["QuestionId"]: note for note in notes}
        assert set(by_id) == {q["id"] for q in pack["questions"]}
        card = by_id["cz"]  # a cloze question: Anki's Cloze note type, the blank as c1
        assert card.note_type()["type"] == 1
        assert card["Text"] == "The Charter was signed at {{c1::Orrin}} in 1871."
        assert card["Back Extra"].startswith("Also accepted: orrin town<br>See {the} text")
        assert card["Quote"] == "The Veld Charter was signed at Orrin in 1871"
        (cloze_card,) = card.cards()
        assert "[...]" in cloze_card.question() and "Orrin" in cloze_card.answer()
        assert "Kessel Pact" in by_id["or"]["Answer"]
        assert collection.decks.by_name("Veld <treaties> & pacts") is not None
    finally:
        collection.close()
