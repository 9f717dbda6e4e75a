"""MediaWiki markup (wikitext) read as the rendered article's prose.

An encyclopedia article saved as its source is mostly markup: infoboxes, references, image
captions, tables, categories. mwparserfromhell parses it; the walk below keeps what a reader of
the rendered page reads as the article's text: paragraphs, headings on their own, list items one
per line, link labels, the values of inline templates ({{convert}}, {{lang}}, {{nowrap}},
{{circa}}), and leaves out the rest and the end sections (See also, References, ...).
"""

from __future__ import annotations

import html
import re

import mwparserfromhell
from mwparserfromhell.nodes import (
    Comment,
    ExternalLink,
    Heading,
    HTMLEntity,
    Tag,
    Template,
    Text,
    Wikilink,
)
from mwparserfromhell.wikicode import Wikicode

from app.extraction.wikitext_templates import render_template

# Sections of end matter, not article prose: left out with everything under them.
END_SECTIONS = frozenset(
    "see also|references|notes|footnotes|citations|sources|bibliography|further reading"
    "|external links|works cited|notes and references|references and notes|explanatory notes"
    "|general references|cited sources|gallery".split("|")
)
_DROPPED_NAMESPACES = frozenset("file|image|media|category".split("|"))
# Interlanguage and interwiki prefixes ("fr:", "de:", "simple:", "wikt:").
_INTERWIKI = re.compile(r"^:?(?:[a-z]{2,3}(?:-[a-z]{2,8})*|simple|wikt|wiktionary|commons):", re.I)
# Tags whose content is not prose: notes, tables, galleries, formulas, maps.
_DROPPED_TAGS = frozenset(
    "ref references table gallery math chem score timeline imagemap graph mapframe maplink"
    " templatedata syntaxhighlight source pre hiero inputbox categorytree includeonly".split()
)
_LIST_MARKUP = frozenset("* # ; :".split())
# "__NOTOC__" and the like.
_MAGIC_WORD = re.compile(r"__[A-Z]+__")
# Marks a heading's paragraph until the tidying step, which drops headings with no prose.
_HEADING = "\x00"
_NESTED_BULLETS = re.compile(r"^(?:• ?){2,}")
# Bold and italic marks the parser left as text (unbalanced in the source).
_QUOTE_MARKS = re.compile(r"'{2,}")
# What dropped notes and pronunciations leave in a line: "Aruba ( ; Dutch: ...)", "word ,".
_LEFTOVERS = tuple(
    (re.compile(pattern), replacement)
    for pattern, replacement in (
        (r"\(\s*[,;:]?\s*\)|\[\s*\]", ""),
        (r"\(\s*[,;:]\s*", "("),
        (r"[ \t]+(?=[,.;:)])", ""),
        (r"[ \t\u00a0]{2,}", " "),
    )
)
_LOOKS = (
    (re.compile(r"\[\[[^\[\]\n]{1,200}\]\]"), 5),
    (re.compile(r"\{\{[^{}\n]{1,200}(?:\}\}|\|)"), 2),
    (re.compile(r"'''[^'\n]{1,200}'''"), 1),
    (re.compile(r"^={2,6}[^=\n]{1,200}={2,6}[ \t]*$", re.M), 2),
    (re.compile(r"<ref[ >]"), 2),
)


def looks_like_wikitext(text: str) -> bool:
    """True when a plain-text file is MediaWiki source: many wiki links and at least two other
    kinds of markup (templates, bold, == headings ==, <ref>), so that prose quoting a stray
    [[ or {{ is still read as it is."""
    counts = [len(pattern.findall(text[:200_000])) >= least for pattern, least in _LOOKS]
    return counts[0] and sum(counts[1:]) >= 2


def wikitext_to_text(source: str) -> str:
    """The article's prose: paragraphs separated by blank lines, headings and list items on
    their own lines, without notes, infoboxes, tables, captions or end sections."""
    code = mwparserfromhell.parse(_strip_blocks(source))
    text = _render(_drop_end_sections(code))
    return _tidy(text)


_REF_OR_COMMENT = re.compile(
    r"<!--.*?(?:-->|$)|<ref\b[^>]*?/>|<ref\b[^>]*>.*?</ref\s*>", re.S | re.I
)
_TABLE_START = re.compile(r"^[ \t]*(?::[ \t]*)*\{\|")
_TABLE_END = re.compile(r"^[ \t]*\|\}")


def _strip_blocks(source: str) -> str:
    # Notes, comments and tables go before parsing: a note's unclosed '' or a broken cell
    # would otherwise make the parser give up on everything after it, leaving raw markup.
    source = _REF_OR_COMMENT.sub("", source)
    lines, depth = [], 0
    for line in source.split("\n"):
        if _TABLE_START.match(line):
            depth += 1
        elif depth and _TABLE_END.match(line):
            depth -= 1
            continue
        if not depth:
            lines.append(line)
    return "\n".join(lines)


