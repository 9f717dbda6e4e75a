"""GIFT's format tags on a parsed question: one text format for the question, as Quire holds it.

Moodle lets the question text, each answer and each feedback carry its own [html], [moodle],
[markdown] or [plain] tag (untagged parts take the question text's). Quire has one `text_format`
per question, so a question whose parts are all plain stays plain, one all in HTML stays HTML
(sanitised), and anything else (Markdown, Moodle auto-format, a mix) is rendered to sanitised HTML.
Answers a learner types (short answer, numeric, a matching's right side) stay plain text.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from app.formats.markup import clean_html, plain, to_html

if TYPE_CHECKING:
    from app.formats.gift_parse import GiftQuestion

_TYPED = ("short", "numeric", "truefalse")


def resolve(q: GiftQuestion) -> str | None:
    """Rewrite q's texts into one format and return it: None (plain text) or "html"."""
    base = q.text_format or "plain"
    parts = [base, q.general_format or base]
    for answer in q.answers:
        parts += [answer.get("format") or base, answer.get("feedback_format") or base]
    if set(parts) == {"plain"}:
        _drop_format_keys(q)
        return None
    q.prompt = clean_html(q.prompt) if base == "html" else to_html(q.prompt, _known(base))
    q.general = to_html(q.general, _known(q.general_format or base)) if q.general else ""
    for answer in q.answers:
        fmt = _known(answer.pop("format", None) or base)
        if q.kind in _TYPED or (q.kind == "matching" and "->" not in answer["text"]):
            answer["text"] = plain(to_html(answer["text"], fmt))
        elif q.kind == "matching":
            left, right = answer["text"].split("->", 1)
            answer["text"] = f"{to_html(left.strip(), fmt)} -> {plain(right)}"
        else:
            answer["text"] = to_html(answer["text"], fmt)
        note_fmt = _known(answer.pop("feedback_format", None) or base)
        if answer.get("feedback"):
            answer["feedback"] = to_html(answer["feedback"], note_fmt)
    return "html"


def _known(fmt: str) -> str | None:
    return None if fmt == "plain" else fmt


def _drop_format_keys(q: GiftQuestion) -> None:
    for answer in q.answers:
        answer.pop("format", None)
        answer.pop("feedback_format", None)
