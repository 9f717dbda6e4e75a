"""Packs for the format tests: every question type, markup payloads in every field."""

from __future__ import annotations

import copy
import hashlib
import json
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
TEXT = (
    "The Veld Charter was signed at Orrin in 1871 by Tam Ossery & <b>Ilse Marr</b>.\n"
    "\n"
    "A second compact, the <script>alert('x')</script> Kessel Pact, followed in 1890; "
    "its fleet numbered 12 ships.\n"
)
SOURCE = "veld_charter"


def quote(needle: str) -> dict[str, Any]:
    """A quote of the first occurrence of `needle` in TEXT."""
    start = TEXT.index(needle)
    return {"source": SOURCE, "start": start, "end": start + len(needle), "text": needle}


def rich_pack() -> dict[str, Any]:
    """A valid pack with one question of every type, carrying GIFT, XML and HTML specials."""
    first = quote("The Veld Charter was signed at Orrin in 1871")
    base = {"kind": "date", "quote": first, "explanation": "See {the} text: a=b, c~d #1 <i>."}
    questions = [
        {"id": "mc", "type": "multiple_choice", "prompt": "When was the <b>Charter</b> signed?",
         "answer": "1871", "choices": ["1861", "1871", "1881 & later"]},
        {"id": "cz", "type": "cloze", "prompt": "The Charter was signed at ____ in 1871.",
         "answer": "Orrin", "accept": ["orrin town"]},
        {"id": "tf", "type": "true_false", "prompt": "The fleet numbered 10 ships.",
         "answer": "False", "choices": ["True", "False"], "correction": "It numbered 12.",
         "answers": [{"text": "True", "weight": 0, "feedback": "No: 12."},
                     {"text": "False", "weight": 100, "feedback": "Right: 12."}]},
        {"id": "or", "type": "ordering", "prompt": "Order these, earliest first.",
         "answer": "Veld Charter → Kessel Pact",
         "items": [{"text": "Veld Charter"}, {"text": "Kessel Pact"}]},
        {"id": "mr", "type": "multiple_response", "prompt": "Who signed? (pick two)",
         "answer": "Tam Ossery; Ilse Marr", "choices": ["Tam Ossery", "Ilse Marr", "Kessel"],
         "single": False,
         "answers": [{"text": "Tam Ossery", "weight": 50, "feedback": "Yes"},
                     {"text": "Ilse Marr", "weight": 50},
                     {"text": "Kessel", "weight": -100, "feedback": "That is a pact."}]},
        {"id": "sa", "type": "short_answer", "prompt": "Where was the Charter signed?",
         "answer": "Orrin", "accept": ["Orrin city"]},
        {"id": "ma", "type": "matching", "prompt": "Match each treaty to its year.",
         "answer": "Veld Charter → 1871; Kessel Pact → 1890",
         "pairs": [{"left": "Veld Charter", "right": "1871"},
                   {"left": "Kessel Pact", "right": "1890"}]},
        {"id": "nu", "type": "numeric", "prompt": "How many ships did the fleet number?",
         "answer": "12", "answers": [{"text": "12", "weight": 100, "tolerance": 0.5},
                                     {"text": "10", "weight": 50, "tolerance": 2,
                                      "feedback": "Close."}]},
        {"id": "es", "type": "essay", "prompt": "Why did the Pact follow the Charter?",
         "answer": ""},
        {"id": "de", "type": "description", "prompt": "The next questions are about ships.",
         "answer": "", "explanation": ""},
    ]  # fmt: skip
    for question in questions:
        for key, value in base.items():
            question.setdefault(key, copy.deepcopy(value))
    return {
        "format": "quire-pack",
        "format_version": 1,
        "id": "veld",
        "title": "Veld <treaties> & pacts",
        "language": "en",
        "sources": [
            {
                "id": SOURCE,
                "title": "The Veld Charter",
                "author": "A. Writer",
                "text": TEXT,
                "sha256": hashlib.sha256(TEXT.encode("utf-8")).hexdigest(),
            }
        ],
        "questions": questions,
    }


@pytest.fixture
def pack() -> dict[str, Any]:
    """A fresh copy of the rich pack."""
    return rich_pack()


@pytest.fixture(scope="session")
def bundled() -> dict[str, Any]:
    """The bundled pack with its source texts inline, or a skip if it is not there."""
    path = ROOT / "questions" / "packs" / "russia-iran.json"
    if not path.exists():
        pytest.skip("no bundled pack")
    data = json.loads(path.read_text(encoding="utf-8"))
    for source in data["sources"]:
        if "path" in source:
            source["text"] = (ROOT / source.pop("path")).read_bytes().decode("utf-8")
    return data


def strip(question: dict[str, Any], *names: str) -> dict[str, Any]:
    """A question without the named fields."""
    return {key: value for key, value in question.items() if key not in names}
