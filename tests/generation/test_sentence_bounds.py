"""One reading of sentence ends for the cloze window and the prompt's repairs."""

from __future__ import annotations

from app.generation.cloze_window import CLOZE_WORDS, _whole_sentence
from app.generation.sentence_bounds import sentence_starts, sentences
from app.generation.types import BLANK


def test_sentences_end_at_a_stop_before_a_capital_digit_quote_or_blank():
    text = f'It rained. 1990 was dry. "Never," he said. {BLANK} won. Done.'
    assert sentences(text) == [
        "It rained.",
        "1990 was dry.",
        '"Never," he said.',
        f"{BLANK} won.",
        "Done.",
    ]


def test_initials_and_abbreviations_end_no_sentence():
    text = "The U.S. Army met Gen. Lee at St. Louis on No. 5 Road. Then it left."
    assert sentences(text) == [
        "The U.S. Army met Gen. Lee at St. Louis on No. 5 Road.",
        "Then it left.",
    ]
    assert sentence_starts(text, text.index("Army")) == [0]


def test_a_closing_quote_or_bracket_stays_with_its_sentence():
    text = 'He said "it is over." Then (later) he left.'
    assert sentences(text) == ['He said "it is over."', "Then (later) he left."]


def test_the_cloze_window_keeps_a_sentence_whole_across_an_abbreviation():
    # Before, "U.S." ended the window's sentence, leaving "Army ... _____" without its start.
    filler = " ".join(["word"] * (CLOZE_WORDS + 10))
    text = f"{filler} ran long. The U.S. Army reached the fort at {BLANK} in May."
    assert _whole_sentence(text) == f"The U.S. Army reached the fort at {BLANK} in May."
