import random
import re

import pytest

from app.generation.quantities import parse_quantity, quantity_distractors, same_quantity
from app.generation.types import Quantity
from tests.generation.distractor_checks import assert_seeded, assert_written_like


@pytest.mark.parametrize(
    ("text", "value", "unit", "label", "qualifier"),
    [
        ("$40 billion", 40e9, "USD", "$40 billion", ""),
        ("$6.5 billion", 6.5e9, "USD", "$6.5 billion", ""),
        ("USD 3 billion", 3e9, "USD", "$3 billion", ""),
        ("more than USD 3 billion", 3e9, "USD", "more than $3 billion", "more than"),
        ("40 billion dollars", 40e9, "USD", "$40 billion", ""),
        ("$3bn", 3e9, "USD", "$3 billion", ""),
        ("€250 million", 250e6, "EUR", "€250 million", ""),
        ("27 percent", 27, "percent", "27%", ""),
        ("27 per cent", 27, "percent", "27%", ""),
        ("27%", 27, "percent", "27%", ""),
        ("ten percent", 10, "percent", "10%", ""),
        ("more than 100,000", 100_000, "", "more than 100,000", "more than"),
        ("2,500-kilometre", 2500, "km", "2,500 km", ""),
        ("17-million", 17e6, "", "17 million", ""),
        ("about 100 years", 100, "year", "about 100 years", "about"),
        ("15 years", 15, "year", "15 years", ""),
        ("tenfold", 10, "fold", "10-fold", ""),
        ("10-fold", 10, "fold", "10-fold", ""),
        ("3.5 million barrels", 3.5e6, "barrel", "3.5 million barrels", ""),
        ("twenty-five", 25, "", "25", ""),
        ("one hundred and five", 105, "", "105", ""),
        ("a million", 1e6, "", "1 million", ""),
        ("2 centuries", 2, "century", "2 centuries", ""),
    ],
)
def test_parse_quantity(text, value, unit, label, qualifier):
    quantity = parse_quantity(text)
    assert quantity is not None
    assert quantity.value == pytest.approx(value)
    assert (quantity.unit, quantity.label, quantity.qualifier) == (unit, label, qualifier)
    assert not quantity.vague


@pytest.mark.parametrize(
    "text",
    ["hundreds", "trillions of dollars", "roughly half", "several", "a dozen", "³", "2012,[xvii"],
)
def test_vague_amounts_are_refused(text):
    assert parse_quantity(text) is None


@pytest.mark.parametrize(("text", "value"), [("two", 2), ("Three", 3), ("4", 4), ("twelve", 12)])
def test_small_bare_counts_are_marked_vague(text, value):
    quantity = parse_quantity(text)
    assert quantity.value == value and quantity.vague


@pytest.mark.parametrize("text", ["13", "two percent", "3 years", "2 million", "$5"])
def test_counts_with_a_unit_or_scale_are_not_vague(text):
    assert not parse_quantity(text).vague


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("27%", "27 percent", True),
        ("ten percent", "10%", True),
        ("$40 billion", "40 billion dollars", True),
        ("$40 billion", "40,000,000,000", True),  # a missing unit matches any
        ("more than 100,000", "100,000", True),
        ("USD 3 billion", "$3bn", True),
        ("$40 billion", "€40 billion", False),
        ("27 percent", "28 percent", False),
        ("15 years", "15 km", False),
        ("hundreds", "100", False),
    ],
)
def test_same_quantity(a, b, same):
    assert same_quantity(a, b) is same
    assert same_quantity(b, a) is same


FORMS = [
    ("$40 billion", r"\$\d+ billion"),
    ("$6.5 billion", r"\$\d+(\.\d)? billion"),
    ("USD 3 billion", r"USD \d billion"),
    ("more than USD 3 billion", r"more than USD \d+ billion"),
    ("27 percent", r"\d+ percent"),
    ("27%", r"\d+%"),
    ("ten percent", r"[a-z-]+ percent"),
    ("Ten percent", r"[A-Z][a-z-]+ percent"),
    ("more than 100,000", r"more than \d{1,3}(,\d{3})+"),
    ("2,500-kilometre", r"\d,\d{3}-kilometre"),
    ("17-million", r"\d+-million"),
    ("about 100 years", r"about \d+ years"),
    ("15 years", r"\d+ years"),
    ("tenfold", r"[a-z-]+fold"),
    ("two", r"[a-z]+"),
    ("1.50 percent", r"\d\.\d\d percent"),
]


@pytest.mark.parametrize(("answer", "pattern"), FORMS)
def test_distractors_keep_the_answers_form(answer, pattern):
    assert_written_like(parse_quantity, quantity_distractors, answer, pattern)


