"""Pack errors, and JSON Schema failures rewritten as "expected ..., got ..." for people."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from jsonschema import ValidationError

_TYPE_NAMES = {
    "object": "an object",
    "array": "a list",
    "string": "a string",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
    "null": "null",
}


@dataclass(frozen=True)
class PackError:
    """One problem in a pack or an imported file: which file, where in it, what was expected."""

    file: str
    location: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}: {self.location}: {self.message}"


class PackValidationError(Exception):
    """A pack was refused; `errors` lists every problem found."""

    def __init__(self, errors: Iterable[PackError]) -> None:
        self.errors = sort_errors(errors)
        super().__init__("\n".join(str(error) for error in self.errors))


def location_of(path: Iterable[Any]) -> str:
    """Render a JSON path like ["questions", 12, "quote", "end"] as questions[12].quote.end."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "(top level)"


def _location_key(error: PackError) -> tuple[Any, ...]:
    # Natural order, so questions[2] sorts before questions[10].
    parts = re.split(r"(\d+)", error.location)
    return (
        error.file,
        tuple(int(p) if i % 2 else p for i, p in enumerate(parts)),
        error.message,
    )


def sort_errors(errors: Iterable[PackError]) -> list[PackError]:
    """De-duplicate errors and sort them by file, then position in the file."""
    return sorted(set(errors), key=_location_key)


def describe(value: Any, limit: int = 60) -> str:
    """A short rendering of a JSON value for an error message."""
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list):
        return f"a list of {len(value)} item{'s' if len(value) != 1 else ''}"
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= limit else text[: limit - 1] + '…"'


def _type_phrase(expected: str | list[str]) -> str:
    names = [expected] if isinstance(expected, str) else expected
    return " or ".join(_TYPE_NAMES.get(name, name) for name in names)


def schema_errors(error: ValidationError, file: str) -> list[PackError]:
    """Turn one jsonschema error into PackErrors naming the field and what it should hold."""
    path = list(error.absolute_path)
    where = location_of(path)
    value, instance, keyword = error.validator_value, error.instance, error.validator
    got = describe(instance)

    def at(*more: Any) -> str:
        return location_of([*path, *more])

    if keyword == "required":
        missing = [name for name in value if isinstance(instance, dict) and name not in instance]
        return [
            PackError(file, at(name), "expected this required field, got nothing")
            for name in missing
        ]
    if keyword == "additionalProperties":
        allowed = sorted(error.schema.get("properties", {}))
        extra = [name for name in instance if name not in allowed]
        return [
            PackError(
                file,
                at(name),
                f"expected one of the fields {', '.join(allowed)}, got an unknown field",
            )
            for name in extra
        ]
    if keyword == "type":
        message = f"expected {_type_phrase(value)}, got {got}"
    elif keyword == "const":
        message = f"expected {json.dumps(value, ensure_ascii=False)}, got {got}"
    elif keyword == "enum":
        options = ", ".join(json.dumps(option, ensure_ascii=False) for option in value)
        message = f"expected one of {options}, got {got}"
    elif keyword == "pattern":
        message = f"expected a string matching {value}, got {got}"
    elif keyword in ("minLength", "maxLength"):
        bound = "at least" if keyword == "minLength" else "at most"
        message = f"expected {bound} {value} characters, got {len(instance)}"
    elif keyword in ("minItems", "maxItems"):
        bound = "at least" if keyword == "minItems" else "at most"
        message = f"expected {bound} {value} items, got {len(instance)}"
    elif keyword in ("minimum", "maximum"):
        sign = ">=" if keyword == "minimum" else "<="
        message = f"expected a number {sign} {value}, got {got}"
    elif keyword == "uniqueItems":
        message = f"expected distinct items, got duplicates in {got}"
    elif keyword == "oneOf" and all(set(option) == {"required"} for option in value):
        names = [name for option in value for name in option["required"]]
        present = [name for name in names if isinstance(instance, dict) and name in instance]
        quoted = " or ".join(f'"{name}"' for name in names)
        message = f"expected exactly one of {quoted}, got {' and '.join(present) or 'neither'}"
    else:
        message = f"expected a value satisfying {keyword} {describe(value)}, got {got}"
    return [PackError(file, where, message)]
