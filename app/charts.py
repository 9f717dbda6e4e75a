"""Bar charts as SVG written by hand: the one way Quire draws charts (no chart library, no script).

Every piece of text (authored labels, titles) goes through `html.escape`; every bar is a
`<rect class="bar">` with its own `<title>` so screen readers and tests can find them.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

FONT = 15
LINE = 18
GREY = "#8a8f98"


@dataclass(frozen=True)
class Segment:
    """One bar: its length in chart units, the text at its end, its colour and its tooltip."""

    value: float
    text: str
    colour: str
    tooltip: str


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def wrap_label(text: str, width: int, lines: int = 2) -> list[str]:
    """The label in at most `lines` lines of at most `width` characters, the last one
    shortened with "…" when the whole does not fit (the full text goes in a tooltip)."""
    wrapped = textwrap.wrap(text, width, break_long_words=True) or [""]
    if len(wrapped) > lines:
        rest = " ".join(wrapped[lines - 1 :])
        wrapped = [*wrapped[: lines - 1], _short(rest, width)]
    return wrapped


def _label_above(x: float, y: float, lines: Sequence[str], full: str) -> str:
    # One <text> per label, with the full title as its tooltip (a <title> child), so a
    # shortened label can still be read by pointing at it or with a screen reader.
    spans = "".join(
        f'<tspan x="{x:.1f}" dy="{0 if i == 0 else LINE}">{escape(line)}</tspan>'
        for i, line in enumerate(lines)
    )
    return (
        f'<text class="label" x="{x:.1f}" y="{y:.1f}" font-size="{FONT}" fill="currentColor">'
        f"<title>{escape(full)}</title>{spans}</text>"
    )


def _track(x: float, y: float, width: float, height: float) -> str:
    # The bar's full length, faint, so a short or empty bar still shows its scale.
    return (
        f'<rect class="track" x="{x:.1f}" y="{y:.1f}" width="{width:.1f}" height="{height:.1f}" '
        f'rx="3" fill="{GREY}" fill-opacity="0.18"/>'
    )


def _open(css_class: str, width: int, height: int, title: str, title_id: str) -> list[str]:
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="{css_class}" role="img" '
        f'viewBox="0 0 {width} {height}" width="100%" aria-labelledby="{title_id}">',
        f'<title id="{title_id}">{escape(title)}</title>',
    ]


def _bar(x: float, y: float, width: float, height: float, segment: Segment) -> str:
    return (
        f'<rect class="bar" x="{x:.1f}" y="{y:.1f}" width="{width:.1f}" height="{height:.1f}" '
        f'rx="3" fill="{segment.colour}"><title>{escape(segment.tooltip)}</title></rect>'
    )


def _text(x: float, y: float, text: str, anchor: str = "start", size: int = FONT) -> str:
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" font-size="{size}" '
        f'fill="currentColor">{escape(text)}</text>'
    )


def horizontal_bars(
    title: str,
    rows: Sequence[tuple[str, Sequence[Segment]]],
    maximum: float,
    *,
    css_class: str = "bars",
    title_id: str = "chart-title",
    width: int = 560,
    label_width: int = 220,
    label_chars: int = 32,
    legend: Sequence[tuple[str, str]] = (),
) -> str:
    """Rows of bars: a label on the left, one bar per segment, its text at the end (short
    labels, such as answer choices; `labelled_bars` is for long ones)."""
    bar_height = 24
    per_row = max((len(segments) for _, segments in rows), default=1) or 1
    row_height = bar_height * per_row + 10
    legend_height = 30 if legend else 0
    height = row_height * max(1, len(rows)) + 10 + legend_height
    span = width - label_width - 60
    most = maximum or 1
    parts = _open(css_class, width, height, title, title_id)
    for index, (label, segments) in enumerate(rows):
        top = 5 + index * row_height
        parts.append("<g>")
        parts.append(
            _text(label_width - 8, top + row_height / 2 + 5, _short(label, label_chars), "end")
        )
        for position, segment in enumerate(segments):
            y = top + 4 + position * bar_height
            length = max(2.0, span * segment.value / most)
            parts.append(_bar(label_width, y, length, bar_height - 4, segment))
            parts.append(_text(label_width + length + 6, y + bar_height - 8, segment.text))
        parts.append("</g>")
    x = label_width
    for name, colour in legend:
        y = height - legend_height + 8
        parts.append(f'<rect x="{x}" y="{y}" width="14" height="14" fill="{colour}"/>')
        parts.append(_text(x + 20, y + 12, name))
        x += 40 + 9 * len(name)
    parts.append("</svg>")
    return "".join(parts)


def columns(
    title: str,
    bars: Sequence[tuple[str, Segment]],
    *,
    css_class: str = "columns",
    title_id: str = "columns-title",
    width: int = 560,
    height: int = 300,
    label_every: int = 7,
) -> str:
    """One column per entry, labelled every `label_every` columns, with the title above."""
    top, bottom, left = 34, 30, 36
    plot_height = height - top - bottom
    slot = (width - left - 8) / max(1, len(bars))
    most = max((segment.value for _, segment in bars), default=0) or 1
    parts = _open(css_class, width, height, title, title_id)
    parts.append(_text(width / 2, 22, title, "middle", FONT + 2))
    parts.append(_text(left - 6, top + 5, f"{most:g}", "end", FONT - 2))
    parts.append(_text(left - 6, top + plot_height, "0", "end", FONT - 2))
    baseline = top + plot_height
    parts.append(
        f'<line x1="{left}" y1="{baseline}" x2="{width - 8}" y2="{baseline}" stroke="{GREY}"/>'
    )
    for index, (label, segment) in enumerate(bars):
        x = left + index * slot
        tall = plot_height * segment.value / most
        parts.append(_bar(x + 1, baseline - tall, max(1.0, slot - 2), tall, segment))
        if index % label_every == 0:
            parts.append(_text(x, baseline + 20, label, "start", FONT - 2))
    parts.append("</svg>")
    return "".join(parts)


def labelled_bars(
    title: str,
    rows: Sequence[tuple[str, Sequence[Segment]]],
    maximum: float,
    *,
    css_class: str = "bars",
    title_id: str = "chart-title",
    width: int = 420,
    wrap: int = 46,
    legend: Sequence[tuple[str, str]] = (),
) -> str:
    """Rows of bars for long labels (titles of texts): each label wrapped over the full width
    above its bars (two lines at most, full text in its tooltip), each bar on a faint track.
    The narrow view box keeps the text legible when a phone scales the chart down."""
    bar_height, gap = 22, 14
    most = maximum or 1
    span = width - 56  # room for "100%" after a full bar
    parts: list[str] = []
    y = 30.0
    parts.append(_text(width / 2, 20, title, "middle", FONT + 2))
    for label, segments in rows:
        lines = wrap_label(label, wrap)
        parts.append("<g>")
        parts.append(_label_above(4, y + FONT, lines, label))
        y += LINE * len(lines) + 6
        for segment in segments:
            parts.append(_track(4, y, span, bar_height - 4))
            length = max(2.0, span * segment.value / most)
            parts.append(_bar(4, y, length, bar_height - 4, segment))
            parts.append(_text(4 + length + 6, y + bar_height - 8, segment.text))
            y += bar_height
        parts.append("</g>")
        y += gap
    x = 4.0
    for name, colour in legend:
        parts.append(f'<rect x="{x:.1f}" y="{y:.1f}" width="14" height="14" fill="{colour}"/>')
        parts.append(_text(x + 20, y + 12, name))
        x += 40 + 9 * len(name)
    height = int(y + (30 if legend else 0))
    return "".join([*_open(css_class, width, height, title, title_id), *parts, "</svg>"])
