"""The answer distribution as a small horizontal bar chart in SVG, built as escaped text."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

WIDTH = 560
ROW = 34
LABEL_WIDTH = 220
LABEL_CHARS = 32


@dataclass(frozen=True)
class Bar:
    """One answer: its label, how many chose it, and whether it is the right one."""

    label: str
    count: int
    correct: bool


def _short(text: str) -> str:
    return text if len(text) <= LABEL_CHARS else text[: LABEL_CHARS - 1] + "…"


def distribution_svg(bars: Sequence[Bar], title: str) -> str:
    """An accessible SVG chart: right answers in green with a tick, counts at the bar ends."""
    height = ROW * max(1, len(bars)) + 10
    most = max((bar.count for bar in bars), default=0) or 1
    span = WIDTH - LABEL_WIDTH - 50
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="distribution" role="img" '
        f'viewBox="0 0 {WIDTH} {height}" width="100%" aria-labelledby="chart-title">',
        f'<title id="chart-title">{escape(title)}</title>',
    ]
    for row, bar in enumerate(bars):
        y = 5 + row * ROW
        length = round(span * bar.count / most)
        mark = "✓ " if bar.correct else ""
        fill = "#2f7d32" if bar.correct else "#8a8f98"
        parts.append(
            f"<g><title>{escape(bar.label)}: {bar.count}{' (right answer)' if bar.correct else ''}"
            f"</title>"
            f'<text x="{LABEL_WIDTH - 8}" y="{y + 21}" text-anchor="end" font-size="15" '
            f'fill="currentColor">{escape(mark + _short(bar.label))}</text>'
            f'<rect x="{LABEL_WIDTH}" y="{y + 4}" width="{max(length, 2)}" height="{ROW - 10}" '
            f'rx="3" fill="{fill}"/>'
            f'<text x="{LABEL_WIDTH + max(length, 2) + 6}" y="{y + 21}" font-size="15" '
            f'fill="currentColor">{bar.count}</text></g>'
        )
    parts.append("</svg>")
    return "".join(parts)
