"""`quire export` and `quire convert`: packs to and from the formats in app.formats."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

import click
from flask.cli import with_appcontext

from app.extensions import db
from app.import_cli import FORMAT_NAMES
from app.models import Pack


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
    from app.formats import FormatError, convert, detect

    data = input_file.read_bytes()
    if (src or detect(str(input_file), data[:4096])) == "json":
        data = _with_local_sources(input_file, data)
    try:
        body, losses = convert(data, src=src, dst=dst, filename=str(input_file))
    except FormatError as exc:
        _fail(exc.problems, heading=f"{input_file}: not converted:")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(body if isinstance(body, bytes) else body.encode("utf-8"))
    for note in losses:
        click.echo(f"{input_file}: lost: {note}", err=True)
    click.echo(f"Wrote {out} ({dst}).")


def _with_local_sources(input_file: Path, data: bytes) -> bytes:
    # A pack on this machine names its sources by path, as `quire import` reads them; the
    # converter reads only inline texts (an uploaded pack must not open the server's files).
    from app.packs.errors import PackValidationError
    from app.packs.format import dump_pack, load_pack

    project = Path(__file__).resolve().parents[2]
    best: tuple[dict, dict[str, str]] | None = None
    for base in (Path.cwd(), input_file.resolve().parent, project):
        try:
            pack, texts = load_pack(input_file, base_dir=base)
        except PackValidationError:
            return data  # the converter reports what is wrong with the file
        if not isinstance(pack, dict):
            return data
        if best is None or len(texts) > len(best[1]):
            best = (pack, texts)
    pack, texts = best
    for source in pack.get("sources") if isinstance(pack.get("sources"), list) else []:
        if isinstance(source, dict) and source.get("id") in texts and "text" not in source:
            source.pop("path", None)
            source["text"] = texts[source["id"]]
    return dump_pack(pack).encode("utf-8")
