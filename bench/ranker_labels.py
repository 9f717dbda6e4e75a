"""Every blind reading the learned ranker learns from, matched to today's generator.

Run from the repository root (it generates every labelled split: minutes):
    python -m bench.train_ranker --readings

The readings: the label rounds of the tuning splits (bench/judging/labels/: tune, tune2) and
the blind samples of every split read since (heldout, fresh, fresh2, fresh3, fresh5, fresh6
from the fourteenth session on and fresh7 from the fifteenth; the bundled bank's readable
samples, seeds 155, 158 and 161 included from the fifteenth session on; the fresh5 half of the
tune11 samples). Each judged question is matched, by its id, to the question the generator makes
of it today over the texts it was drawn with, and its features are those the generator computes
for it when it ranks (`choosing.learned_forms`, before the title is written into the prompt): a
question the generator no longer makes is dropped. Every reader's verdict is one row, so two
readers of a question are two rows (their agreement counts twice, a disagreement once each way).
Never read: fresh4's readings (they choose the threshold), fresh8's (the held-out split), the
last blind sample of the bundled bank (`outside.BLIND_SAMPLES`) and bench/judging/threshold/.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from unittest import mock

from app.generation import acceptability, pipeline, ranking
from app.generation.choosing import banked
from app.generation.types import MULTIPLE_CHOICE, Question, SourceText
from bench import corpus, outside
from bench.judged_tally import judged, parse_verdicts
from bench.label_for_ranker import LABELS_DIR, split_sources
from bench.sample_for_judging import JUDGING_DIR

READINGS_CSV = LABELS_DIR / "readings.csv"
THRESHOLD_DIR = JUDGING_DIR / "threshold"
# Label rounds (their texts: `label_for_ranker.split_sources`) and blind samples (their texts:
# `outside.load_split`, as `sample_for_judging --split` drew them), by the texts they came from.
LABEL_ROUNDS = {"tune": ("tune-seed*.key.json",), "tune2": ("tune2-seed*.key.json",)}
SAMPLE_SPLITS = ("heldout", "fresh", "fresh2", "fresh3", "fresh5", "fresh6", "fresh7")
# Samples of the bundled bank (`corpus.load_sources`) and tune11's of fresh4's and fresh5's strict
# banks, read for fresh5's texts only (a question of fresh4's text matches nothing generated).
BUNDLED = ("russia-iran-seed*.key.json", "bundled-seed*.key.json")
FRESH45 = ("tune11*-fresh45-*.key.json",)
# fresh4 chooses the threshold (train_ranker.HELD_OUT_SPLIT); fresh8 is measured on (fifteenth
# session; fresh7, measured on in the fourteenth, is read for tuning since).
CLOSED_SPLITS = ("fresh4", "fresh8")
META = ("id", "source", "label", "split", "sample", "banked", "shape", "ruled_out")


class ClosedSample(ValueError):
    """A judged sample the ranker may never learn from."""


def closed(path: Path) -> bool:
    """Whether a sample's file is closed to the ranker: fresh4's, fresh8's, a last blind
    sample of the bundled bank, or anything under bench/judging/threshold/ (by name only)."""
    if outside.blind(path) or THRESHOLD_DIR.resolve() in path.resolve().parents:
        return True
    return path.name.split("-")[0] in CLOSED_SPLITS


def label_keys() -> dict[str, list[Path]]:
    """The key files of every reading the ranker learns from, by the split generated for them."""
    keys = {split: _glob(LABELS_DIR, patterns) for split, patterns in LABEL_ROUNDS.items()}
    for split in SAMPLE_SPLITS:
        keys[split] = _glob(JUDGING_DIR, (f"{split}-*.key.json",))
    keys["fresh5"] += _glob(JUDGING_DIR, FRESH45)
    keys["bundled"] = _glob(JUDGING_DIR, BUNDLED)
    return keys


def _glob(directory: Path, patterns: Sequence[str]) -> list[Path]:
    found = {p for pattern in patterns for p in directory.glob(pattern)}
    return sorted(p for p in found if not closed(p))


def readings(key_path: Path) -> Iterator[tuple[dict, str, bool]]:
    """(key entry, the verdicts file's name, acceptable) for each reader's verdict on each
    question of a sample; a closed sample is refused before any of its files is opened."""
    if closed(key_path):
        raise ClosedSample(f"{key_path.name} is closed to the learned ranker")
    about = json.loads(key_path.read_text(encoding="utf-8"))
    if "questions" not in about:
        return  # a comparison of two banks, keyed by bank rather than by question
    key = about["questions"]
    base = key_path.name.removesuffix(".key.json")
    # A second reader's file is "<sample>-<reader>.verdicts.csv"; "<sample>b" is another sample.
    files = [key_path.with_name(base + ".verdicts.csv")]
    files += sorted(key_path.parent.glob(base + "-*.verdicts.csv"))
    for verdicts in files:
        text = verdicts.read_text(encoding="utf-8") if verdicts.exists() else ""
        if judged(text):
            for v in parse_verdicts(text, sorted(int(n) for n in key)):
                yield key[str(v.number)], verdicts.name, v.acceptable


def split_texts(split: str) -> list[SourceText]:
    """The texts generated together when the split's readings were drawn."""
    if split == "bundled":
        return corpus.load_sources()
    if split in LABEL_ROUNDS:
        return split_sources(split)
    sources, failures = outside.load_split(split)
    for failure in failures:
        print(f"warning: left out {failure}")
    return sources


@contextmanager
def ranked_forms() -> Iterator[dict[str, tuple[Question, str]]]:
    """While open, every question form the learned ranker weighs, by id, with its text's title:
    the generator's own input to the model (`choosing.learned_forms`), recorded as it runs."""
    seen: dict[str, tuple[Question, str]] = {}
    weigh = ranking.learned_forms

    def recording(by_fact, model, titles):
        for forms in by_fact.values():
            for q in forms:
                seen[q.id] = (q, titles.get(q.quote.source, ""))
        return weigh(by_fact, model, titles)

    with mock.patch.object(ranking, "learned_forms", recording):
        yield seen


def generated_forms(sources: Sequence[SourceText], nlp=None) -> dict[str, tuple[Question, str]]:
    """Every form the generator weighs today over these texts, by id, with its text's title."""
    with ranked_forms() as seen:
        pipeline.generate(sources, nlp if nlp is not None else corpus.load_nlp())
    return seen


def shape(question: Question) -> str:
    """The question's type and answer kind, as a bank's shapes are named ("cloze/date")."""
    return f"{'mc' if question.type == MULTIPLE_CHOICE else question.type}/{question.kind}"


def rows_of(split: str, keys: Sequence[Path], forms: dict[str, tuple[Question, str]]) -> list:
    """One row a reading of a question the generator still makes: its features and labels."""
    rows = []
    for key_path in keys:
        for entry, reader, acceptable in readings(key_path):
            if entry["id"] not in forms:
                continue
            question, title = forms[entry["id"]]
            values = acceptability.features(question, title)
            about = {"id": question.id, "source": question.quote.source, "label": int(acceptable)}
            about |= {"split": split, "sample": reader, "banked": int(banked(question))}
            about |= {"shape": shape(question)}
            about["ruled_out"] = int(acceptability.ruled_out(question, title, values))
            rows.append(about | values)
    return rows


def write_table(path: Path = READINGS_CSV, splits: Sequence[str] | None = None) -> dict:
    """Generate each labelled split, match its readings and write the table; per split, the
    readings found and those matched."""
    nlp = corpus.load_nlp()
    rows, counts = [], {}
    for split, keys in label_keys().items():
        if splits is not None and split not in splits:
            continue
        read = sum(1 for key in keys for _ in readings(key))
        found = rows_of(split, keys, generated_forms(split_texts(split), nlp))
        counts[split] = {"readings": read, "matched": len(found), "samples": len(keys)}
        counts[split]["acceptable"] = sum(r["label"] for r in found)
        print(split, counts[split], flush=True)
        rows += found
    rows.sort(key=lambda r: (r["split"], r["id"], r["sample"], r["label"]))
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return counts
