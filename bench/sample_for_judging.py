"""A blind sample of generated questions for a judge (by ../shared/JUDGING.md), and its key.

Run from the repository root:
    python -m bench.sample_for_judging --split fresh --seed 7 --stratify
    python -m bench.sample_for_judging --pack questions/packs/russia-iran.json --seed 7 -n 40

Writes OUT.md (what the judge reads: each question as a learner and a teacher would see it,
with its quote, explanation and source, and nothing about the generator's internals),
OUT.verdicts.csv (the table the judge fills) and OUT.key.json (number -> question id, type
and source, for bench.judged_tally). OUT defaults to bench/judging/<what>-seed<S>.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import subprocess
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from bench import corpus, outside
from bench.coverage import sample_questions

ROOT = Path(__file__).resolve().parents[1]
JUDGING_DIR = ROOT / "bench" / "judging"
CRITERIA = ("grammatical", "answerable", "correct", "distractors", "worth_asking")
VERDICT_HEADER = ("number", *CRITERIA, "why")
SUFFIXES = (".md", ".verdicts.csv", ".key.json")
TYPE_NAMES = {
    "multiple_choice": "multiple choice",
    "cloze": "cloze (fill in the blank)",
    "true_false": "true/false",
    "ordering": "ordering",
}

Question = Mapping[str, Any]

INSTRUCTIONS = """\
The questions below were made automatically from the texts named under each one. Judge each
by the five criteria of JUDGING.md (grammatical, answerable, correct, distractors, worth
asking), each yes or no, and write them into the verdicts file beside this one
({verdicts}): one row per number, `yes` or `no` in each criterion's column and, for any
no, one line in `why`. A question is acceptable when all five are yes.

Typed answers (fill in the blank) are graded by the program a learner meets, not letter for
letter: besides the keyed answer and the forms "Also accepted", it takes {grading}.
"""

# What the grader takes besides the listed forms, each shown with an example that
# tests/test_bench_recall_judging.py checks against app.study.answers, so the judge is told
# the truth about the key.
GRADING_EXAMPLES = (
    ("any case, accents, punctuation and a leading article", "the Caspian Sea", "caspian sea", ""),
    ("the same date written another way", "2 September 2019", "September 2, 2019", "date"),
    ("the same amount written another way", "fifteen years", "15 years", "figure"),
    ("a person's surname alone", "Ali Akbar Velayati", "Velayati", "person"),
    ("a small typo in a longer answer", "Khamenehi", "Khamenei", "person"),
)


def grading_rules() -> str:
    """The grader's tolerances in words, each with its example."""
    return "; ".join(
        f"{rule} (“{typed}” for “{answer}”)" for rule, answer, typed, _ in GRADING_EXAMPLES
    )


def _block(label: str, text: str) -> list[str]:
    lines = text.splitlines() or [""]
    return [f"{label}", *[f"> {line}" for line in lines], ""]


def format_for_judge(number: int, question: Question, source_names: Mapping[str, str]) -> str:
    """One question in Markdown: what the learner sees, the key, and where it comes from."""
    quote = question.get("quote") or {}
    lines = [
        f"## {number}",
        "",
        f"- Type: {TYPE_NAMES.get(question.get('type', ''), question.get('type'))}",
        f"- Kind: {question.get('kind')}",
        f"- Prompt: {question.get('prompt')}",
    ]
    for letter, choice in zip("abcdefgh", question.get("choices", ()), strict=False):
        lines.append(f"    - ({letter}) {choice}")
    if question.get("items"):
        lines.append("- Items, in the keyed order:")
        for position, item in enumerate(question["items"], 1):
            date = f" [{item['date']}]" if item.get("date") else ""
            lines.append(f"    {position}. {item.get('text')}{date}")
    lines.append(f"- Keyed answer: {question.get('answer')}")
    if question.get("accept"):
        lines.append(f"- Also accepted: {'; '.join(question['accept'])}")
    if question.get("correction"):
        lines.append(f"- Correction of the false statement: {question['correction']}")
    source = quote.get("source", "")
    lines.append(f"- Source: {source_names.get(source, source)}")
    lines.append("")
    lines += _block("Quote:", quote.get("text", ""))
    for item in question.get("items", ()):
        item_quote = (item.get("quote") or {}).get("text")
        if item_quote and item_quote != quote.get("text"):
            lines += _block(f"Quote for “{item.get('text')}”:", item_quote)
    lines += _block("Explanation:", question.get("explanation") or "")
    return "\n".join(lines)


