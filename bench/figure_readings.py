"""Every tuning reading of a figure question, and which of the figure rules refuse it.

Run from the repository root:
    python -m bench.figure_readings            # the table: accepted / rejected refused per rule
    python -m bench.figure_readings --list     # every reading, its verdict, rules and reason
    python -m bench.figure_readings dump OUT.json [SPLIT ...]   # what each split's bank keeps
                                                    # (a split in outside.UNREAD: counts only)
    python -m bench.figure_readings diff OLD.json NEW.json   # readings whose question left
                                                    # or joined the bank, and the counts

A reading is one judge's verdict on one question whose answer is a figure (an amount, a count,
a measure: the key's kind "figure"). The readings are the tuning labels (bench/judging/labels/)
and the judged samples of the splits read for tuning (`sample_for_judging.readable_keys`:
heldout, fresh6 since the fourteenth session, fresh7 since the fifteenth, the eleventh
session's tune11 rounds, and the bundled bank's, `bundled-*`, `russia-iran-*`), each with its
other readers' verdicts where there are some (`-reader2`, or fresh6 seed 160's `-f160a` and
`-f160b`). Never a split in `outside.UNREAD`, the last measurement of the bundled bank
(`outside.BLIND_SAMPLES`) or the threshold labels: they are the blind measurement.
Each rule (`app.generation.figures.why_not`) is applied to the quote as the judge read it, the
sentence parsed anew: these are tuning figures, not measurements.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from spacy.tokens import Span

from app.generation import pipeline
from app.generation.figures import incidental_figure
from app.generation.types import BLANK, Question
from bench import corpus, outside
from bench.judged_tally import judged as marked
from bench.judged_tally import parse_verdicts, question_blocks
from bench.label_for_ranker import LABELS_DIR
from bench.sample_for_judging import JUDGING_DIR
from bench.sample_for_judging import readable_keys as readable_keys_of

# The judged sets read for tuning, by the first word of their file name (fresh7's since the
# fifteenth session).
READABLE = ("tune", "tune2", "heldout", "fresh", "fresh2", "fresh3", "fresh4", "fresh5", "fresh6")
READABLE += ("fresh7", "tune11", "tune11b", "bundled", "russia")
BUNDLED = "bundled"


def readable_keys() -> list[Path]:
    """The key files of every judged set read for tuning (none of the blind measurements)."""
    keys = readable_keys_of(LABELS_DIR, JUDGING_DIR)
    return [k for k in keys if k.name.split("-")[0] in READABLE]


@dataclass(frozen=True)
class Reading:
    """One judge's verdict on one question (a figure's, unless asked for others), as the judge
    saw it."""

    id: str
    part: str  # the judged set's file name
    type: str
    source: str
    prompt: str
    answer: str
    quote: str
    acceptable: bool
    why: str
    kind: str = "figure"
    title: str = ""  # the source's name as the judge read it
    marks: tuple[bool, ...] = ()  # the five criteria, in judged_tally.CRITERIA's order


def _verdict_files(key: Path) -> list[Path]:
    """The sample's verdicts, then every later reader's ("-reader2", "-f160a"), never a last
    blind measurement's."""
    stem = key.name.removesuffix(".key.json")
    found = [
        *key.parent.glob(f"{stem}.verdicts.csv"),
        *sorted(key.parent.glob(f"{stem}-*.verdicts.csv")),
    ]
    return [p for p in found if not outside.blind(p)]


