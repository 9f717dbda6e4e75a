"""The pack file format: build, write, read and check packs (plain data, no Flask, no database)."""

from __future__ import annotations

import json
from collections.abc import Collection, Mapping, Sequence
from contextlib import suppress
from dataclasses import asdict, dataclass, is_dataclass
from functools import cache
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator

from app.generation.types import Question, SourceText
from app.packs.checks import semantic_errors, sha256_text
from app.packs.errors import PackError, PackValidationError, schema_errors, sort_errors

FORMAT = "quire-pack"
FORMAT_VERSION = 1
# A question's optional `review`: it waits in the review queue until a teacher approves it.
REVIEW_PENDING = "pending"
SCHEMA_PATH = Path(__file__).with_name("pack.schema.json")


@dataclass(frozen=True)
class PackSource:
    """A source to list in a pack: its text, plus where it lives relative to the repository."""

    source: SourceText
    path: str | None = None
    notes: str = ""


@cache
def _validator() -> Draft202012Validator:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def _quote_dict(quote: Any) -> dict[str, Any]:
    data = asdict(quote) if is_dataclass(quote) else dict(quote)
    return {key: data[key] for key in ("source", "start", "end", "text")}


def _item_dict(item: Mapping[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {"text": item["text"]}
    if item.get("date"):
        out["date"] = item["date"]
    if item.get("quote") is not None:
        out["quote"] = _quote_dict(item["quote"])
    return out


def _source_dict(entry: PackSource) -> dict[str, Any]:
    source = entry.source
    out: dict[str, Any] = {
        "id": source.id,
        "title": source.title or source.id,
        "author": source.author,
        "published": source.published,
    }
    if entry.path:
        out["path"] = entry.path
    else:
        out["text"] = source.text
    out["sha256"] = sha256_text(source.text)
    if entry.notes:
        out["notes"] = entry.notes
    return out


def _question_dict(question: Question) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": question.id,
        "fact": question.fact,
        **({"group": question.group} if getattr(question, "group", "") else {}),
        "type": question.type,
        "kind": question.kind,
        "prompt": question.prompt,
        "answer": question.answer,
    }
    if question.choices:
        out["choices"] = list(question.choices)
    if question.accept:
        out["accept"] = list(question.accept)
    if question.items:
        out["items"] = [_item_dict(item) for item in question.items]
    # `correction` (the true statement behind a false one) is optional on the dataclass.
    correction = getattr(question, "correction", None)
    if correction:
        out["correction"] = correction
    out["quote"] = _quote_dict(question.quote)
    out["explanation"] = question.explanation
    out["difficulty"] = round(question.difficulty, 4)
    out["quality"] = round(question.quality, 4)
    if question.tags:
        out["tags"] = list(question.tags)
    return out


def with_review(entry: dict[str, Any], pending: bool) -> dict[str, Any]:
    """A question's pack dict, marked `"review": "pending"` when it waits for a reviewer."""
    # Absent means ready for learners, so a pack without pending questions is unchanged.
    return (entry | {"review": REVIEW_PENDING}) if pending else entry


def build_pack(
    questions: Sequence[Question],
    sources: Sequence[PackSource],
    *,
    pack_id: str,
    title: str,
    description: str = "",
    language: str = "en",
    generator: Mapping[str, Any] | None = None,
    pending: Collection[str] = (),
) -> dict[str, Any]:
    """Assemble a pack dict in the schema's field order from questions and their sources;
    the questions whose ids are in `pending` are marked for review."""
    pack: dict[str, Any] = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "id": pack_id,
        "title": title,
    }
    if description:
        pack["description"] = description
    pack["language"] = language
    if generator:
        pack["generator"] = dict(generator)
    pack["sources"] = [_source_dict(entry) for entry in sources]
    pack["questions"] = [
        with_review(_question_dict(question), question.id in pending) for question in questions
    ]
    return pack


def dump_pack(pack: Mapping[str, Any]) -> str:
    """Serialise a pack as stable, diff-friendly JSON with a trailing newline."""
    return json.dumps(pack, indent=1, ensure_ascii=False) + "\n"


def load_pack(
    path_or_text: Path | str, *, filename: str | None = None, base_dir: Path | None = None
) -> tuple[dict[str, Any], dict[str, str]]:
    """Read a pack (a Path to a file, or its JSON text) and the texts of its sources by id.

    Sources given by `path` are read relative to `base_dir` (default: the current directory).
    A source whose file cannot be read is left out; `validate_pack` then reports it.
    """
    if isinstance(path_or_text, Path):
        filename = filename or str(path_or_text)
        try:
            raw = path_or_text.read_bytes().decode("utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise PackValidationError(
                [PackError(filename, "(file)", f"expected a readable UTF-8 file, got {exc}")]
            ) from exc
    else:
        filename = filename or "<pack>"
        raw = path_or_text
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        where = f"line {exc.lineno} column {exc.colno}"
        raise PackValidationError(
            [PackError(filename, where, f"expected JSON, got {exc.msg}")]
        ) from exc

    base = base_dir if base_dir is not None else Path.cwd()
    texts: dict[str, str] = {}
    sources = data.get("sources") if isinstance(data, dict) else None
    for source in sources if isinstance(sources, list) else []:
        if not isinstance(source, dict) or not isinstance(source.get("id"), str):
            continue
        if isinstance(source.get("text"), str):
            texts[source["id"]] = source["text"]
        elif isinstance(source.get("path"), str):
            # Bytes, then decode: text mode would turn \r\n into \n and shift every offset.
            with suppress(OSError, UnicodeDecodeError):
                texts[source["id"]] = (base / source["path"]).read_bytes().decode("utf-8")
    return data, texts


def validate_pack(
    data: Any, *, filename: str = "<pack>", source_texts: Mapping[str, str] | None = None
) -> list[PackError]:
    """Every problem in a pack: schema violations, then the checks a schema cannot express."""
    errors: list[PackError] = []
    for error in _validator().iter_errors(data):
        errors.extend(schema_errors(error, filename))
    errors.extend(semantic_errors(data, filename, source_texts or {}))
    return sort_errors(errors)


__all__ = [
    "FORMAT",
    "FORMAT_VERSION",
    "REVIEW_PENDING",
    "PackError",
    "PackSource",
    "PackValidationError",
    "build_pack",
    "dump_pack",
    "load_pack",
    "sha256_text",
    "validate_pack",
    "with_review",
]
