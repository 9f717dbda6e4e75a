"""Anki packages made by the official `anki` library import with the right question types."""

from __future__ import annotations

import pytest

from app import media
from app.formats import FormatError, apkg, detect, read
from app.formats.markup import plain

collection_module = pytest.importorskip("anki.collection")
PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000")


def _collection(tmp_path):
    col = collection_module.Collection(str(tmp_path / "maker.anki2"))
    deck = col.decks.id("Geography::Europe")

    def add(model_name: str, tags: list[str], **fields: str) -> None:
        note = col.new_note(col.models.by_name(model_name))
        for name, value in fields.items():
            note[name] = value
        note.tags = tags
        col.add_note(note, deck)

    add("Basic", ["capitals"], Front="Capital of <b>France</b>?", Back="Paris")
    add("Basic (and reversed card)", [], Front="Berlin", Back="Germany")
    add(
        "Cloze", ["rivers"],
        Text="The {{c1::Danube}} flows into the {{c2::Black Sea::sea}}. <img src=\"map.png\">",
        **{"Back Extra": "Second longest in Europe."},
    )  # fmt: skip
    col.media.write_data("map.png", PNG)
    return col


@pytest.mark.parametrize("legacy", [False, True], ids=["anki21b", "legacy"])
def test_a_package_made_by_anki_imports_with_the_right_types(tmp_path, legacy):
    col = _collection(tmp_path)
    out = tmp_path / "made.apkg"
    try:
        options = collection_module.ExportAnkiPackageOptions(with_media=True, legacy=legacy)
        col.export_anki_package(
            out_path=str(out),
            options=options,
            limit=collection_module.DeckIdLimit(col.decks.id("Geography::Europe")),
        )
    finally:
        col.close()
    data = out.read_bytes()
    assert detect("made.apkg", data[:4096]) == "apkg"
    parsed = read(data, filename="made.apkg")
    questions = parsed.pack["questions"]
    got = [(q["type"], plain(q["prompt"]), q["answer"]) for q in questions]
    assert got == [
        ("short_answer", "Capital of France?", "Paris"),
        ("short_answer", "Berlin", "Germany"),
        ("short_answer", "Germany", "Berlin"),  # the reversed card
        ("cloze", "The _____ flows into the Black Sea.", "Danube"),
        ("cloze", "The Danube flows into the _____ (sea).", "Black Sea"),
    ]
    assert questions[0]["tags"] == ["capitals"]
    assert questions[0]["prompt"] == "Capital of <b>France</b>?"
    assert {q["category"] for q in questions} == {"Geography/Europe"}
    assert questions[3]["explanation"] == "Second longest in Europe."
    # The image goes with both cards of its note, and their HTML refers to it.
    for cloze in questions[3:]:
        assert cloze["media"] == [media.entry("map.png", PNG, "image/png")]
        assert '<img src="@@PLUGINFILE@@/map.png">' in cloze["prompt"]
    assert "not kept" not in " ".join(str(n) for n in parsed.losses)
    for q in questions:  # every quote points into the source made of the cards
        source = parsed.pack["sources"][0]["text"]
        assert source[q["quote"]["start"] : q["quote"]["end"]] == q["quote"]["text"]


def test_a_whole_collection_colpkg_imports(tmp_path):
    col = _collection(tmp_path)
    out = tmp_path / "all.colpkg"
    col.export_collection_package(str(out), include_media=True, legacy=False)
    parsed = read(out.read_bytes(), filename="all.colpkg")
    assert [q["type"] for q in parsed.pack["questions"]].count("cloze") == 2


def test_quire_export_reads_back(pack):
    parsed = read(apkg.write(pack, now=1_700_000_000), filename="veld.apkg")
    by_type = {q["type"]: q for q in parsed.pack["questions"]}
    assert by_type["cloze"]["answer"] == "Orrin"
    assert "_____" in by_type["cloze"]["prompt"]
    answered = [q for q in pack["questions"] if q["answer"]]  # not the essay or description
    assert len(parsed.pack["questions"]) == len(answered)
    assert any("empty side" in str(note) for note in parsed.losses)


def test_not_a_package_is_refused(tmp_path):
    with pytest.raises(FormatError, match="expected an Anki package"):
        read(b"PK\x03\x04 not really", filename="x.apkg")


def test_bundled_pack_opens_in_anki_with_cloze_notes(bundled, tmp_path):
    path = tmp_path / "bundled.apkg"
    path.write_bytes(apkg.write(bundled, now=1_700_000_000))
    col = collection_module.Collection(str(tmp_path / "user.anki2"))
    try:
        col.import_anki_package(collection_module.ImportAnkiPackageRequest(package_path=str(path)))
        notes = [col.get_note(nid) for nid in col.find_notes("")]
        cloze_notes = [n for n in notes if n.note_type()["type"] == 1]
    finally:
        col.close()
    clozes = [q for q in bundled["questions"] if q["type"] == "cloze"]
    assert len(notes) == len(bundled["questions"])
    assert len(cloze_notes) == len(clozes) >= 5  # 10 since the strict gate (issue 14)
    assert all("{{c1::" in n["Text"] for n in cloze_notes)
    back = read(path.read_bytes(), filename="bundled.apkg").pack["questions"]
    assert sum(q["type"] == "cloze" for q in back) == len(clozes)
