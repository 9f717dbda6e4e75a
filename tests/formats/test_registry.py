"""The registry: detecting formats and converting between them."""

from __future__ import annotations

import json

import pytest

from app.formats import FORMATS, FormatError, convert, detect, read
from app.packs.format import dump_pack


@pytest.mark.parametrize(
    ("filename", "head", "expected"),
    [
        ("a.gift", b"", "gift"),
        ("a.XML", b"", "moodle-xml"),
        ("a.csv", b"", "csv"),
        ("a.apkg", b"", "apkg"),
        ("upload", b'{"format": "quire-pack"}', "json"),
        ("upload", b"<?xml version='1.0'?><quiz/>", "moodle-xml"),
        ("upload", b"\xef\xbb\xbfid,prompt,answer\n", "csv"),
        ("upload", b"prompt\tanswer\n", "tsv"),
        ("upload", b"::t:: Q?{T}", "gift"),
        ("upload", b"term\tdefinition\n", "quizlet"),
        ("upload", b"PK\x03\x04....collection.anki2", "apkg"),
        ("all.colpkg", b"PK\x03\x04....", "apkg"),
        # Moodle names its GIFT exports .txt: content, not the extension, decides.
        ("questions.gift.txt", b"// c\n::Q1:: 2+2 {=4}\n", "gift"),
        ("q.txt", b"What is 2+2? {#4}\n", "gift"),
        ("q.csv", b"$CATEGORY: a\n\nQ? {T}\n", "gift"),
        ("cards.txt", b"term\tdefinition\nother\tone\n", "quizlet"),
        ("q.txt", b"::Q::Which?{\n\t=a\n\t~b\n\t~c\n\t~d\n\t~e\n}\n", "gift"),
        ("cards.tsv", b"term\tdefinition\n", "tsv"),
        ("q.csv", b"prompt,answer\n", "csv"),
        ("q.txt", b"prompt,answer\nWhat {x},y\n", "csv"),
    ],
)
def test_detect(filename, head, expected):
    assert detect(filename, head) == expected


def test_convert_json_to_every_format(pack):
    data = dump_pack(pack).encode()
    for name, entry in FORMATS.items():
        output, losses = convert(data, src=None, dst=name, filename="veld.json")
        assert isinstance(output, bytes if entry.binary else str)
        if name not in ("json", "quizlet"):
            assert losses, name


def test_convert_gift_to_json_is_a_valid_pack():
    output, losses = convert(b"::a:: Q?{T}", src="gift", dst="json", filename="q.gift")
    assert json.loads(output)["questions"][0]["id"] == "a"
    assert losses


def test_unknown_or_export_only_formats_are_refused():
    with pytest.raises(FormatError, match="expected a file in an importable format"):
        read(b"PK\x03\x04", filename="quiz.zip", fmt="pdf")
    with pytest.raises(FormatError, match="expected one of json"):
        convert(b"Q?{T}", src="gift", dst="pdf", filename="q.gift")


def test_json_sources_must_be_inline(pack):
    pack["sources"][0]["path"] = "/etc/hostname"
    del pack["sources"][0]["text"]
    with pytest.raises(FormatError) as caught:
        read(dump_pack(pack), filename="p.json")
    assert "expected a readable UTF-8 text file" in str(caught.value)
