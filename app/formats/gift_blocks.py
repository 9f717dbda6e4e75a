"""GIFT, Moodle's text format: split a file into question blocks, escaped specials hidden."""

from __future__ import annotations

from dataclasses import dataclass

from app.formats.common import Problems

# Escaped specials become Unicode noncharacters while parsing, so they never act as markup.
_ESCAPES = {
    "~": "\ufdd0",
    "=": "\ufdd1",
    "#": "\ufdd2",
    "{": "\ufdd3",
    "}": "\ufdd4",
    ":": "\ufdd5",
}
_NEWLINE, _BACKSLASH = "\ufdd6", "\ufdd7"
_UNESCAPE = {v: k for k, v in _ESCAPES.items()} | {_NEWLINE: "\n", _BACKSLASH: "\\"}


@dataclass
class Block:
    """One question's text (no comments, escapes hidden), its span in the file, its line numbers."""

    text: str
    start: int
    end: int
    lines: list[int]
    comments: str = ""

    def line(self, offset: int) -> int:
        """The file line of an offset into `text`."""
        return self.lines[min(self.text.count("\n", 0, offset), len(self.lines) - 1)]


def unescape(text: str) -> str:
    """Turn the placeholders back into the characters they stand for."""
    return "".join(_UNESCAPE.get(ch, ch) for ch in text)


def _hide_escapes(line: str) -> str:
    out, i = [], 0
    while i < len(line):
        ch = line[i]
        nxt = line[i + 1] if i + 1 < len(line) else ""
        if ch == "\\" and nxt in _ESCAPES:
            out.append(_ESCAPES[nxt])
        elif ch == "\\" and nxt == "n":
            out.append(_NEWLINE)
        elif ch == "\\" and nxt == "\\":
            out.append(_BACKSLASH)
        else:
            out.append(ch)
            i += 1
            continue
        i += 2
    return "".join(out)


def split_blocks(text: str, problems: Problems) -> list[tuple[str | None, Block]]:
    """Blank-line separated blocks, each with the $CATEGORY in force where it starts."""
    blocks: list[tuple[str | None, Block]] = []
    category: str | None = None
    current: list[tuple[int, int, int, str]] = []  # (line, start, end, hidden text)
    comments: list[str] = []  # the block's // lines, where Moodle keeps [id:] and [tag:]

    def close() -> None:
        nonlocal category
        if current and current[0][3].lstrip().startswith("$CATEGORY:"):
            category = unescape(current[0][3].split(":", 1)[1]).strip() or None
            del current[0]
        if current:
            block = Block(
                "\n".join(c[3] for c in current),
                current[0][1],
                current[-1][2],
                [c[0] for c in current],
                "\n".join(comments),
            )
            blocks.append((category, block))
        current.clear()
        comments.clear()

    offset = 0
    for number, raw in enumerate(text.splitlines(keepends=True), start=1):
        line = raw.rstrip("\r\n")
        start, offset = offset, offset + len(raw)
        if any(ch in _UNESCAPE for ch in line):
            problems.add(number, "expected text without Unicode noncharacters, got U+FDD0–U+FDD7")
        if line.lstrip().startswith("//"):
            comments.append(line.strip())
            continue
        if not line.strip():
            close()
            continue
        current.append((number, start, start + len(line), _hide_escapes(line)))
    close()
    return blocks
