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
    from app.packs.importer import import_pack

    with app.app_context():
        import_pack(load._pack(10), {}, filename="bench.json")
