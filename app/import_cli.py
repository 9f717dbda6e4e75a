"""`quire import`: pack files into the database, all or nothing; and the pack commands' helpers."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

import click
from flask import current_app
from flask.cli import with_appcontext

from app.extensions import db
from app.models import Pack
from app.packs.errors import PackValidationError
from app.packs.format import load_pack
from app.packs.importer import check_pack, import_pack, known_sources, pack_slug

# The formats of app.formats (its FORMATS), named here so the commands load it only when used.
FORMAT_NAMES = ["json", "gift", "moodle-xml", "csv", "tsv", "quizlet", "qti", "apkg"]


def project_root() -> Path:
    """The folder holding questions/ and migrations/ (the repository)."""
    return Path(current_app.root_path).parent


def _plural(count: int, noun: str) -> str:
    return f"{count:,} {noun}{'' if count == 1 else 's'}"


def exit_with_errors(errors: Iterable[Any], heading: str) -> None:
    """Print the heading and each error to stderr, then exit with status 1."""
    click.echo(heading, err=True)
    for error in errors:
        click.echo(str(error), err=True)
    raise click.exceptions.Exit(1)


def _read_other_format(path: Path, fmt: str | None) -> tuple[dict[str, Any], dict[str, str], list]:
    """A pack read from GIFT, Moodle XML, CSV... through app.formats, with its loss notes."""
    from app.formats import FormatError
    from app.formats import read as read_format

    sources = known_sources() if fmt in ("csv", "tsv") else ()
    try:
        parsed = read_format(path.read_bytes(), filename=str(path), fmt=fmt, sources=sources)
    except FormatError as exc:
        errors = exc.problems
        exit_with_errors(errors, heading=f"{path}: not imported ({_plural(len(errors), 'error')}):")
    texts = {s["id"]: s["text"] for s in parsed.pack["sources"] if "text" in s}
    return parsed.pack, texts, parsed.losses


def _detected_format(path: Path, fmt: str | None) -> str:
    from app.formats import detect

    if fmt:
        return fmt
    try:
        with path.open("rb") as handle:
            head = handle.read(4096)
    except OSError:
        head = b""
    return detect(path.name, head)


@click.command("import")
@click.argument("pack_file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--replace", is_flag=True, help="Overwrite a pack with the same id.")
@click.option("--dry-run", is_flag=True, help="Check the pack against the database; write nothing.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMAT_NAMES),
    default=None,
    help="The file's format (default: from its extension, else its content).",
)
@with_appcontext
def import_command(pack_file: Path, replace: bool, dry_run: bool, fmt: str | None) -> None:
    """Import a pack file (Quire JSON, GIFT, Moodle XML, CSV, TSV, Quizlet), all or nothing."""
    fmt = _detected_format(pack_file, fmt)
    losses: list = []
    try:
        if fmt == "json":
            data, texts = load_pack(pack_file, base_dir=project_root())
        else:
            if not pack_file.is_file():
                exit_with_errors(
                    [f"{pack_file}: (file): expected a readable file"], heading="Not imported:"
                )
            data, texts, losses = _read_other_format(pack_file, fmt)
        for note in losses:
            click.echo(f"{pack_file}: lost: {note}", err=True)
        if dry_run:
            errors = check_pack(data, texts, filename=str(pack_file), replace=replace)
            if errors:
                raise PackValidationError(errors)
            click.echo(
                f'{pack_file}: OK, would import pack "{pack_slug(data)}" with '
                f"{len(data['questions'])} questions from {len(data['sources'])} sources."
            )
            return
        pack = import_pack(data, texts, filename=str(pack_file), replace=replace)
    except PackValidationError as exc:
        exit_with_errors(
            exc.errors, heading=f"{pack_file}: not imported ({_plural(len(exc.errors), 'error')}):"
        )
    counts = (
        f"{_plural(len(pack.questions), 'question')} from {_plural(len(pack.sources), 'source')}"
    )
    click.echo(f'Imported pack "{pack.slug}": {counts}.')


def import_new_packs(folder: Path) -> list[str]:
    """Import every pack in `folder` whose id is not yet in the database; return their ids."""
    imported = []
    for file in sorted(folder.glob("*.json")):
        data, texts = load_pack(file, base_dir=project_root())
        if isinstance(data, dict) and db.session.scalar(Pack.select_by_slug(pack_slug(data))):
            continue
        imported.append(import_pack(data, texts, filename=str(file)).slug)
    return imported
