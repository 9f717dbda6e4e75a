"""Every reader, fed random and mutated input: a valid pack or one FormatError, nothing else."""

from __future__ import annotations

from functools import partial

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.formats import gift, json_pack, moodle_xml_read, moodle_xml_write, tabular
from app.formats.common import FormatError
from app.packs.format import dump_pack, validate_pack
from tests.formats.conftest import rich_pack

PACK = rich_pack()
READERS = {
    "gift": (gift.read, "q.gift", gift.write(PACK)),
    "moodle-xml": (moodle_xml_read.read, "q.xml", moodle_xml_write.write(PACK)),
    "csv": (partial(tabular.read, sources=PACK["sources"]), "q.csv", tabular.write(PACK)),
    "tsv": (partial(tabular.read, sources=PACK["sources"]), "q.tsv", tabular.write_tsv(PACK)),
    "quizlet": (tabular.read, "q.txt", tabular.write_cards(PACK)),
    "json": (json_pack.read, "q.json", dump_pack(PACK)),
}
FUZZ = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow], database=None
)
SPECIALS = "{}~=#:\\%->\t,|\"'<>&;![]/$\n\r _0123456789.aT"


def check(name: str, data: bytes | str) -> None:
    reader, filename, _ = READERS[name]
    try:
        parsed = reader(data, filename=filename)
    except FormatError as error:
        assert error.problems and all(p.message for p in error.problems)
        return
    assert validate_pack(parsed.pack) == []  # never a partial or invalid result


@pytest.mark.parametrize("name", sorted(READERS))
@FUZZ
@given(data=st.binary(max_size=300))
def test_random_bytes(name, data):
    check(name, data)


@pytest.mark.parametrize("name", sorted(READERS))
@FUZZ
@given(text=st.text(alphabet=st.sampled_from(SPECIALS) | st.characters(), max_size=200))
def test_random_text_of_special_characters(name, text):
    check(name, text)


@st.composite
def mutations(draw, original: str) -> str:
    text = original
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(text)))
        kind = draw(st.sampled_from(["insert", "delete", "replace"]))
        piece = draw(st.text(alphabet=st.sampled_from(SPECIALS), min_size=1, max_size=4))
        if kind == "insert":
            text = text[:at] + piece + text[at:]
        elif kind == "delete":
            text = text[:at] + text[at + draw(st.integers(1, 20)) :]
        else:
            text = text[:at] + piece + text[at + len(piece) :]
    return text


@pytest.mark.parametrize("name", sorted(READERS))
@FUZZ
@given(data=st.data())
def test_mutated_valid_files(name, data):
    original = READERS[name][2]
    check(name, data.draw(mutations(original)))


@pytest.mark.parametrize("name", sorted(READERS))
def test_unmutated_files_read(name):
    reader, filename, text = READERS[name]
    assert validate_pack(reader(text, filename=filename).pack) == []