def _drop_end_sections(code: Wikicode) -> Wikicode:
    nodes, skipping_level = [], 0
    for node in code.nodes:
        if isinstance(node, Heading):
            title = _squeeze(_render(node.title)).strip(" :").casefold()
            if skipping_level and node.level > skipping_level:
                continue
            skipping_level = node.level if title in END_SECTIONS else 0
        if not skipping_level:
            nodes.append(node)
    return Wikicode(nodes)


def _render(code: Wikicode | None) -> str:
    if code is None:
        return ""
    return "".join(_render_node(node) for node in code.nodes)


def _render_node(node: object) -> str:
    if isinstance(node, Text):
        return _MAGIC_WORD.sub("", str(node.value))
    if isinstance(node, Wikilink):
        return _render_link(node)
    if isinstance(node, ExternalLink):
        # A bare [url] shows as a note number; a URL written out shows as itself.
        return _render(node.title) if node.title else ("" if node.brackets else str(node.url))
    if isinstance(node, Template):
        return render_template(node, _render)
    if isinstance(node, Tag):
        return _render_tag(node)
    if isinstance(node, Heading):
        return f"\n\n{_HEADING}{node.level}{_squeeze(_render(node.title))}\n\n"
    if isinstance(node, HTMLEntity):
        return " " if node.normalize() == "\u00a0" else node.normalize()
    if isinstance(node, Comment):
        return ""
    return ""  # template arguments ({{{1}}}) and anything unknown


def _render_link(link: Wikilink) -> str:
    title = str(link.title).strip()
    namespace = title.lstrip(":").split(":", 1)[0].strip().casefold() if ":" in title else ""
    if not title.startswith(":") and namespace in _DROPPED_NAMESPACES:
        return ""  # images with their captions, and category links
    if _INTERWIKI.match(title) and not title.startswith(":") and link.text is None:
        return ""
    if link.text is not None:
        return _render(link.text)
    return _squeeze(_render(link.title)).lstrip(":")


def _render_tag(tag: Tag) -> str:
    name = str(tag.tag).strip().casefold()
    if name in _DROPPED_TAGS:
        return ""
    if tag.wiki_markup in _LIST_MARKUP or name in ("li", "dt", "dd"):
        # List markup stands at a line's start; "•" is the bullet the cleaning stage knows, and
        # an indented or defined line is a paragraph of its own.
        return "• " if tag.wiki_markup in ("*", "#") else "\n"
    if name == "br":
        return "\n"
    if name == "hr":
        return "\n\n"
    inner = _render(tag.contents) if tag.contents is not None else ""
    if name == "sup" and re.fullmatch(r"[-−]?\d{1,3}", inner.strip()):
        return f"^{inner.strip()}"  # "10<sup>9</sup>" is 10^9, not 109
    if name in ("blockquote", "poem", "p", "div", "center"):
        return f"\n\n{inner.strip()}\n\n"
    return inner


def _squeeze(text: str) -> str:
    return " ".join(text.split())


def _tidy(text: str) -> str:
    # Single newlines inside a paragraph render as spaces, except before a list item.
    paragraphs: list[str] = []
    for block in re.split(r"\n[ \t]*\n", html.unescape(_QUOTE_MARKS.sub("", text))):
        # A nested item ("**") is one bullet deeper on the page; here it is one bullet.
        lines = [_NESTED_BULLETS.sub("• ", _squeeze(line)) for line in block.split("\n")]
        lines = [line for line in lines if line and line != "•"]
        joined: list[str] = []
        for line in lines:
            if joined and not line.startswith("• ") and not joined[-1].startswith("• "):
                joined[-1] += " " + line
            else:
                joined.append(line)
        cleaned = [_tidy_line(line) for line in joined]
        cleaned = [line for line in cleaned if line.strip("• ")]
        if cleaned:
            paragraphs.append("\n".join(cleaned))
    return "\n\n".join(_headings_with_prose(paragraphs)) + "\n"


def _headings_with_prose(paragraphs: list[str]) -> list[str]:
    # A heading whose section held only a table or an image shows nothing under it.
    kept: list[str] = []
    for paragraph in reversed(paragraphs):
        if paragraph.startswith(_HEADING):
            following = kept[-1] if kept else None
            if following is None or (
                following.startswith(_HEADING) and following[1] <= paragraph[1]
            ):
                continue
        kept.append(paragraph)
    return [p[2:] if p.startswith(_HEADING) else p for p in reversed(kept)]


def _tidy_line(line: str) -> str:
    for pattern, replacement in _LEFTOVERS:
        line = pattern.sub(replacement, line)
    return line.strip()
