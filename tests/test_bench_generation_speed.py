"""bench/generation_speed.py: CPU seconds split between generation's parse and its own work."""

from __future__ import annotations

import importlib
import time
from pathlib import Path

import pytest

from app.generation.types import SourceText

ROOT = Path(__file__).resolve().parents[1]
PARSE_SECONDS = 0.01  # per text
OWN_SECONDS = 0.03  # per run


@pytest.fixture(scope="module")
def speed():
    """bench/ is not an installed package, so import it from the repository root."""
    with pytest.MonkeyPatch.context() as patch:
        patch.syspath_prepend(str(ROOT))
        yield importlib.import_module("bench.generation_speed")


def _burn(seconds: float) -> None:
    end = time.process_time() + seconds
    while time.process_time() < end:
        pass


class FakeNlp:
    """A pipeline whose parse costs a known CPU time per text."""

    vocab = "the vocabulary"

    def pipe(self, texts, **kwargs):
        for text in texts:
            _burn(PARSE_SECONDS)
            yield text


def fake_generate(sources, nlp):
    assert nlp.vocab == "the vocabulary"  # the clock passes the pipeline's attributes through
    docs = []
    for doc in nlp.pipe(source.text for source in sources):
        _burn(OWN_SECONDS / len(sources))  # work between parses is not the parse's
        docs.append(doc)
    return docs


def test_cpu_phases_tell_the_parse_from_generations_own_work(speed):
    sources = [SourceText(id=f"s{n}", text="Some words.", title="T") for n in range(2)]
    phases = speed.cpu_phases(sources, FakeNlp(), fake_generate, repeats=2)
    assert set(phases) == {"spacy", "generate", "parse", "own"}
    for spacy, total, parse, own in zip(
        *(phases[k] for k in ("spacy", "generate", "parse", "own")), strict=True
    ):
        assert spacy == pytest.approx(2 * PARSE_SECONDS, abs=0.008)
        assert parse == pytest.approx(2 * PARSE_SECONDS, abs=0.008)
        assert own == pytest.approx(OWN_SECONDS, abs=0.008)
        assert parse + own == pytest.approx(total)


def test_cpu_report_gives_each_phase_beside_spacy(speed, capsys):
    phases = {"spacy": [2.0], "generate": [2.4], "parse": [1.8], "own": [0.6]}
    speed.print_cpu_phases(1000, 2, phases)
    out = capsys.readouterr().out
    assert "its own work" in out and "x0.30" in out
    assert "CPU ratio generate/spaCy 1.20 (within the target of 1.3)" in out


def _row(words: int, seconds: float, cpu_seconds: float) -> dict:
    return {
        "words": words,
        "sources": 1,
        "questions": 1,
        "seconds": seconds,
        "cpu_seconds": cpu_seconds,
        "rss_start_mib": 100.0,
        "rss_peak_mib": 200.0,
        "peak_reset": True,
    }


def test_scaling_reports_cpu_time_per_word_beside_the_wall_clock(speed, capsys):
    # A loaded machine triples the large size's wall clock; its CPU seconds stay linear.
    speed.print_scaling([_row(1000, 1.0, 0.9), _row(8000, 24.0, 7.2)])
    out = capsys.readouterr().out
    assert "Time per word at 8000 vs 1000 words: x3.00" in out
    assert "CPU time per word at 8000 vs 1000 words: x1.00" in out
