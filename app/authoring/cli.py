"""`quire export` and `quire convert`: packs to and from the formats in app.formats."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

import click
from flask.cli import with_appcontext

from app.extensions import db
from app.models import Pack

FORMAT_NAMES = ["json", "gift", "moodle-xml", "csv", "tsv", "quizlet", "qti", "apkg"]


def _fail(errors: Iterable[Any], heading: str) -> None:
    click.echo(heading, err=True)
    for error in errors:
        click.echo(str(error), err=True)
    raise click.exceptions.Exit(1)


@click.command("export")
@click.argument("pack")
@click.option("--format", "fmt", type=click.Choice(FORMAT_NAMES), required=True)
@click.option("--out", "out", required=True, type=click.Path(dir_okay=False, path_type=Path))
@with_appcontext
def export_command(pack: str, fmt: str, out: Path) -> None:
    """Write the pack PACK (its id, or its number) in a format: Quire JSON, GIFT, Moodle XML..."""
    from app.authoring.transfer import export

    row = db.session.scalar(Pack.select_by_slug(pack))
    if row is None and pack.isdigit():
        row = db.session.get(Pack, int(pack))
    if row is None or row.deleted_at is not None:
        raise click.UsageError(
            f'There is no pack "{pack}": give its id (as in its file) or number.'
        )
    body, losses, _name, _mime = export(row, fmt)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(body)
    for note in losses:
        click.echo(f"{out}: lost: {note}", err=True)
    click.echo(f'Wrote pack "{row.slug}" as {fmt} to {out}.')


@click.command("convert")
@click.argument("input_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--to", "dst", type=click.Choice(FORMAT_NAMES), required=True)
@click.option("--out", "out", required=True, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--from", "src", type=click.Choice(FORMAT_NAMES), default=None)
def convert_command(input_file: Path, dst: str, out: Path, src: str | None) -> None:
    """Convert a file between formats without touching the database."""
    from app.formats import FormatError, convert

    try:
        body, losses = convert(input_file.read_bytes(), src=src, dst=dst, filename=str(input_file))
    except FormatError as exc:
        _fail(exc.problems, heading=f"{input_file}: not converted:")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(body if isinstance(body, bytes) else body.encode("utf-8"))
    for note in losses:
        click.echo(f"{input_file}: lost: {note}", err=True)
    click.echo(f"Wrote {out} ({dst}).")
