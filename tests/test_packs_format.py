"""The pack format: building, dumping, loading and every check validate_pack makes."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from app.generation.types import Question, Quote, SourceText
from app.packs.errors import PackError, PackValidationError, location_of
from app.packs.format import PackSource, build_pack, dump_pack, load_pack, validate_pack
from tests.conftest import SOURCE_ID, SOURCE_TEXT, make_pack

FILE = "questions/packs/x.json"


def errors_of(data, texts=None):
    return validate_pack(data, filename=FILE, source_texts=texts or {})


def test_sample_pack_is_valid():
    assert errors_of(make_pack()) == []


def test_location_of_renders_indices_and_fields():
    assert location_of(["questions", 12, "quote", "end"]) == "questions[12].quote.end"
    assert location_of([]) == "(top level)"


def _question(**overrides) -> Question:
    needle = "signed in Lisvale in 1902"
    start = SOURCE_TEXT.index(needle)
    values = dict(
        id="q-1",
        fact="fact-1",
        type="multiple_choice",
        kind="date",
        prompt="When?",
        answer="1902",
        quote=Quote(SOURCE_ID, start, start + len(needle), needle),
        explanation="Because.",
        difficulty=0.123456,
        quality=0.5,
        choices=("1902", "1903", "1904"),
    )
    values.update(overrides)
    return Question(**values)


def test_build_pack_inline_source_and_schema_order():
    source = SourceText(id=SOURCE_ID, text=SOURCE_TEXT, title="T", author=None, published="2020")
    pack = build_pack(
        [_question()], [PackSource(source)], pack_id="p", title="P", generator={"name": "g"}
    )
    assert list(pack) == [
        "format", "format_version", "id", "title", "language", "generator", "sources", "questions"
    ]  # fmt: skip
    assert pack["sources"][0]["text"] == SOURCE_TEXT
    assert "path" not in pack["sources"][0]
    assert pack["sources"][0]["sha256"] == hashlib.sha256(SOURCE_TEXT.encode()).hexdigest()
    question = pack["questions"][0]
    assert list(question) == [
        "id", "fact", "type", "kind", "prompt", "answer", "choices", "quote", "explanation",
        "difficulty", "quality",
    ]  # fmt: skip
    assert question["difficulty"] == 0.1235
    assert errors_of(pack) == []


def test_build_pack_path_source_and_ordering_items():
    source = SourceText(id=SOURCE_ID, text=SOURCE_TEXT, title="")
    item_quote = Quote(SOURCE_ID, 4, 19, SOURCE_TEXT[4:19])
    question = _question(
        type="ordering",
        choices=(),
        items=({"text": "Harbour Compact", "date": "1902", "quote": item_quote}, {"text": "B"}),
    )
    pack = build_pack(
        [question], [PackSource(source, path="questions/sources/a.txt", notes="n")],
        pack_id="p", title="P", generator={},
    )  # fmt: skip
    entry = pack["sources"][0]
    assert entry["path"] == "questions/sources/a.txt" and "text" not in entry
    assert entry["title"] == SOURCE_ID and entry["notes"] == "n"
    assert pack["questions"][0]["items"][0]["quote"] == {
        "source": SOURCE_ID, "start": 4, "end": 19, "text": "Harbour Compact"
    }  # fmt: skip
    assert errors_of(pack, {SOURCE_ID: SOURCE_TEXT}) == []


def test_dump_pack_is_stable_and_readable():
    pack = make_pack()
    text = dump_pack(pack)
    assert text.endswith("}\n") and "Café" in text
    assert dump_pack(json.loads(text)) == text


def test_load_pack_reads_path_sources_byte_for_byte(tmp_path: Path):
    text = "line one\r\nline two é\r\n"
    (tmp_path / "texts").mkdir()
    (tmp_path / "texts" / "a.txt").write_bytes(text.encode("utf-8"))
    pack = make_pack()
    pack["sources"][0].pop("text")
    pack["sources"][0]["path"] = "texts/a.txt"
    file = tmp_path / "packs" / "p.json"
    file.parent.mkdir()
    file.write_text(dump_pack(pack), encoding="utf-8")
    data, texts = load_pack(file, base_dir=tmp_path)
    assert data == pack
    assert texts == {SOURCE_ID: text}


def test_load_pack_missing_source_file_is_reported(tmp_path: Path):
    pack = make_pack()
    pack["sources"][0].pop("text")
    pack["sources"][0]["path"] = "nowhere.txt"
    data, texts = load_pack(dump_pack(pack), filename=FILE, base_dir=tmp_path)
    assert texts == {}
    messages = [str(e) for e in errors_of(data, texts)]
    assert (
        f'{FILE}: sources[0].path: expected a readable UTF-8 text file, got "nowhere.txt"'
        in (messages[0])
    )


def test_load_pack_bad_json_names_line_and_column():
    with pytest.raises(PackValidationError) as caught:
        load_pack('{"format": ', filename=FILE)
    (error,) = caught.value.errors
    assert error.file == FILE and error.location == "line 1 column 12"
    assert error.message.startswith("expected JSON, got")


def _set(data, path, value):
    *parents, last = path
    target = data
    for key in parents:
        target = target[key]
    target[last] = value


@pytest.mark.parametrize(
    ("path", "value", "location", "message"),
    [
        (
            ("questions", 1, "id"),
            "q1",
            "questions[1].id",
            'expected a unique question id, got "q1" again',
        ),
        (
            ("questions", 0, "quote", "source"),
            "nope",
            "questions[0].quote.source",
            'expected the id of a listed source, got "nope"',
        ),
        (
            ("questions", 0, "quote", "end"),
            20000,
            "questions[0].quote.end",
            f'expected an offset within source "{SOURCE_ID}" (length {len(SOURCE_TEXT)}), '
            "got 20000",
        ),
        (
            ("questions", 0, "quote", "start"),
            9999,
            "questions[0].quote.start",
            f'expected an offset within source "{SOURCE_ID}" (length {len(SOURCE_TEXT)}), got 9999',
        ),
        (
            ("questions", 0, "quote", "end"),
            0,
            "questions[0].quote.end",
            "expected an offset after start (0), got 0",
        ),
        (
            ("questions", 0, "quote", "text"),
            "The Harbour Compact was signed in Lisvale in 1903 by Mara Quell.",
            "questions[0].quote.text",
            "expected the source's text[0:64]",
        ),
        (
            ("questions", 3, "items", 1, "quote", "text"),
            "Ostrov accord",
            "questions[3].items[1].quote.text",
            'got "Ostrov accord"',
        ),
        (
            ("sources", 0, "sha256"),
            "0" * 64,
            "sources[0].sha256",
            "(the sha256 of the source text), got 000",
        ),
        (
            ("questions", 0, "answer"),
            "1903",
            "questions[0].answer",
            'expected one of the choices, got "1903"',
        ),
        (
            ("questions", 0, "choices"),
            ["1902", "Paris", " paris"],
            "questions[0].choices",
            "expected choices that differ by more than case or spacing",
        ),
    ],
)
def test_semantic_errors(path, value, location, message):
    data = make_pack()
    _set(data, path, value)
    errors = errors_of(data)
    assert [e.location for e in errors] == [location], errors
    assert errors[0].file == FILE
    assert message in errors[0].message


@pytest.mark.parametrize(
    ("path", "value", "location", "message"),
    [
        (
            ("questions", 2, "answer"),
            "Maybe",
            "questions[2].answer",
            'expected one of "True", "False", got "Maybe"',
        ),
        (("questions", 3, "items"), [], "questions[3].items", "expected at least 2 items, got 0"),
        (
            ("questions", 0, "choices"),
            ["1902", "1914"],
            "questions[0].choices",
            "expected at least 3 items, got 2",
        ),
        (("questions", 1, "kind"), "planet", "questions[1].kind", 'expected one of "date"'),
        (
            ("questions", 1, "difficulty"),
            1.5,
            "questions[1].difficulty",
            "expected a number <= 1, got 1.5",
        ),
        (
            ("questions", 1, "quote", "start"),
            "3",
            "questions[1].quote.start",
            'expected a whole number, got "3"',
        ),
        (
            ("questions", 1, "colour"),
            "red",
            "questions[1].colour",
            "expected one of the fields accept, answer,",
        ),
        (("format_version",), 2, "format_version", "expected 1, got 2"),
        (
            ("sources", 0, "path"),
            "a.txt",
            "sources[0]",
            'expected exactly one of "path" or "text", got path and text',
        ),
    ],
)
def test_schema_errors_name_field_and_expectation(path, value, location, message):
    data = make_pack()
    _set(data, path, value)
    errors = errors_of(data)
    assert location in [e.location for e in errors], errors
    assert any(message in e.message for e in errors if e.location == location), errors


def test_missing_required_field_is_named():
    data = make_pack()
    del data["questions"][2]["explanation"]
    assert errors_of(data) == [
        PackError(FILE, "questions[2].explanation", "expected this required field, got nothing")
    ]


def test_all_errors_reported_in_natural_order():
    data = make_pack()
    data["questions"] = data["questions"] * 3  # twelve questions, ids repeat
    for index in (2, 10):
        data["questions"][index] = dict(data["questions"][index], kind="planet")
    locations = [e.location for e in errors_of(data)]
    assert locations.index("questions[2].kind") < locations.index("questions[10].kind")
    assert locations.count("questions[10].kind") == 1
    assert len([loc for loc in locations if loc.endswith(".id")]) == 8


def test_error_string_format():
    error = PackError(FILE, "questions[3].quote.end", "expected x, got y")
    assert str(error) == "questions/packs/x.json: questions[3].quote.end: expected x, got y"


def test_generated_sibling_group_is_written_and_valid():
    text = "The fleet grew to 40 ships in 1990."
    question = Question(
        id="f1-cz",
        fact="f1",
        type="cloze",
        kind="date",
        prompt="Fill in the blank: The fleet grew to 40 ships in _____.",
        answer="1990",
        quote=Quote("s", 0, len(text), text),
        explanation="The text says so.",
        difficulty=0.5,
        quality=0.8,
        group="abc123",
    )
    pack = build_pack([question], [PackSource(SourceText("s", text))], pack_id="p", title="T")
    assert pack["questions"][0]["group"] == "abc123"
    assert validate_pack(pack, source_texts={"s": text}) == []
