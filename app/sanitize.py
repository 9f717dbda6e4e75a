"""Showing authored text: escaped always, or sanitised HTML for questions written in HTML."""

from __future__ import annotations

import re

import nh3
from markupsafe import Markup, escape

from app import media

# What Moodle-style question HTML needs for emphasis, lists, code and tables; no links, styles
# or scripts (links could point anywhere). Images and audio only from the question's own stored
# files: a src of @@PLUGINFILE@@/name (as stored) or /media/<id>/<name> (as served).
ALLOWED_TAGS = frozenset(
    {
        "b", "strong", "i", "em", "u", "s", "sub", "sup", "br", "p", "span", "code", "pre",
        "ul", "ol", "li", "blockquote", "table", "thead", "tbody", "tr", "th", "td",
        "img", "audio",
    }
)  # fmt: skip
ALLOWED_ATTRIBUTES: dict[str, set[str]] = {
    "img": {"src", "alt", "width", "height"},
    "audio": {"src", "controls"},
}

# After nh3 the markup is well-formed and its attributes quoted: an image or player whose src
# was not a stored file has none left, and goes whole (an empty <img> shows a broken icon).
_NO_SOURCE = re.compile(
    r"<img(?![^>]*\ssrc=)[^>]*>|<audio(?![^>]*\ssrc=)[^>]*>.*?</audio>", re.DOTALL
)


def _media_only(tag: str, attribute: str, value: str) -> str | None:
    """Keep a src only when it names a stored question file; sizes only when they are numbers."""
    if attribute == "src":
        internal = media.REFERENCE.fullmatch(value) or media.is_media_url(value)
        return value if internal else None
    if attribute in ("width", "height"):
        return value if value.isdigit() else None
    return value


def clean_html(html: str) -> str:
    """HTML with every tag and attribute outside the small allowed set removed."""
    cleaned = nh3.clean(
        html,
        tags=set(ALLOWED_TAGS),
        attributes=ALLOWED_ATTRIBUTES,
        attribute_filter=_media_only,
        link_rel=None,
    )
    return _NO_SOURCE.sub("", cleaned) if "<img" in cleaned or "<audio" in cleaned else cleaned


def authored(
    value: object,
    text_format: str | None = None,
    media_of: object = None,
    media_base: str = media.SERVED_AT,
) -> Markup:
    """Jinja filter: authored text as safe markup; only `html` text keeps (sanitised) tags.
    With `media_of` (the question's id), its @@PLUGINFILE@@ files point at their served URLs
    (under `media_base`)."""
    text = "" if value is None else str(value)
    if text_format == "html":
        cleaned = clean_html(text)
        if isinstance(media_of, int) and not isinstance(media_of, bool):
            cleaned = media.to_urls(cleaned, media_of, media_base)
        elif media.PLACEHOLDER in cleaned:  # no question to serve from: alt text, no dead link
            cleaned = media.keep_only(cleaned, {})
        return Markup(cleaned)
    return escape(text)
