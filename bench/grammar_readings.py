"""Every "grammatical: no" reading of the judged sets read for tuning, sorted by cause, and
whether today's generator still banks the judged question.

Run from the repository root:
    python -m bench.grammar_readings                        # the table of causes
    python -m bench.grammar_readings --banks OLD.json NEW.json [--list]
    python -m bench.grammar_readings dump OUT.json SPLIT ...   # the strict banks (and pool,
                                                              # refusals) of tuning splits

A reading is one judge's row of a verdicts file under bench/judging/ (the labels included),
never one of the last blind measurements (`outside.blind`), the threshold labels or a split no
tool may read (`dump` refuses any split not read for tuning). The cause is the first of CAUSES
whose words the judge's reason holds (a heuristic, read through by hand), so the table sorts
roughly; whether a question is still banked is matched by fact, as `figure_readings` does.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from bench import figure_readings, outside
from bench.sample_for_judging import JUDGING_DIR

# The splits whose banks may be written out: those figure_readings writes out, one list for both.
READ_FOR_TUNING = figure_readings.DUMPED
_BAD = (
    r"garbled|ungrammatical|nonsense|ill-formed|not well-formed|unidiomatic|not fluent|broken"
    r"|awkward|mangled|meaningless|error|misplaced|lacks|missing"
)
_WH = re.compile(
    r"(?:From “[^”]*”: )?(?:How|Which|Who|When|Where|What|Whom|(?:In|By|On|Of|From|To|During|"
    r"At|Since|For) which)\b"
)
# (cause, the reason's words, what else must hold: "wh" a realised question, "tf" true/false)
CAUSES: tuple[tuple[str, str, str], ...] = (
    (
        "markup or list-marker residue",
        r"markup|wiki|citation needed|underscore|footnote|asterisk|\[\[|\]\]|html|latex|markdown"
        r"|note number|superscript|stuck|bullet|list (?:marker|numbering|label)|leftover|residue"
        r"|%20|url",
        "",
    ),
    (
        "not prose (header, table, reference, dateline)",
        r"not english|german|french|menu|caption|header|heading|\btable\b|index|citation"
        r"|reference|address|dateline|boilerplate|licen[cs]e|credits|imprint|bibliograph"
        r"|not (?:the author|prose)",
        "",
    ),
    ("a list entry", r"list entry|list-entry|list item|list-item|semicolon", ""),
    (
        "broken quotation mark or bracket",
        r"quot\w* mark|stray quot|unbalanced|unclosed|unmatched|opening quot|closing quot"
        r"|parenthes|bracket|dangling quot|stray \"|stray '",
        "",
    ),
    (
        "agreement (a/an, number)",
        r"\ba/an\b|\"an\"|'an'|\"a\" before|agreement|singular|plural|subject-verb",
        "",
    ),
    ("capitalisation", r"capital|lower-?case|upper-?case", ""),
    (
        "fragment: a cut sentence, window or subject",
        r"fragment|truncat|\bcut\b|incomplete|no main verb|not a (?:complete |full )?sentence"
        r"|run-on|starts mid|begins mid|mid-sentence|without (?:a )?(?:verb|subject)|drops",
        "",
    ),
    ("a garbled realised question", _BAD + r"|prompt", "wh"),
    ("a garbled true/false statement", _BAD + r"|swap", "tf"),
    (
        "typography, spacing, punctuation",
        r"spac|apostrophe|hyphen|dash|comma|punctuation|typo|accent|period|full stop",
        "",
    ),
    ("the source's own English", _BAD + r"|source|copied|original", ""),
)


@dataclass(frozen=True)
class Reading:
    """One judge's "grammatical: no" on one question, as the judge saw it."""

    part: str  # the verdicts file's name
    id: str
    type: str
    prompt: str
    why: str
    cause: str


def cause_of(why: str, prompt: str, type_: str) -> str:
    """The first cause whose words the reason holds (and whose question shape fits)."""
    words = why.lower()
    for name, pattern, shape in CAUSES:
        if shape == "wh" and not _WH.match(prompt):
            continue
        if shape == "tf" and not type_.startswith("true"):
            continue
        if re.search(pattern, words):
            return name
    return "other"


def _sample_stem(verdicts: Path) -> str:
    """The sample's path without the reader's suffix ("-reader2", "-f163a") or extension."""
    return re.sub(r"(?:-reader2|-[fb]\d+[ab])?\.verdicts\.csv$", "", str(verdicts))


def _blocks(markdown: str) -> dict[str, str]:
    found = re.finditer(r"^## (\d+)\n(.*?)(?=^## \d+\n|\Z)", markdown, re.S | re.M)
    return {m.group(1): m.group(2) for m in found}


