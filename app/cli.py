"""The `quire` command: generate packs, import them, and run the demo server."""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from collections.abc import Iterable, Mapping
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

import click
from flask import Flask, current_app
from flask.cli import (
    FlaskGroup,
    ScriptInfo,
    pass_script_info,
    routes_command,
    shell_command,
    with_appcontext,
)
from tqdm import tqdm

from app import create_app
from app.accounts.cli import COMMANDS as ACCOUNT_COMMANDS
from app.authoring.cli import FORMAT_NAMES, convert_command, export_command
from app.backup_cli import COMMANDS as BACKUP_COMMANDS
from app.config import env_flag, resolve_spacy_model
from app.extensions import db
from app.generation.types import SourceText
from app.models import Pack
from app.packs.errors import PackValidationError
from app.packs.format import PackSource, build_pack, dump_pack, load_pack, validate_pack
from app.packs.importer import check_pack, import_pack, pack_slug


def project_root() -> Path:
    """The folder holding questions/ and migrations/ (the repository)."""
    return Path(current_app.root_path).parent


def load_spacy(name: str) -> Any:
    """Load the spaCy pipeline `name` (or its fallback); imported late because spaCy is slow."""
    import spacy

    return spacy.load(resolve_spacy_model(name))


def _repo_relative(path: Path) -> str | None:
    # Paths in packs are repo-relative so the same run gives the same file on any machine.
    try:
        return path.resolve().relative_to(project_root()).as_posix()
    except ValueError:
        return None


def _display_path(path: Path) -> str:
    return _repo_relative(path) or path.as_posix()


