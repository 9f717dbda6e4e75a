"""What a text's genre says about how often judges keep its questions (thirteenth and
fourteenth sessions).

Run from the repository root:
    python -m bench.genre_readings                 # readings by genre, shape and score band
    python -m bench.genre_readings banks [SPLIT ...]   # each split's bank with and without
                                                   # the genre bars (UNREAD splits: counts only)

A text's genre is read from the text itself (`app.generation.genres.genre`), as an upload
would be; the manifest's shape is shown beside it only to check the detector. The readings are
every judge's verdict on a judged sample read for tuning (`keys`: `figure_readings`'s readable
keys and, since the fourteenth session, the samples of fresh to fresh6, second readers
included), each question as its judge saw it, scored by the shipped model. Never a split not in
READ_SPLITS (fresh8), the last blind measurement of the bundled bank or the threshold labels.
`banks` generates each split once and ranks its questions twice, with and without
`choosing.GENRE_BARS`.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.generation import pipeline
from app.generation.acceptability import features, load_model, probability, ruled_out
from app.generation.choosing import banked
from app.generation.genres import genre
from app.generation.types import Question, Quote
from bench import corpus, outside
from bench.figure_readings import BUNDLED, Reading, readable_keys, readings
from bench.sample_for_judging import JUDGING_DIR

# Every split whose texts and judged samples are tuning material (fourteenth session: fresh6
# too, fresh7 replacing it as the held-out split; fifteenth: fresh7 too, fresh8 replacing it).
# Named here, never read from outside.SPLITS, so a split added later (fresh8) is never opened
# by this tool.
READ_SPLITS = ("tune", "tune2", "heldout", "fresh", "fresh2", "fresh3", "fresh4", "fresh5")
READ_SPLITS += ("fresh6", "fresh7")
BANDS = ((0.0, 0.2), (0.2, 0.3), (0.3, 0.4), (0.4, 0.5), (0.5, 0.6), (0.6, 1.01))


@dataclass(frozen=True)
class Scored:
    """One reading with its text's genre, the model's probability and whether a bank keeps
    its shape (`choosing.banked`)."""

    reading: Reading
    genre: str
    probability: float
    banked: bool


def texts() -> dict[str, tuple[str, str]]:
    """Source id -> (its text as Quire stores it, the manifest's shape) for every text judged."""
    found = {s.id: (s.text, "bundled") for s in corpus.load_sources()}
    shapes = {outside.source_id(e): e["shape"] for e in outside.load_manifest()}
    for split in READ_SPLITS:
        for source in outside.load_split(split)[0]:
            found[source.id] = (source.text, shapes[source.id])
    from bench.recall import load_articles  # the reading-comprehension paragraphs (labels)

    found |= {a.source.id: (a.source.text, "squad") for a in load_articles()}
    return found


def _question(r: Reading) -> Question:
    return Question(
        id=r.id, fact=r.id.rsplit("-", 1)[0], type=r.type, kind=r.kind, prompt=r.prompt,
        answer=r.answer, quote=Quote(r.source, 0, len(r.quote), r.quote), explanation="",
        difficulty=0.0, quality=0.0,
    )  # fmt: skip


def scored(rows: Iterable[Reading], genres: dict[str, str], model: dict) -> list[Scored]:
    """The readings the hard rules let through, each with its genre and probability."""
    out = []
    for r in rows:
        q = _question(r)
        values = features(q, r.title)
        if r.source in genres and not ruled_out(q, r.title, values):
            out.append(Scored(r, genres[r.source], probability(values, model), banked(q)))
    return out


def cell(rows: Sequence[Scored]) -> str:
    """Accepted/read (share)."""
    accepted = sum(s.reading.acceptable for s in rows)
    return f"{accepted}/{len(rows)} ({accepted / len(rows):.0%})" if rows else "-"


def print_tables(rows: Sequence[Scored], threshold: float) -> None:
    """Acceptance by genre: all, banked shapes, above the threshold, other shapes; by band."""
    names = sorted({s.genre for s in rows})
    print(f"| genre | texts | all | shapes a bank keeps | of them >= {threshold} | other shapes |")
    print("|---|---|---|---|---|---|")
    for name in [*names, "all"]:
        mine = [s for s in rows if name in ("all", s.genre)]
        bank = [s for s in mine if s.banked]
        above = [s for s in bank if s.probability >= threshold]
        other = [s for s in mine if not s.banked]
        sources = len({s.reading.source for s in mine})
        print(
            f"| {name} | {sources} | {cell(mine)} | {cell(bank)} | {cell(above)} | {cell(other)} |"
        )
    print("\nshapes a bank keeps, by the model's probability:")
    for name in names:
        bank = [s for s in rows if s.genre == name and s.banked]
        bands = [
            f"[{lo:.1f},{min(hi, 1):.1f}) {cell([s for s in bank if lo <= s.probability < hi])}"
            for lo, hi in BANDS
        ]
        print(f"  {name}: " + "; ".join(bands))
    print("\nshapes a bank keeps above the threshold, by text:")
    by_text: dict[tuple[str, str], list[Scored]] = defaultdict(list)
    for s in rows:
        if s.banked and s.probability >= threshold:
            by_text[s.genre, s.reading.source].append(s)
    for (name, source), mine in sorted(by_text.items()):
        print(f"  {name:9s} {source}: {cell(mine)}")


def keys() -> list[Path]:
    """The key files of every judged sample read for tuning: `figure_readings.readable_keys`
    and the fresh splits' samples (fresh to fresh6, by their key's split and name), never a
    last blind measurement of the bundled bank nor the threshold labels."""
    found = readable_keys()
    for path in sorted(JUDGING_DIR.glob("fresh*.key.json")):
        split = json.loads(path.read_text(encoding="utf-8")).get("split")
        if split in READ_SPLITS and path.name.split("-")[0] == split and not outside.blind(path):
            found.append(path)
    return sorted(set(found))


Ranker = Callable[..., list[Question]]


def _captured(calls: list[tuple[Sequence[Question], dict, dict]]) -> Ranker:
    """pipeline.rank, recording what it was given (ranked again with other genres after)."""
    original = pipeline.rank

    def rank(questions, mentions, **kwargs):
        calls.append((questions, mentions, kwargs))
        return original(questions, mentions, **kwargs)

    return rank


def banks(split: str, nlp: Any) -> dict[str, Any]:
    """The split's strict bank without and with the genre bars: ids, counts by genre, texts."""
    sources = corpus.load_sources() if split == BUNDLED else outside.load_split(split)[0]
    calls: list[tuple[Sequence[Question], dict, dict]] = []
    original = pipeline.rank
    pipeline.rank = _captured(calls)
    try:
        result = pipeline.generate(sources, nlp)
    finally:
        pipeline.rank = original
    questions, mentions, kwargs = calls[0]
    out: dict[str, Any] = {"genres": Counter(result.genres.values()), "texts": len(sources)}
    for name, genres in (("without", {}), ("with", result.genres)):
        bank = original(questions, mentions, **(kwargs | {"genres": genres, "strict": True}))
        per_text = Counter(q.quote.source for q in bank)
        out[name] = {
            "count": len(bank),
            "by_genre": Counter(result.genres[q.quote.source] for q in bank),
            "empty": sum(1 for s in sources if not per_text[s.id]),
            "facts": {q.fact for q in bank},
        }
    return out


def print_banks(splits: Sequence[str], rows: Sequence[Scored]) -> None:
    """Each split's bank without and with the genre bars, and (readable splits) how the
    judged readings of what each keeps fared."""
    nlp = corpus.load_nlp()
    kept: dict[str, list[Scored]] = {"without": [], "with": []}
    for split in splits:
        b = banks(split, nlp)
        line = f"{split}: {b['texts']} texts {dict(b['genres'])}"
        for name in ("without", "with"):
            side = b[name]
            line += f" | {name} bars {side['count']} {dict(side['by_genre'])}, "
            line += f"{side['empty']} texts with none"
            kept[name] += [s for s in rows if s.reading.id.rsplit("-", 1)[0] in side["facts"]]
        print(line, flush=True)
    for name in ("without", "with"):
        by = [(g, [s for s in kept[name] if s.genre == g]) for g in sorted({*map(_genre, rows)})]
        print(f"judged readings of what the banks keep, {name} the bars: {cell(kept[name])}; ")
        print("  " + "; ".join(f"{g} {cell(mine)}" for g, mine in by))


def _genre(s: Scored) -> str:
    return s.genre


def main(argv: Sequence[str] | None = None) -> int:
    """Print the readings' tables, or the banks with and without the genre bars."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", nargs="*", help="banks [SPLIT ...]")
    parser.add_argument("--detector", action="store_true", help="genre beside manifest shape")
    args = parser.parse_args(argv)
    splits = args.command[1:] or (*READ_SPLITS, BUNDLED)
    if set(splits) - {*READ_SPLITS, BUNDLED}:  # never a held-out split's texts (fresh8)
        parser.error(f"banks reads only {', '.join((*READ_SPLITS, BUNDLED))}")
    found = texts()
    genres = {source: genre(text) for source, (text, _) in found.items()}
    if args.detector:
        pairs = Counter((shape, genres[s]) for s, (_, shape) in found.items())
        for (shape, name), n in sorted(pairs.items()):
            print(f"{shape:28s} {name:9s} {n}")
    model = load_model()
    rows = scored(readings(None, keys()), genres, model)
    if args.command[:1] == ["banks"]:
        print_banks(splits, rows)
        return 0
    print(f"{len(rows)} readings the hard rules let through")
    print_tables(rows, model["threshold"])
    return 0


if __name__ == "__main__":
    sys.exit(main())
