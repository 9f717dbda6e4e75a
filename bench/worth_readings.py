"""Why readers said a question is not worth asking, and what the fifteenth session's rules remove.

Run from the repository root:
    python -m bench.worth_readings            # causes by split, accepted by shape, each rule
    python -m bench.worth_readings --list     # every reading a rule removes

The readings (`judged_keys`) are every judged sample read for tuning (`readable_keys`) and, by
name, the samples of the splits opened for tuning after `outside.UNREAD` was written (fresh to
fresh5 and fresh7, `BY_NAME`), with every reader's file; never fresh8, a last blind
measurement (`outside.blind`) or the threshold labels. Each "worth asking" no is put under one
cause by the words of its reader's line (`cause`: the first that matches, so a line naming
two causes counts once). Each rule of the session is applied to the reading as its reader saw
it (prompt, keyed answer, quote parsed anew): tuning figures, not a measurement.
"""

from __future__ import annotations

import argparse
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from app.generation import context, figures, known, worth
from app.generation.sentence_bounds import sentence_before
from bench import corpus, outside
from bench.figure_readings import Reading, readable_keys, readings
from bench.sample_for_judging import JUDGING_DIR

# Splits still in outside.UNREAD whose judged samples are tuning material now (read by name).
BY_NAME = ("fresh", "fresh2", "fresh3", "fresh4", "fresh5", "fresh7")
NEVER = ("fresh8",)  # the held-out split: counts and hashes only

# A reader's reason, by the first pattern its line matches.
CAUSES = (
    (
        "giveaway",
        r"give[sn]? (?:the answer |it )?away|hands (?:over|the)|giveaway|fix(?:es)? the|"
        r"points? to the",
    ),
    (
        "general knowledge",
        r"general knowledge|common knowledge|well.known|guessable|\bguess",
    ),
    (
        "lost context",
        r"lost (?:its )?context|never (?:named|identified|said|given|introduced|expanded|"
        r"specified|explained|stated|dated)|unnamed|unidentified|no context|time frame|"
        r"of what|context",
    ),
    ("same fact as another question", r"duplicat|same (?:fact|question|sentence)|asked twice"),
    ("copied word for word, or an absurd swap", r"word for word|verbatim|copied|absurd"),
    (
        "incidental detail or trivia",
        r"incidental|trivia|minor|secondary|tests nothing|in passing|peripheral|untested|"
        r"pedantic|detail|numeral|drops the point",
    ),
    ("the source's own error", r"source error|source's (?:own )?error|factually"),
)


def judged_keys() -> list[Path]:
    """The key files read: every readable one, then those of BY_NAME's splits."""
    found = list(readable_keys())
    for split in BY_NAME:
        found += sorted(JUDGING_DIR.glob(f"{split}-*.key.json"))
    return [
        k
        for k in dict.fromkeys(found)
        if not outside.blind(k) and k.name.split("-")[0] not in NEVER
    ]


def cause(why: str) -> str:
    """The cause a reader's line names first (CAUSES), or "other"."""
    for name, pattern in CAUSES:
        if re.search(pattern, why, re.IGNORECASE):
            return name
    return "other"


def split_of(reading: Reading) -> str:
    """The split a reading's sample was drawn from, by its file name ("fresh7-stratified-...")."""
    first = reading.part.split("-")[0]
    return "bundled" if first in {"russia", "bundled"} else first


def _answer_at(reading: Reading) -> int:
    return reading.quote.find(reading.answer) if reading.answer else -1


def reference_numeral(reading: Reading, nlp) -> bool:
    """figures.REFERENCE_NUMERAL on the answer as the quote holds it."""
    at = _answer_at(reading)
    if reading.kind != "figure" or at < 0:
        return False
    span = nlp(reading.quote).char_span(at, at + len(reading.answer), alignment_mode="expand")
    return span is not None and figures.incidental_figure(span) == figures.REFERENCE_NUMERAL


