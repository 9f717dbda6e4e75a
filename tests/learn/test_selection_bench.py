"""Smoke test of bench/selection_timing.py at a small size (the real run is 1k vs 1M rows)."""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def test_selection_timing_runs_and_reports_the_ratio(capsys):
    with pytest.MonkeyPatch.context() as patch:
        patch.syspath_prepend(str(ROOT))
        bench = importlib.import_module("bench.selection_timing")
        bench.main(["--small", "50", "--large", "500", "--repeats", "3"])
    out = capsys.readouterr().out
    assert "50 log rows" in out and "500 log rows" in out and "ratio:" in out
