"""Authored text between formats: plain escaped, HTML sanitised, Markdown and Moodle rendered."""

from __future__ import annotations

import html
import re
from collections.abc import Mapping
from typing import Any

from markdown_it import MarkdownIt

from app.sanitize import clean_html

_MARKDOWN = MarkdownIt("commonmark", {"html": True}).enable("table")
_TAG = re.compile(r"<[^>]*>")
_BREAK = re.compile(r"<\s*(br|/p|/li|/div|/tr)\s*/?\s*>", re.IGNORECASE)


def to_html(text: str, text_format: str | None) -> str:
    """Text in a Moodle text format as sanitised HTML: plain escaped, Markdown rendered,
    Moodle's auto-format (HTML allowed, line breaks kept) and HTML sanitised."""
    if text_format == "html":
        return clean_html(text)
    if text_format == "markdown":
        return clean_html(_MARKDOWN.render(text).strip())
    if text_format == "moodle":
        return clean_html(text.replace("\r\n", "\n").replace("\n", "<br>"))
    return html.escape(text, quote=False).replace("\n", "<br>")


def as_html(text: str, text_format: str | None) -> str:
    """Authored text as HTML for an export: sanitised if HTML, else escaped (`<br/>` for breaks)."""
    if text_format == "html":
        return clean_html(text)
    return html.escape(text).replace("\n", "<br/>")


def exported(text: str, text_format: str | None) -> str:
    """Text as an export writes it: HTML sanitised (LMSs run scripts in what they import)."""
    return clean_html(text) if text_format == "html" else text


def plain(text: str) -> str:
    """HTML reduced to its text (for answers that a learner types, which hold no markup)."""
    return html.unescape(_TAG.sub("", _BREAK.sub("\n", text))).strip()


_CHOICES = ("multiple_choice", "multiple_response")


def sanitised(q: Mapping[str, Any]) -> dict[str, Any]:
    """A copy of an HTML question with its texts sanitised, for an export."""
    out = dict(q)
    for name in ("prompt", "explanation"):
        out[name] = exported(q.get(name, ""), "html")
    if q.get("choices"):
        out["choices"] = [exported(c, "html") for c in q["choices"]]
    if q.get("answers"):
        out["answers"] = [
            {**a, **({"feedback": exported(a["feedback"], "html")} if a.get("feedback") else {})}
            | ({"text": exported(a["text"], "html")} if q["type"] in _CHOICES else {})
            for a in q["answers"]
        ]
    if q.get("pairs"):
        out["pairs"] = [{**p, "left": exported(p["left"], "html")} for p in q["pairs"]]
    if q["type"] in _CHOICES and q.get("answer"):
        out["answer"] = exported(q["answer"], "html")
    return out
