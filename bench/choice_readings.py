"""Every tuning reading of a multiple-choice question, by outcome and cause, and what the
rewrite rules of realize turn from choice into cloze.

Run from the repository root:
    python -m bench.choice_readings DUMP.json              # the table, for questions DUMP banks
    python -m bench.choice_readings DUMP.json --list       # and each rejected reading
    python -m bench.choice_readings BEFORE.json AFTER.json # and the readings whose choice left

DUMP is `python -m bench.figure_readings dump` of the readable splits. The readings are those
of `bench.figure_readings` (readable keys) plus the judged samples of fresh to fresh5, read by
name: tuning material since earlier sessions, though `outside.UNREAD` still lists their
splits. Never fresh8, the blind bundled sample (`outside.blind`) or the threshold labels. A
rejection's cause is the first kind its reason's words name (CAUSES, in order): tuning
figures, not measurements.
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

from app.generation import realize
from bench import corpus, outside
from bench.date_readings import date_span
from bench.figure_readings import Reading, readable_keys, readings
from bench.sample_for_judging import JUDGING_DIR

# Splits read for tuning by the name of their samples (outside.UNREAD lists them still).
BY_NAME = ("fresh", "fresh2", "fresh3", "fresh4", "fresh5")

# A rejection's cause, by the words of its reason: the first that matches.
CAUSES = {
    "leftovers or markup": r"markup|leftover|wikitext|bullet|residue|table text|footnote|"
    r"typograph|boilerplate",
    "garbled rewrite": r"garbl|ungrammat|nonsense prompt|malformed|awkward|run-on|mixes tenses|"
    r"inversion|truncated|stray (?:comma|capital)|capitalised|reads as|misframed|lacks|clumsy|"
    r"meaningless|ill-formed",
    "given away or general knowledge": r"give[sn]? (?:the (?:answer|expansion) )?away|"
    r"contains its own|general knowledge|guessable|printed in|stands out|tests nothing",
    "lost context": r"never (?:named|identified|said|stated)|lost (?:its )?context|no clear "
    r"referent|which \w+ is meant|refers to nothing|unnamed|not named|context lost|never says|"
    r"drops|whose|no period",
    "a choice ruled out or also true": r"predate|postdate|before|after|implausib|impossible|"
    r"absurd|also true|also a year|also be right|arguably|defensib|defended|outside|rules? them|"
    r"not (?:clearly )?wrong|cannot be|can't be|ruled? out|not an? |not (?:individual|rivers)|"
    r"same kind|is called an|nonsense|arbitrary|junk|made-up",
    "incidental detail or time frame": r"incidental|untested|exact day|time frame|forecast|trivia",
    "answer key": r"key|answer is|does not answer|hedge|range",
}


def choice_readings() -> list[Reading]:
    """Every readable multiple-choice reading, fresh to fresh5's by name."""
    keys = readable_keys()
    for split in BY_NAME:
        keys += [k for k in sorted(JUDGING_DIR.glob(f"{split}-*.key.json")) if not outside.blind(k)]
    return [r for r in readings(None, keys) if r.type == "multiple_choice"]


def cause(reading: Reading) -> str:
    """The first cause whose words the reason uses ("accepted" for an accepted reading)."""
    if reading.acceptable:
        return "accepted"
    found = (c for c, words in CAUSES.items() if re.search(words, reading.why, re.I))
    return next(found, "other")


def fact(question_id: str) -> str:
    """The fact a question was built from (its id's first part: "3a57b061d440-mc-ab")."""
    return question_id.split("-")[0]


def standing(dumped: dict) -> dict[str, str]:
    """Each banked fact's question type ("multiple_choice", "cloze", ...) in a dump."""
    types: dict[str, str] = {}
    for split in dumped.values():
        for q in split.get("bank", ()):
            if types.get(fact(q["id"])) != "multiple_choice":
                types[fact(q["id"])] = q["type"]
    return types


