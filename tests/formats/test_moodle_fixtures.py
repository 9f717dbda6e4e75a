"""Moodle's own test files (question/format/xml, gift tests/fixtures), read as Moodle reads them."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.formats import FormatError, convert, read
from app.formats.common import answers_of
from app.formats.markup import plain

FIXTURES = Path(__file__).parents[1] / "fixtures"
XML = FIXTURES / "moodle-xml"
GIFT = FIXTURES / "moodle-gift"
REFUSED = {"broken_cloze_questions.xml", "error_invalid_grades.xml"}  # Moodle refuses them too


def _read(path: Path):
    return read(path.read_bytes(), filename=path.name)


def _answers(question: dict) -> list[tuple[str, float, str]]:
    return [
        (plain(a["text"]), a.get("weight", 100), plain(a.get("feedback", "")))
        for a in answers_of(question)
    ]


@pytest.mark.parametrize("path", sorted(XML.glob("*.xml")), ids=lambda p: p.name)
def test_every_xml_fixture_reads_or_is_refused_as_moodle_refuses_it(path):
    if path.name in REFUSED:
        with pytest.raises(FormatError):
            _read(path)
    else:
        assert _read(path).pack["questions"]


def test_multichoice_with_media():
    parsed = _read(XML / "multichoice.xml")
    (question,) = parsed.pack["questions"]
    assert question["id"] == "Greeting" and question["type"] == "multiple_choice"
    assert (
        plain(question["prompt"]) == "Listen to this greeting: \n\nWhat language is being spoken?"
    )
    assert _answers(question) == [
        ("English", 0, "Sorry, listen again."),
        ("French", 100, "Yes, well done!"),
        ("German", 0, "Sorry, listen again."),
        ("Danish", 0, "Sorry, listen again."),
    ]
    assert question["category"] == "$course$/Default for testhead/Multichoice"
    # The files are kept with the question and its HTML refers to them; nothing is lost.
    assert "not kept" not in " ".join(str(note) for note in parsed.losses)
    kept = {m["name"]: m["mime"] for m in question["media"]}
    assert kept == {
        "bonjour.mp3": "audio/mpeg", "flag-uk.jpg": "image/jpeg", "flag-france.jpg": "image/jpeg",
        "flag-german.jpg": "image/jpeg", "flag-denmark.jpg": "image/jpeg",
    }  # fmt: skip
    # Moodle's audio link becomes a player; its text stays.
    assert (
        'Listen to this greeting: <audio controls="" src="@@PLUGINFILE@@/bonjour.mp3">'
        in (question["prompt"])
    )
    assert '<img src="@@PLUGINFILE@@/flag-uk.jpg" alt="British Flag"' in question["choices"][0]


def test_truefalse_feedback_as_moodle_reads_it():
    first, second = _read(XML / "truefalse.xml").pack["questions"]
    assert (first["answer"], second["answer"]) == ("False", "True")
    assert first["title"] == "Moodle acronym (False)"
    assert _answers(first) == [
        ("True", 0, "Your answer is incorrect."),
        ("False", 100, "Your answer is correct."),
    ]
    assert "documentation about Moodle" in first["explanation"]


def test_cloze_becomes_one_question_per_gap():
    parsed = _read(XML / "multianswer.xml")
    questions = parsed.pack["questions"]
    assert [q["type"] for q in questions] == ["multiple_response"] * 4 + ["cloze"]
    assert [q["answer"] for q in questions] == [
        "California", "Arizona", "California", "Arizona", "Paris",
    ]  # fmt: skip
    assert all(q["single"] for q in questions[:4])
    assert _answers(questions[1]) == [("California", 0, "Wrong"), ("Arizona", 100, "OK")]
    capital = questions[4]
    assert plain(capital["prompt"]).endswith("The capital of France is _____.")
    assert _answers(capital) == [
        ("Paris", 100, "Congratulations!"),
        ("Marseille", 50, "No, that is the second largest city in France (after\nParis)."),
        ("*", 0, "Wrong answer. The capital of France is Paris, of course."),
    ]
    assert "a Cloze question of 5 gaps" in " ".join(str(n) for n in parsed.losses)


def test_old_image_tag_is_named_in_a_loss_note():
    parsed = _read(XML / "sample_questions_with_old_image_tag.xml")
    mcq = parsed.pack["questions"][-1]
    assert [a[0] for a in _answers(mcq)] == ["wrong answer", "another wrong answer", "right answer"]
    assert "embedded file 'moodle.png' not kept" in " ".join(str(n) for n in parsed.losses)


def test_invalid_grades_are_refused_naming_question_and_answer():
    with pytest.raises(FormatError) as caught:
        _read(XML / "error_invalid_grades.xml")
    (problem,) = caught.value.problems
    assert problem.location.startswith("question 1 (Question with <strong>invalid grades")
    assert problem.location.endswith("answer 2 fraction")
    assert "got 33" in problem.message and "33.33333 is nearest" in problem.message


def test_broken_cloze_questions_each_named():
    with pytest.raises(FormatError) as caught:
        _read(XML / "broken_cloze_questions.xml")
    messages = [str(p) for p in caught.value.problems]
    assert len(messages) == 5
    assert "expected at least two choices, got 1" in messages[2]
    assert "expected a choice worth 100%" in messages[3]
    assert "expected a number" in messages[4] and "'zero'" in messages[4]


def test_gift_txt_is_read_as_gift_without_a_format():
    questions = _read(GIFT / "questions.gift.txt").pack["questions"]
    by_title = {q.get("title", q["id"]): q for q in questions}
    assert [q["type"] for q in questions] == [
        "essay", "matching", "multiple_choice", "multiple_response", "numeric", "short_answer",
        "true_false", "true_false", "true_false",
    ]  # fmt: skip
    numeric = by_title["Q5"]
    assert numeric["answers"] == [
        {"text": "3", "weight": 100, "tolerance": 2},
        {"text": "*", "weight": 0, "feedback": "Completely wrong"},
    ]
    match = by_title["Moodle activities"]
    assert [plain(p["left"]) for p in match["pairs"]][:2] == [
        "An activity supporting asynchronous discussions.",
        "A teacher asks a question and specifies a choice of multiple responses.",
    ]
    assert match["pairs"][-1] == {"left": "", "right": "Chat"}
    assert _answers(by_title["Q2"]) == [
        ("yellow", 100, "right; good!"),
        ("red", 0, "wrong, it's yellow"),
        ("blue", 0, "wrong, it's yellow"),
    ]
    assert _answers(by_title["colours"])[3] == ("blue", -100, "wrong")
    assert _answers(by_title["Shortanswer"]) == [
        ("Frog", 100, "Good!"),
        ("Cat", 50, "What is it with Moodlers and cats?"),
        ("*", 0, "Completely wrong"),
    ]
    tf = by_title["Q1"]
    assert tf["answer"] == "False"
    assert tf["explanation"] == "This is, of course, a Hitchiker's Guide to the Galaxy reference."
    assert _answers(tf) == [
        ("True", 0, "42 is the Ultimate Answer."),
        ("False", 100, "You gave the right answer."),
    ]


def test_gift_in_category_and_windows_1252():
    questions = _read(GIFT / "questions_in_category.gift.txt").pack["questions"]
    assert {q["category"] for q in questions} == {"$course$/Default for New Features"}
    greeting = next(q for q in questions if q["id"] == "Greeting")
    assert greeting["answer"] == "French" and greeting["text_format"] == "html"
    parsed = _read(GIFT / "questions_encoding_windows-1252.gift.txt")
    assert "Windows-1252" in str(parsed.losses[0])
    assert "ö" in str(parsed.pack["questions"])


@pytest.mark.parametrize("path", sorted(XML.glob("*.xml")), ids=lambda p: p.name)
def test_xml_fixtures_round_trip_through_moodle_xml(path):
    if path.name in REFUSED:
        return
    first = _read(path).pack
    output, _ = convert(path.read_bytes(), src="moodle-xml", dst="moodle-xml", filename=path.name)
    again = read(output, filename="again.xml").pack
    keep = ("type", "answer", "choices", "answers", "pairs", "tags", "category", "text_format")
    for one, two in zip(first["questions"], again["questions"], strict=True):
        assert {k: one.get(k) for k in keep} == {k: two.get(k) for k in keep}
        assert plain(one["prompt"]) == plain(two["prompt"])
