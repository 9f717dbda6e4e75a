"""Dump every table of the schema into a backup, and load a backup back, all or nothing.

Table-driven: the tables come from the models' metadata in dependency order (parents first), so
a table added later is backed up with no change here. These functions take a SQLAlchemy
Connection and never commit; the caller owns the transaction (one, for a restore).
"""

from __future__ import annotations

import zipfile
from collections.abc import Callable, Iterator, Sequence
from itertools import islice
from pathlib import Path
from typing import Any

from alembic.migration import MigrationContext
from sqlalchemy import (
    Connection,
    MetaData,
    Table,
    delete,
    func,
    inspect,
    literal,
    select,
    text,
    types,
)
from sqlalchemy.exc import DBAPIError, StatementError

from app.backup.archive import ArchiveWriter, Manifest, TableEntry, read_rows
from app.backup.codec import BackupError, CellError, decoder_for, encoder_for, select_expression

BATCH_ROWS = 1000
Progress = Callable[[int], None]


def _no_progress(_rows: int) -> None:
    pass


def backup_tables(metadata: MetaData) -> list[Table]:
    """Every table of the models, parents before children (alembic_version is not one)."""
    return list(metadata.sorted_tables)


def database_revision(connection: Connection) -> str | None:
    """The database's Alembic revision (heads joined by commas), or None if it has none."""
    heads = MigrationContext.configure(connection).get_current_heads()
    return ",".join(sorted(heads)) or None


def begin_snapshot(connection: Connection) -> None:
    """Make the connection's reads one consistent snapshot while the app keeps writing."""
    if connection.dialect.name == "postgresql":
        # Set before the first statement, which begins the transaction at this level.
        connection.execution_options(isolation_level="REPEATABLE READ")
    elif connection.dialect.name == "sqlite":
        # pysqlite opens no transaction for SELECTs; without one, each table would be read at
        # a different moment and a review could point at a card the dump does not have.
        connection.exec_driver_sql("BEGIN")


def count_rows(connection: Connection, tables: Sequence[Table]) -> int:
    """The number of rows in these tables together."""
    return sum(connection.scalar(select(func.count()).select_from(t)) or 0 for t in tables)


def _ordered_rows(connection: Connection, table: Table) -> Iterator[list[Any]]:
    columns = list(table.columns)
    encoders = [encoder_for(column) for column in columns]
    order = list(table.primary_key.columns) or columns
    # yield_per streams (a server-side cursor on PostgreSQL) instead of fetching every row.
    stmt = (
        select(*(select_expression(c) for c in columns))
        .order_by(*order)
        .execution_options(yield_per=BATCH_ROWS)
    )
    for row in connection.execute(stmt):
        yield [encode(value) for encode, value in zip(encoders, row, strict=True)]


def _counted(rows: Iterator[list[Any]], progress: Progress) -> Iterator[list[Any]]:
    number = 0
    for number, row in enumerate(rows, start=1):
        yield row
        if number % BATCH_ROWS == 0:
            progress(BATCH_ROWS)
    progress(number % BATCH_ROWS)


def export_tables(
    connection: Connection,
    tables: Sequence[Table],
    writer: ArchiveWriter,
    progress: Progress = _no_progress,
) -> int:
    """Write every row of `tables` to the backup; the number of rows written."""
    total = 0
    for table in tables:
        rows = _counted(_ordered_rows(connection, table), progress)
        total += writer.write_table(table.name, [c.name for c in table.columns], rows)
    return total


def _check_tables(manifest: Manifest, tables: Sequence[Table]) -> dict[str, TableEntry]:
    entries = {entry.name: entry for entry in manifest.tables}
    unknown = sorted(set(entries) - {t.name for t in tables})
    if unknown:
        raise BackupError(f"the backup has tables this database does not: {', '.join(unknown)}")
    missing = sorted({t.name for t in tables} - set(entries))
    if missing:
        raise BackupError(f"the backup lacks tables this database has: {', '.join(missing)}")
    for table in tables:
        expected = {c.name for c in table.columns}
        found = set(entries[table.name].columns)
        if found != expected:
            extra = ", ".join(sorted(found - expected)) or "none"
            absent = ", ".join(sorted(expected - found)) or "none"
            raise BackupError(
                f"table {table.name}: columns do not match this database "
                f"(unknown: {extra}; missing: {absent})"
            )
    return entries


