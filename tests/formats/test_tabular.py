"""CSV and TSV: Quizlet cards, the column format, delimiters, BOMs, errors with line numbers."""

from __future__ import annotations

import pytest

from app.formats import tabular
from app.formats.common import FormatError
from app.formats.tabular_write import join_list
from app.packs.format import validate_pack
from tests.formats.conftest import SOURCE, TEXT, rich_pack, strip


def test_quizlet_cards_become_short_answers():
    data = 'Veld Charter\tsigned 1871\r\nKessel Pact\tfollowed in 1890, with "ships"\n\n'
    parsed = tabular.read(data.encode(), filename="cards.txt")
    questions = parsed.pack["questions"]
    assert [(q["prompt"], q["answer"], q["type"]) for q in questions] == [
        ("Veld Charter", "signed 1871", "short_answer"),
        ("Kessel Pact", 'followed in 1890, with "ships"', "short_answer"),
    ]
    assert questions[1]["quote"]["text"] == 'Kessel Pact\tfollowed in 1890, with "ships"'
    assert validate_pack(parsed.pack) == []


def test_quizlet_round_trip():
    pack = tabular.read("a\tb\nc\td\n", filename="x.tsv").pack
    assert tabular.write_cards(pack) == "a\tb\nc\td\n"


def test_cards_errors_name_lines():
    with pytest.raises(FormatError) as caught:
        tabular.read("a\tb\nno tab here\nc\td\te\n", filename="cards.tsv")
    assert [p.location for p in caught.value.problems] == ["line 2", "line 3"]
    assert "expected a term and a definition separated by a tab, got 1 cells" in str(caught.value)


def test_column_format_round_trip_keeps_quotes(pack):
    sources = pack["sources"]
    for name, write in (("x.csv", tabular.write), ("x.tsv", tabular.write_tsv)):
        back = tabular.read(write(pack), filename=name, sources=sources).pack
        assert validate_pack(back) == []
        for original, read in zip(pack["questions"], back["questions"], strict=True):
            assert read["quote"] == original["quote"]
            for key in ("id", "type", "kind", "prompt", "answer", "choices", "accept", "pairs"):
                assert read.get(key) == original.get(key), (name, key)


def test_column_format_with_bom_sniffed_delimiter_and_defaults():
    data = "\ufeffprompt;answer;choices;difficulty\nCapital?;Paris;Paris|Rome|Oslo;0.4\n"
    question = tabular.read(data.encode(), filename="upload").pack["questions"][0]
    assert question["type"] == "multiple_choice" and question["choices"] == [
        "Paris",
        "Rome",
        "Oslo",
    ]
    assert question["kind"] == "other" and question["difficulty"] == 0.4


def test_column_format_quotes_a_known_source():
    start = TEXT.index("Kessel Pact")
    row = f"Which pact?,Kessel,{SOURCE},{start},{start + 11}"
    data = f"prompt,answer,source,quote_start,quote_end\n{row}\n"
    parsed = tabular.read(data, filename="q.csv", sources=rich_pack()["sources"])
    assert parsed.pack["questions"][0]["quote"]["text"] == "Kessel Pact"
    assert [s["id"] for s in parsed.pack["sources"]] == [SOURCE]


@pytest.mark.parametrize(
    ("data", "location", "message"),
    [
        ("prompt,answer,colour\nQ,A,red\n", "line 1", "expected columns from id, type"),
        ("prompt,answer,difficulty\nQ,A,0.5\nQ2,A2,hard\n", "line 3", "expected a difficulty"),
        (
            "prompt,answer,source,quote_start,quote_end\nQ,A,nowhere,0,4\n",
            "line 2",
            "got 'nowhere'",
        ),
        ('prompt,answer\n"Q,A\n', "(file)", "expected CSV"),
        ("prompt,answer,type\nQ,x,numeric\n", "line 2", "expected a number"),
        ("prompt,answer\n", "(file)", "expected at least one row"),
    ],
)
def test_column_errors(data, location, message):
    with pytest.raises(FormatError) as caught:
        tabular.read(data, filename="bad.csv")
    assert caught.value.location == location
    assert message in caught.value.message


def test_multiline_cells_quote_their_whole_record():
    data = 'prompt,answer\n"Two\nlines?",yes\nNext?,no\n'
    questions = tabular.read(data, filename="m.csv").pack["questions"]
    assert questions[0]["prompt"] == "Two\nlines?"
    assert questions[0]["quote"]["text"] == '"Two\nlines?",yes'


@pytest.mark.parametrize("items", [["a", "b"], ["a|b", "c\\d"], ["x\\|y"], []])
def test_list_cells_round_trip(items):
    assert tabular.split_list(join_list(items)) == items


def test_bundled_pack_round_trip(bundled):
    back = tabular.read(tabular.write(bundled), filename="b.csv", sources=bundled["sources"]).pack
    for original, read in zip(bundled["questions"], back["questions"], strict=True):
        expected = strip(original, "fact", "group", "quality")
        if original["type"] == "ordering":
            expected["items"] = [{"text": item["text"]} for item in original["items"]]
        assert read == expected
