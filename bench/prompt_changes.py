"""Which labelled tuning questions a change to the prompts' settling alters: dropped, changed, new.

Run from the repository root, once on the old code and once on the new:
    python -m bench.prompt_changes dump /tmp/old.json     # (PYTHONPATH at the old tree)
    python -m bench.prompt_changes dump /tmp/new.json
    python -m bench.prompt_changes diff /tmp/old.json /tmp/new.json

`dump` generates over the tuning splits and the bundled texts and keeps every built question's
prompt as settling left it (None: refused as standing alone), before any ranking; `diff` lists
the labelled questions (bench/judging/labels/tune*, bench/judging/russia-iran-*) whose prompt
differs, with the judges' verdict, and counts them by verdict. Tuning labels only: the held-out
splits are never read here.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from app.generation import corpus_questions, pipeline
from bench import corpus, outside
from bench.label_for_ranker import split_sources
from bench.outside import TUNING
from bench.sample_for_judging import JUDGING_DIR
from bench.yield_loss import judged
from bench.yield_loss import labels as split_labels

BUNDLED = "bundled"


def dump(path: Path) -> None:
    """Every built question's settled prompt (or None), by split and question id."""
    nlp = corpus.load_nlp()
    prompts: dict[str, dict[str, str | None]] = {}
    standing = corpus_questions._standing_alone

    def keep(question, fact):
        settled = standing(question, fact)
        prompts[split][question.id] = settled.prompt if settled else None
        return settled

    corpus_questions._standing_alone = keep
    try:
        for split in (*TUNING, BUNDLED):
            prompts[split] = {}
            sources = corpus.load_sources() if split == BUNDLED else split_sources(split)
            pipeline.generate(sources, nlp, learned_ranker=False)
    finally:
        corpus_questions._standing_alone = standing
    path.write_text(json.dumps(prompts, indent=1, ensure_ascii=False), encoding="utf-8")


def bundled_labels() -> dict[str, bool]:
    """Each labelled question id of the bundled bank's tuning samples, and its verdict."""
    keys = JUDGING_DIR.glob("russia-iran-*.key.json")
    return judged(sorted(path for path in keys if not outside.blind(path)))


def diff(old_path: Path, new_path: Path) -> Counter:
    """Print each labelled question whose prompt differs; the counts by change and verdict."""
    old = json.loads(old_path.read_text(encoding="utf-8"))
    new = json.loads(new_path.read_text(encoding="utf-8"))
    counts: Counter = Counter()
    for split in (*TUNING, BUNDLED):
        verdicts = bundled_labels() if split == BUNDLED else split_labels(split)
        for qid, ok in sorted(verdicts.items()):
            before, after = old[split].get(qid), new[split].get(qid)
            if before == after:
                continue
            change = "new" if before is None else "dropped" if after is None else "changed"
            counts[change, "accepted" if ok else "rejected"] += 1
            print(f"{split} {qid} [{'accepted' if ok else 'rejected'}] {change}")
            print(f"  before: {before}\n  after:  {after}")
    for (change, verdict), n in sorted(counts.items()):
        print(f"{change} {verdict}: {n}")
    return counts


def main(argv: Sequence[str] | None = None) -> int:
    """`dump OUT` or `diff OLD NEW`."""
    args = list(sys.argv[1:] if argv is None else argv)
    if args[:1] == ["dump"] and len(args) == 2:
        dump(Path(args[1]))
    elif args[:1] == ["diff"] and len(args) == 3:
        diff(Path(args[1]), Path(args[2]))
    else:
        print(__doc__, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
