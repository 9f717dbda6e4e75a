"""Markdown to plain prose: headings and paragraphs as blocks, list items as bullet lines,
emphasis, links and entities resolved to their words; code, HTML and tables left out;
footnotes ("[^1]: ...") set apart under a final Notes title, their markers dropped."""

from __future__ import annotations

import re

from app.extraction.pdf import NOTES_TITLE
from app.generation.residue import strip_residue

_FOOTNOTE_RE = re.compile(r"^\[\^[^\]\s]{1,20}\]:\s*")


def _inline(token) -> str:
    """The words of an inline token: text and code spans kept, markup and images dropped."""
    out = []
    for child in token.children or ():
        if child.type in ("text", "code_inline"):
            out.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            out.append(" ")
    return " ".join("".join(out).split())


def markdown_text(source: str) -> tuple[str, str | None]:
    """The prose of a Markdown text and its first top-level heading, if any."""
    from markdown_it import MarkdownIt

    tokens = MarkdownIt("commonmark").enable("table").parse(source)
    blocks: list[tuple[str, bool]] = []  # (text, runs on a list from the line before)
    title: str | None = None
    lists: list[list[int]] = []  # per open list: [next number], or [] for bullets
    in_table = item_open = list_started = False
    heading_level = 0
    notes: list[str] = []
    for token in tokens:
        kind = token.type
        if kind in ("table_open", "table_close"):
            in_table = kind == "table_open"
        elif kind in ("bullet_list_open", "ordered_list_open"):
            lists.append([] if kind == "bullet_list_open" else [int(token.attrGet("start") or 1)])
            list_started = True
        elif kind in ("bullet_list_close", "ordered_list_close"):
            lists.pop()
        elif kind == "list_item_open":
            item_open = True
        elif kind == "heading_open":
            heading_level = int(token.tag[1:])
        elif kind == "inline" and not in_table:
            text = _inline(token)
            if heading_level == 1 and title is None and text:
                title = text
            heading_level = 0
            if not text:
                continue
            if item_open and lists:
                numbers = lists[-1]
                marker = f"{numbers[0]}." if numbers else "-"
                if numbers:
                    numbers[0] += 1
                text = f"{'  ' * (len(lists) - 1)}{marker} {text}"
            item = item_open and bool(lists)
            note = _FOOTNOTE_RE.match(text)
            if note:  # "[^1]: ..." defines a footnote: set apart, as a PDF's are
                notes.append(text[note.end() :].strip())
            else:
                blocks.append((strip_residue(text), item and not list_started))
            item_open = list_started = False
    if notes:
        blocks += [(NOTES_TITLE, False), *((note, False) for note in notes)]
    return _join(blocks), title


def _join(blocks: list[tuple[str, bool]]) -> str:
    """Blocks a blank line apart; the items of one list one per line."""
    out: list[str] = []
    for text, runs_on in blocks:
        if out and runs_on:
            out[-1] += "\n" + text
        else:
            out.append(text)
    return "\n\n".join(out)
