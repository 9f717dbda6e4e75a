"""How fast generation is next to spaCy alone, and how its time and memory grow with input.

Run from the repository root:
    python -m bench.generation_speed            # 5 repeats, then 125k..1M words
    python -m bench.generation_speed --quick    # 2 repeats, then 125k and 250k words
    python -m bench.generation_speed --cpu --skip-scaling   # CPU seconds, by phase
Figures only: nothing here asserts a timing.
"""

from __future__ import annotations

import argparse
import gc
import json
import re
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from app.generation.types import SourceText
from bench import corpus

SIZES = (125_000, 250_000, 500_000, 1_000_000)
QUICK_SIZES = (125_000, 250_000)
TARGET_RATIO = 1.3


def repeat_corpus(sources: Sequence[SourceText], target_words: int) -> list[SourceText]:
    """Copies of the sources, as distinct sources ("<id>-rep<n>"), totalling about target_words."""
    words = corpus.word_count([source.text for source in sources])
    copies = max(1, round(target_words / words))
    return [
        SourceText(
            id=f"{source.id}-rep{n}",
            text=source.text,
            title=source.title,
            author=source.author,
            published=source.published,
        )
        for n in range(copies)
        for source in sources
    ]


def compare_with_spacy(
    sources: Sequence[SourceText], nlp, generate, repeats: int
) -> tuple[list[float], list[float]]:
    """Seconds per run of spaCy alone and of generate, interleaved so drift hits both alike."""
    texts = [source.text for source in sources]
    list(nlp.pipe(texts))  # warm-up: first calls pay for lazy initialisation
    generate(sources, nlp)
    spacy_times: list[float] = []
    generate_times: list[float] = []
    for index in range(repeats):
        # Alternate which goes first, so neither always inherits a warm cache from the other.
        order = ("spacy", "generate") if index % 2 == 0 else ("generate", "spacy")
        for which in order:
            started = time.perf_counter()
            if which == "spacy":
                list(nlp.pipe(texts))
                spacy_times.append(time.perf_counter() - started)
            else:
                generate(sources, nlp)
                generate_times.append(time.perf_counter() - started)
    return spacy_times, generate_times


class ParseClock:
    """The pipeline, counting the CPU seconds its `pipe` spends parsing (spaCy's share of a
    generate run); everything else is passed through."""

    def __init__(self, nlp) -> None:
        self.nlp = nlp
        self.seconds = 0.0

    def __getattr__(self, name: str):
        return getattr(self.nlp, name)

    def pipe(self, *args, **kwargs):
        """nlp.pipe, timing each document's parse (time spent by the caller is not counted)."""
        docs = iter(self.nlp.pipe(*args, **kwargs))
        while True:
            started = time.process_time()
            try:
                doc = next(docs)
            except StopIteration:
                return
            finally:
                self.seconds += time.process_time() - started
            yield doc


def cpu_phases(
    sources: Sequence[SourceText], nlp, generate, repeats: int
) -> dict[str, list[float]]:
    """CPU seconds per run (this process, all threads) of spaCy alone, of generate, and of
    generate's two parts: its parse and its own work. Other processes' load hardly moves
    these, unlike wall-clock seconds on a shared machine."""
    texts = [source.text for source in sources]
    list(nlp.pipe(texts))
    generate(sources, nlp)
    phases: dict[str, list[float]] = {"spacy": [], "generate": [], "parse": [], "own": []}
    for _ in range(repeats):
        started = time.process_time()
        list(nlp.pipe(texts))
        phases["spacy"].append(time.process_time() - started)
        clock = ParseClock(nlp)
        started = time.process_time()
        generate(sources, clock)
        total = time.process_time() - started
        phases["generate"].append(total)
        phases["parse"].append(clock.seconds)
        phases["own"].append(total - clock.seconds)
    return phases


