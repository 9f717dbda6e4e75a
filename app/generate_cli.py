"""`quire generate`: a question pack from source texts, through the spaCy pipeline."""

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
from flask import current_app
from flask.cli import with_appcontext
from tqdm import tqdm

from app.config import resolve_spacy_model
from app.extraction.errors import ExtractError
from app.extraction.files import SUPPORTED, extract
from app.generation.genres import review_notes
from app.generation.types import SourceText
from app.import_cli import exit_with_errors, project_root
from app.packs.format import PackSource, build_pack, dump_pack, validate_pack


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


def _files(paths: Iterable[Path]) -> list[Path]:
    """The files named, and every supported file in the folders named (sorted by name)."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files.extend(
                sorted(f for f in path.iterdir() if f.is_file() and f.suffix.lower() in SUPPORTED)
            )
        elif path.is_file():
            files.append(path)
        else:
            raise click.BadParameter(f"{path} is neither a file nor a folder", param_hint="PATH")
    return files


def collect_sources(paths: Iterable[Path]) -> list[PackSource]:
    """Read .txt, .md, .html, .pdf and .docx files through the upload's extraction.

    Metadata (id, title, author, date) comes from a sources.json beside the file, else the
    title and date are the ones the document gives itself (the title else the file name).
    """
    result, seen = [], set()
    listings: dict[Path, list[dict[str, Any]]] = {}
    for file in _files(paths):
        meta = _metadata_beside(file, listings)
        source_id = meta.get("id") or re.sub(r"[^A-Za-z0-9_.-]", "-", file.stem)
        if source_id in seen:
            continue
        seen.add(source_id)
        try:
            extracted = extract(file.read_bytes(), file.name)
        except ExtractError as error:
            raise click.ClickException(f"{_display_path(file)}: {error}") from error
        if extracted.note:
            click.echo(f"{_display_path(file)}: {extracted.note}", err=True)
        source = SourceText(
            id=source_id,
            text=extracted.text,
            title=meta.get("title") or extracted.title or file.stem,
            author=meta.get("author"),
            published=meta.get("published") or extracted.published,
        )
        # A plain text file in the repository is the source byte for byte, so the pack points
        # to it; any other text (extracted, or outside the repository) travels inside the pack.
        stored_as_is = (
            file.suffix.lower() == ".txt" and file.read_bytes() == extracted.text.encode()
        )
        path = _repo_relative(file) if stored_as_is else None
        result.append(PackSource(source, path=path, notes=meta.get("notes", "")))
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
@click.option(
    "--review-pool",
    is_flag=True,
    help='Also write the questions only a reviewer\'s pool keeps, marked "review": "pending".',
)
@with_appcontext
def generate_command(
    paths: tuple[Path, ...], out: Path, title: str | None, pack_id: str | None, review_pool: bool
) -> None:
    """Generate a question pack from source texts (default: questions/sources)."""
    paths = paths or (project_root() / "questions" / "sources",)
    sources = collect_sources(paths)
    if not sources:
        raise click.UsageError(
            f"No source files found (supported: {', '.join(sorted(SUPPORTED))})."
        )
    # Imported here: the pipeline pulls in spaCy, which the web app never needs.
    from app.generation import pipeline

    nlp = load_spacy(current_app.config["QUIRE_SPACY_MODEL"])
    click.echo(f"Generating from {len(sources)} sources with spaCy model {_model_label(nlp)}")
    total = sum(len(entry.source.text) for entry in sources)
    with tqdm(total=total, unit="char", unit_scale=True, file=sys.stderr, desc="Generating") as bar:

        def progress(done: int, _total: int) -> None:
            bar.update(max(0, done - bar.n))

        # The option is passed only when given: without it the call (and the pack) is as before.
        wider = {"review_pool": True} if review_pool else {}
        given = [entry.source for entry in sources]
        result = pipeline.generate(given, nlp, progress=progress, **wider)
    pack_id = pack_id or re.sub(r"[^a-z0-9-]+", "-", out.stem.lower()).strip("-") or "pack"
    pack = build_pack(
        result.questions,
        sources,
        pack_id=pack_id,
        title=title
        or f"Questions from {len(sources)} source text{'s' if len(sources) != 1 else ''}",
        generator=_generator_info(nlp, paths, out, review_pool),
        pending=result.pending,
    )
    texts = {entry.source.id: entry.source.text for entry in sources}
    errors = validate_pack(pack, filename=str(out), source_texts=texts)
    if errors:
        exit_with_errors(errors, heading="The generated pack is invalid; nothing was written:")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(dump_pack(pack), encoding="utf-8", newline="\n")
    click.echo(f"Wrote {len(result.questions)} questions to {out}")
    if review_pool:
        click.echo(f'{len(result.pending)} of them marked "review": "pending" (for a teacher)')
    for line in _genre_notes(result, sources, review_pool):
        click.echo(line)
    lines: list[str] = []
    lines += _table("Questions by kind:", Counter(q.kind for q in result.questions))
    lines += _table("Questions by type:", Counter(q.type for q in result.questions))
    lines += _table("Characters skipped, by block kind:", result.skipped_chars)
    lines += _table(
        f"Facts dropped (of {result.facts_found:,} found), by reason:", result.facts_dropped
    )
    click.echo("\n".join(lines))


def _genre_notes(result: Any, sources: list[PackSource], review_pool: bool) -> list[str]:
    """What each text whose genre raises the bank's bar read as, and where its questions went
    (without --review-pool, those below the bar are left out: say how to see them)."""
    titles = {entry.source.id: entry.source.title for entry in sources}
    lines = review_notes(result.genres, titles, result.questions, result.pending, review_pool)
    if lines and not review_pool:
        lines.append("Run with --review-pool to keep the rest in the pack for a teacher to review.")
    return lines


def _model_label(nlp: Any) -> str:
    meta = nlp.meta if isinstance(getattr(nlp, "meta", None), dict) else {}
    return f"{meta.get('lang', '')}_{meta.get('name', '')}-{meta.get('version', '')}"


def _generator_info(
    nlp: Any, paths: Iterable[Path], out: Path, review_pool: bool = False
) -> dict[str, str]:
    try:
        quire_version = version("quire")
    except PackageNotFoundError:
        quire_version = "unknown"
    model = _model_label(nlp)
    command = " ".join(
        ["quire generate", *(_display_path(p) for p in paths), "--out", _display_path(out)]
        + (["--review-pool"] if review_pool else [])
    )
    return {"name": "quire", "version": quire_version, "model": model, "command": command}
