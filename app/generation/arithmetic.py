"""Answers a learner can work out from the rest of the sentence: a span of years printed beside
the years it runs between ("Tartini lived for _____ at Prague (1723-26)"), or a year printed
beside another and the years between them ("in _____, fifteen years after the 1990 treaty").
Judges called these arithmetic giveaways: the question tests subtraction, not the text."""

from __future__ import annotations

import re

from app.generation.dates import printed_ranges
from app.generation.lost_context import YEAR
from app.generation.quantities import parse_quantity
from app.generation.types import DateValue, Quantity

_SPAN = re.compile(r"\b(?:\d{1,3}|[a-z]+(?:-[a-z]+)?) years?\b", re.I)


def worked_out(around: str, quantity: Quantity | None, date: DateValue | None) -> bool:
    """Whether the answer follows by subtraction from what is printed `around` it."""
    if quantity is not None and quantity.unit == "year":
        # Counting inclusively or not, 1792-96 gives four or five years.
        spans = [last - first for first, last in printed_ranges(around)]
        return any(abs(span - quantity.value) <= 1 for span in spans)
    if date is not None and date.granularity == "year":
        year = int(date.start)
        years = {int(match.group()) for match in YEAR.finditer(around)}
        spans = {_years(match.group()) for match in _SPAN.finditer(around)} - {None}
        return any(abs(year - other) == span for other in years for span in spans)
    return False


def _years(text: str) -> int | None:
    quantity = parse_quantity(text)
    if quantity is None or quantity.unit != "year":
        return None
    return int(quantity.value)
