"""Progress charts as SVG drawn on the server with pygal (no JavaScript in the page).

pygal builds the SVG as an element tree, so the titles and labels passed in (source titles
are authored text) are escaped by its serializer; the markup returned is ours and is marked
safe for the template. Its tooltip scripts are left out: the page has no inline scripts.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Sequence
from datetime import date, timedelta

import pygal
from markupsafe import Markup
from pygal.style import Style

# pygal appends a legacy import hook (for its map plugins, which Quire does not use) to
# sys.meta_path; Python then warns on every import that reaches it, so it is taken out again.
sys.meta_path[:] = [
    finder for finder in sys.meta_path if type(finder).__name__ != "PluginImportFixer"
]

# Dark text on white and two colours that differ in lightness as well as hue.
_STYLE = Style(
    background="#ffffff",
    plot_background="#ffffff",
    foreground="#1d1d1f",
    foreground_strong="#1d1d1f",
    foreground_subtle="#5a5a62",
    colors=("#1f5f8b", "#c2410c", "#2f7d32"),
    font_family="Georgia, serif",
    # Large, because a phone shrinks the 480-unit-wide drawing to its screen.
    label_font_size=15,
    major_label_font_size=15,
    legend_font_size=16,
    title_font_size=18,
    value_font_size=14,
)
_COMMON = {
    "style": _STYLE,
    "js": [],
    "disable_xml_declaration": True,
    "explicit_size": False,
    "width": 480,
    "truncate_label": 18,
    "truncate_legend": 40,
    "no_data_text": "Nothing studied yet",
}


# pygal writes its tooltip configuration as an inline <script> even with no script to read it;
# the Content-Security-Policy refuses inline scripts, so it is removed rather than blocked.
# Its text is XML-escaped, so it holds no "</script>" before its own end.
_INLINE_SCRIPT = re.compile(r"<script\b[^>]*>.*?</script>", re.DOTALL)


def _render(chart: pygal.graph.graph.Graph) -> Markup:
    return Markup(_INLINE_SCRIPT.sub("", chart.render(is_unicode=True)))


def mastery_chart(title: str, rows: Sequence[tuple[str, dict[str, float]]]) -> Markup:
    """Horizontal bars per group: mean recall today and share mastered, in percent."""
    chart = pygal.HorizontalBar(
        title=title,
        height=max(240, 90 + 48 * len(rows)),
        range=(0, 100),
        y_labels=[0, 25, 50, 75, 100],
        value_formatter=lambda value: f"{value:.0f}%",
        legend_at_bottom=True,
        **_COMMON,
    )
    chart.x_labels = [name for name, _ in rows]
    chart.add("Recall today", [round(100 * summary["recall"], 1) for _, summary in rows])
    chart.add("Mastered", [round(100 * summary["mastered"], 1) for _, summary in rows])
    return _render(chart)


def forecast_chart(counts: Sequence[int], first_day: date) -> Markup:
    """Cards due on each of the coming days (today's bar includes overdue cards)."""
    chart = pygal.Bar(
        title=f"Reviews due over the next {len(counts)} days",
        height=300,
        show_legend=False,
        x_label_rotation=0,
        show_minor_x_labels=False,
        **_COMMON,
    )
    labels = []
    for offset in range(len(counts)):
        day = first_day + timedelta(days=offset)
        labels.append("Today" if offset == 0 else day.strftime("%d %b"))
    chart.x_labels = labels
    chart.x_labels_major = labels[::7]
    chart.add("Due", list(counts))
    return _render(chart)