def readings(judging: Path = JUDGING_DIR) -> Iterator[Reading]:
    """Every "grammatical: no" of the verdicts files read for tuning."""
    for path in sorted(judging.rglob("*.verdicts.csv")):
        if outside.blind(path) or "threshold" in path.parts:
            continue
        stem = Path(_sample_stem(path))
        sample, key = stem.with_suffix(".md"), stem.with_suffix(".key.json")
        if not sample.exists() or not key.exists():
            continue
        blocks = _blocks(sample.read_text(encoding="utf-8"))
        keyed = json.loads(key.read_text(encoding="utf-8"))
        keyed = keyed.get("questions", keyed)
        with path.open(encoding="utf-8-sig") as handle:
            for row in csv.DictReader(handle):
                row = {k.strip().lower(): (v or "") for k, v in row.items() if k}
                if row.get("grammatical", "").strip().lower() != "no":
                    continue
                number = row["number"].strip()
                block = blocks.get(number, "")
                prompt = re.search(r"- Prompt: (.*)", block)
                type_ = re.search(r"- Type: (.*)", block)
                entry = keyed.get(number) if isinstance(keyed, dict) else None
                shown = prompt.group(1) if prompt else ""
                kind = type_.group(1) if type_ else ""
                yield Reading(
                    part=path.name,
                    id=entry.get("id", "") if isinstance(entry, dict) else "",
                    type=kind,
                    prompt=shown,
                    why=row["why"],
                    cause=cause_of(row["why"], shown, kind),
                )


def _banked(path: Path) -> dict[str, dict]:
    """The banked questions of a dump, by fact (a question id without its type suffix)."""
    dumped = json.loads(path.read_text(encoding="utf-8"))
    return {q["id"].rsplit("-", 1)[0]: q for split in dumped.values() for q in split["bank"]}


def table(rows: list[Reading], old: Path | None, new: Path | None, listing: bool) -> None:
    """Print readings and questions by cause, and how many are banked before and after."""
    banks = [_banked(p) for p in (old, new) if p is not None]
    by_cause: dict[str, list[Reading]] = defaultdict(list)
    for r in rows:
        by_cause[r.cause].append(r)
    head = "| cause | readings | questions |"
    head += " banked before: readings (questions) | banked after |" if banks else ""
    print(head)
    for cause, group in sorted(by_cause.items(), key=lambda c: -len(c[1])):
        line = f"| {cause} | {len(group)} | {len({r.id or r.prompt for r in group})} |"
        for bank in banks:
            kept = [r for r in group if r.id.rsplit("-", 1)[0] in bank]
            line += f" {len(kept)} ({len({r.id for r in kept})}) |"
        print(line)
    print(f"| total | {len(rows)} | {len({r.id or r.prompt for r in rows})} |")
    if listing and banks:
        for r in rows:
            fact = r.id.rsplit("-", 1)[0]
            if fact in banks[-1]:
                print(
                    f"banked: {r.cause} | {r.part} | {r.why[:100]}\n    {banks[-1][fact]['prompt']}"
                )


def dump(path: Path, splits: list[str]) -> None:
    """Write each tuning split's strict bank, review pool and refusals to `path`."""
    from app.generation import pipeline
    from bench import corpus
    from bench.figure_readings import _record

    unread = [s for s in splits if s not in READ_FOR_TUNING]
    if unread:
        raise SystemExit(f"not read for tuning: {', '.join(unread)}")
    nlp = corpus.load_nlp()
    out: dict[str, dict] = {}
    for split in splits:
        sources = corpus.load_sources() if split == "bundled" else outside.load_split(split)[0]
        result = pipeline.generate(sources, nlp, review_pool=True)
        bank = [q for q in result.questions if q.id not in result.pending]
        out[split] = {
            "bank_count": len(bank),
            "bank": [_record(q) for q in bank],
            "pool": [_record(q) for q in result.questions if q.id in result.pending],
            "refused": result.refused,
        }
        print(split, len(bank), dict(Counter(q.type for q in bank)), file=sys.stderr)
    path.write_text(json.dumps(out, ensure_ascii=False), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    """The table of causes, or a dump of the tuning splits' banks."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", nargs="*", help="dump OUT SPLIT ...")
    parser.add_argument("--banks", nargs=2, type=Path, metavar=("OLD", "NEW"))
    parser.add_argument("--list", action="store_true", help="the readings still banked")
    args = parser.parse_args(argv)
    if args.command[:1] == ["dump"]:
        dump(Path(args.command[1]), args.command[2:] or list(READ_FOR_TUNING))
        return 0
    old, new = args.banks or (None, None)
    table(list(readings()), old, new, args.list)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