def _check_revision(connection: Connection, manifest: Manifest) -> None:
    current = database_revision(connection)
    if manifest.revision != current:
        raise BackupError(
            f"the backup was made at database revision {manifest.revision or '(none)'}, but "
            f"this database is at {current or '(none)'}: bring both to the same revision "
            "(`quire db upgrade`) before restoring"
        )


def _check_schema(connection: Connection, tables: Sequence[Table]) -> None:
    inspector = inspect(connection)
    absent = [t.name for t in tables if not inspector.has_table(t.name)]
    if absent:
        raise BackupError(
            f"this database has no table {absent[0]}: create the schema first (`quire db upgrade`)"
        )


def _occupied(connection: Connection, tables: Sequence[Table]) -> list[str]:
    return [
        t.name
        for t in tables
        if connection.scalar(select(literal(1)).select_from(t).limit(1)) is not None
    ]


def _decoded_rows(
    archive_path: Path, entry: TableEntry, rows: Iterator[list[Any]], table: Table
) -> Iterator[dict[str, Any]]:
    decoders = [decoder_for(table.columns[name]) for name in entry.columns]
    for number, row in enumerate(rows, start=1):
        decoded = {}
        for name, decode, value in zip(entry.columns, decoders, row, strict=True):
            try:
                decoded[name] = decode(value)
            except CellError as exc:
                raise BackupError(
                    f"{archive_path}: table {table.name} row {number} column {name}: {exc}"
                ) from None
        yield decoded


def _insert(
    connection: Connection,
    archive_path: Path,
    archive: zipfile.ZipFile,
    entry: TableEntry,
    table: Table,
    progress: Progress,
) -> int:
    rows = _decoded_rows(archive_path, entry, read_rows(archive_path, archive, entry), table)
    done = 0
    while batch := list(islice(rows, BATCH_ROWS)):
        try:
            connection.execute(table.insert(), batch)
        except (DBAPIError, StatementError) as exc:
            # The driver's message names the constraint; PostgreSQL's second line, the key.
            cause = str(getattr(exc, "orig", None) or exc).strip().splitlines()
            raise BackupError(
                f"{archive_path}: table {table.name} rows {done + 1}-{done + len(batch)}: "
                f"the database refused them: {' '.join(cause[:2])}"
            ) from None
        done += len(batch)
        progress(len(batch))
    return done


def reset_sequences(connection: Connection, tables: Sequence[Table]) -> None:
    """On PostgreSQL, move each id sequence past the largest id, so new rows get fresh ids."""
    if connection.dialect.name != "postgresql":
        # SQLite picks max(rowid) + 1 by itself.
        return
    quote = connection.dialect.identifier_preparer.quote
    for table in tables:
        keys = list(table.primary_key.columns)
        if len(keys) != 1 or not isinstance(keys[0].type, types.Integer):
            continue
        column = keys[0]
        sequence = connection.scalar(
            text("SELECT pg_get_serial_sequence(:table, :column)"),
            {"table": quote(table.name), "column": column.name},
        )
        if sequence:
            largest = connection.scalar(select(func.max(column)))
            # is_called false: the next nextval() returns exactly this value.
            connection.execute(
                text("SELECT setval(:sequence, :value, false)"),
                {"sequence": sequence, "value": (largest or 0) + 1},
            )


def restore_tables(
    connection: Connection,
    tables: Sequence[Table],
    archive_path: Path,
    archive: zipfile.ZipFile,
    manifest: Manifest,
    *,
    replace: bool = False,
    progress: Progress = _no_progress,
) -> int:
    """Load a backup into this database inside the caller's transaction; rows loaded.

    Refuses (BackupError) a backup from another revision or with other tables, and a database
    that has rows unless `replace`, which first deletes every row, children first.
    """
    entries = _check_tables(manifest, tables)
    _check_revision(connection, manifest)
    _check_schema(connection, tables)
    occupied = _occupied(connection, tables)
    if occupied and not replace:
        raise BackupError(
            f"this database is not empty (rows in {', '.join(occupied[:5])}"
            f"{', ...' if len(occupied) > 5 else ''}): restore into a freshly migrated "
            "database, or pass --replace to delete everything in it first"
        )
    for table in reversed(tables):
        connection.execute(delete(table))
    total = 0
    for table in tables:
        total += _insert(connection, archive_path, archive, entries[table.name], table, progress)
    reset_sequences(connection, tables)
    return total
