"""What every format module shares: errors, loss notes, and building a valid pack from imports."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import Any

from app.packs.checks import sha256_text
from app.packs.errors import PackError
from app.packs.format import FORMAT, FORMAT_VERSION, validate_pack

# A question with no kind in the file it came from; the pack schema allows it for imports.
DEFAULT_KIND = "other"
BLANK = "_____"
ID_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$")
TEXT_FORMATS = ("html", "markdown", "moodle")

# A problem in an imported file has the shape of one in a pack: file, location, message.
Problem = PackError


class FormatError(Exception):
    """A file was refused; `problems` lists every problem found, in file order."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = list(dict.fromkeys(problems))
        first = self.problems[0] if self.problems else Problem("<input>", "(file)", "invalid")
        self.file, self.location, self.message = first.file, first.location, first.message
        super().__init__("\n".join(str(problem) for problem in self.problems))


@dataclass(frozen=True)
class LossNote:
    """Something a format could not hold: where (item or field) and what was dropped or changed."""

    location: str
    message: str

    def __str__(self) -> str:
        return f"{self.location}: {self.message}"


@dataclass
class ParsedPack:
    """A pack read from another format, valid for the pack schema, and what did not carry over."""

    pack: dict[str, Any]
    losses: list[LossNote] = field(default_factory=list)


class Problems:
    """Collects problems while parsing, so one FormatError can list them all."""

    def __init__(self, filename: str) -> None:
        self.filename = filename
        self.items: list[Problem] = []

    def add(self, location: str | int, message: str) -> None:
        """Record a problem; an int location is a line number."""
        where = f"line {location}" if isinstance(location, int) else location
        self.items.append(Problem(self.filename, where, message))

    def raise_if_any(self) -> None:
        """Raise one FormatError listing everything recorded, if anything was."""
        if self.items:
            raise FormatError(self.items)


class Losses:
    """Collects loss notes, one per (what was lost), naming the first few items concerned."""

    def __init__(self) -> None:
        self._where: dict[str, list[str]] = {}

    def add(self, location: str, message: str) -> None:
        """Record that `location` lost what `message` describes."""
        self._where.setdefault(message, []).append(location)

    def notes(self) -> list[LossNote]:
        """The notes, each naming up to three locations and how many more there were."""
        out = []
        for message, where in self._where.items():
            shown = ", ".join(where[:3]) + (f" and {len(where) - 3} more" if len(where) > 3 else "")
            out.append(LossNote(shown, message))
        return out


def decode_text(data: bytes | str, filename: str) -> str:
    """The input as text: UTF-8 (a byte-order mark is dropped), or a FormatError."""
    if isinstance(data, str):
        try:
            data.encode("utf-8")
        except UnicodeEncodeError as exc:  # a lone surrogate: no file can hold it
            line = data[: exc.start].count("\n") + 1
            message = f"expected text, got an unpaired surrogate U+{ord(data[exc.start]):04X}"
            raise FormatError([Problem(filename, f"line {line}", message)]) from exc
        return data.removeprefix("\ufeff")
    try:
        return data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        got = f"byte 0x{data[exc.start]:02x}"
        raise FormatError(
            [Problem(filename, f"line {line}", f"expected UTF-8 text, got {got}")]
        ) from exc


def slug(text: str, default: str = "imported") -> str:
    """A pack id made from a file name or title."""
    value = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:64].rstrip("-")
    return value or default


def file_source(text: str, filename: str) -> dict[str, Any]:
    """The imported file itself as a pack source, so each question can quote its own entry."""
    digest = sha256_text(text)
    return {
        "id": f"import-{digest[:16]}",
        "title": (PurePath(filename).name or "imported file")[:300],
        "text": text,
        "sha256": digest,
        "notes": "The file these questions were imported from; each question quotes its entry.",
    }


def span_quote(source: Mapping[str, Any], start: int, end: int) -> dict[str, Any]:
    """A quote of source text[start:end] with surrounding whitespace trimmed."""
    text = source["text"]
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start == end:  # an entry of only whitespace cannot be quoted; quote its first character
        end = min(start + 1, len(text))
        start = end - 1
    return {"source": source["id"], "start": start, "end": end, "text": text[start:end]}


def empty_pack(filename: str, title: str | None = None) -> dict[str, Any]:
    """A pack with no sources or questions yet, named after the imported file."""
    stem = PurePath(filename).stem or "imported"
    name = (title or stem).strip()[:200] or "Imported questions"
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "id": slug(stem),
        "title": name,
        "language": "en",
        "sources": [],
        "questions": [],
    }


def unique_id(candidate: str | None, seen: set[str], number: int) -> str:
    """The candidate if it is a valid id not used yet, else q-<number> (made unique)."""
    if candidate and ID_PATTERN.match(candidate) and candidate not in seen:
        seen.add(candidate)
        return candidate
    base, n = f"q-{number}", 1
    uid = base
    while uid in seen:
        n += 1
        uid = f"{base}-{n}"
    seen.add(uid)
    return uid


def finish(pack: dict[str, Any], filename: str, losses: Iterable[LossNote]) -> ParsedPack:
    """Validate an imported pack; schema problems become one FormatError naming each question."""
    errors = validate_pack(pack, filename=filename)
    if errors:
        raise FormatError(Problem(filename, _name(pack, e.location), e.message) for e in errors)
    return ParsedPack(pack, list(losses))


def _name(pack: Mapping[str, Any], location: str) -> str:
    match = re.match(r"questions\[(\d+)\]", location)
    if not match:
        return location
    question = pack["questions"][int(match.group(1))]
    label = question.get("title") or question.get("id")
    rest = location[match.end() :].lstrip(".")
    return f"question {int(match.group(1)) + 1} ({label})" + (f": {rest}" if rest else "")


def fmt_number(value: float) -> str:
    """A number as a person writes it: 5 not 5.0, 0.5 not 5e-01."""
    if value == int(value) and abs(value) < 1e15:
        return str(int(value))
    return repr(value)


def weight_of(answer: Mapping[str, Any]) -> float:
    """An answer's weight in percent (100 when not given)."""
    return float(answer.get("weight", 100))


def answers_of(question: Mapping[str, Any]) -> list[dict[str, Any]]:
    """A question's weighted answers: its `answers`, else ones made from answer, accept, choices."""
    if question.get("answers"):
        return [dict(a) for a in question["answers"]]
    qtype, answer = question["type"], question.get("answer", "")
    if qtype in ("multiple_choice", "true_false"):
        return [
            {"text": c, "weight": 100 if c == answer else 0} for c in question.get("choices", [])
        ]
    if qtype in ("cloze", "short_answer"):
        texts = [answer, *question.get("accept", [])]
        return [{"text": t, "weight": 100} for t in dict.fromkeys(texts) if t]
    return []
