"""Points, per-student choice order, join codes, rejoin tokens, nicknames and CSV cells."""

from __future__ import annotations

import random

import pytest

from app.class_codes import (
    clean_nickname,
    new_join_code,
    new_rejoin_token,
    nickname_key,
    nickname_problem,
    normalise_code,
    token_hash,
    token_matches,
)
from app.classroom.export import safe_cell, to_csv
from app.classroom.scoring import ACCURACY_POINTS, SPEED_POINTS, points, streak
from app.shown import choice_order


@pytest.mark.parametrize(
    ("correct", "elapsed", "limit", "bonus", "expected"),
    [
        (False, 100, 20_000, True, 0),
        (True, 0, 20_000, True, ACCURACY_POINTS + SPEED_POINTS),
        (True, 10_000, 20_000, True, ACCURACY_POINTS + SPEED_POINTS // 2),
        (True, 20_000, 20_000, True, ACCURACY_POINTS),
        (True, 25_000, 20_000, True, ACCURACY_POINTS),
        (True, 1_000, 20_000, False, ACCURACY_POINTS),
        (True, None, 20_000, True, ACCURACY_POINTS),
    ],
)
def test_points(correct, elapsed, limit, bonus, expected):
    assert points(correct, elapsed, limit, bonus) == expected


def test_choice_order_is_a_stable_permutation_that_differs_between_students():
    choices = ["a", "b", "c", "d"]
    order = choice_order("multiple_choice", choices, "seed:1:7")
    assert sorted(order) == [(0, "a"), (1, "b"), (2, "c"), (3, "d")]
    assert choice_order("multiple_choice", choices, "seed:1:7") == order
    orders = {tuple(choice_order("multiple_choice", choices, f"seed:{p}:7")) for p in range(30)}
    assert len(orders) > 5
    # True before False whatever the seed, and whatever order they are stored in.
    assert choice_order("true_false", ["False", "True"], "x") == [(1, "True"), (0, "False")]


def test_join_codes_are_six_digits_without_a_leading_zero():
    rng = random.Random(3)
    codes = [new_join_code(rng) for _ in range(500)]
    assert all(len(c) == 6 and c.isdigit() and c[0] != "0" for c in codes)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("123456", "123456"),
        (" 123 456 ", "123456"),
        ("123-456", "123456"),
        ("12345", None),
        ("12345a", None),
        ("１２３４５６", None),
        ("", None),
        (None, None),
    ],
)
def test_normalise_code(raw, expected):
    assert normalise_code(raw) == expected


def test_rejoin_tokens_are_stored_as_hashes_and_checked():
    token = new_rejoin_token(random.Random(1))
    assert len(token) == 32
    stored = token_hash(token)
    assert stored != token
    assert token_matches(token, stored)
    assert not token_matches(token + "0", stored)
    assert not token_matches(None, stored)


def test_nicknames_are_cleaned_bounded_and_compared_without_case():
    assert clean_nickname("  Ada \t  Lovelace\n") == "Ada Lovelace"
    assert clean_nickname("Evil\u202eeman") == "Evileman"  # no right-to-left override
    assert nickname_key("ADA") == nickname_key("ada ")
    assert nickname_problem("") is not None
    assert nickname_problem("x" * 25) is not None
    assert nickname_problem("x" * 24) is None


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        ("=SUM(A1)", "'=SUM(A1)"),
        ("+1", "'+1"),
        ("-2", "'-2"),
        ("@cmd", "'@cmd"),
        ("\tx", "'\tx"),
        ("plain", "plain"),
        (None, ""),
        (True, "yes"),
        (1500, "1500"),
    ],
)
def test_csv_cells_cannot_start_a_formula(value, cell):
    assert safe_cell(value) == cell


def test_to_csv_escapes_quotes_and_newlines():
    text = to_csv(["a", "b"], [['say "hi"', "line\nbreak"]])
    assert text == 'a,b\r\n"say ""hi""","line\nbreak"\r\n'


def test_streak_counts_right_answers_in_a_row_at_the_end():
    assert streak([]) == 0
    assert streak([True, True, False]) == 0
    assert streak([False, True, True]) == 2
    # An unanswered question breaks a streak as a wrong answer does.
    assert streak([True, None, True]) == 1
    assert streak([True, True, True]) == 3
