"""Showing authored text: escaped always, or sanitised HTML for questions written in HTML."""

from __future__ import annotations

import nh3
from markupsafe import Markup, escape

# What Moodle-style question HTML needs for emphasis, lists, code and tables; no links, images,
# styles or scripts (links and images could fetch or point anywhere).
ALLOWED_TAGS = frozenset(
    {
        "b", "strong", "i", "em", "u", "s", "sub", "sup", "br", "p", "span", "code", "pre",
        "ul", "ol", "li", "blockquote", "table", "thead", "tbody", "tr", "th", "td",
    }
)  # fmt: skip
ALLOWED_ATTRIBUTES: dict[str, set[str]] = {}


def clean_html(html: str) -> str:
    """HTML with every tag and attribute outside the small allowed set removed."""
    return nh3.clean(html, tags=set(ALLOWED_TAGS), attributes=ALLOWED_ATTRIBUTES, link_rel=None)


def authored(value: object, text_format: str | None = None) -> Markup:
    """Jinja filter: authored text as safe markup; only `html` text keeps (sanitised) tags."""
    text = "" if value is None else str(value)
    if text_format == "html":
        return Markup(clean_html(text))
    return escape(text)