def table(rows: list[Reading], banked: dict[str, str]) -> None:
    """Readings of still-banked choices by kind and cause, then the others' count."""
    kept = [r for r in rows if banked.get(fact(r.id)) == "multiple_choice"]
    cells = Counter((r.kind, cause(r)) for r in kept)
    kinds = sorted({r.kind for r in kept}, key=lambda k: -sum(r.kind == k for r in kept))
    print("cause | " + " | ".join(kinds) + " | all")
    for c in ["accepted", *CAUSES, "other"]:
        counts = [cells[k, c] for k in kinds]
        print(f"{c} | " + " | ".join(map(str, counts)) + f" | {sum(counts)}")
    print(f"still banked as a choice: {len(kept)} of {len(rows)} readings")
    elsewhere = Counter(banked.get(fact(r.id), "not banked") for r in rows if r not in kept)
    print(f"  the others' questions today: {dict(elsewhere)}")


def moved(
    rows: list[Reading], before: dict[str, str], after: dict[str, str], compared: set[str]
) -> None:
    """The readings whose question was banked as a choice before and is not after (of the
    facts in `compared`: the splits both dumps wrote out)."""
    left: dict[str, list[Reading]] = defaultdict(list)
    for r in rows:
        if fact(r.id) not in compared:
            continue  # a split the second dump did not write out
        if before.get(fact(r.id)) == "multiple_choice" != after.get(fact(r.id)):
            left[after.get(fact(r.id), "not banked")].append(r)
    for now, gone in left.items():
        accepted = sum(r.acceptable for r in gone)
        print(f"choice -> {now}: {accepted} accepted / {len(gone) - accepted} rejected")
        for r in gone:
            print(f"    {'yes' if r.acceptable else 'no '} {r.part}: {r.prompt[:110]}")


# The rules this count is about, by their names in realize (each returns whether it refuses).
RULES = ("_split_subject", "_another_date")


def asked(reading: Reading, nlp, rules: bool = True) -> bool | None:
    """Whether realize asks a date or place reading's question on its quote parsed anew
    (with the RULES or without them); None when the answer is not found in the quote."""
    span = date_span(reading, nlp)  # a place's answer is found the same way, as written
    if span is None:
        return None
    wh = "Where" if reading.kind == "place" else "In which year"
    saved = {name: getattr(realize, name) for name in RULES}
    try:
        if not rules:
            for name in RULES:
                setattr(realize, name, lambda *_: False)
        return realize.ask(span, wh, adjunct=True) is not None
    finally:
        for name, rule in saved.items():
            setattr(realize, name, rule)


def rule_effect(rows: list[Reading]) -> None:
    """Date and place readings whose question realize asks without the RULES and not with them."""
    nlp = corpus.load_nlp()
    counts: Counter = Counter()
    for r in rows:
        if r.kind not in {"date", "place"}:
            continue
        before, after = asked(r, nlp, rules=False), asked(r, nlp)
        counts[bool(before and not after), r.acceptable] += 1
        if before and not after:
            print(f"    refused: {'yes' if r.acceptable else 'no '} {r.part}: {r.prompt[:100]}")
    print(
        f"the rules refuse, on the quotes: {counts[True, True]} accepted / "
        f"{counts[True, False]} rejected (of {sum(counts.values())} date and place readings)"
    )


def main(argv: list[str] | None = None) -> int:
    """Print the table for the first dump, and with a second what moved between them."""
    args = sys.argv[1:] if argv is None else argv
    dumps = [json.loads(Path(a).read_text(encoding="utf-8")) for a in args if a != "--list"]
    rows = choice_readings()
    banked = standing(dumps[0])
    table(rows, banked)
    if "--list" in args:
        for r in rows:
            if not r.acceptable and banked.get(fact(r.id)) == "multiple_choice":
                print(f"{cause(r)} | {r.part}: {r.prompt[:120]}\n    why: {r.why[:200]}")
    if len(dumps) > 1:
        both = dumps[0].keys() & dumps[1].keys()
        compared = {fact(q["id"]) for s in both for q in dumps[0][s].get("bank", ())}
        moved(rows, banked, standing(dumps[1]), compared)
    rule_effect(rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
