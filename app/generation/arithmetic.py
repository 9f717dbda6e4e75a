"""Answers a learner can work out from the rest of the sentence: a span of years printed beside
the years it runs between ("Tartini lived for _____ at Prague (1723-26)"), or a year printed
beside another and the years between them ("in _____, fifteen years after the 1990 treaty").
Judges called these arithmetic giveaways: the question tests subtraction, not the text."""

from __future__ import annotations

import re

from app.generation.dates import YEAR_NUMBER
from app.generation.quantities import parse_quantity
from app.generation.types import DateValue, Quantity

# "1723-26", "1792–1796", "from 1804 to 1813", "between 1758 and 1760".
_RANGE = re.compile(rf"\b({YEAR_NUMBER})\s*(?:[-–—]|to|and)\s*(\d{{4}}|\d{{2}})\b")
_YEAR = re.compile(rf"\b{YEAR_NUMBER}\b")
_SPAN = re.compile(r"\b(?:\d{1,3}|[a-z]+(?:-[a-z]+)?) years?\b", re.I)


def worked_out(around: str, quantity: Quantity | None, date: DateValue | None) -> bool:
    """Whether the answer follows by subtraction from what is printed `around` it."""
    if quantity is not None and quantity.unit == "year":
        # Counting inclusively or not, 1792-96 gives four or five years.
        return any(abs(span - quantity.value) <= 1 for span in _range_spans(around))
    if date is not None and date.granularity == "year":
        year = int(date.start)
        years = {int(match) for match in _YEAR.findall(around)}
        spans = {_years(match.group()) for match in _SPAN.finditer(around)} - {None}
        return any(abs(year - other) == span for other in years for span in spans)
    return False


def _range_spans(text: str) -> list[int]:
    spans = []
    for start, end in _RANGE.findall(text):
        first = int(start)
        last = int(end) if len(end) == 4 else first // 100 * 100 + int(end)
        if last > first:
            spans.append(last - first)
    return spans


def _years(text: str) -> int | None:
    quantity = parse_quantity(text)
    if quantity is None or quantity.unit != "year":
        return None
    return int(quantity.value)
