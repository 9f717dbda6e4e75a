"""Moodle's item analysis on small mark matrices whose values were computed by hand."""

from __future__ import annotations

import math
import statistics as stdlib

import pytest

from app.stats import correlation, covariance, item_statistics, quiz_statistics

# Four students, three items, a perfect ladder: every item splits the class the same way.
LADDER = [[1, 1, 1], [1, 1, 0], [1, 0, 0], [0, 0, 0]]


def approx(value: float) -> object:
    return pytest.approx(value, abs=1e-4)


def test_facility_and_sd_are_percentages_of_the_maximum_mark():
    first, second, third = quiz_statistics(LADDER, [1, 1, 1]).items
    assert first.facility == approx(75.0)
    assert second.facility == approx(50.0)
    assert third.facility == approx(25.0)
    # Sample variance: item 1 has deviations .25,.25,.25,-.75 → .75/3 = .25 → sd .5.
    assert first.sd == approx(50.0)
    assert second.sd == approx(100 * math.sqrt(1 / 3))


def test_discrimination_is_the_correlation_with_the_rest_of_the_test():
    first, second, _ = quiz_statistics(LADDER, [1, 1, 1]).items
    # Item 1 against rest [2,1,0,0]: cov .25, var .25 and 11/12 → r = .25/sqrt(.25·11/12).
    assert first.discrimination == approx(100 * 0.25 / math.sqrt(0.25 * 11 / 12))
    assert first.discrimination == approx(52.2233)
    # Item 2 against rest [2,1,1,0]: r = 1/sqrt(2).
    assert second.discrimination == approx(100 / math.sqrt(2))


def test_a_perfect_ladder_discriminates_with_full_efficiency():
    for item in quiz_statistics(LADDER, [1, 1, 1]).items:
        assert item.efficiency == approx(100.0)


def test_an_item_the_weak_get_right_has_negative_discrimination_and_efficiency():
    marks = [[0, 1, 1], [1, 0, 0], [0, 1, 0], [0, 0, 0]]
    item = item_statistics(marks, [1, 1, 1], 0)
    # x = [0,1,0,0], rest = [2,0,1,0]: cov = -.75/3; sorted columns give C_max = 1.25/3.
    assert item.discrimination == approx(-52.2233)
    assert item.efficiency == approx(-60.0)


def test_cronbach_alpha_error_ratio_and_standard_error():
    result = quiz_statistics(LADDER, [1, 1, 1])
    # Item variances .25 + 1/3 + .25; total [3,2,1,0] variance 5/3 → α = 1.5·(1 - .5) = .75.
    assert result.cic == approx(75.0)
    assert result.error_ratio == approx(50.0)
    assert result.standard_error == approx(0.5 * math.sqrt(5 / 3))
    assert result.mean == approx(1.5)
    assert result.students == 4


def test_a_negative_alpha_still_has_an_error_ratio_and_standard_error_as_in_moodle():
    # Two items that mostly contradict each other: right on one, wrong on the other.
    result = quiz_statistics([[1, 0], [0, 1], [1, 1], [0, 1]], [1, 1])
    assert result.cic < 0
    assert result.error_ratio == approx(100.0 * math.sqrt(1 - result.cic / 100))
    assert result.error_ratio > 100
    assert result.standard_error == approx(result.error_ratio / 100 * result.sd)


def test_partial_marks_are_scaled_by_each_items_maximum():
    marks = [[2, 1], [1, 1], [0, 0]]
    first = item_statistics(marks, [2, 1], 0)
    assert first.facility == approx(50.0)  # mean 1 of a maximum of 2
    assert first.sd == approx(50.0)  # sd 1, of 2


def test_undefined_values_are_none_rather_than_errors():
    everyone_right = [[1, 0], [1, 1], [1, 0]]
    item = item_statistics(everyone_right, [1, 1], 0)
    assert item.facility == approx(100.0)
    assert item.sd == approx(0.0)
    assert item.discrimination is None
    assert item.efficiency is None
    alone = quiz_statistics([[1, 0]], [1, 1])
    assert alone.sd is None and alone.cic is None and alone.items[0].discrimination is None
    nobody = quiz_statistics([], [1, 1])
    assert nobody.mean is None and nobody.items[0].facility is None


def test_helpers_agree_with_the_standard_library():
    xs, ys = [1.0, 4.0, 2.0, 8.0, 5.0], [2.0, 3.0, 2.5, 9.0, 4.0]
    assert covariance(xs, ys) == approx(stdlib.covariance(xs, ys))
    assert correlation(xs, ys) == approx(stdlib.correlation(xs, ys))


def test_ragged_matrices_are_rejected():
    with pytest.raises(ValueError):
        quiz_statistics([[1, 0], [1]], [1, 1])
