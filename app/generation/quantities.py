"""Normalise amounts (money, percentages, counts, measures) and make same-form wrong amounts.

An amount's text is split around its number: "more than USD 3 billion" is "more than USD " +
3 + " billion". Distractors keep everything but the number, which is refilled in the answer's
style (digits with or without thousands commas, decimals, words) and rounded to the answer's
significant figures, so "27 percent" gives "14 percent" and "ten percent" gives "five percent".

Vague amounts ("hundreds", "trillions of dollars", "roughly half") give None. Small bare counts
("two", "3") parse but are marked `vague`: true, yet rarely worth a question; the caller decides.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable, Sequence

from app.generation.quantity_forms import (
    QuantityForm,
    is_counted_unit,
    parse_form,
    render_form,
)
from app.generation.types import Quantity

# Multipliers for distractors, most plausible first; steps are added for small bare counts.
_FACTOR_TIERS = ((0.5, 0.75, 1.5, 2), (0.4, 0.6, 1.25, 2.5, 3), (0.25, 0.3, 4, 5))
_STEP_TIERS = ((-2, -1, 1, 2), (-3, 3), ())


def parse_quantity(text: str) -> Quantity | None:
    """Normalise a MONEY, PERCENT, CARDINAL or QUANTITY entity's text, or None when vague."""
    form = parse_form(text)
    return None if form is None else form.quantity


def same_quantity(a: str, b: str) -> bool:
    """Whether two texts give the same amount ("27%" and "27 percent"); a missing unit matches."""
    qa, qb = parse_quantity(a), parse_quantity(b)
    if qa is None or qb is None:
        return False
    units_agree = qa.unit == qb.unit or not (qa.unit and qb.unit)
    return units_agree and math.isclose(qa.value, qb.value, rel_tol=1e-9)


def quantity_distractors(
    answer_text: str,
    value: Quantity,
    rng: random.Random,
    n: int = 3,
    pool: Sequence[Quantity] = (),
    keep: Callable[[float], bool] | None = None,
) -> list[str]:
    """Up to n wrong amounts written like answer_text, some lower and some higher; pool first.

    `keep` refuses an amount's value while drawing (one the hedge "more than" makes true too),
    so a refused amount leaves room for another instead of leaving fewer than n."""
    form = parse_form(answer_text) or parse_form(value.label)
    if form is None:
        return []
    chosen: list[str] = []
    seen_numbers = {round(form.number, 9)}
    seen_texts = {answer_text.strip().casefold()}

    def offer(number: float) -> None:
        if len(chosen) >= n or number <= 0 or round(number, 9) in seen_numbers:
            return
        if keep is not None and not keep(number * form.scale):  # keep sees values, not digits
            return
        if form.quantity.unit == "percent" and form.number <= 100 < number:
            return
        if number == 1 != form.number and is_counted_unit(form.quantity.unit):
            return  # "1 years": the unit word after the number is plural
        text = render_form(form, number)
        if text.casefold() in seen_texts:
            return
        seen_numbers.add(round(number, 9))
        seen_texts.add(text.casefold())
        chosen.append(text)

    for number in _pool_numbers(form, pool, rng):
        offer(number)
    lower, higher = _synthesised(form, rng)
    # Alternate sides so the answer is neither the largest nor the smallest choice by rule.
    sides = [lower, higher] if rng.random() < 0.5 else [higher, lower]
    while len(chosen) < n and (lower or higher):
        for side in sides:
            if side:
                offer(side.pop(0))
    return chosen


def _round_like(form: QuantityForm, number: float) -> float:
    """Round to the answer's significant figures and never to more decimals than it shows."""
    if number <= 0:
        return 0.0
    places = form.figures - 1 - math.floor(math.log10(number))
    return round(round(number, places), form.decimals)


def _pool_numbers(form: QuantityForm, pool: Sequence[Quantity], rng: random.Random) -> list[float]:
    """Numbers (as the answer writes them) of pool amounts in the same unit and a similar size."""
    answer = form.quantity
    numbers = []
    for other in pool:
        if other.unit != answer.unit or other.vague or other.value <= 0:
            continue
        if answer.value <= 0 or not 0.2 <= other.value / answer.value <= 5:
            continue
        number = other.value / form.scale
        if number >= 1 or form.number < 1:  # "$0.5 billion" reads oddly where "$40 billion" stood
            numbers.append(round(number, max(form.decimals, 2)))
    rng.shuffle(numbers)
    return numbers


def _synthesised(form: QuantityForm, rng: random.Random) -> tuple[list[float], list[float]]:
    """Rounded multiples of the answer, lower ones and higher ones, likelier tiers first."""
    x = form.number
    small = form.quantity.vague
    lower: list[float] = []
    higher: list[float] = []
    for factors, steps in zip(_FACTOR_TIERS, _STEP_TIERS, strict=True):
        tier = {_round_like(form, x * f) for f in factors}
        tier |= {x + step for step in steps} if small else set()
        # Too close to the answer reads as a trick rather than a wrong amount.
        tier = {c for c in tier if c > 0 and (small or abs(c - x) >= 0.1 * x)}
        for side, wanted in ((lower, sorted(c for c in tier if c < x)), (higher, sorted(tier))):
            fresh = [c for c in wanted if c not in side and (side is lower or c > x)]
            rng.shuffle(fresh)
            side.extend(fresh)
    return lower, higher
