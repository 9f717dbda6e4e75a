"""How steadily generation reports progress (what an upload job's bar shows), per spaCy batch size.

Run from the repository root:
    python -m bench.progress_steadiness
It generates from the bundled bank's five sources with the pipeline's batch size and with the
old 64, twice each, and prints the run time, the number of reports and the longest wait
between two reports (the longest the job page's bar stands still while spaCy reads).
Figures only: nothing here asserts a timing.
"""

from __future__ import annotations

import itertools
import json
import time
from pathlib import Path

from app.generation import pipeline
from app.generation.nlp import load_pipeline
from app.generation.types import SourceText

OLD_BATCH = 64


def bundled_sources() -> list[SourceText]:
    """The bundled bank's texts, as `quire generate` reads them."""
    listed = json.loads(Path("questions/sources/sources.json").read_text(encoding="utf-8"))
    return [
        SourceText(id=s["id"], text=Path(s["path"]).read_text(encoding="utf-8"), title=s["title"])
        for s in listed["sources"]
    ]


def run(sources: list[SourceText], nlp, batch: int) -> tuple[float, int, float, int]:
    """Seconds, reports, longest gap between reports (s), questions, with this batch size."""
    pipeline.PARSE_BATCH = batch
    moments: list[float] = []
    started = time.perf_counter()
    result = pipeline.generate(
        sources, nlp, progress=lambda *_: moments.append(time.perf_counter())
    )
    ended = time.perf_counter()
    marks = [started, *moments, ended]
    gap = max(b - a for a, b in itertools.pairwise(marks))
    return ended - started, len(moments), gap, len(result.questions)


def main() -> None:
    sources = bundled_sources()
    nlp = load_pipeline()
    current = pipeline.PARSE_BATCH
    pipeline.generate(sources[:1], nlp)  # warm-up
    figures: dict[int, list[tuple[float, int, float, int]]] = {OLD_BATCH: [], current: []}
    for _ in range(2):
        for batch in (OLD_BATCH, current):
            figures[batch].append(run(sources, nlp, batch))
    pipeline.PARSE_BATCH = current
    for batch, runs in figures.items():
        seconds = min(r[0] for r in runs)
        gap = max(r[2] for r in runs)
        print(
            f"batch {batch:>2}: {seconds:.2f} s (best of 2), {runs[0][1]} reports, "
            f"longest still bar {gap:.2f} s, {runs[0][3]} questions"
        )
    old, new = min(r[0] for r in figures[OLD_BATCH]), min(r[0] for r in figures[current])
    print(f"time ratio batch {current} / batch {OLD_BATCH}: {new / old:.2f}")


if __name__ == "__main__":
    main()