def print_cpu_phases(words: int, texts: int, phases: dict[str, list[float]]) -> None:
    """Median CPU seconds of each phase, and the ratios to spaCy alone."""
    medians = {name: statistics.median(times) for name, times in phases.items()}
    spacy = medians["spacy"]
    print(f"{words} words in {texts} texts, {len(phases['spacy'])} repeats, CPU seconds (medians):")
    print(f"  spaCy nlp.pipe         {spacy:8.2f} s")
    print(
        f"  generate(...)          {medians['generate']:8.2f} s  x{medians['generate'] / spacy:.2f}"
    )
    print(f"    its parse (spaCy)    {medians['parse']:8.2f} s  x{medians['parse'] / spacy:.2f}")
    print(f"    its own work         {medians['own']:8.2f} s  x{medians['own'] / spacy:.2f}")
    ratio = medians["generate"] / spacy
    verdict = "within" if ratio <= TARGET_RATIO else "ABOVE"
    print(f"  CPU ratio generate/spaCy {ratio:.2f} ({verdict} the target of {TARGET_RATIO})")


def peak_rss_mib() -> float:
    """Peak resident memory of this process (ru_maxrss is KiB on Linux)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def current_rss_mib() -> float | None:
    """Resident memory now, from /proc (None where there is no /proc)."""
    try:
        status = Path("/proc/self/status").read_text()
    except OSError:
        return None
    match = re.search(r"^VmRSS:\s+(\d+) kB", status, re.MULTILINE)
    return int(match.group(1)) / 1024 if match else None


def reset_peak_rss() -> bool:
    """Reset the kernel's high-water mark (Linux), so the next peak is generation's alone."""
    # Loading the model has a transient peak that can hide generation's; this forgets it.
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        return False
    return True


def run_worker(target_words: int, generator: str) -> dict[str, Any]:
    """One scaling measurement, meant to run in a fresh process so its peak RSS is its own."""
    nlp = corpus.load_nlp()
    generate = corpus.resolve_generator(generator)
    sources = repeat_corpus(corpus.load_sources(), target_words)
    gc.collect()
    rss_start = current_rss_mib()
    peak_reset = reset_peak_rss()
    if rss_start is None or not peak_reset:
        rss_start = peak_rss_mib()
    started, cpu_started = time.perf_counter(), time.process_time()
    result = generate(sources, nlp)
    seconds = time.perf_counter() - started
    cpu_seconds = time.process_time() - cpu_started
    return {
        "target": target_words,
        "words": corpus.word_count([source.text for source in sources]),
        "sources": len(sources),
        "questions": len(result.questions),
        "seconds": seconds,
        "cpu_seconds": cpu_seconds,
        "rss_start_mib": rss_start,
        "rss_peak_mib": peak_rss_mib(),
        "peak_reset": peak_reset,
    }


def measure_size(target_words: int, generator: str) -> dict[str, Any] | None:
    """Run one size in a subprocess; None (and the error shown) if it failed."""
    command = [
        sys.executable,
        "-m",
        "bench.generation_speed",
        "--worker",
        str(target_words),
        "--generator",
        generator,
    ]
    done = subprocess.run(command, cwd=corpus.ROOT, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        print(f"  {target_words} words: failed (exit {done.returncode})\n{done.stderr[-2000:]}")
        return None
    row = json.loads(done.stdout.strip().splitlines()[-1])
    print(f"  {row['words']} words: {row['seconds']:.1f} s", flush=True)
    return row


def print_comparison(
    words: int, texts: int, spacy_times: list[float], generate_times: list[float]
) -> None:
    """Medians, words per second and the generate/spaCy ratio."""
    spacy_median = statistics.median(spacy_times)
    generate_median = statistics.median(generate_times)
    print(f"{words} words in {texts} texts, {len(spacy_times)} interleaved repeats (medians):")
    print(f"  spaCy nlp.pipe   {spacy_median:8.2f} s  {words / spacy_median:10.0f} words/s")
    print(f"  generate(...)    {generate_median:8.2f} s  {words / generate_median:10.0f} words/s")
    ratio = generate_median / spacy_median
    verdict = "within" if ratio <= TARGET_RATIO else "ABOVE"
    print(
        f"  ratio generate/spaCy {ratio:.2f} ({verdict} the target of {TARGET_RATIO})", flush=True
    )


def _per_word_growth(first: dict[str, Any], last: dict[str, Any], seconds: str) -> float:
    return (last[seconds] / last["words"]) / (first[seconds] / first["words"])


def print_scaling(rows: list[dict[str, Any]]) -> None:
    """The scaling table, then how time per word and peak memory changed from first to last."""
    print(
        f"\n{'words':>9}{'sources':>9}{'questions':>11}{'seconds':>10}{'words/s':>10}"
        f"{'µs/word':>9}{'RSS start':>12}{'RSS peak':>10}"
    )
    for row in rows:
        print(
            f"{row['words']:>9}{row['sources']:>9}{row['questions']:>11}{row['seconds']:>10.1f}"
            f"{row['words'] / row['seconds']:>10.0f}{1e6 * row['seconds'] / row['words']:>9.1f}"
            f"{row['rss_start_mib']:>10.0f}Mi{row['rss_peak_mib']:>8.0f}Mi"
        )
    if len(rows) < 2:
        return
    first, last = rows[0], rows[-1]
    per_word = _per_word_growth(first, last, "seconds")
    print(
        f"\nTime per word at {last['words']} vs {first['words']} words: x{per_word:.2f} "
        "(about 1 means cost grows linearly)"
    )
    if all("cpu_seconds" in row for row in (first, last)):
        # CPU seconds hardly move with other processes' load: this reading survives a busy machine.
        cpu = _per_word_growth(first, last, "cpu_seconds")
        print(f"CPU time per word at {last['words']} vs {first['words']} words: x{cpu:.2f}")
    growth_first = first["rss_peak_mib"] - first["rss_start_mib"]
    growth_last = last["rss_peak_mib"] - last["rss_start_mib"]
    print(
        f"Peak RSS during generation: {last['rss_peak_mib']:.0f} MiB vs "
        f"{first['rss_peak_mib']:.0f} MiB (x{last['rss_peak_mib'] / first['rss_peak_mib']:.2f}); "
        f"above the start: {growth_last:.0f} MiB vs {growth_first:.0f} MiB "
        f"(x{growth_last / growth_first:.2f} for x{last['words'] / first['words']:.1f} the words)"
        if growth_first > 0
        else f"Peak RSS: {last['rss_peak_mib']:.0f} MiB vs {first['rss_peak_mib']:.0f} MiB"
    )
    if not all(row["peak_reset"] for row in rows):
        print("(peak could not be reset here, so it includes loading the model)")


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: the spaCy comparison, then the scaling table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=None, help="default 5, or 2 with --quick")
    parser.add_argument("--quick", action="store_true", help="fewer repeats, sizes up to 250k")
    parser.add_argument("--sizes", help="comma-separated word counts for the scaling part")
    parser.add_argument("--skip-scaling", action="store_true")
    parser.add_argument(
        "--cpu", action="store_true", help="CPU seconds by phase instead of wall-clock seconds"
    )
    parser.add_argument("--generator", default=corpus.DEFAULT_GENERATOR, help="module:function")
    parser.add_argument("--worker", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.worker is not None:
        print(json.dumps(run_worker(args.worker, args.generator)))
        return 0

    repeats = args.repeats or (2 if args.quick else 5)
    sources = corpus.load_sources()
    nlp = corpus.load_nlp()
    generate = corpus.resolve_generator(args.generator)
    words = corpus.word_count([source.text for source in sources])
    try:
        if args.cpu:
            print_cpu_phases(words, len(sources), cpu_phases(sources, nlp, generate, repeats))
        else:
            spacy_times, generate_times = compare_with_spacy(sources, nlp, generate, repeats)
            print_comparison(words, len(sources), spacy_times, generate_times)
    except NotImplementedError as error:
        print(f"The generator is not implemented yet ({error}).", file=sys.stderr)
        return 2
    if args.skip_scaling:
        return 0

    if args.sizes:
        sizes = tuple(int(size) for size in args.sizes.split(","))
    else:
        sizes = QUICK_SIZES if args.quick else SIZES
    print(
        f"\nScaling, one fresh process per size ({', '.join(map(str, sizes))} words):", flush=True
    )
    rows = [row for size in sizes if (row := measure_size(size, args.generator)) is not None]
    print_scaling(rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
