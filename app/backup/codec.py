"""Column values to JSON and back, chosen by the column's SQLAlchemy type.

Each row of a backup is a JSON list, one value per column. Values JSON cannot hold exactly are
written explicitly: datetimes as ISO 8601 strings in UTC, bytes as base64, decimals as strings.
A JSON column's cell is null for SQL NULL and a one-item list around the document otherwise, so
a stored JSON `null` and SQL NULL (which queries tell apart) both survive the round trip.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Callable
from datetime import UTC, date, datetime, time
from decimal import Decimal, InvalidOperation
from typing import Any

from sqlalchemy import Column, null, types


class BackupError(Exception):
    """A backup that cannot be written or read; the message says where and what was expected."""


Encoder = Callable[[Any], Any]
Decoder = Callable[[Any], Any]


class CellError(ValueError):
    """One cell that does not fit its column; the message says what was expected."""


def _encode_datetime(value: datetime) -> str:
    # Naive values are UTC already (SQLite keeps no zone); aware ones are made UTC to match.
    if value.tzinfo is not None:
        value = value.astimezone(UTC)
    return value.isoformat()


def _decode_datetime(value: Any, *, aware: bool) -> datetime:
    if not isinstance(value, str):
        raise CellError("expected an ISO 8601 date and time as a string")
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise CellError(f"expected an ISO 8601 date and time, got {value!r}") from None
    if aware and parsed.tzinfo is None:
        # So PostgreSQL does not read it in the session's own time zone.
        parsed = parsed.replace(tzinfo=UTC)
    return parsed


def _checked(kind: type | tuple[type, ...], label: str, convert: Decoder = lambda v: v) -> Decoder:
    def decode(value: Any) -> Any:
        # bool is an int in Python; a JSON true in an integer column is still a mistake.
        if isinstance(value, bool) and bool not in (kind if isinstance(kind, tuple) else (kind,)):
            raise CellError(f"expected {label}, got {json.dumps(value)}")
        if not isinstance(value, kind):
            raise CellError(f"expected {label}, got {json.dumps(value)[:40]}")
        return convert(value)

    return decode


def _string_decoder(length: int | None) -> Decoder:
    check = _checked(str, "a string")

    def decode(value: Any) -> str:
        text = check(value)
        # SQLite would store an over-long value silently; PostgreSQL would refuse it less clearly.
        if length is not None and len(text) > length:
            raise CellError(f"expected at most {length} characters, got {len(text)}")
        return text

    return decode


def _decode_bytes(value: Any) -> bytes:
    if not isinstance(value, str):
        raise CellError("expected base64 text")
    try:
        return base64.b64decode(value, validate=True)
    except (binascii.Error, ValueError):
        raise CellError("expected base64 text") from None


def _decode_decimal(value: Any) -> Decimal:
    try:
        return Decimal(_checked(str, "a decimal number as a string")(value))
    except InvalidOperation:
        raise CellError(f"expected a decimal number, got {value!r}") from None


def _iso_decoder(kind: type, label: str) -> Decoder:
    def decode(value: Any) -> Any:
        try:
            return kind.fromisoformat(_checked(str, label)(value))
        except ValueError:
            raise CellError(f"expected {label}, got {value!r}") from None

    return decode


def _json_decoder(column_type: types.JSON) -> Decoder:
    def decode(value: Any) -> Any:
        if not isinstance(value, list) or len(value) != 1:
            raise CellError("expected null or a one-item list holding the JSON value")
        return column_type.NULL if value[0] is None else value[0]

    return decode


def _codec(column_type: types.TypeEngine) -> tuple[Encoder, Decoder]:
    # Order matters: Float is a Numeric, Text and Enum are Strings, DateTime is not a Date.
    if isinstance(column_type, types.JSON):
        # Selected as text (see `select_expression`), so SQL NULL and JSON null stay apart.
        return (lambda v: [json.loads(v)]), _json_decoder(column_type)
    if isinstance(column_type, types.Boolean):
        return (lambda v: bool(v)), _checked(bool, "true or false")
    if isinstance(column_type, types.Integer):
        return (lambda v: int(v)), _checked(int, "an integer")
    if isinstance(column_type, types.Float):
        return (lambda v: float(v)), _checked((int, float), "a number", float)
    if isinstance(column_type, types.Numeric):
        return (lambda v: str(v)), _decode_decimal
    if isinstance(column_type, types.DateTime):
        aware = bool(column_type.timezone)
        return _encode_datetime, lambda v: _decode_datetime(v, aware=aware)
    if isinstance(column_type, types.Date):
        return (lambda v: v.isoformat()), _iso_decoder(date, "an ISO 8601 date")
    if isinstance(column_type, types.Time):
        return (lambda v: v.isoformat()), _iso_decoder(time, "an ISO 8601 time")
    if isinstance(column_type, types.LargeBinary):
        return (lambda v: base64.b64encode(bytes(v)).decode("ascii")), _decode_bytes
    if isinstance(column_type, types.String):
        return (lambda v: v), _string_decoder(column_type.length)
    raise BackupError(
        f"column type {column_type!r} has no backup encoding yet: add it to app/backup/codec.py"
    )


def encoder_for(column: Column) -> Encoder:
    """A function turning this column's values (as selected) into JSON values; None stays None."""
    encode, _decode = _codec(column.type)
    return lambda value: None if value is None else encode(value)


def decoder_for(column: Column) -> Decoder:
    """A function turning a JSON value back into this column's value; raises CellError."""
    _encode, decode = _codec(column.type)
    is_json = isinstance(column.type, types.JSON)

    def decode_cell(value: Any) -> Any:
        if value is None:
            if not column.nullable:
                raise CellError("expected a value: the column is NOT NULL")
            # null() is SQL NULL even for a JSON column, where None would become JSON null.
            return null() if is_json else None
        return decode(value)

    return decode_cell


def select_expression(column: Column) -> Any:
    """What to select for this column: JSON as its stored text, everything else as it is."""
    if isinstance(column.type, types.JSON):
        return column.cast(types.Text()).label(column.name)
    return column
