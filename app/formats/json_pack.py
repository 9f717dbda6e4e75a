"""Quire's own pack JSON through the same read/write interface as the other formats."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from app.formats.common import FormatError, ParsedPack, Problem, decode_text
from app.packs.format import dump_pack, validate_pack


def read(data: bytes | str, *, filename: str) -> ParsedPack:
    """Parse and validate a pack; sources must carry their text inline (paths are not followed)."""
    text = decode_text(data, filename)
    try:
        pack = json.loads(text)
    except json.JSONDecodeError as exc:
        where = f"line {exc.lineno} column {exc.colno}"
        raise FormatError([Problem(filename, where, f"expected JSON, got {exc.msg}")]) from exc
    except RecursionError as exc:  # absurdly nested JSON
        problem = Problem(filename, "(file)", "expected JSON, got nesting too deep")
        raise FormatError([problem]) from exc
    # An uploaded file must not make the server read its own files: only inline texts count.
    sources = pack.get("sources") if isinstance(pack, dict) else None
    texts = {
        s["id"]: s["text"]
        for s in (sources if isinstance(sources, list) else [])
        if isinstance(s, dict) and isinstance(s.get("id"), str) and isinstance(s.get("text"), str)
    }
    errors = validate_pack(pack, filename=filename, source_texts=texts)
    if errors:
        raise FormatError(Problem(e.file, e.location, e.message) for e in errors)
    return ParsedPack(pack, [])


def write(pack: Mapping[str, Any]) -> str:
    """The pack as Quire's JSON."""
    return dump_pack(pack)


def write_report(pack: Mapping[str, Any]) -> tuple[str, list]:
    """The pack as Quire's JSON; nothing is lost."""
    return dump_pack(pack), []