def collect_sources(paths: Iterable[Path]) -> list[PackSource]:
    """Read .txt files (folders give their .txt files, sorted), with metadata from sources.json."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files.extend(sorted(path.glob("*.txt")))
        elif path.is_file():
            files.append(path)
        else:
            raise click.BadParameter(f"{path} is neither a file nor a folder", param_hint="PATH")
    result, seen = [], set()
    listings: dict[Path, list[dict[str, Any]]] = {}
    for file in files:
        meta = _metadata_beside(file, listings)
        source_id = meta.get("id") or re.sub(r"[^A-Za-z0-9_.-]", "-", file.stem)
        if source_id in seen:
            continue
        seen.add(source_id)
        text = file.read_bytes().decode("utf-8")
        source = SourceText(
            id=source_id,
            text=text,
            title=meta.get("title") or file.stem,
            author=meta.get("author"),
            published=meta.get("published"),
        )
        # Files outside the repository travel inside the pack instead.
        result.append(PackSource(source, path=_repo_relative(file), notes=meta.get("notes", "")))
    return result


def _metadata_beside(file: Path, listings: dict[Path, list[dict[str, Any]]]) -> Mapping[str, Any]:
    listing = file.parent / "sources.json"
    if listing not in listings:
        listings[listing] = (
            json.loads(listing.read_text(encoding="utf-8")).get("sources", [])
            if listing.exists()
            else []
        )
    for entry in listings[listing]:
        if entry.get("id") == file.stem or Path(entry.get("path", "")).name == file.name:
            return entry
    return {}


def _table(title: str, counts: Mapping[str, int]) -> list[str]:
    lines = [title]
    width = max((len(key) for key in counts), default=0)
    for key, count in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        lines.append(f"  {key.ljust(width)}  {count:>7,}")
    return lines if counts else [title, "  (none)"]


@click.command("generate")
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option("--out", "out", required=True, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--title", default=None, help="Pack title (default: from the sources).")
@click.option("--id", "pack_id", default=None, help="Pack id (default: from the output name).")
@with_appcontext
def generate_command(
    paths: tuple[Path, ...], out: Path, title: str | None, pack_id: str | None
) -> None:
    """Generate a question pack from source texts (default: questions/sources)."""
    paths = paths or (project_root() / "questions" / "sources",)
    sources = collect_sources(paths)
    if not sources:
        raise click.UsageError("No .txt source files found.")
    # Imported here: the pipeline pulls in spaCy, which the web app never needs.
    from app.generation import pipeline

    nlp = load_spacy(current_app.config["QUIRE_SPACY_MODEL"])
    click.echo(f"Generating from {len(sources)} sources with spaCy model {_model_label(nlp)}")
    total = sum(len(entry.source.text) for entry in sources)
    with tqdm(total=total, unit="char", unit_scale=True, file=sys.stderr, desc="Generating") as bar:

        def progress(done: int, _total: int) -> None:
            bar.update(max(0, done - bar.n))

        result = pipeline.generate([entry.source for entry in sources], nlp, progress=progress)
    pack_id = pack_id or re.sub(r"[^a-z0-9-]+", "-", out.stem.lower()).strip("-") or "pack"
    pack = build_pack(
        result.questions,
        sources,
        pack_id=pack_id,
        title=title
        or f"Questions from {len(sources)} source text{'s' if len(sources) != 1 else ''}",
        generator=_generator_info(nlp, paths, out),
    )
    texts = {entry.source.id: entry.source.text for entry in sources}
    errors = validate_pack(pack, filename=str(out), source_texts=texts)
    if errors:
        _fail(errors, heading="The generated pack is invalid; nothing was written:")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(dump_pack(pack), encoding="utf-8", newline="\n")
    click.echo(f"Wrote {len(result.questions)} questions to {out}")
    lines: list[str] = []
    lines += _table("Questions by kind:", Counter(q.kind for q in result.questions))
    lines += _table("Questions by type:", Counter(q.type for q in result.questions))
    lines += _table("Characters skipped, by block kind:", result.skipped_chars)
    lines += _table(
        f"Facts dropped (of {result.facts_found:,} found), by reason:", result.facts_dropped
    )
    click.echo("\n".join(lines))


def _model_label(nlp: Any) -> str:
    meta = nlp.meta if isinstance(getattr(nlp, "meta", None), dict) else {}
    return f"{meta.get('lang', '')}_{meta.get('name', '')}-{meta.get('version', '')}"


def _generator_info(nlp: Any, paths: Iterable[Path], out: Path) -> dict[str, str]:
    try:
        quire_version = version("quire")
    except PackageNotFoundError:
        quire_version = "unknown"
    model = _model_label(nlp)
    command = " ".join(
        ["quire generate", *(_display_path(p) for p in paths), "--out", _display_path(out)]
    )
    return {"name": "quire", "version": quire_version, "model": model, "command": command}


def _plural(count: int, noun: str) -> str:
    return f"{count:,} {noun}{'' if count == 1 else 's'}"


def _fail(errors: Iterable[Any], heading: str) -> None:
    click.echo(heading, err=True)
    for error in errors:
        click.echo(str(error), err=True)
    raise click.exceptions.Exit(1)


def _read_other_format(path: Path, fmt: str | None) -> tuple[dict[str, Any], dict[str, str], list]:
    """A pack read from GIFT, Moodle XML, CSV... through app.formats, with its loss notes."""
    from app.authoring.transfer import known_sources
    from app.formats import FormatError
    from app.formats import read as read_format

    sources = known_sources() if fmt in ("csv", "tsv") else ()
    try:
        parsed = read_format(path.read_bytes(), filename=str(path), fmt=fmt, sources=sources)
    except FormatError as exc:
        errors = exc.problems
        _fail(errors, heading=f"{path}: not imported ({_plural(len(errors), 'error')}):")
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
                _fail([f"{pack_file}: (file): expected a readable file"], heading="Not imported:")
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
        _fail(
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


@click.command("run")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=5000, show_default=True, type=int)
@pass_script_info
def run_command(info: ScriptInfo, host: str, port: int) -> None:
    """Upgrade the database, import new packs from questions/packs, and serve Quire."""
    from flask_migrate import upgrade
    from werkzeug.serving import run_simple

    app: Flask = info.load_app()
    if env_flag("QUIRE_SECURE_COOKIES") is None:
        # This server speaks plain HTTP, where browsers drop Secure cookies and logins would fail.
        app.config.update(SESSION_COOKIE_SECURE=False, REMEMBER_COOKIE_SECURE=False)
    with app.app_context():
        upgrade()
        try:
            for slug in import_new_packs(project_root() / "questions" / "packs"):
                click.echo(f'Imported pack "{slug}".')
        except PackValidationError as exc:
            _fail(exc.errors, heading="A pack in questions/packs could not be imported:")
    # Flask.run refuses to start under a Flask CLI group, so serve with Werkzeug directly.
    run_simple(host, port, app, use_reloader=False, use_debugger=app.debug, threaded=True)


def register(app: Flask) -> None:
    """Add Quire's commands to `flask --app app ...` (`run` is `demo` there, as Flask has a run)."""
    app.cli.add_command(generate_command)
    app.cli.add_command(import_command)
    app.cli.add_command(export_command)
    app.cli.add_command(convert_command)
    app.cli.add_command(run_command, "demo")
    for command in (*ACCOUNT_COMMANDS, *BACKUP_COMMANDS):
        app.cli.add_command(command)


main = FlaskGroup(
    name="quire",
    help="Quire: generate question packs, import them, and serve the app.",
    create_app=create_app,
    add_default_commands=False,
)
main.add_command(generate_command)
main.add_command(import_command)
main.add_command(export_command)
main.add_command(convert_command)
main.add_command(run_command)
main.add_command(run_command, "demo")
main.add_command(shell_command)
main.add_command(routes_command)
for _command in (*ACCOUNT_COMMANDS, *BACKUP_COMMANDS):
    main.add_command(_command)
