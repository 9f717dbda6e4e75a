"""Checking answers: exact for clicks, tolerant for typing, never across numbers."""

from __future__ import annotations

import pytest

from app.study.answers import allowed_typos, check_answer, normalise


def mc(answer, choices, kind="place", accept=()):
    return {
        "type": "multiple_choice",
        "kind": kind,
        "answer": answer,
        "choices": choices,
        "accept": list(accept),
    }


def cloze(answer, kind="organisation", accept=()):
    return {"type": "cloze", "kind": kind, "answer": answer, "accept": list(accept)}


CITIES = mc("Vienna", ["Vienna", "Geneva", "Lisbon", "Oslo"])


@pytest.mark.parametrize("response, correct", [("Vienna", True), ("Geneva", False)])
def test_clicked_choice_is_exact(response, correct):
    result = check_answer(CITIES, response)
    assert (result.correct, result.expected, result.given, result.note) == (
        correct,
        "Vienna",
        response,
        "",
    )


@pytest.mark.parametrize(
    "question, response, correct, note",
    [
        (cloze("the United Nations"), "united nations", True, "ignoring case"),
        (cloze("Société Générale"), "societe generale", True, "ignoring case"),
        (cloze("Atomic Energy Agency"), "Atomic Enrgy Agency", True, "small typo"),
        (cloze("Atomic Energy Agency"), "Atomic Agency", False, ""),
        (cloze("1995", kind="date"), "1996", False, ""),
        (cloze("May 1995", kind="date"), "May 1996", False, ""),
        (cloze("13 May 2016", kind="date"), "May 13, 2016", True, "same date"),
        (cloze("13 May 2016", kind="date"), "14 May 2016", False, ""),
        (cloze("27%", kind="figure"), "27 percent", True, "same amount"),
        (cloze("$40 billion", kind="figure"), "$41 billion", False, ""),
        # A one-letter slip that names another month or scale is another answer, not a typo.
        (cloze("June 2015", kind="date"), "July 2015", False, ""),
        (cloze("$9 million", kind="figure"), "$9 billion", False, ""),
        (cloze("3 million", kind="figure"), "3 billion", False, ""),
        (cloze("June 2015", kind="date"), "Juen 2015", True, "small typo"),
        (cloze("Dmitry Peskov", kind="person"), "Peskov", True, "surname"),
        (cloze("Dmitry Peskov", kind="person"), "Dmitry", False, ""),
        (cloze("Dmitry Peskov", kind="organisation"), "Peskov", False, ""),
        (cloze("Dmitry Peskov", kind="person"), "Dmitri Peskov", True, "small typo"),
        (cloze("Bushehr", kind="place", accept=["Bushire"]), "Bushire", True, "accepted form"),
        (cloze("Oslo", kind="place"), "Olso", False, ""),
        (cloze("Iran", kind="place"), "Iraq", False, ""),
        (cloze("Lisbon", kind="place"), "Lisbin", True, "small typo"),
        (cloze("Lisbon", kind="place"), "", False, "no answer"),
    ],
)
def test_typed_answers_are_matched_tolerantly(question, response, correct, note):
    result = check_answer(question, response)
    assert result.correct is correct, result
    assert note in result.note


def test_typed_answer_to_a_choice_question_is_not_taken_when_nearer_another_choice():
    question = mc("Austria", ["Austria", "Australia", "Albania"])
    assert check_answer(question, "Austria ").correct
    assert check_answer(question, "Austira").correct
    assert not check_answer(mc("Mali", ["Mali", "Bali", "Malta"]), "Mail").correct
    question = mc("Sweden", ["Sweden", "Swedes", "Norway"])
    assert not check_answer(question, "Swede").correct


@pytest.mark.parametrize(
    "response, correct",
    [("True", True), ("true", True), ("yes", True), ("False", False), ("maybe", False)],
)
def test_true_false(response, correct):
    question = {
        "type": "true_false",
        "kind": "date",
        "answer": "True",
        "choices": ["True", "False"],
    }
    assert check_answer(question, response).correct is correct


def test_ordering_needs_the_same_order_and_reports_partial_credit():
    question = {
        "type": "ordering",
        "kind": "date",
        "answer": "A → B → C",
        "items": [{"text": "A"}, {"text": "B"}, {"text": "C"}],
    }
    right = check_answer(question, ["A", "B", "C"])
    assert right.correct and right.partial == 1.0 and right.expected == "A → B → C"
    swapped = check_answer(question, ["A", "C", "B"])
    assert not swapped.correct and swapped.partial == pytest.approx(1 / 3)
    wrong_items = check_answer(question, ["A", "B", "D"])
    assert not wrong_items.correct and wrong_items.partial == 0.0
    assert not check_answer(question, None).correct


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The Kremlin", "kremlin"),
        ("the", "the"),
        ("100,000 troops", "100000 troops"),
        ("Tehrán!", "tehran"),
        ("An  Ocean", "ocean"),
    ],
)
def test_normalise(text, expected):
    assert normalise(text) == expected


@pytest.mark.parametrize("length, edits", [(3, 0), (4, 0), (5, 1), (8, 1), (9, 2), (15, 3)])
def test_typo_budget_grows_with_length(length, edits):
    assert allowed_typos(length) == edits
