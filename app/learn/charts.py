"""Progress charts: mastery per group and the review forecast (drawn by `app.charts`)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from markupsafe import Markup

from app.charts import Segment, columns, labelled_bars

# Two colours that differ in lightness as well as hue.
RECALL_COLOUR = "#1f5f8b"
MASTERED_COLOUR = "#c2410c"
NO_DATA = "Nothing studied yet"


def mastery_chart(title: str, rows: Sequence[tuple[str, dict[str, float]]]) -> Markup:
    """Horizontal bars per group: mean recall today and share mastered, in percent."""
    drawn = []
    for name, summary in rows:
        recall, mastered = round(100 * summary["recall"], 1), round(100 * summary["mastered"], 1)
        drawn.append(
            (
                name,
                [
                    Segment(
                        recall,
                        f"{recall:.0f}%",
                        RECALL_COLOUR,
                        f"{name}: recall today {recall:.0f}%",
                    ),
                    Segment(
                        mastered,
                        f"{mastered:.0f}%",
                        MASTERED_COLOUR,
                        f"{name}: mastered {mastered:.0f}%",
                    ),
                ],
            )
        )
    if not drawn:
        drawn = [(NO_DATA, [])]
    # Each chart on the page gets its own title id, so aria-labelledby names the right one.
    title_id = "chart-" + "".join(c if c.isalnum() else "-" for c in title.lower())
    svg = labelled_bars(
        title,
        drawn,
        100,
        css_class="mastery",
        title_id=title_id,
        legend=[("Recall today", RECALL_COLOUR), ("Mastered", MASTERED_COLOUR)],
    )
    return Markup(svg)


def forecast_chart(counts: Sequence[int], first_day: date) -> Markup:
    """Cards due on each of the coming days (today's bar includes overdue cards)."""
    bars = []
    for offset, count in enumerate(counts):
        day = first_day + timedelta(days=offset)
        label = "Today" if offset == 0 else day.strftime("%d %b")
        bars.append((label, Segment(count, str(count), RECALL_COLOUR, f"{label}: {count} due")))
    title = f"Reviews due over the next {len(counts)} days"
    return Markup(columns(title, bars, css_class="forecast", title_id="forecast-title"))