@pytest.mark.parametrize("answer", [answer for answer, _ in FORMS])
@pytest.mark.parametrize("seed", range(5))
def test_distractors_are_distinct_wrong_and_spread(answer, seed):
    quantity = parse_quantity(answer)
    distractors = quantity_distractors(answer, quantity, random.Random(seed))
    values = [parse_quantity(d).value for d in distractors]
    assert len(set(values)) == 3
    assert all(not same_quantity(d, answer) for d in distractors)
    assert any(v < quantity.value for v in values) and any(v > quantity.value for v in values)
    assert all(quantity.value / 5 <= v <= quantity.value * 5 for v in values)


@pytest.mark.parametrize("answer", ["$40 billion", "27 percent", "two"])
def test_distractors_are_deterministic(answer):
    assert_seeded(parse_quantity, quantity_distractors, answer, seeds=8)


def significant_figures(number: float) -> int:
    digits = f"{number:.6f}".rstrip("0").rstrip(".").replace(".", "").strip("0")
    return len(digits)


@pytest.mark.parametrize(
    ("answer", "scale", "figures"),
    [
        ("$40 billion", 1e9, 1),
        ("ten percent", 1, 1),
        ("more than 100,000", 1, 1),
        ("27 percent", 1, 2),
        ("$6.5 billion", 1e9, 2),
        ("2,500-kilometre", 1, 2),
    ],
)
def test_distractors_are_rounded_like_the_answer(answer, scale, figures):
    quantity = parse_quantity(answer)
    decimals = len(answer.partition(".")[2].split()[0]) if "." in answer else 0
    for seed in range(10):
        for text in quantity_distractors(answer, quantity, random.Random(seed)):
            number = parse_quantity(text).value / scale
            assert significant_figures(number) <= figures, text
            assert round(number, decimals) == number, text


def test_percent_distractors_stay_at_most_a_hundred():
    quantity = parse_quantity("80 percent")
    for seed in range(10):
        for text in quantity_distractors("80 percent", quantity, random.Random(seed)):
            assert parse_quantity(text).value <= 100


def test_pool_amounts_of_the_same_unit_come_first():
    pool = [
        parse_quantity("$6.5 billion"),
        parse_quantity("€30 billion"),  # another currency
        parse_quantity("$900 billion"),  # not a similar size
        parse_quantity("27 percent"),
        parse_quantity("$40 billion"),  # the answer itself
    ]
    answer = parse_quantity("$40 billion")
    distractors = quantity_distractors("$40 billion", answer, random.Random(0), n=2, pool=pool)
    # None of those is usable, so the choice is the same as with no pool at all.
    assert distractors == quantity_distractors("$40 billion", answer, random.Random(0), n=2)
    pool.append(parse_quantity("$25 billion"))
    distractors = quantity_distractors("$40 billion", answer, random.Random(0), n=2, pool=pool)
    assert distractors[0] == "$25 billion"


def test_pool_amount_is_written_in_words_when_the_answer_is():
    answer = parse_quantity("ten percent")
    pool = [parse_quantity("27%")]
    assert quantity_distractors("ten percent", answer, random.Random(0), n=1, pool=pool) == [
        "twenty-seven percent"
    ]


def test_a_unit_word_is_not_left_plural_after_one():
    quantity = parse_quantity("2 centuries")
    for seed in range(10):
        assert "1 centuries" not in quantity_distractors(
            "2 centuries", quantity, random.Random(seed)
        )


def test_unparseable_answer_falls_back_to_the_values_label():
    quantity = Quantity(27, "percent", "27%")
    distractors = quantity_distractors("over a quarter", quantity, random.Random(0))
    assert len(distractors) == 3 and all(re.fullmatch(r"\d+%", d) for d in distractors)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("fifteen hundred soldiers", 1500),
        ("twenty-one hundred people", 2100),
        ("a hundred men", 100),
        ("a million dollars", 1_000_000),
        ("six hundred and five troops", 605),
    ],
)
def test_number_words_with_hundreds_read_as_english_writes_them(text, value):
    assert parse_quantity(text).value == value


@pytest.mark.parametrize("text", ["twenty a year", "forty an hour", "hundred a day"])
def test_an_article_after_a_number_word_is_no_part_of_it(text):
    # "twenty a year" was read as 21 years: the whole is no amount.
    assert parse_quantity(text) is None


@pytest.mark.parametrize("text", ["652,000 km²", "652,000 km2", "652,000 square kilometres"])
def test_an_area_is_an_amount_of_its_own_unit(text):
    """fresh6 seed 154: "Its territory covers 652,000 km²" was keyed "652,000 km", a length."""
    quantity = parse_quantity(text)
    assert quantity is not None and quantity.unit == "km²" and quantity.value == 652000