def write_sample(
    sample: Sequence[Question],
    source_names: Mapping[str, str],
    out: Path,
    about: Mapping[str, Any],
) -> tuple[Path, Path, Path]:
    """Write OUT.md, OUT.verdicts.csv (numbers filled in, marks empty) and OUT.key.json."""
    out.parent.mkdir(parents=True, exist_ok=True)
    markdown, verdicts, key = (Path(f"{out}{suffix}") for suffix in SUFFIXES)
    body = [
        f"# Questions to judge ({len(sample)})",
        "",
        INSTRUCTIONS.format(verdicts=verdicts.name, grading=grading_rules()),
    ]
    body += [format_for_judge(n, q, source_names) for n, q in enumerate(sample, 1)]
    markdown.write_text("\n".join(body) + "\n", encoding="utf-8")
    with verdicts.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(VERDICT_HEADER)
        writer.writerows([n, *([""] * len(CRITERIA)), ""] for n in range(1, len(sample) + 1))
    entries = {
        str(n): {
            "id": q["id"],
            "type": q.get("type"),
            "kind": q.get("kind"),
            "source": (q.get("quote") or {}).get("source"),
        }
        for n, q in enumerate(sample, 1)
    }
    key.write_text(
        json.dumps({**about, "questions": entries}, indent=1, ensure_ascii=False) + "\n",
        encoding="utf-8",
    )
    return markdown, verdicts, key


def pack_questions(path: Path) -> tuple[list[dict[str, Any]], dict[str, str]]:
    """A pack's questions and its sources' display names."""
    pack = json.loads(path.read_text(encoding="utf-8"))
    names = {s["id"]: s.get("title") or s["id"] for s in pack.get("sources", ())}
    return list(pack["questions"]), names


def split_questions(split: str, generator: str) -> tuple[list[dict[str, Any]], dict[str, str]]:
    """Generate over one split of the outside corpus; texts that cannot be read are reported."""
    sources, failures = outside.load_split(split)
    for failure in failures:
        print(f"warning: left out {failure}", file=sys.stderr)
    names = {source.id: source.title for source in sources}
    return corpus.generate_questions(sources, generator=generator), names


def stratified_sample(questions: Sequence[Question], n: int, seed: int) -> list[Question]:
    """n questions taken in turn from each source, so a long text cannot fill the sample.

    Within a source questions are ranked as in bench.coverage.sample_questions (a hash of
    seed and id); the sources take turns in an order that also depends on the seed.
    """
    by_source: dict[str, list[Question]] = {}
    for question in sample_questions(questions, len(questions), seed):
        by_source.setdefault((question.get("quote") or {}).get("source", ""), []).append(question)
    turns = [by_source[source] for source in sorted(by_source, key=lambda s: _rank(seed, s))]
    drawn: list[Question] = []
    while len(drawn) < min(n, len(questions)):
        for queue in turns:
            if queue and len(drawn) < n:
                drawn.append(queue.pop(0))
    return drawn


def readable_keys(*directories: Path) -> list[Path]:
    """The judged samples' key files a developer may read (by default in JUDGING_DIR): none
    drawn from a split nobody has read (`outside.UNREAD`), by its key or by its name, nor a
    last blind measurement (`outside.blind`, by its name: its file is never opened)."""
    readable = []
    for directory in directories or (JUDGING_DIR,):
        for path in sorted(directory.glob("*.key.json")):
            if outside.blind(path):
                continue
            split = json.loads(path.read_text(encoding="utf-8")).get("split")
            # The name too: a sample written with --out, or before keys recorded their split.
            if split not in outside.UNREAD and path.name.split("-")[0] not in outside.UNREAD:
                readable.append(path)
    return readable


def _rank(seed: int, text: str) -> str:
    return hashlib.sha256(f"{seed}:{text}".encode()).hexdigest()


def _head_commit() -> str:
    """The checkout's commit, so a judged sample names the generator version it came from."""
    try:
        return subprocess.run(
            ["git", "-C", str(ROOT), "rev-parse", "HEAD"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: draw the sample, write the three files, say where they are."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    what = parser.add_mutually_exclusive_group(required=True)
    what.add_argument("--pack", type=Path, help="sample an existing pack")
    what.add_argument("--split", choices=outside.SPLITS, help="generate over a corpus split")
    parser.add_argument("-n", type=int, default=40, help="questions to draw (default 40)")
    parser.add_argument("--seed", type=int, required=True, help="chosen before looking")
    parser.add_argument("--generator", default=corpus.DEFAULT_GENERATOR, help="module:function")
    parser.add_argument(
        "--stratify", action="store_true", help="take questions from each text in turn"
    )
    parser.add_argument("--out", type=Path, help="path without extension")
    args = parser.parse_args(argv)

    if args.pack:
        questions, names = pack_questions(args.pack)
        label, about = args.pack.stem, {"pack": str(args.pack)}
    else:
        questions, names = split_questions(args.split, args.generator)
        label, about = args.split, {"split": args.split, "generator": args.generator}
    if not questions:
        print("No questions to sample.", file=sys.stderr)
        return 2
    draw = stratified_sample if args.stratify else sample_questions
    sample = draw(questions, args.n, args.seed)
    label += "-stratified" if args.stratify else ""
    out = args.out or JUDGING_DIR / f"{label}-seed{args.seed}"
    about = {**about, "seed": args.seed, "stratified": args.stratify}
    about |= {"drawn": len(sample), "of": len(questions)}
    about["quire_commit"] = _head_commit()
    for path in write_sample(sample, names, out, about):
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
