"""Moodle XML: every supported question type, safety against entity attacks, round trips."""

from __future__ import annotations

import pytest

from app.formats import moodle_xml_read, moodle_xml_write
from app.formats.common import FormatError
from app.packs.format import validate_pack

SAMPLE = """<?xml version="1.0" encoding="UTF-8"?>
<quiz>
  <question type="category"><category><text>$course$/top/Rivers</text></category></question>
  <question type="multichoice">
    <name><text>River 1</text></name>
    <questiontext format="html">
      <text><![CDATA[<p>Which river runs through <b>Cairo</b>?</p>]]></text>
    </questiontext>
    <generalfeedback format="html"><text>It is the Nile.</text></generalfeedback>
    <idnumber>r1</idnumber>
    <single>true</single>
    <answer fraction="100"><text>Nile</text><feedback><text>Yes.</text></feedback></answer>
    <answer fraction="0"><text>Seine</text></answer>
    <answer fraction="0"><text>Po</text></answer>
    <tags><tag><text>rivers</text></tag></tags>
  </question>
  <question type="multichoice">
    <name><text>Primes</text></name>
    <questiontext format="plain_text"><text>Which are prime?</text></questiontext>
    <single>false</single>
    <answer fraction="50"><text>2</text></answer>
    <answer fraction="50"><text>3</text></answer>
    <answer fraction="-100"><text>4</text></answer>
  </question>
  <question type="truefalse">
    <name><text>tf</text></name>
    <questiontext format="plain_text"><text>The Nile is in Egypt.</text></questiontext>
    <answer fraction="100"><text>true</text><feedback><text>Right.</text></feedback></answer>
    <answer fraction="0"><text>false</text><feedback><text>It is.</text></feedback></answer>
  </question>
  <question type="shortanswer">
    <name><text>sa</text></name>
    <questiontext format="plain_text"><text>Longest river?</text></questiontext>
    <answer fraction="100"><text>Nile</text></answer>
    <answer fraction="100"><text>The Nile</text></answer>
  </question>
  <question type="matching">
    <name><text>ma</text></name>
    <questiontext format="plain_text"><text>Match.</text></questiontext>
    <subquestion><text>Nile</text><answer><text>Egypt</text></answer></subquestion>
    <subquestion><text>Po</text><answer><text>Italy</text></answer></subquestion>
    <subquestion><text></text><answer><text>Spain</text></answer></subquestion>
  </question>
  <question type="numerical">
    <name><text>nu</text></name>
    <questiontext format="plain_text"><text>Length in thousands of km?</text></questiontext>
    <answer fraction="100"><text>6.65</text><tolerance>0.1</tolerance></answer>
    <answer fraction="0"><text>*</text></answer>
  </question>
  <question type="essay">
    <name><text>es</text></name>
    <questiontext format="plain_text"><text>Describe the delta.</text></questiontext>
    <graderinfo format="html"><text>Mentions silt.</text></graderinfo>
  </question>
  <question type="description">
    <name><text>de</text></name>
    <questiontext format="plain_text"><text>Next: seas.</text></questiontext>
  </question>
  <question type="ordering">
    <name><text>or</text></name>
    <questiontext format="plain_text"><text>Source to sea.</text></questiontext>
    <answer fraction="1"><text>Lake Victoria</text></answer>
    <answer fraction="2"><text>Khartoum</text></answer>
    <answer fraction="3"><text>Cairo</text></answer>
  </question>
  <question type="calculated">
    <name><text>calc</text></name>
    <questiontext format="plain_text"><text>{a} + {b}?</text></questiontext>
  </question>
</quiz>
"""


