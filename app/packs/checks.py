"""Checks on a pack that its JSON Schema cannot express: ids, offsets, quotes, hashes, choices."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from typing import Any

from app.generation.types import MULTIPLE_CHOICE
from app.packs.errors import PackError


def sha256_text(text: str) -> str:
    """The sha256 of a text's UTF-8 bytes, as the pack's `sha256` fields hold it."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def semantic_errors(data: Any, file: str, source_texts: Mapping[str, str]) -> list[PackError]:
    """Problems a schema cannot see; tolerant of malformed parts, which the schema reports."""
    errors: list[PackError] = []
    if isinstance(data, dict):
        texts = _check_sources(data.get("sources"), file, source_texts, errors)
        _check_questions(data.get("questions"), file, texts, errors)
    return errors


def _check_sources(
    sources: Any, file: str, given: Mapping[str, str], errors: list[PackError]
) -> dict[str, str | None]:
    # A listed source whose text is missing maps to None: its quotes cannot be checked.
    texts: dict[str, str | None] = {}
    for index, source in enumerate(sources if isinstance(sources, list) else []):
        if not isinstance(source, dict) or not isinstance(source.get("id"), str):
            continue
        where, source_id = f"sources[{index}]", source["id"]
        if source_id in texts:
            errors.append(
                PackError(
                    file, f"{where}.id", f'expected a unique source id, got "{source_id}" again'
                )
            )
        text = source.get("text") if isinstance(source.get("text"), str) else given.get(source_id)
        texts.setdefault(source_id, None)
        if text is None:
            if isinstance(source.get("path"), str):
                errors.append(
                    PackError(
                        file,
                        f"{where}.path",
                        f'expected a readable UTF-8 text file, got "{source["path"]}"'
                        " (missing or unreadable)",
                    )
                )
            continue
        texts[source_id] = text
        expected = sha256_text(text)
        if isinstance(source.get("sha256"), str) and source["sha256"] != expected:
            errors.append(
                PackError(
                    file,
                    f"{where}.sha256",
                    f"expected {expected} (the sha256 of the source text), got {source['sha256']}",
                )
            )
    return texts


def _check_questions(
    questions: Any, file: str, texts: Mapping[str, str | None], errors: list[PackError]
) -> None:
    seen: set[str] = set()
    for index, question in enumerate(questions if isinstance(questions, list) else []):
        if not isinstance(question, dict):
            continue
        where = f"questions[{index}]"
        uid = question.get("id")
        if isinstance(uid, str):
            if uid in seen:
                errors.append(
                    PackError(
                        file, f"{where}.id", f'expected a unique question id, got "{uid}" again'
                    )
                )
            seen.add(uid)
        _check_quote(question.get("quote"), f"{where}.quote", file, texts, errors)
        items = question.get("items")
        for item_index, item in enumerate(items if isinstance(items, list) else []):
            if isinstance(item, dict) and "quote" in item:
                _check_quote(
                    item["quote"], f"{where}.items[{item_index}].quote", file, texts, errors
                )
        _check_choices(question, where, file, errors)


def _check_quote(
    quote: Any, where: str, file: str, texts: Mapping[str, str | None], errors: list[PackError]
) -> None:
    if not isinstance(quote, dict) or not isinstance(quote.get("source"), str):
        return
    source_id = quote["source"]
    if source_id not in texts:
        errors.append(
            PackError(
                file, f"{where}.source", f'expected the id of a listed source, got "{source_id}"'
            )
        )
        return
    text = texts[source_id]
    if text is None:
        return
    start, end = quote.get("start"), quote.get("end")
    if not (isinstance(start, int) and isinstance(end, int)):
        return
    start_ok, end_ok = 0 <= start < len(text), 0 <= end <= len(text)
    for name, value, ok in (("start", start, start_ok), ("end", end, end_ok)):
        if not ok:
            message = (
                f'expected an offset within source "{source_id}" (length {len(text)}), got {value}'
            )
            errors.append(PackError(file, f"{where}.{name}", message))
    if start_ok and end_ok and end <= start:
        message = f"expected an offset after start ({start}), got {end}"
        errors.append(PackError(file, f"{where}.end", message))
    bounds_ok = start_ok and end_ok and start < end
    if bounds_ok and isinstance(quote.get("text"), str) and text[start:end] != quote["text"]:
        errors.append(
            PackError(
                file,
                f"{where}.text",
                f"expected the source's text[{start}:{end}] {_short(text[start:end])}, "
                f"got {_short(quote['text'])}",
            )
        )


def _check_choices(
    question: Mapping[str, Any], where: str, file: str, errors: list[PackError]
) -> None:
    choices, answer = question.get("choices"), question.get("answer")
    if question.get("type") != MULTIPLE_CHOICE or not isinstance(choices, list):
        return
    if not all(isinstance(choice, str) for choice in choices):
        return
    if isinstance(answer, str) and answer not in choices:
        errors.append(
            PackError(file, f"{where}.answer", f"expected one of the choices, got {_short(answer)}")
        )
    # Exact duplicates are the schema's business; these differ only in case or spacing.
    folded = [" ".join(choice.split()).casefold() for choice in choices]
    if len(set(folded)) != len(folded) and len(set(choices)) == len(choices):
        errors.append(
            PackError(
                file,
                f"{where}.choices",
                "expected choices that differ by more than case or spacing, got near-duplicates",
            )
        )


def _short(text: str, limit: int = 60) -> str:
    rendered = json.dumps(text, ensure_ascii=False)
    return rendered if len(rendered) <= limit else rendered[: limit - 2] + '…"'
