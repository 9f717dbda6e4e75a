"""A text's genre read from the text, and the bar it sets for the bank (choosing.GENRE_BARS)."""

from __future__ import annotations

import math

import pytest

from app.generation import choosing, genres, ranking
from tests.generation.test_acceptability import question
from tests.generation.test_ranking import learned_model

FILLER = "The river runs north through the valley and past the old mill. " * 40


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The plaintiffs moved to dismiss. The defendants, pursuant to Rule 12, replied. " * 5,
         genres.LEGAL),
        ("Abstract\nWe propose a parser for layouts.\n" + FILLER, genres.PAPER),
        ("Prior work (Smith et al., 2019; Lee et al., 2020) measured it. " + FILLER,
         genres.PAPER),
        ("CHAPTER I\nThe house stood on a hill.\n" + FILLER, genres.BOOK),
        ("The minister said the talks would resume. " * 3 + FILLER, genres.NEWS),
        ("We shall not fail you, and I ask you to stand with us. " * 4 + FILLER,
         genres.PERSONAL),
        (FILLER, genres.REFERENCE),
    ],
)  # fmt: skip
def test_a_texts_genre_is_read_from_its_own_signs(text, expected):
    assert genres.genre(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A quarterly report names itself "the Company" throughout (fresh6's 10-Q read as
        # reference prose: its questions were rejected 16 times of 16).
        ("The Company issued 51 shares to the Series A Holder. The Company's auditors agreed. "
         * 3 + FILLER, genres.LEGAL),
        # News in the present tense: "says", "told" (news pages read as reference prose).
        ("The mayor says the bridge will reopen, she told reporters. " * 3 + FILLER,
         genres.NEWS),
        # An article about a company writes it in lower case: no sign of a filing.
        ("The company was founded in 1975 and the company grew quickly. " * 3 + FILLER,
         genres.REFERENCE),
    ],
)  # fmt: skip
def test_filings_and_news_in_the_present_tense_are_read_as_such(text, expected):
    assert genres.genre(text) == expected


def test_a_paragraph_opening_on_chapter_is_no_chapter_heading():
    opening = "Chapter 11 of the Bankruptcy Code lets a company reorganise its debts while it "
    opening += "keeps trading under the eye of the court.\n"
    assert genres.genre(opening + FILLER) == genres.REFERENCE


def test_a_long_text_without_chapters_reads_as_a_book():
    assert genres.genre(FILLER * 70) == genres.BOOK  # 30,000 words or more


def _five_dates(probability: float) -> tuple[list, dict]:
    """Five date clozes of one text (source "src"), each judged `probability` by the model."""
    texts = [
        question(
            f"Fill in the blank: In _____, the mill number {n} was built.",
            str(1900 + n),
            qid=f"f{n}-cz",
            fact=f"f{n}",
            passage=f"In {1900 + n}, the mill number {n} was built.",
        )
        for n in range(1, 6)
    ]
    model = learned_model({}, 0.4, floor=0.2)
    model["intercept"] = math.log(probability / (1 - probability))
    return texts, model


def test_a_book_banks_only_questions_above_its_genres_bar_and_reviews_the_rest():
    texts, model = _five_dates(0.5)  # above the threshold (0.4), below a book's bar (0.6)
    assert len(ranking.rank(texts, {}, model=model)) == 5
    assert len(ranking.rank(texts, {}, model=model, genres={"src": genres.REFERENCE})) == 5
    book = {"src": genres.BOOK}
    kept = ranking.rank(texts, {}, model=model, genres=book)
    assert len(kept) == choosing.MIN_PER_TEXT  # the text still yields its best question
    # Never lost: a reviewer's pool (a web upload) still holds every one of them.
    assert len(ranking.rank(texts, {}, model=model, genres=book, strict=False)) == 5
    sure, model = _five_dates(0.65)
    assert len(ranking.rank(sure, {}, model=model, genres=book)) == 5


@pytest.mark.parametrize("name", [genres.LEGAL, genres.PAPER])
def test_a_filings_or_a_papers_questions_go_to_review_but_its_best(name):
    # No probability sorts them (fourteenth session): even the model's surest go to review.
    texts, model = _five_dates(0.9)
    assert len(ranking.rank(texts, {}, model=model)) == 5
    kept = ranking.rank(texts, {}, model=model, genres={"src": name})
    assert len(kept) == choosing.MIN_PER_TEXT
    assert len(ranking.rank(texts, {}, model=model, genres={"src": name}, strict=False)) == 5


def test_news_and_first_person_texts_keep_the_banks_threshold():
    texts, model = _five_dates(0.5)
    for name in (genres.NEWS, genres.PERSONAL, genres.REFERENCE):
        assert len(ranking.rank(texts, {}, model=model, genres={"src": name})) == 5


@pytest.mark.parametrize(
    ("name", "said"),
    [
        (genres.LEGAL, "“Doe v. Roe” reads as a legal filing: its questions are held for review "
         "but its best one; 1 kept, 4 for review"),
        (genres.PAPER, "“Doe v. Roe” reads as a paper: its questions are held for review "
         "but its best one; 1 kept, 4 for review"),
        (genres.BOOK, "“Doe v. Roe” reads as a book: its questions need a probability of 0.6 "
         "to be kept without review; 1 kept, 4 for review"),
    ],
)  # fmt: skip
def test_the_note_names_the_genre_and_where_its_questions_went(name, said):
    texts, _ = _five_dates(0.5)
    pending = {q.id for q in texts[1:]}
    notes = genres.review_notes({"src": name}, {"src": "Doe v. Roe"}, texts, pending)
    assert notes == [said]
    assert genres.review_notes({"src": genres.NEWS}, {}, texts, pending) == []
