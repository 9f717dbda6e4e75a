"""Acceptance rate of labelled tuning questions by the syntactic attachment of their blank.

Run from the repository root:
    python -m bench.attachment_table

Reads the blind labels of bench/judging/labels (tuning split only), parses each question's quote
with the pipeline's spaCy model, finds the keyed answer in it and classes the answer's head by
its path to the sentence root: an argument of the main verb, an adjunct of it, or buried in a
modifier of a noun (relative/participial clause, appositive, prepositional phrase). Prints
count, accepted and rate per class, to decide from data which attachments to refuse (issue 14).
"""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from pathlib import Path

from bench import corpus

LABELS_DIR = Path(__file__).parent / "judging" / "labels"
CRITERIA = ("grammatical", "answerable", "correct", "distractors", "worth_asking")
# Dependencies that keep the path inside one name ('Hassan' in 'Omar Hassan al-Bashir').
INSIDE_NAME = {"compound", "flat"}
NOUNISH = {"NOUN", "PROPN", "PRON", "NUM"}


def attachment(span) -> str:
    """The class of a span's attachment: main-verb argument, adjunct, or inside a noun modifier."""
    token = span.root
    path: list[str] = []
    while token.head.i != token.i:
        if token.dep_ not in INSIDE_NAME:
            path.append(token.dep_)
        token = token.head
    if not path:
        return "root"
    if {"acl", "relcl"} & set(path):
        return "in acl/relcl"
    if "appos" in path:
        return "in appos"
    if "parataxis" in path:
        return "in parataxis"
    if len(path) == 1:
        return f"main verb {path[0]}"
    if path[:2] == ["pobj", "prep"] and len(path) == 2:
        return "main verb prep>pobj"
    head = span.root
    while head.dep_ in INSIDE_NAME:
        head = head.head
    if head.dep_ == "pobj":
        governor = head.head.head
        return "pobj, prep under " + ("noun" if governor.pos_ in NOUNISH else governor.pos_.lower())
    return "other deeper"


def labelled() -> list[tuple[str, str, bool]]:
    """(keyed answer, quote, accepted) for every labelled tuning question."""
    rows = []
    for md in sorted(LABELS_DIR.glob("tune-*.md")):
        verdicts_path = md.with_name(md.stem + ".verdicts.csv")
        with verdicts_path.open(encoding="utf-8") as handle:
            verdicts = {r["number"]: r for r in csv.DictReader(handle)}
        parts = re.split(r"\n## (\d+)\n", md.read_text(encoding="utf-8"))
        for number, body in zip(parts[1::2], parts[2::2], strict=True):
            answer = re.search(r"Keyed answer: (.*)", body)
            quote = re.search(r"Quote:\n> (.*)", body)
            if answer and quote and number in verdicts:
                ok = all(verdicts[number][c] == "yes" for c in CRITERIA)
                rows.append((answer.group(1).strip(), quote.group(1).strip(), ok))
    return rows


def main() -> None:
    """Print the acceptance table by attachment class."""
    nlp = corpus.load_nlp()
    tally: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    rows = labelled()
    for answer, quote, ok in rows:
        start = quote.find(answer)
        span = None
        if start >= 0:
            span = nlp(quote).char_span(start, start + len(answer), alignment_mode="expand")
        kind = attachment(span) if span is not None else "answer not in quote"
        tally[kind][0] += 1
        tally[kind][1] += ok
    base = sum(ok for *_, ok in rows) / len(rows)
    print(f"{len(rows)} labelled questions, base acceptance {base:.2f}")
    print(f"{'attachment':32s} {'n':>4s} {'ok':>4s} {'rate':>5s}")
    for kind, (n, ok) in sorted(tally.items(), key=lambda item: -item[1][0]):
        print(f"{kind:32s} {n:4d} {ok:4d} {ok / n:5.2f}")


if __name__ == "__main__":
    main()
