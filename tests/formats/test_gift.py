"""GIFT: each construct of Moodle's documentation, errors with line numbers, round trips."""

from __future__ import annotations

import pytest

from app.formats import gift
from app.formats.common import FormatError
from app.packs.format import validate_pack
from tests.formats.conftest import strip


def one(text: str) -> dict:
    pack = gift.read(text, filename="quiz.gift").pack
    assert validate_pack(pack) == []
    assert len(pack["questions"]) == 1
    return strip(pack["questions"][0], "quote", "kind")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Which river runs through Cairo?{~Danube =Nile ~Seine}",
            {"type": "multiple_choice", "answer": "Nile", "choices": ["Danube", "Nile", "Seine"]},
        ),
        (
            "The Nile flows {~south =north ~east} into the sea.",
            {"type": "multiple_choice", "prompt": "The Nile flows _____ into the sea."},
        ),
        (
            "Paris is the capital of France.{T}",
            {"type": "true_false", "answer": "True", "choices": ["True", "False"]},
        ),
        ("The sun is cold.{FALSE}", {"type": "true_false", "answer": "False"}),
        (
            "The moon is cheese.{F#No, rock.#Yes, it is rock.}",
            {
                "answer": "False",
                "answers": [
                    {"text": "True", "weight": 0, "feedback": "No, rock."},
                    {"text": "False", "weight": 100, "feedback": "Yes, it is rock."},
                ],
            },
        ),
        (
            "Who wrote Hamlet?{=Shakespeare =William Shakespeare}",
            {"type": "short_answer", "answer": "Shakespeare", "accept": ["William Shakespeare"]},
        ),
        (
            "Hamlet was written by {=Shakespeare =Shakespear} in about 1600.",
            {"type": "cloze", "prompt": "Hamlet was written by _____ in about 1600."},
        ),
        (
            "Match the rivers.{=Nile -> Egypt =Loire -> France =Po -> Italy}",
            {
                "type": "matching",
                "pairs": [
                    {"left": "Nile", "right": "Egypt"},
                    {"left": "Loire", "right": "France"},
                    {"left": "Po", "right": "Italy"},
                ],
            },
        ),
        (
            "How many legs has a spider?{#8:1}",
            {
                "type": "numeric",
                "answer": "8",
                "answers": [{"text": "8", "weight": 100, "tolerance": 1}],
            },
        ),
        (
            "Name a number from 1 to 5.{#1..5}",
            {"answers": [{"text": "1..5", "weight": 100, "min": 1, "max": 5}]},
        ),
        (
            "When did the wall fall?{#=1989:0#Exactly. =%50%1989:2#Close.}",
            {
                "answers": [
                    {"text": "1989", "weight": 100, "feedback": "Exactly.", "tolerance": 0},
                    {"text": "1989", "weight": 50, "feedback": "Close.", "tolerance": 2},
                ]
            },
        ),
        (
            "Which are primes?{~%50%2 ~%50%3 ~%-100%4}",
            {"type": "multiple_response", "answer": "2; 3", "single": False},
        ),
        (
            "Best answer?{=a ~%50%b ~c#Wrong.}",
            {
                "type": "multiple_choice",
                "answers": [
                    {"text": "a", "weight": 100},
                    {"text": "b", "weight": 50},
                    {"text": "c", "weight": 0, "feedback": "Wrong."},
                ],
            },
        ),
        ("Write about rivers.{}", {"type": "essay", "answer": ""}),
        (
            "Read this before the next part.",
            {"type": "description", "prompt": "Read this before the next part."},
        ),
        ("::Rivers 1:: Longest river?{=Nile ~Amazon ~Po}", {"id": "q-1", "title": "Rivers 1"}),
        ("::r1:: Longest river?{=Nile ~Amazon ~Po}", {"id": "r1"}),
        (
            "Longest river?{=Nile ~Amazon ~Po####The Nile, by most counts.}",
            {"explanation": "The Nile, by most counts."},
        ),
        (
            "[html]Is <b>this</b> bold?{T}",
            {"text_format": "html", "prompt": "Is <b>this</b> bold?"},
        ),
        (
            "[markdown]Is **this** bold?{T}",
            {"text_format": "html", "prompt": "<p>Is <strong>this</strong> bold?</p>"},
        ),
        ("[plain]Is [this] plain?{T}", {"prompt": "Is [this] plain?"}),
        (
            "[moodle]Moodle <i>text</i>\\non two lines?{T}",
            {"text_format": "html", "prompt": "Moodle <i>text</i><br>on two lines?"},
        ),
        (
            "Escapes \\~ \\= \\# \\{ \\} \\: ok?{=a\\=b ~c\\#d ~e\\~f}",
            {"prompt": "Escapes ~ = # { } : ok?", "choices": ["a=b", "c#d", "e~f"]},
        ),
        ("Two\\nlines?{T}", {"prompt": "Two\nlines?"}),
        ("// a comment\nCommented?{T}", {"prompt": "Commented?"}),
        ("$CATEGORY: $course$/top/Rivers\n\nRiver?{T}", {"category": "$course$/top/Rivers"}),
        (
            "Multi-line\nanswers? {\n  =yes\n  ~no\n  ~maybe\n}",
            {"answer": "yes", "prompt": "Multi-line\nanswers?"},
        ),
    ],
)
def test_constructs(text, expected):
    question = one(text)
    assert {key: question.get(key) for key in expected} == expected


