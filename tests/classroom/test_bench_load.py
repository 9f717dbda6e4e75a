"""Smoke test of bench/classroom_load.py's pure parts (no server, no timings)."""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def load():
    with pytest.MonkeyPatch.context() as patch:
        patch.syspath_prepend(str(ROOT))
        yield importlib.import_module("bench.classroom_load")


def test_percentile_is_nearest_rank(load):
    values = [float(v) for v in range(1, 101)]
    assert load.percentile(values, 0.5) == 50.0
    assert load.percentile(values, 0.99) == 99.0
    assert load.percentile([7.0], 0.99) == 7.0


def test_the_generated_pack_imports(app, load):
    from app.extensions import db
    from app.models import Pack
    from app.packs.format import validate_pack
    from app.packs.importer import import_pack

    data = load._pack(10)
    assert validate_pack(data, filename="bench.json") == []
    with app.app_context():
        import_pack(data, {}, filename="bench.json")
        pack = db.session.scalar(Pack.select_by_slug("bench-beacons"))
        assert pack is not None and len(pack.questions) == 10
        text = pack.sources[0].text
        for question, entry in zip(pack.questions, data["questions"], strict=True):
            # Each question quotes its own sentence, which holds its answer.
            assert question.uid == entry["id"] and question.answer == entry["answer"]
            assert text[question.quote_start : question.quote_end] == question.quote_text
            assert question.answer in question.quote_text and question.answer in question.choices
            assert len(set(question.choices)) == 4
