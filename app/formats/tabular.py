"""CSV and TSV: Quizlet's term-TAB-definition cards, and a column format for whole questions.

The column format has a header row naming any of COLUMNS (prompt and answer are required).
List cells (choices, accept, tags) separate items with `|`; write `\\|` for a literal bar and
`\\\\` for a backslash. Matching pairs are `left -> right` choices; ordering items are the
choices in order; numeric answers are `5`, `5:0.5` (tolerance) or `1..5` (range).
"""

from __future__ import annotations

import csv
import math
import re
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from app.formats.build import number
from app.formats.common import (
    DEFAULT_KIND,
    LossNote,
    ParsedPack,
    Problems,
    decode_text,
    empty_pack,
    file_source,
    finish,
    span_quote,
    unique_id,
)
from app.formats.tabular_write import (
    COLUMNS,
    write,
    write_cards,
    write_cards_report,
    write_report,
    write_tsv,
)

__all__ = [
    "COLUMNS", "read", "split_list", "write", "write_cards", "write_cards_report", "write_report",
    "write_tsv",
]  # fmt: skip

_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$")
_BLANK = re.compile(r"_{3,}")


def split_list(cell: str) -> list[str]:
    """The items of a list cell (the inverse of join_list); empty items are dropped."""
    items, current, chars = [], [], iter(cell)
    for ch in chars:
        if ch == "\\":
            current.append(next(chars, "\\"))
        elif ch == "|":
            items.append("".join(current).strip())
            current = []
        else:
            current.append(ch)
    items.append("".join(current).strip())
    return [item for item in items if item]


def _delimiter(text: str, filename: str) -> str:
    lower = filename.lower()
    if lower.endswith((".tsv", ".tab", ".txt")):
        return "\t"
    if lower.endswith(".csv"):
        return ","
    try:
        return csv.Sniffer().sniff(text[:4096], delimiters=",\t;").delimiter
    except csv.Error:
        return "\t" if "\t" in text.split("\n", 1)[0] else ","


def _rows(text: str, delimiter: str, plain: bool) -> Iterator[tuple[int, int, int, list[str]]]:
    """(first line, start offset, end offset, cells) for each record; csv.Error propagates."""
    spans = [(m.start(), m.end()) for m in _LINE.finditer(text) if m.group()]
    lines = (text[s:e] for s, e in spans)
    quoting = csv.QUOTE_NONE if plain else csv.QUOTE_MINIMAL
    reader = csv.reader(lines, delimiter=delimiter, quoting=quoting, strict=True)
    done = 0
    for cells in reader:
        first, done = done, reader.line_num
        yield first + 1, spans[first][0], spans[done - 1][1], cells


def read(
    data: bytes | str, *, filename: str, sources: Sequence[Mapping[str, Any]] = ()
) -> ParsedPack:
    """Parse CSV/TSV: the column format when a header names prompt and answer, else cards.

    `sources` (pack source dicts with inline text) let rows quote a source by id and offsets.
    """
    text = decode_text(data, filename)
    problems = Problems(filename)
    delimiter = _delimiter(text, filename)
    first = _LINE.match(text)
    try:
        row = first.group().rstrip("\r\n") if first else ""
        head = next(iter(csv.reader([row], delimiter=delimiter)), [])
    except csv.Error:  # a broken first line is reported below, where the whole file is read
        head = []
    names = [cell.strip().lower() for cell in head]
    columns = "prompt" in names and "answer" in names
    pack, file_src = empty_pack(filename), file_source(text, filename)
    known = {s["id"]: s for s in sources if isinstance(s.get("text"), str)}
    used: dict[str, Mapping[str, Any]] = {}
    seen: set[str] = set()
    try:
        rows = list(_rows(text, delimiter, plain=delimiter == "\t" and not columns))
    except csv.Error as exc:
        problems.add("(file)", f"expected {'CSV' if delimiter == ',' else 'TSV'}, got {exc}")
        problems.raise_if_any()
    if columns:
        unknown = [n for n in names if n not in COLUMNS]
        if unknown:
            problems.add(1, f"expected columns from {', '.join(COLUMNS)}, got {unknown[0]!r}")
        rows = rows[1:]
    for line, start, end, cells in rows:
        if not any(cell.strip() for cell in cells):
            continue
        if columns:
            row = dict(zip(names, cells, strict=False))
            if len(cells) > len(names):
                problems.add(line, f"expected {len(names)} cells, got {len(cells)}")
            question = _question(row, line, problems, known, used)
        else:
            question = _card(cells, line, problems)
        if question is None:
            continue
        question["id"] = unique_id(question.get("id"), seen, len(pack["questions"]) + 1)
        if "quote" not in question:
            question["quote"] = span_quote(file_src, start, end)
            used[file_src["id"]] = file_src
        pack["questions"].append(_ordered(question))
    if not pack["questions"] and not problems.items:
        problems.add("(file)", "expected at least one row with a question, got none")
    problems.raise_if_any()
    pack["sources"] = [dict(s) for s in used.values()]
    notes = [LossNote("(all)", "cards become short-answer questions of kind other")]
    return finish(pack, filename, [] if columns else notes)