def test_blocks_split_on_blank_lines_and_quote_their_entry():
    text = "// header\n::a:: One?{T}\n\n\n::b:: Two?{F}\r\n\r\nThree?{=x ~y ~z}\n"
    parsed = gift.read(text.encode(), filename="quiz.gift")
    pack = parsed.pack
    assert [q["id"] for q in pack["questions"]] == ["a", "b", "q-3"]
    source = pack["sources"][0]
    assert source["text"] == text and source["title"] == "quiz.gift"
    quotes = [q["quote"]["text"] for q in pack["questions"]]
    assert quotes == ["::a:: One?{T}", "::b:: Two?{F}", "Three?{=x ~y ~z}"]
    assert parsed.losses


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("One?{T}\n\nTwo?{=a ~b", 3, "expected '}' closing the answers"),
        ("One?{T}\n\n\nTwo} {T}", 4, "expected '{' before '}'"),
        ("::Title without end\nQ?{T}", 1, "expected a title closed by '::'"),
        ("Q?{T}\n\nQ2?{#abc}", 3, 'expected a number, a number:tolerance or min..max, got "abc"'),
        ("Q?{=a ~b}\n\nQ2?\n{~a ~b}", 4, "expected at least one right answer"),
        ("Q?{~%150%a =b}", 1, "expected a weight from -100% to 100%, got 150%"),
        ("Q?{junk ~a =b}", 1, "expected '=' or '~' before an answer, got \"junk\""),
        ("Q?{=a}{=b}", 1, "expected one answer block"),
        ("// only a comment\n", None, "expected at least one question"),
    ],
)
def test_errors_name_the_line(text, line, message):
    with pytest.raises(FormatError) as caught:
        gift.read(text, filename="bad.gift")
    error = caught.value
    assert error.file == "bad.gift"
    assert error.location == (f"line {line}" if line else "(file)")
    assert message in error.message


def test_all_problems_are_listed_at_once():
    with pytest.raises(FormatError) as caught:
        gift.read("A?{=a\n\nB?{#x}\n\nC?{T}\n\nD} ", filename="bad.gift")
    assert [p.location for p in caught.value.problems] == ["line 1", "line 3", "line 7"]


