"""What the stand-alone rules (issue 14 item 4) repair and refuse, measured by two runs' diff.

Run from the repository root:
    python -m bench.context_rules --dump bench/out/before.json     # on the commit before
    python -m bench.context_rules --dump bench/out/after.json      # on the commit after
    python -m bench.context_rules --compare bench/out/before.json bench/out/after.json

`--dump` records every candidate question the generator builds, before ranking (the wide
labelling pool of the tuning split, and the bundled texts at the bank's density), by id with
its prompt. `--compare` counts the questions whose prompt changed (repaired) or that are gone
(refused), by the rule that explains the change, and the acceptance among the tuning labels
(bench/judging/labels) of what each rule refuses and of what is kept. Only the tuning split and
the bundled texts are read: never the held-out texts.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from app.generation import pipeline
from app.generation.acceptability import INSTRUCTION
from app.generation.lost_context import (
    DANGLING_START,
    YEAR,
    anchored,
    time_bound,
    unanchored_time,
)
from bench import corpus

BUNDLED = "bundled"
TUNE = "tune"


def candidates(split: str, nlp) -> dict[str, str]:
    """Every question the generator builds for a split before ranking: id -> prompt."""
    built: list = []
    original = pipeline.build

    def recording(*args, **kwargs):
        questions = original(*args, **kwargs)
        built.extend(questions)
        return questions

    pipeline.build = recording
    try:
        if split == BUNDLED:
            pipeline.generate(corpus.load_sources(), nlp)
        else:
            from bench.label_for_ranker import generate_pool

            generate_pool(split, nlp)
    finally:
        pipeline.build = original
    return {q.id: q.prompt for q in built}


def rule_of(before: str, after: str | None) -> str:
    """Which rule explains the change from one prompt to the other."""
    body = INSTRUCTION.sub("", before)
    if after is None:
        if DANGLING_START.match(body):
            return "fragment refused"
        if not anchored(body) and unanchored_time(body):
            return "relative time, no year: refused"
        if not anchored(body) and time_bound(body):
            return "time-bound, no time frame: refused"
        return "refused (other: relative time cut from the prompt)"
    if after.count("…") < before.count("…"):
        return "fragment widened to its sentence"
    added = set(after.split()) - set(before.split())
    if any(YEAR.search(word) for word in added):
        return "time frame written in"
    return "reference written out (a name for a description or pronoun)"


def bundled_labels() -> dict[str, bool]:
    """Question id -> acceptable, from the blind verdicts on earlier bundled banks."""
    from bench.judged_tally import judged, parse_verdicts
    from bench.sample_for_judging import readable_keys

    labels: dict[str, bool] = {}
    for key_path in readable_keys():
        verdicts = key_path.with_name(key_path.name.replace(".key.json", ".verdicts.csv"))
        key = json.loads(key_path.read_text(encoding="utf-8")).get("questions")
        if not key or not verdicts.exists() or not judged(verdicts.read_text(encoding="utf-8")):
            continue  # no verdicts, or a sample whose readers wrote their own files (seed 160)
        expected = sorted(int(n) for n in key)
        for verdict in parse_verdicts(verdicts.read_text(encoding="utf-8"), expected):
            labels.setdefault(key[str(verdict.number)]["id"], verdict.acceptable)
    return labels


def _widened(prompt: str, fresh: list[str]) -> bool:
    """The prompt's words stand in a new question's prompt: its quote took the sentence before."""
    body = INSTRUCTION.sub("", prompt).strip("… ").replace("_____", "")
    probe = body[:40]
    return bool(probe) and any(probe in other.replace("_____", "") for other in fresh)


def compare(before: dict, after: dict, labels: dict[str, bool], show: bool = False) -> None:
    """Print counts by split and rule, and the judged acceptance of refused and kept questions."""
    for split in (TUNE, BUNDLED):
        old, new = before[split], after[split]
        rules: Counter[str] = Counter()
        judged: dict[str, list[bool]] = {}
        fresh_prompts = [p for q, p in new.items() if q not in old]
        for qid, prompt in old.items():
            now = new.get(qid)
            rule = "kept" if now == prompt else rule_of(prompt, now)
            if now is None and _widened(prompt, fresh_prompts):
                rule = "quote widened to the sentence before"
            rules[rule] += 1
            if qid in labels:
                judged.setdefault(rule, []).append(labels[qid])
        fresh = len(set(new) - set(old))
        print(f"\n{split}: {len(old)} candidates before, {len(new)} after ({fresh} new ids)")
        for rule, n in rules.most_common():
            marks = judged.get(rule, [])
            share = f"{sum(marks)}/{len(marks)} judged acceptable" if marks else "none judged"
            print(f"  {rule:45} {n:5}   {share}")
        if show:
            for qid, prompt in old.items():
                if new.get(qid) != prompt:
                    rule = rule_of(prompt, new.get(qid))
                    print(f"    {rule}: {prompt}\n      -> {new.get(qid)}")


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: dump one run's candidates, or compare two dumps."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dump", type=Path)
    parser.add_argument("--compare", type=Path, nargs=2)
    parser.add_argument("--show", action="store_true", help="print every changed prompt")
    args = parser.parse_args(argv)
    if args.dump:
        nlp = corpus.load_nlp()
        found = {split: candidates(split, nlp) for split in (TUNE, BUNDLED)}
        args.dump.write_text(json.dumps(found, indent=1), encoding="utf-8")
    if args.compare:
        from bench.train_ranker import labelled_ids

        before, after = (json.loads(p.read_text(encoding="utf-8")) for p in args.compare)
        compare(before, after, labelled_ids() | bundled_labels(), args.show)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