def span_given_away(reading: Reading, _nlp) -> bool:
    """A decade or century whose year the prompt prints (worth.years_of, not the exact year)."""
    if reading.kind != "date" or worth.years_of(reading.answer) is None:
        return False
    return worth._year_printed(reading.prompt, reading.answer)


def an_example(reading: Reading, _nlp) -> bool:
    """A name its sentence gives as one example of a kind (worth.is_an_example)."""
    at = _answer_at(reading)
    if reading.kind in {"date", "figure"} or reading.type == "ordering" or at < 0:
        return False
    return worth.is_an_example(sentence_before(reading.quote, at))


def others_counted(reading: Reading, nlp) -> bool:
    """ "two other forms" left unsettled in the prompt (descriptions.counted_plural)."""
    if not re.search(r"\b(?:two|three|four|five|six|seven|eight|nine|ten) other\b", reading.prompt):
        return False
    refs = context.references(nlp(reading.quote)[:])
    return any(
        "other" in r.text.split() and not r.antecedent and r.text in reading.prompt for r in refs
    )


def earlier_in_the_day(reading: Reading, _nlp) -> bool:
    """A time "earlier in the day" (lost_context.RELATIVE_TIME) that the prompt keeps."""
    return bool(re.search(r"\bearlier (?:in|that) the\b", reading.prompt, re.IGNORECASE))


def landmark(reading: Reading, _nlp) -> bool:
    """A date of a landmark of a nation's history in the blank (known.landmark_date)."""
    return reading.kind == "date" and known.landmark_date(reading.prompt)


RULES: dict[str, Callable[[Reading, object], bool]] = {
    "a drawing's reference numeral (figures.py)": reference_numeral,
    "a decade or century given away by a year of it (worth.py)": span_given_away,
    "a name given as one example (worth.py, refusals.py)": an_example,
    '"two other forms" with nothing saying which (descriptions.py)': others_counted,
    '"earlier in the day" (lost_context.py)': earlier_in_the_day,
    "the date of a landmark of national history (known.py; famous14)": landmark,
}


def all_readings() -> Iterator[Reading]:
    """Every reading of every kind in the samples of `judged_keys`."""
    return readings(None, judged_keys())


def _count(rows: Sequence[Reading]) -> str:
    accepted = sum(r.acceptable for r in rows)
    return f"{accepted} accepted / {len(rows) - accepted} rejected"


def main(argv: list[str] | None = None) -> int:
    """Print the causes of the worth-asking rejections, the shapes read, and each rule's toll."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--list", action="store_true")
    args = parser.parse_args(argv)
    rows = list(all_readings())
    groups = {"fresh7": ["fresh7"], "fresh6": ["fresh6"], "all": None}
    for name, splits in groups.items():
        chosen = [r for r in rows if splits is None or split_of(r) in splits]
        unworthy = [r for r in chosen if not r.marks[4]]
        print(f"{name}: {len(chosen)} readings, {_count(chosen)}, {len(unworthy)} not worth asking")
        for why, n in Counter(cause(r.why) for r in unworthy).most_common():
            print(f"    {why}: {n}")
        shapes: dict[str, list[Reading]] = defaultdict(list)
        for r in chosen:
            shapes[f"{r.type}/{r.kind}"].append(r)
        for shape, read in sorted(shapes.items(), key=lambda s: -len(s[1])):
            worthless = sum(not r.marks[4] for r in read)
            print(f"      {shape}: {_count(read)}, {worthless} not worth asking")
    nlp = corpus.load_nlp()
    print("the rules, on every reading:")
    for name, rule in RULES.items():
        removed = [r for r in rows if rule(r, nlp)]
        facts = len({r.id.rsplit("-", 1)[0] for r in removed})
        print(f"  {name}: {_count(removed)} ({facts} questions)")
        if args.list:
            for r in removed:
                mark = "yes" if r.acceptable else "no "
                print(f"      {mark} {r.part}: {r.answer!r} | {r.prompt[:100]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
