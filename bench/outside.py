"""The outside corpus in bench/corpus/: its manifest, and its texts read as Quire reads uploads."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

from app.extraction.files import Extracted, extract
from app.generation.types import SourceText

ROOT = Path(__file__).resolve().parents[1]
CORPUS_DIR = ROOT / "bench" / "corpus"
MANIFEST_PATH = CORPUS_DIR / "manifest.json"
TUNE = "tune"
# A second tuning split (session 8): 19 new texts for a second round of ranker labels, since
# features of the text around a question learned on tune's 12 texts did not transfer. Read
# and learned from like tune; never measured on.
TUNE2 = "tune2"
TUNING = (TUNE, TUNE2)
# Measured on, never tuned on: "heldout" until its judges' reasons were read (session 5), then
# "fresh" until its judges' reasons were read too (session 6), then "fresh2" (added in session
# 6), "fresh3" (added in session 7, larger, since fresh2 yields only 11 questions) and
# "fresh4" (added 7 December 2026, twice fresh3's words, since 56k words yielded only 24-25
# questions and a blind sample needs 40) and "fresh5" (ninth session, 7 December 2026, twice
# fresh4's words, so that a sample of 40 can still be drawn if the ranker keeps fewer) and
# "fresh6" (tenth session, 7 December 2026, 30 texts no split had used, for the blind
# measurement after fresh5's), read for tuning from the fourteenth session on. A split stays
# listed here once added: the list says where a split came from, UNREAD what may be read.
# "fresh7" (fourteenth session, 7 December 2026, 29 texts no split had used) replaced it as the
# split measured on, was measured blind twice and is read for tuning from the fifteenth session
# on; "fresh8" (fifteenth session, 30 texts no split had used) replaced it as the split measured
# on, whose questions nobody on the team has read.
HELD_OUT = (
    "heldout",
    "fresh",
    "fresh2",
    "fresh3",
    "fresh4",
    "fresh5",
    "fresh6",
    "fresh7",
    "fresh8",
)
# The held-out splits no tool may learn from: "fresh2" to "fresh5", nobody has read, except
# that fresh4's judged readings choose the learned ranker's threshold (ninth session:
# `bench.threshold_labels`, `train_ranker.HELD_OUT_SPLIT`); "fresh", whose judges' reasons the
# lead has read, is kept out of every tool all the same ("heldout" was read in session 5 and is
# tuning data now). fresh6, measured blind in sessions 10 to 13, is tuning material from the
# fourteenth session on (the lead's decision): its judged samples are read like heldout's.
# fresh7, measured blind in the fourteenth session (seeds 163 and 165), is tuning material from
# the fifteenth on, read like fresh6; fresh8 is the split measured on now.
UNREAD = ("fresh", "fresh2", "fresh3", "fresh4", "fresh5", "fresh8")
# The last blind measurement of the bundled bank, by its files' names (a pack's sample has no
# split): no tool reads it, so it stays a measurement and not tuning data. The older samples
# (seeds 155, 158 and 161) are tuning readings from the fifteenth session on.
BLIND_SAMPLES = ("russia-iran-seed164", "russia-iran-seed172")
SPLITS = (*TUNING, *HELD_OUT)
MANIFEST_FIELDS = (
    "file",
    "shape",
    "split",
    "title",
    "repository",
    "path",
    "commit",
    "licence",
    "sha256",
)

Reader = Callable[[Path], Extracted]


def blind(path: Path) -> bool:
    """Whether a judged sample's file is one of the last blind measurements (BLIND_SAMPLES)."""
    return any(
        path.name.startswith(name + suffix) for name in BLIND_SAMPLES for suffix in (".", "-")
    )


def read_text(path: Path) -> Extracted:
    """The text Quire would store for this file and the date it gives: the one way in that
    `quire generate` and the upload share (app/extraction: .txt .md .html .pdf .docx)."""
    return extract(path.read_bytes(), path.name)


def load_manifest(path: Path = MANIFEST_PATH) -> list[dict[str, Any]]:
    """The manifest's entries, in their listed order."""
    return list(json.loads(path.read_text(encoding="utf-8"))["texts"])


def manifest_problems(entries: Sequence[Mapping[str, Any]], directory: Path) -> list[str]:
    """Everything wrong with the manifest; an empty list means it is sound.

    Each entry needs every field, a known split and a file whose bytes hash to its sha256;
    every format must appear in every split, so that held-out figures cover what tuning saw.
    """
    problems: list[str] = []
    shapes: dict[str, set[str]] = {}
    seen: set[str] = set()
    for index, entry in enumerate(entries):
        label = entry.get("file") or f"entry {index}"
        missing = [name for name in MANIFEST_FIELDS if not entry.get(name)]
        if missing:
            problems.append(f"{label}: missing {', '.join(missing)}")
            continue
        if label in seen:
            problems.append(f"{label}: listed twice")
        seen.add(label)
        if entry["split"] not in SPLITS:
            problems.append(f"{label}: split {entry['split']!r} is not one of {SPLITS}")
        shapes.setdefault(entry["shape"].rsplit("-", 1)[-1], set()).add(entry["split"])
        file = directory / entry["file"]
        if not file.is_file():
            problems.append(f"{label}: no such file in {directory}")
        elif hashlib.sha256(file.read_bytes()).hexdigest() != entry["sha256"]:
            problems.append(f"{label}: bytes differ from the recorded sha256")
    for shape, splits in sorted(shapes.items()):
        if set(SPLITS) - splits:
            problems.append(f"shape {shape}: only in {', '.join(sorted(splits))}")
    return problems


def source_id(entry: Mapping[str, Any]) -> str:
    """A text's source id: its file name without the extension."""
    return Path(entry["file"]).stem


def load_split(
    split: str | None,
    entries: Sequence[Mapping[str, Any]] | None = None,
    directory: Path = CORPUS_DIR,
    reader: Reader = read_text,
) -> tuple[list[SourceText], list[str]]:
    """The split's texts as sources (every text when split is None), and those that failed.

    A text the reader refuses is reported as "file: reason" instead of stopping the run, since
    that refusal is itself a finding about the extraction.
    """
    sources, failures = [], []
    for entry in entries if entries is not None else load_manifest():
        if split is not None and entry["split"] != split:
            continue
        try:
            extracted = reader(directory / entry["file"])
        except Exception as error:  # any reader failure is reported, not fatal
            failures.append(f"{entry['file']}: {error}")
            continue
        sources.append(
            SourceText(
                id=source_id(entry),
                text=extracted.text,
                title=entry["title"],
                published=extracted.published,
            )
        )
    return sources, failures