def test_reads_every_supported_type():
    parsed = moodle_xml_read.read(SAMPLE.encode(), filename="rivers.xml")
    pack = parsed.pack
    assert validate_pack(pack) == []
    by_id = {q["id"]: q for q in pack["questions"]}
    assert list(by_id) == ["r1", "Primes", "tf", "sa", "ma", "nu", "es", "de", "or"]
    mc = by_id["r1"]
    assert (mc["type"], mc["answer"], mc["title"]) == ("multiple_choice", "Nile", "River 1")
    assert mc["text_format"] == "html" and "<b>Cairo</b>" in mc["prompt"]
    assert mc["category"] == "$course$/top/Rivers" and mc["tags"] == ["rivers"]
    assert mc["explanation"] == "It is the Nile."
    assert mc["quote"]["text"].startswith('<question type="multichoice">')
    assert mc["quote"]["text"].endswith("</question>")
    assert by_id["Primes"]["type"] == "multiple_response"
    assert by_id["tf"]["answer"] == "True" and by_id["tf"]["answers"][1]["feedback"] == "It is."
    assert by_id["sa"]["accept"] == ["The Nile"]
    assert by_id["ma"]["pairs"][2] == {"left": "", "right": "Spain"}
    assert by_id["nu"]["answers"] == [
        {"text": "6.65", "weight": 100, "tolerance": 0.1},
        {"text": "*", "weight": 0},  # Moodle's "any other answer", kept
    ]
    assert by_id["es"]["answer"] == "Mentions silt."
    assert by_id["de"]["type"] == "description"
    assert [i["text"] for i in by_id["or"]["items"]] == ["Lake Victoria", "Khartoum", "Cairo"]
    losses = " ".join(note.message for note in parsed.losses)
    assert "'calculated' is not supported" in losses


def test_round_trip_of_every_type(pack):
    text = moodle_xml_write.write(pack)
    back = moodle_xml_read.read(text, filename="veld.xml").pack
    fields = ("id", "type", "prompt", "answer", "choices", "accept", "answers", "pairs", "items")
    for original, read in zip(pack["questions"], back["questions"], strict=True):
        assert {k: read.get(k) for k in fields} == {k: original.get(k) for k in fields}
        assert read["explanation"] == original["explanation"]


def test_markup_is_escaped_on_write(pack):
    text = moodle_xml_write.write(pack)
    assert "<b>Charter</b>" not in text and "&lt;b&gt;Charter&lt;/b&gt;" in text
    assert "1881 &amp; later" in text


def test_bundled_pack_round_trip(bundled):
    back = moodle_xml_read.read(moodle_xml_write.write(bundled), filename="b.xml").pack
    fields = ("id", "type", "prompt", "answer", "choices", "accept", "explanation", "tags")
    for original, read in zip(bundled["questions"], back["questions"], strict=True):
        expected = {k: original.get(k) for k in fields}
        if original["type"] == "ordering":
            expected["items"] = [{"text": item["text"]} for item in original["items"]]
            fields_read = {k: read.get(k) for k in (*fields, "items")}
            assert fields_read == expected
        else:
            assert {k: read.get(k) for k in fields} == expected


BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<quiz>&lol3;</quiz>
"""
EXTERNAL = """<?xml version="1.0"?>
<!DOCTYPE quiz [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<quiz><question type="essay"><questiontext><text>&secret;</text></questiontext></question></quiz>
"""
EXTERNAL_DTD = """<?xml version="1.0"?>
<!DOCTYPE quiz SYSTEM "http://example.invalid/quiz.dtd">
<quiz/>
"""


@pytest.mark.parametrize("payload", [BILLION_LAUGHS, EXTERNAL, EXTERNAL_DTD])
def test_entities_and_external_references_are_refused(payload):
    with pytest.raises(FormatError) as caught:
        moodle_xml_read.read(payload, filename="evil.xml")
    assert caught.value.location == "line 2"
    assert "expected XML without DTDs, entities or external references" in caught.value.message


@pytest.mark.parametrize(
    ("text", "location", "message"),
    [
        ("<quiz>\n<question type='essay'>\n</quiz>", "line 3", "expected well-formed XML"),
        ("<questions/>", "line 1", "expected a <quiz> root element, got <questions>"),
        (
            "<quiz>\n<question type='numerical'><answer fraction='100'><text>ten</text>"
            "</answer></question></quiz>",
            "line 2",
            "expected a number, got 'ten'",
        ),
        (
            "<quiz>\n\n<question type='multichoice'><answer fraction='lots'><text>a</text>"
            "</answer></question></quiz>",
            "line 3",
            "expected a fraction from -100 to 100, got 'lots'",
        ),
        ("<quiz></quiz>", "(file)", "expected at least one supported question"),
        (
            '<?xml version="1.0" encoding="ISO-8859-1"?><quiz/>',
            "line 1",
            "expected encoding UTF-8, got ISO-8859-1",
        ),
    ],
)
def test_errors(text, location, message):
    with pytest.raises(FormatError) as caught:
        moodle_xml_read.read(text, filename="bad.xml")
    assert caught.value.location == location
    assert message in caught.value.message