def readings(kind: str | None = "figure", keys: Sequence[Path] | None = None) -> Iterator[Reading]:
    """Every reading of a question of this kind (of any kind: None) in the judged sets read
    for tuning (or in `keys`)."""
    for key in readable_keys() if keys is None else keys:
        about = json.loads(key.read_text(encoding="utf-8"))
        if "questions" not in about:
            continue  # a comparison of two banks, keyed by bank
        questions = about["questions"]
        blocks = question_blocks(key.with_name(key.name.replace(".key.json", ".md")).read_text())
        for path in _verdict_files(key):
            text = path.read_text(encoding="utf-8")
            if not marked(text):
                continue
            for v in parse_verdicts(text, sorted(int(n) for n in questions)):
                entry = questions[str(v.number)]
                if kind is not None and entry["kind"] != kind:
                    continue
                block = blocks[str(v.number)]
                prompt = re.search(r"^- Prompt: (.*)$", block, re.M)
                answer = re.search(r"^- Keyed answer: (.*)$", block, re.M)
                title = re.search(r"^- Source: (.*)$", block, re.M)
                quoted = block.split("Quote:\n", 1)[1].split("\n\n", 1)[0]
                yield Reading(
                    id=entry["id"],
                    part=path.name.removesuffix(".verdicts.csv"),
                    type=entry["type"],
                    source=entry["source"],
                    prompt=prompt.group(1) if prompt else "",
                    answer=answer.group(1) if answer else "",
                    quote="\n".join(line[2:] for line in quoted.splitlines()),
                    acceptable=v.acceptable,
                    why=v.why,
                    kind=entry["kind"],
                    title=title.group(1) if title else "",
                    marks=v.marks,
                )


def _answer_span(reading: Reading, nlp) -> Span | None:
    """The keyed answer's tokens in the quote as parsed anew: the occurrence whose words
    before it are the prompt's before the blank."""
    prompt = re.sub(r"^Fill in the blank(?: \(from “[^”]*”\))?: ", "", reading.prompt)
    before = prompt.split(BLANK)[0].lstrip("… ").rstrip()[-25:].strip()
    starts = [m.start() for m in re.finditer(re.escape(reading.answer), reading.quote)]
    if not starts or not reading.answer:
        return None
    start = min(starts, key=lambda i: not reading.quote[:i].rstrip().endswith(before))
    doc = nlp(reading.quote)
    return doc.char_span(start, start + len(reading.answer), alignment_mode="expand")


def rule_table(rows: Sequence[Reading], nlp) -> dict[str, list[Reading]]:
    """Each figure rule's refused readings (`figures.incidental_figure` on the quote)."""
    refused: dict[str, list[Reading]] = defaultdict(list)
    for reading in rows:
        span = _answer_span(reading, nlp)
        why = incidental_figure(span) if span is not None else None
        refused[why or ""].append(reading)
    return refused


def _count(rows: Sequence[Reading]) -> str:
    accepted = sum(r.acceptable for r in rows)
    return f"{accepted} accepted / {len(rows) - accepted} rejected"


# The splits whose banks are written out (read for tuning), then those only counted: any
# held-out split no tool may read (outside.UNREAD) that is not written out already.
DUMPED = ("tune", "tune2", "heldout", "fresh", "fresh2", "fresh3", "fresh4", "fresh5", "fresh6")
DUMPED += ("fresh7", BUNDLED)  # fresh7: tuning material from the fifteenth session on
COUNTED_ONLY = tuple(split for split in outside.UNREAD if split not in DUMPED)


def _record(q: Question) -> dict:
    return {
        "id": q.id,
        "type": q.type,
        "kind": q.kind,
        "prompt": q.prompt,
        "answer": q.answer,
        "accept": list(q.accept),
        "quote": q.quote.text,
        "source": q.quote.source,
    }


def dump(path: Path, splits: Sequence[str] = (*DUMPED, *COUNTED_ONLY)) -> None:
    """What each split's strict bank and review pool keep, and why facts were refused; for the
    other splits (COUNTED_ONLY, or any not in DUMPED) only how many of each shape it keeps."""
    nlp = corpus.load_nlp()
    out: dict[str, dict] = {}
    for split in splits:
        sources = corpus.load_sources() if split == BUNDLED else outside.load_split(split)[0]
        result = pipeline.generate(sources, nlp, review_pool=True)
        bank = [q for q in result.questions if q.id not in result.pending]
        shapes = Counter(f"{q.type}/{q.kind}" for q in bank)
        out[split] = {"bank_count": len(bank), "shapes": dict(shapes)}
        if split in DUMPED:
            out[split] |= {
                "bank": [_record(q) for q in bank],
                "pool": [_record(q) for q in result.questions if q.id in result.pending],
                "refused": result.refused,
            }
        print(split, len(bank), dict(shapes), file=sys.stderr)
    path.write_text(json.dumps(out, indent=0, ensure_ascii=False), encoding="utf-8")


