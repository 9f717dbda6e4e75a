"""The answer distribution as a horizontal bar chart (drawn by `app.charts`)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from app.charts import GREY, Segment, horizontal_bars

GREEN = "#2f7d32"


@dataclass(frozen=True)
class Bar:
    """One answer: its label, how many chose it, and whether it is the right one."""

    label: str
    count: int
    correct: bool


def distribution_svg(bars: Sequence[Bar], title: str) -> str:
    """An accessible SVG chart: right answers in green with a tick, counts at the bar ends."""
    rows = [
        (
            ("✓ " if bar.correct else "") + bar.label,
            [
                Segment(
                    value=bar.count,
                    text=str(bar.count),
                    colour=GREEN if bar.correct else GREY,
                    tooltip=f"{bar.label}: {bar.count}{' (right answer)' if bar.correct else ''}",
                )
            ],
        )
        for bar in bars
    ]
    most = max((bar.count for bar in bars), default=0)
    return horizontal_bars(title, rows, most, css_class="distribution")
