"""How many questions from wikitext articles show MediaWiki markup, counted field by field.

Generates over the outside corpus's `encyclopedia-wikitext-txt` texts of the chosen splits
(strict bank and review pool) and flags every prompt, answer, choice, explanation and quote that
shows template braces, link brackets, ref or HTML tags, comments, entities, table or infobox
pipes, heading equals signs, wiki quote marks, list bullets, or file, category and
interlanguage links.
Other splits are refused: their questions are for blind judges only. fresh4's wikitext texts
were read, with their questions, to build the wikitext reading (7 December 2026); fresh6 is
tuning material since the fourteenth session, fresh7 since the fifteenth (fresh8 is held out).

Run: `python -m bench.wikitext_residue [--split tune2 --split fresh4 --split fresh6] [--show N]`.
"""

from __future__ import annotations

import argparse
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from bench import corpus, outside

SHAPE = "encyclopedia-wikitext-txt"
READABLE_SPLITS = ("tune2", "fresh4", "fresh6", "fresh7")
FIELDS = ("prompt", "answer", "choices", "explanation", "quote")

_RESIDUE = {
    "template": r"\{\{|\}\}|\{\||\|\}",
    "link": r"\[\[|\]\]|\[https?://",
    "tag": r"</?(?:ref|br|small|span|div|sup|sub|gallery|math|nowiki|center|references"
    r"|blockquote)\b[^>]*>",
    "comment": r"<!--|-->",
    "entity": r"&(?:[a-zA-Z]{2,8}|#\d{2,6}|#[xX][0-9a-fA-F]{2,5});",
    "pipe": r"(?:^|\s)\|\s*\w+\s*=|\|\||\s\|\s",
    "heading": r"(?:^|\s)={2,}|={2,}(?:\s|$)",
    "quote_marks": r"''",
    "namespace": r"\b(?:File|Image|Category|thumb|upright)\s*[:|]|\|\s*(?:thumb|left|right)\b",
    "interlanguage": r"\[\[[a-z]{2,3}(?:-[a-z]+)?:",
    "bullet": r"(?:^|\s)[•*#]\s",
}
_RESIDUE_RE = re.compile("|".join(f"(?P<{k}>{v})" for k, v in _RESIDUE.items()), re.M)


def field_texts(question: Mapping[str, Any]) -> Iterable[tuple[str, str]]:
    """(field, text) for each piece of a question a learner reads or is quoted."""
    for field in FIELDS:
        value = question.get(field)
        if field == "quote" and isinstance(value, Mapping):
            value = value.get("text")
        if field == "choices" and value:
            for choice in value:
                yield field, str(choice)
        elif isinstance(value, str) and value:
            yield field, value
    for item in question.get("items") or ():
        yield "items", str(item.get("text", ""))


def residue_kinds(question: Mapping[str, Any]) -> list[tuple[str, str, str]]:
    """(field, kind, matched text) for every piece of markup a question shows."""
    found = []
    for field, text in field_texts(question):
        for match in _RESIDUE_RE.finditer(text):
            found.append((field, match.lastgroup or "", match.group()))
    return found


def wikitext_sources(splits: Sequence[str]) -> list[Any]:
    """The wikitext texts of the splits, extracted as an upload would be."""
    entries = [e for e in outside.load_manifest() if e["shape"] == SHAPE and e["split"] in splits]
    sources, failures = outside.load_split(None, entries)
    for failure in failures:
        print(f"warning: left out {failure}")
    return sources


def main(argv: Sequence[str] | None = None) -> int:
    """Print texts, questions and questions with markup residue, strict and review pool."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", action="append", choices=READABLE_SPLITS)
    parser.add_argument("--show", type=int, default=0, help="print N flagged questions")
    args = parser.parse_args(argv)
    sources = wikitext_sources(args.split or READABLE_SPLITS)
    nlp = corpus.load_nlp()
    for label, generator in (
        ("strict", corpus.DEFAULT_GENERATOR),
        ("review pool", "bench.recall:review_pool"),
    ):
        questions = corpus.generate_questions(sources, nlp, generator)
        flagged = [(q, residue_kinds(q)) for q in questions]
        flagged = [(q, kinds) for q, kinds in flagged if kinds]
        kinds = Counter(kind for _, found in flagged for kind in {k for _, k, _ in found})
        print(f"{label}: {len(sources)} texts, {len(questions)} questions, "
              f"{len(flagged)} with markup residue {dict(kinds.most_common())}")  # fmt: skip
        for question, found in flagged[: args.show]:
            source = question["quote"]["source"]
            print(f"  [{source}] {question['prompt']!r} -> {question.get('answer')!r}")
            print(f"     quote: {question['quote']['text']!r}")
            print(f"     found: {sorted({(f, k, t) for f, k, t in found})}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
