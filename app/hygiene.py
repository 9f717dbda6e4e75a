"""Text the databases cannot store: NUL (PostgreSQL refuses it) and the other control characters.

Plain functions, no Flask: the request edge (app/ops/input_hygiene.py) refuses such text in URLs
and forms, imports refuse it with the place it was found, and uploaded texts are cleaned of it.
Tab, newline and carriage return are text; every other C0 control and DEL is not.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def first_control(text: str) -> int | None:
    """The index of the first control character in `text`, or None when it has none."""
    match = CONTROL.search(text)
    return None if match is None else match.start()


def describe(text: str, index: int) -> str:
    """The control character at `index` as a reader can find it: its code and line."""
    line = text.count("\n", 0, index) + 1
    return f"a control character (U+{ord(text[index]):04X}) on line {line}"


def strip_controls(text: str) -> tuple[str, int]:
    """`text` without control characters, and how many were removed."""
    return CONTROL.subn("", text)


def controls_in(data: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[tuple[Any, ...], str]]:
    """(JSON path, description) of each string, or key, in nested data holding a control
    character."""
    if isinstance(data, str):
        index = first_control(data)
        if index is not None:
            yield path, describe(data, index)
    elif isinstance(data, dict):
        for key, value in data.items():
            if isinstance(key, str) and first_control(key) is not None:
                yield (*path, key), "a control character in this field's name"
            yield from controls_in(value, (*path, key))
    elif isinstance(data, (list, tuple)):
        for index, value in enumerate(data):
            yield from controls_in(value, (*path, index))