def _ordered(question: dict[str, Any]) -> dict[str, Any]:
    order = ("id", "type", "kind", "prompt", "answer", "choices", "accept", "items", "pairs")
    return {k: question[k] for k in order if k in question} | question


def _card(cells: list[str], line: int, problems: Problems) -> dict[str, Any] | None:
    if len(cells) != 2 or not cells[0].strip() or not cells[1].strip():
        got = f"{len(cells)} cells" if len(cells) != 2 else "an empty term or definition"
        problems.add(line, f"expected a term and a definition separated by a tab, got {got}")
        return None
    return {
        "type": "short_answer",
        "kind": DEFAULT_KIND,
        "prompt": cells[0].strip(),
        "answer": cells[1].strip(),
        "explanation": "",
    }


def _question(
    row: Mapping[str, str],
    line: int,
    problems: Problems,
    known: Mapping[str, Mapping[str, Any]],
    used: dict[str, Mapping[str, Any]],
) -> dict[str, Any] | None:
    before = len(problems.items)
    cell = {name: (row.get(name) or "").strip() for name in COLUMNS}
    choices = split_list(cell["choices"])
    guess = "cloze" if _BLANK.search(cell["prompt"]) else "short_answer"
    qtype = cell["type"] or ("multiple_choice" if choices else guess)
    out: dict[str, Any] = {"id": cell["id"] or None, "type": qtype}
    out.update(kind=cell["kind"] or DEFAULT_KIND, prompt=cell["prompt"], answer=cell["answer"])
    if qtype == "true_false":
        out.update(answer=cell["answer"].capitalize(), choices=["True", "False"])
    elif qtype == "multiple_response":
        right = split_list(cell["answer"])
        out.update(choices=choices, answer="; ".join(right), single=False)
        share = number(round(100 / max(len(right), 1), 5))
        out["answers"] = [{"text": c, "weight": share if c in right else 0} for c in choices]
    elif qtype == "matching":
        pairs = [tuple(p.strip() for p in c.split("->", 1)) for c in choices]
        if any(len(p) != 2 for p in pairs):
            problems.add(line, "expected matching choices written as 'left -> right'")
        out["pairs"] = [{"left": p[0], "right": p[-1]} for p in pairs]
    elif qtype == "ordering":
        out.update(items=[{"text": c} for c in choices], answer=" → ".join(choices))
    elif qtype == "numeric":
        out["answers"] = [_numeric(cell["answer"], line, problems)]
        out["answer"] = out["answers"][0]["text"]
    elif choices:
        out["choices"] = choices
    if split_list(cell["accept"]):
        out["accept"] = split_list(cell["accept"])
    out["explanation"] = cell["explanation"]
    if split_list(cell["tags"]):
        out["tags"] = split_list(cell["tags"])
    if cell["difficulty"]:
        try:
            out["difficulty"] = float(cell["difficulty"])
            if not math.isfinite(out["difficulty"]):
                raise ValueError
        except ValueError:
            problems.add(line, f"expected a difficulty from 0 to 1, got {cell['difficulty']!r}")
    if cell["source"] or cell["quote_start"] or cell["quote_end"]:
        quote = _quote(cell, line, problems, known)
        if quote is not None:
            out["quote"] = quote
            used[quote["source"]] = known[quote["source"]]
    return out if len(problems.items) == before else None


def _numeric(value: str, line: int, problems: Problems) -> dict[str, Any]:
    text = value.replace(" ", "")
    try:
        if ".." in text:
            low, high = sorted(float(v) for v in text.split("..", 1))
            if not (math.isfinite(low) and math.isfinite(high)):
                raise ValueError
            return {"text": text, "min": number(low), "max": number(high)}
        figure, _, tolerance = text.partition(":")
        parsed, spread = float(figure), abs(float(tolerance or 0))
        if not (math.isfinite(parsed) and math.isfinite(spread)):
            raise ValueError
        return {"text": figure, "tolerance": number(spread)}
    except ValueError:
        problems.add(line, f"expected a number, number:tolerance or min..max, got {value!r}")
        return {"text": value or "?"}


def _quote(
    cell: Mapping[str, str], line: int, problems: Problems, known: Mapping[str, Mapping[str, Any]]
) -> dict[str, Any] | None:
    source = known.get(cell["source"])
    if source is None:
        problems.add(line, f"expected the id of a source Quire has, got {cell['source']!r}")
        return None
    try:
        start, end = int(cell["quote_start"]), int(cell["quote_end"])
    except ValueError:
        got = f"{cell['quote_start']!r} and {cell['quote_end']!r}"
        problems.add(line, f"expected whole-number quote_start and quote_end, got {got}")
        return None
    if not 0 <= start < end <= len(source["text"]):
        problems.add(line, f"expected 0 <= quote_start < quote_end <= {len(source['text'])}")
        return None
    return {"source": source["id"], "start": start, "end": end, "text": source["text"][start:end]}
