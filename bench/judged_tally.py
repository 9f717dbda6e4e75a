"""Tally a judge's verdicts on a sample written by bench.sample_for_judging.

Run from the repository root:
    python -m bench.judged_tally bench/judging/heldout-seed7.verdicts.csv

The verdicts file is CSV (as written beside the sample) or a Markdown table with the same
columns: number, grammatical, answerable, correct, distractors, worth_asking, why. Each of the
five marks is yes or no (y/n also do); `why` is one line for any no. The key file
(OUT.key.json, found beside the verdicts unless --key is given) supplies each number's type.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import re
import sys
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from bench.sample_for_judging import CRITERIA, SUFFIXES, TYPE_NAMES, VERDICT_HEADER

MARKS = {"yes": True, "y": True, "no": False, "n": False}
TARGET = 0.80


class VerdictError(ValueError):
    """The verdicts file cannot be tallied; the message names the line and the field."""


@dataclass(frozen=True)
class Verdict:
    """One judged question: its number, the five marks and the judge's line."""

    number: int
    marks: tuple[bool, ...]
    why: str

    @property
    def acceptable(self) -> bool:
        """All five criteria met."""
        return all(self.marks)


def _rows(text: str) -> list[tuple[int, list[str]]]:
    """(line number, cells) of a CSV file or a Markdown table, header included."""
    lines = text.splitlines()
    if any(line.lstrip().startswith("|") for line in lines):
        rows = []
        for number, line in enumerate(lines, 1):
            stripped = line.strip()
            if not stripped.startswith("|"):
                continue
            cells = [cell.strip() for cell in stripped.strip("|").split("|")]
            if all(set(cell) <= set("-: ") for cell in cells):
                continue  # the |---|---| separator
            rows.append((number, cells))
        return rows
    reader = csv.reader(io.StringIO(text))
    return [(reader.line_num, row) for row in reader if any(cell.strip() for cell in row)]


def judged(text: str) -> bool:
    """Whether a judge has marked anything yet: a drawn part's verdicts file starts with its
    numbers and blank marks, and waits in bench/judging until its judge fills it in."""
    return any(any(cell.strip() for cell in cells[1:]) for _, cells in _rows(text)[1:])


def parse_verdicts(text: str, expected: Sequence[int]) -> list[Verdict]:
    """Every verdict, checked: the header, one row per expected number, yes/no in each mark."""
    rows = _rows(text)
    if not rows:
        raise VerdictError("The verdicts file is empty.")
    line, header = rows[0]
    names = [cell.strip().lower().replace(" ", "_") for cell in header]
    if names[: len(VERDICT_HEADER)] != list(VERDICT_HEADER):
        raise VerdictError(f"line {line}: the header must be {', '.join(VERDICT_HEADER)}.")
    verdicts: dict[int, Verdict] = {}
    for line, cells in rows[1:]:
        cells = cells + [""] * (len(VERDICT_HEADER) - len(cells))
        try:
            number = int(cells[0])
        except ValueError:
            raise VerdictError(f"line {line}: number {cells[0]!r} is not a whole number.") from None
        if number not in expected:
            raise VerdictError(f"line {line}: number {number} is not in the sample.")
        if number in verdicts:
            raise VerdictError(f"line {line}: number {number} is judged twice.")
        marks = []
        for name, cell in zip(CRITERIA, cells[1 : 1 + len(CRITERIA)], strict=True):
            mark = MARKS.get(cell.strip().lower())
            if mark is None:
                raise VerdictError(
                    f"line {line}: question {number}, {name} is {cell.strip()!r}; "
                    "expected yes or no."
                )
            marks.append(mark)
        verdicts[number] = Verdict(number, tuple(marks), cells[len(CRITERIA) + 1].strip())
    missing = sorted(set(expected) - verdicts.keys())
    if missing:
        raise VerdictError(f"No verdict for question(s) {', '.join(map(str, missing))}.")
    return [verdicts[number] for number in sorted(verdicts)]


def tally(verdicts: Sequence[Verdict], types: Mapping[int, str]) -> dict:
    """Acceptable count, no per criterion, and acceptable/total per question type."""
    by_type: dict[str, list[int]] = {}
    for verdict in verdicts:
        row = by_type.setdefault(types.get(verdict.number, "?"), [0, 0])
        row[0] += verdict.acceptable
        row[1] += 1
    nos = Counter(
        name for v in verdicts for name, ok in zip(CRITERIA, v.marks, strict=True) if not ok
    )
    return {
        "acceptable": sum(v.acceptable for v in verdicts),
        "total": len(verdicts),
        "no": {name: nos[name] for name in CRITERIA},
        "by_type": by_type,
    }


def print_tally(result: dict, verdicts: Sequence[Verdict], types: Mapping[int, str]) -> None:
    """The report JUDGING.md asks for, with the target beside the acceptable share."""
    acceptable, total = result["acceptable"], result["total"]
    print(f"Acceptable: {acceptable}/{total} ({acceptable / total:.0%}; target ≥ {TARGET:.0%})")
    print("No per criterion: " + ", ".join(f"{k} {n}" for k, n in result["no"].items()))
    print("Acceptable per type:")
    for kind, (good, count) in sorted(result["by_type"].items()):
        print(f"  {TYPE_NAMES.get(kind, kind):<28}{good:>3}/{count}")
    rejected = [v for v in verdicts if not v.acceptable]
    if rejected:
        print("Not acceptable:")
    for verdict in rejected:
        failed = ", ".join(name for name, ok in zip(CRITERIA, verdict.marks, strict=True) if not ok)
        kind = TYPE_NAMES.get(types.get(verdict.number, ""), "?")
        print(f"  {verdict.number:>3} ({kind}): {failed}. {verdict.why}")


def question_blocks(markdown: str) -> dict[str, str]:
    """A sample's .md cut into each question's block, by its number."""
    pieces = re.split(r"^## (\d+)\s*$", markdown, flags=re.M)
    return dict(zip(pieces[1::2], pieces[2::2], strict=True))


def key_path_for(verdicts: Path) -> Path:
    """OUT.key.json beside OUT.verdicts.csv (or OUT.verdicts.md)."""
    name = verdicts.name
    for suffix in (SUFFIXES[1], ".verdicts.md"):
        if name.endswith(suffix):
            return verdicts.with_name(name[: -len(suffix)] + SUFFIXES[2])
    raise VerdictError(f"{verdicts}: give --key (the name does not end in {SUFFIXES[1]}).")


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: read verdicts and key, print the tally (exit 2 on a malformed file)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("verdicts", type=Path)
    parser.add_argument("--key", type=Path, help="OUT.key.json (default: beside the verdicts)")
    args = parser.parse_args(argv)
    try:
        key_path = args.key or key_path_for(args.verdicts)
        key = json.loads(key_path.read_text(encoding="utf-8"))
        types = {int(number): entry["type"] for number, entry in key["questions"].items()}
        # utf-8-sig: a table saved from a spreadsheet starts with a byte-order mark.
        text = args.verdicts.read_text(encoding="utf-8-sig")
        verdicts = parse_verdicts(text, sorted(types))
    except (VerdictError, OSError, KeyError, ValueError) as error:
        print(f"{args.verdicts}: {error}", file=sys.stderr)
        return 2
    print_tally(tally(verdicts, types), verdicts, types)
    return 0


if __name__ == "__main__":
    sys.exit(main())