def _status(dumped: dict, question_id: str) -> str:
    """Where a judged question stands in a dump: bank, pool, refused (why) or not built."""
    fact = question_id.rsplit("-", 1)[0]
    for split in dumped.values():
        if "bank" not in split:
            continue
        if any(q["id"].rsplit("-", 1)[0] == fact for q in split["bank"]):
            return "bank"
    for split in dumped.values():
        if any(q["id"].rsplit("-", 1)[0] == fact for q in split.get("pool", ())):
            return "pool"
    for split in dumped.values():
        if fact in split.get("refused", {}):
            return "refused: " + split["refused"][fact]
    return "not built"


def diff(old_path: Path, new_path: Path, rows: Sequence[Reading]) -> None:
    """Each figure reading's question before and after (bank, pool, refused, not built), and
    the banks' counts by split and shape."""
    old, new = (json.loads(p.read_text(encoding="utf-8")) for p in (old_path, new_path))
    moves: dict[tuple[str, str], list[Reading]] = defaultdict(list)
    for reading in rows:
        moves[_status(old, reading.id), _status(new, reading.id)].append(reading)
    print("figure readings, before -> after:")
    for (before, after), moved in sorted(moves.items(), key=lambda m: -len(m[1])):
        print(f"  {before} -> {after}: {_count(moved)}")
        if before != after and "bank" in (before, after):
            for r in moved:
                verdict = "yes" if r.acceptable else "no "
                print(f"      {verdict} {r.part}: {r.answer!r} | {r.prompt[:110]}")
    print("banks, before -> after:")
    for split in new:
        was, now = old.get(split, {}).get("shapes", {}), new[split]["shapes"]
        cells = ", ".join(f"{s} {was.get(s, 0)} -> {now.get(s, 0)}" for s in sorted({*was, *now}))
        before = old.get(split, {}).get("bank_count", 0)
        print(f"  {split}: {before} -> {new[split]['bank_count']} ({cells})")


def main(argv: list[str] | None = None) -> int:
    """Print the readings' counts (and with --list, every reading)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", nargs="*", help="dump OUT | diff OLD NEW")
    parser.add_argument("--list", action="store_true")
    parser.add_argument("--json", type=Path, help="write every reading to this file")
    args = parser.parse_args(argv)
    if args.command[:1] == ["dump"]:
        dump(Path(args.command[1]), args.command[2:] or (*DUMPED, *COUNTED_ONLY))
        return 0
    if args.command[:1] == ["diff"]:
        rows = [r for r in readings() if r.type == "cloze"]
        diff(Path(args.command[1]), Path(args.command[2]), rows)
        return 0
    rows = [r for r in readings() if r.type == "cloze"]
    if args.json:
        args.json.write_text(
            json.dumps([r.__dict__ for r in rows], indent=1, ensure_ascii=False), encoding="utf-8"
        )
    by_type = Counter((r.type, r.acceptable) for r in rows)
    for t in sorted({r.type for r in rows}):
        print(f"{t}: {by_type[t, True]}/{by_type[t, True] + by_type[t, False]} accepted")
    table = rule_table(rows, corpus.load_nlp())
    print(f"cloze figure readings: {_count(rows)}")
    for why, refused in sorted(table.items()):
        print(f"  {why or 'no figure rule'}: {_count(refused)}")
    if args.list:
        for r in rows:
            print(f"{'yes' if r.acceptable else 'NO '} {r.part} {r.answer!r}: {r.prompt}")
            if r.why:
                print(f"    why: {r.why}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