def test_duplicate_choices_are_reported_by_question():
    with pytest.raises(FormatError) as caught:
        gift.read("::dup:: Q?{=a ~a ~b}", filename="bad.gift")
    assert caught.value.location.startswith("question 1 (dup)")


def test_write_escapes_specials_and_reads_back(pack):
    text = gift.write(pack)
    assert "\\{the\\} text\\: a\\=b, c\\~d \\#1" in text
    back = gift.read(text, filename="veld.gift").pack
    keep = ("id", "type", "prompt", "answer", "choices", "accept", "answers", "pairs", "single")
    for original, read in zip(pack["questions"], back["questions"], strict=True):
        if original["type"] == "ordering":
            assert read["type"] == "matching"
            assert [p["left"] for p in read["pairs"]] == ["Veld Charter", "Kessel Pact"]
            continue
        assert {k: read.get(k) for k in keep} == {k: original.get(k) for k in keep}
        if original["type"] != "description":
            assert read["explanation"] == original["explanation"]


def test_write_reports_losses(pack):
    _, losses = gift.write_report(pack)
    messages = " ".join(note.message for note in losses)
    assert "no quote" in messages and "ordering" in messages and "correction" in messages


def test_prompt_that_looks_like_a_format_tag_survives():
    pack = gift.read("::q:: Plain?{T}", filename="a.gift").pack
    pack["questions"][0]["prompt"] = "[html] is not a tag here"
    back = gift.read(gift.write(pack), filename="b.gift").pack
    assert back["questions"][0]["prompt"] == "[html] is not a tag here"
    assert "text_format" not in back["questions"][0]


def test_bundled_pack_round_trip(bundled):
    back = gift.read(gift.write(bundled), filename="bundled.gift").pack
    assert len(back["questions"]) == len(bundled["questions"])
    keep = ("id", "prompt", "answer", "choices", "accept", "explanation")
    for original, read in zip(bundled["questions"], back["questions"], strict=True):
        if original["type"] != "ordering":
            assert {k: read.get(k) for k in keep} == {k: original.get(k) for k in keep}
            assert read["type"] == original["type"]


def test_ids_and_tags_in_comments_are_read():
    text = "// question: 3 name: x\n// [id:Q-7] [tag:rivers] [tag:hard\\]er]\n::Nile:: Long?{T}\n"
    question = gift.read(text, filename="t.gift").pack["questions"][0]
    assert question["id"] == "Q-7" and question["title"] == "Nile"
    assert question["tags"] == ["rivers", "hard]er"]


def test_ids_and_tags_are_written_and_read_back(pack):
    pack["questions"][0]["tags"] = ["dates", "a]b"]
    pack["questions"][0]["title"] = "A title"
    text, losses = gift.write_report(pack)
    assert "// [id:mc] [tag:dates] [tag:a\\]b]\n::A title::" in text
    back = gift.read(text, filename="veld.gift").pack["questions"][0]
    assert (back["id"], back["title"], back["tags"]) == ("mc", "A title", ["dates", "a]b"])
    assert not any("tags" in note.message for note in losses)


def test_weights_moodle_refuses_are_reported_both_ways():
    parsed = gift.read("Q?{~%33%a ~%67%b ~c}", filename="w.gift")
    assert any("weights Moodle refuses (33, 67%)" in note.message for note in parsed.losses)
    _, losses = gift.write_report(parsed.pack)
    assert any("Moodle stops the import" in note.message for note in losses)


def test_numeric_catch_all_round_trips():
    parsed = gift.read("::n:: Pick 1 to 5 {#3:2 ~#Completely wrong}", filename="n.gift")
    question = parsed.pack["questions"][0]
    assert question["answers"][-1] == {"text": "*", "weight": 0, "feedback": "Completely wrong"}
    text = gift.write(parsed.pack)
    assert "{#=3:2 ~#Completely wrong}" in text
    assert (
        gift.read(text, filename="again.gift").pack["questions"][0]["answers"]
        == (question["answers"])
    )
