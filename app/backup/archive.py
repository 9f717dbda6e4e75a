"""The backup file: a zip holding manifest.json and one JSON-lines file of rows per table.

manifest.json names the format and its version, the Alembic revision of the database it came
from, and for each table (in dependency order) its columns, its row count and its file. Each
line of a table's file is one row: a JSON list of values in the manifest's column order, encoded
as app.backup.codec says. Rows are written and read one at a time, so a dump of millions of
review-log rows never sits in memory.
"""

from __future__ import annotations

import io
import json
import zipfile
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from app.backup.codec import BackupError

FORMAT = "quire-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"


@dataclass(frozen=True)
class TableEntry:
    """One table of a backup: its name, its columns in row order, its row count and file."""

    name: str
    columns: tuple[str, ...]
    rows: int
    file: str


@dataclass(frozen=True)
class Manifest:
    """What a backup holds, as read from its manifest.json."""

    revision: str | None
    created_at: str
    tables: tuple[TableEntry, ...]

    @property
    def total_rows(self) -> int:
        """Rows in all tables together (for a progress bar)."""
        return sum(table.rows for table in self.tables)


class ArchiveWriter:
    """Writes a backup zip: call `write_table` per table, then `finish` with the revision."""

    def __init__(self, target: IO[bytes]) -> None:
        self._zip = zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED)
        self._tables: list[dict[str, Any]] = []

    def write_table(self, name: str, columns: Iterable[str], rows: Iterable[list[Any]]) -> int:
        """Write one table's rows (lists in column order); the number written."""
        file = f"tables/{name}.jsonl"
        count = 0
        # force_zip64: a table's file may pass 4 GB, and its size is unknown when it starts.
        with (
            self._zip.open(file, "w", force_zip64=True) as raw,
            io.TextIOWrapper(raw, encoding="utf-8", newline="\n") as out,
        ):
            for row in rows:
                out.write(json.dumps(row, separators=(",", ":")))
                out.write("\n")
                count += 1
        self._tables.append({"name": name, "columns": list(columns), "rows": count, "file": file})
        return count

    def finish(self, revision: str | None, created_at: str) -> None:
        """Write the manifest and close the zip."""
        manifest = {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "alembic_revision": revision,
            "created_at": created_at,
            "tables": self._tables,
        }
        self._zip.writestr(MANIFEST, json.dumps(manifest, indent=2) + "\n")
        self._zip.close()


def _fail(path: Path, message: str) -> BackupError:
    return BackupError(f"{path}: {message}")


def _table_entry(path: Path, index: int, raw: Any) -> TableEntry:
    where = f"manifest.json tables[{index}]"
    if not isinstance(raw, dict):
        raise _fail(path, f"{where}: expected an object")
    name, columns, rows, file = (raw.get(k) for k in ("name", "columns", "rows", "file"))
    if not isinstance(name, str) or not isinstance(file, str):
        raise _fail(path, f"{where}: expected a table name and a file name")
    if not isinstance(columns, list) or not all(isinstance(c, str) for c in columns):
        raise _fail(path, f"{where} ({name}): expected a list of column names")
    if not isinstance(rows, int) or isinstance(rows, bool) or rows < 0:
        raise _fail(path, f"{where} ({name}): expected a row count")
    return TableEntry(name, tuple(columns), rows, file)


def read_manifest(path: Path, archive: zipfile.ZipFile) -> Manifest:
    """The manifest of an open backup zip, checked for shape; raises BackupError."""
    try:
        data = json.loads(archive.read(MANIFEST).decode("utf-8"))
    except KeyError:
        raise _fail(path, "not a Quire backup (it has no manifest.json)") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise _fail(path, f"manifest.json is not valid JSON ({exc})") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise _fail(path, f'not a Quire backup (manifest.json has no "format": "{FORMAT}")')
    if data.get("format_version") != FORMAT_VERSION:
        raise _fail(
            path,
            f"backup format version {data.get('format_version')!r}; this Quire reads "
            f"version {FORMAT_VERSION} only",
        )
    revision = data.get("alembic_revision")
    tables = data.get("tables")
    if revision is not None and not isinstance(revision, str):
        raise _fail(path, "manifest.json alembic_revision: expected a string or null")
    if not isinstance(tables, list):
        raise _fail(path, "manifest.json tables: expected a list")
    entries = tuple(_table_entry(path, i, raw) for i, raw in enumerate(tables))
    return Manifest(revision, str(data.get("created_at", "")), entries)


def open_archive(path: Path) -> zipfile.ZipFile:
    """Open a backup zip for reading; raises BackupError when it is not a readable zip."""
    try:
        return zipfile.ZipFile(path)
    except FileNotFoundError:
        raise _fail(path, "no such file") from None
    except (zipfile.BadZipFile, OSError) as exc:
        raise _fail(path, f"not a readable zip file ({exc})") from None


def read_rows(path: Path, archive: zipfile.ZipFile, entry: TableEntry) -> Iterator[list[Any]]:
    """Each row of a table's file as a list, checked for length; raises BackupError."""
    try:
        raw = archive.open(entry.file)
    except KeyError:
        raise _fail(path, f"table {entry.name}: its file {entry.file} is missing") from None
    with raw, io.TextIOWrapper(raw, encoding="utf-8", newline="\n") as lines:
        number = 0
        try:
            for number, line in enumerate(lines, start=1):
                yield _parse_row(path, entry, number, line)
        except (UnicodeDecodeError, zipfile.BadZipFile, EOFError, zlib.error) as exc:
            raise _fail(path, f"table {entry.name} row {number + 1}: unreadable ({exc})") from None
    if number != entry.rows:
        raise _fail(
            path, f"table {entry.name}: the manifest says {entry.rows} rows, found {number}"
        )


def _parse_row(path: Path, entry: TableEntry, number: int, line: str) -> list[Any]:
    try:
        row = json.loads(line)
    except json.JSONDecodeError as exc:
        raise _fail(path, f"table {entry.name} row {number}: not valid JSON ({exc})") from None
    if not isinstance(row, list) or len(row) != len(entry.columns):
        raise _fail(
            path,
            f"table {entry.name} row {number}: expected a list of {len(entry.columns)} values "
            f"({', '.join(entry.columns)})",
        )
    return row
