"""`quire export-all` and `quire import-all`: the whole database to a backup file and back."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click
from flask.cli import with_appcontext

from app.backup.archive import ArchiveWriter, open_archive, read_manifest
from app.backup.codec import BackupError
from app.backup.database import (
    backup_tables,
    begin_snapshot,
    count_rows,
    database_revision,
    export_tables,
    restore_tables,
)
from app.clock import utcnow
from app.extensions import db


def _fail(message: str) -> None:
    click.echo(message, err=True)
    raise click.exceptions.Exit(1)


@click.command("export-all")
@click.argument("out", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--force", is_flag=True, help="Overwrite OUT if it exists.")
@with_appcontext
def export_all_command(out: Path, force: bool) -> None:
    """Write every user, pack, question, card, review and classroom record to OUT (a zip)."""
    if out.exists() and not force:
        _fail(f"{out} already exists; pass --force to overwrite it.")
    tables = backup_tables(db.metadata)
    # Written beside OUT and renamed at the end, so a failed export leaves no half file.
    partial = out.with_name(out.name + ".partial")
    try:
        with db.engine.connect() as connection, partial.open("wb") as handle:
            begin_snapshot(connection)
            revision = database_revision(connection)
            writer = ArchiveWriter(handle)
            with click.progressbar(
                length=count_rows(connection, tables), label="Exporting rows", file=sys.stderr
            ) as bar:
                total = export_tables(connection, tables, writer, progress=bar.update)
            writer.finish(revision, utcnow().isoformat())
        os.replace(partial, out)
    except BackupError as exc:
        partial.unlink(missing_ok=True)
        _fail(f"Nothing exported: {exc}")
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    click.echo(f"Exported {total:,} rows from {len(tables)} tables to {out}.")


@click.command("import-all")
@click.argument("backup", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--replace", is_flag=True, help="Delete everything in the database first.")
@with_appcontext
def import_all_command(backup: Path, replace: bool) -> None:
    """Load a backup made by export-all into this database, all or nothing."""
    tables = backup_tables(db.metadata)
    try:
        with open_archive(backup) as archive:
            manifest = read_manifest(backup, archive)
            # One transaction: any error rolls back the deletes of --replace and every insert.
            with (
                db.engine.begin() as connection,
                click.progressbar(
                    length=manifest.total_rows, label="Importing rows", file=sys.stderr
                ) as bar,
            ):
                total = restore_tables(
                    connection,
                    tables,
                    backup,
                    archive,
                    manifest,
                    replace=replace,
                    progress=bar.update,
                )
    except BackupError as exc:
        _fail(f"Nothing imported, the database is unchanged: {exc}")
    click.echo(f"Imported {total:,} rows into {len(tables)} tables from {backup}.")


COMMANDS = (export_all_command, import_all_command)
