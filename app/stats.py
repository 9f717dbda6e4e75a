"""Item analysis as Moodle's quiz statistics report computes it, on a matrix of marks.

`marks[s][i]` is student s's mark on item i, between 0 and `max_marks[i]` (an omitted item counts
0, Moodle's first option for incomplete attempts). Following Moodle's "Quiz statistics
calculations", with T the test score (the sum of a student's marks) and X_i = T - x_i the rest of
the test:

- facility index F_i = 100 · mean(x_i) / max_i,
- standard deviation SD_i = 100 · sd(x_i) / max_i (sample variance, n - 1),
- discrimination index D_i = 100 · r(x_i, X_i), the correlation with the rest of the test,
- discriminative efficiency DE_i = 100 · C(x_i, X_i) / C_max(x_i, X_i), where C_max is the
  covariance of the two columns each sorted in the same order (the most it could be),
- coefficient of internal consistency (Cronbach's alpha) CIC = 100 · k/(k-1) · (1 - ΣV(x_i)/V(T)),
  with error ratio ER = 100 · sqrt(1 - CIC/100) and standard error SE = ER/100 · SD(T).

Values that divide by zero (one student, or a column with no spread) are None, as Moodle leaves
those cells empty.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class ItemStatistics:
    """One question's statistics, each in percent (None where undefined)."""

    index: int
    attempts: int
    facility: float | None
    sd: float | None
    discrimination: float | None
    efficiency: float | None


@dataclass(frozen=True)
class QuizStatistics:
    """The whole test's statistics; the items' in `items`."""

    students: int
    mean: float | None
    sd: float | None
    cic: float | None
    error_ratio: float | None
    standard_error: float | None
    items: tuple[ItemStatistics, ...]


def mean(values: Sequence[float]) -> float | None:
    """The arithmetic mean; None for no values."""
    return sum(values) / len(values) if values else None


def covariance(xs: Sequence[float], ys: Sequence[float]) -> float | None:
    """The sample covariance (n - 1 in the denominator); None under two values."""
    if len(xs) != len(ys):
        raise ValueError("covariance needs two sequences of the same length")
    n = len(xs)
    if n < 2:
        return None
    mx, my = sum(xs) / n, sum(ys) / n
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / (n - 1)


def variance(xs: Sequence[float]) -> float | None:
    """The sample variance; None under two values."""
    return covariance(xs, xs)


def correlation(xs: Sequence[float], ys: Sequence[float]) -> float | None:
    """Pearson's r; None when either sequence has no spread."""
    cov, vx, vy = covariance(xs, ys), variance(xs), variance(ys)
    if cov is None or not vx or not vy:
        return None
    return cov / math.sqrt(vx * vy)


def _percent(value: float | None) -> float | None:
    return None if value is None else 100.0 * value


def item_statistics(
    marks: Sequence[Sequence[float]], max_marks: Sequence[float], index: int
) -> ItemStatistics:
    """Facility, SD, discrimination index and discriminative efficiency of item `index`."""
    top = max_marks[index]
    if top <= 0:
        raise ValueError("an item's maximum mark must be positive")
    item = [float(row[index]) for row in marks]
    rest = [float(sum(row)) - row[index] for row in marks]
    average, spread = mean(item), variance(item)
    cov = covariance(item, rest)
    cov_max = covariance(sorted(item), sorted(rest))
    efficiency = None if cov is None or not cov_max else cov / cov_max
    return ItemStatistics(
        index=index,
        attempts=len(item),
        facility=None if average is None else 100.0 * average / top,
        sd=None if spread is None else 100.0 * math.sqrt(spread) / top,
        discrimination=_percent(correlation(item, rest)),
        efficiency=_percent(efficiency),
    )


def quiz_statistics(marks: Sequence[Sequence[float]], max_marks: Sequence[float]) -> QuizStatistics:
    """The test's mean, SD and internal consistency, and every item's statistics."""
    k = len(max_marks)
    if any(len(row) != k for row in marks):
        raise ValueError("every student needs one mark per item")
    totals = [float(sum(row)) for row in marks]
    total_var = variance(totals)
    cic = error_ratio = standard_error = None
    if k > 1 and total_var:
        item_vars = [variance([row[i] for row in marks]) or 0.0 for i in range(k)]
        alpha = k / (k - 1) * (1 - sum(item_vars) / total_var)
        cic = 100.0 * alpha
        # As Moodle: alpha never exceeds 1 (the total's variance is at most k times the items'),
        # so the error ratio exists for a negative alpha too, just above 100%.
        error_ratio = 100.0 * math.sqrt(max(0.0, 1 - alpha))
        standard_error = error_ratio / 100.0 * math.sqrt(total_var)
    return QuizStatistics(
        students=len(marks),
        mean=mean(totals),
        sd=None if total_var is None else math.sqrt(total_var),
        cic=cic,
        error_ratio=error_ratio,
        standard_error=standard_error,
        items=tuple(item_statistics(marks, max_marks, i) for i in range(k)),
    )
