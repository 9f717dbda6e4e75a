"""Why judges rejected multiple-choice date questions, and which readings a rule of realize touches.

Run from the repository root:
    python -m bench.date_choices            # the reasons' kinds, then the readings the rule touches

The readings are those of `bench.figure_readings` (tuning material only, through
`sample_for_judging.readable_keys`: never a split in `outside.UNREAD`, the blind bundled-bank
samples or the threshold labels). A reason is sorted into kinds by its words (one reason may
name several); the rule (`realize._carries_more`: the phrase a "When"/"Where" question
removes says more than its target) is applied to the quote as the judge read it,
parsed anew: tuning figures.
"""

from __future__ import annotations

import re
import sys
from collections import Counter

from app.generation import realize
from bench import corpus
from bench.date_readings import date_span
from bench.figure_readings import Reading, readings

# Each kind of reason, by the words judges used for it.
KINDS = {
    "the stem lost its context": r"never (?:named|said|identified|stat)|lost (?:its )?context|"
    r"context (?:is )?lost|left out|refers to nothing|no clear referent|never says|omits|drops",
    "a time frame or forecast left out": r"time frame|forecast|.the last|will be",
    "garbled or ungrammatical": r"garbl|ungrammatical|stray|capital|comma|inversion|run-on|"
    r"misframed|nonsense|truncated|reads as",
    "an incidental detail": r"incidental|exact day|untested|framing|demands an exact",
    "general knowledge": r"general knowledge|guessable",
    "a wrong choice ruled out (before or after a bound)": r"predate|postdate|before|after|outside|"
    r"implausib|cannot be right|can't be right|absurd|rule[sd]? (?:them )?out|eliminable|"
    r"not plausible|impossible|only one that fits",
    "a wrong choice also true (by / already / another passage)": r"also true|defensib|defended|"
    r"not (?:clearly |actually )?wrong|arguable|several true|By which|.By \d|other periods|"
    r"many times|several periods",
    "the answer or a bound printed in the prompt": r"printed in|contains its own|narrows",
}


def touched(reading: Reading, nlp) -> bool | None:
    """Whether the rule refuses this reading's question (None: no adjunct phrase to ask)."""
    span = date_span(reading, nlp)
    if span is None:
        return None
    head = realize.constituent_head(span)
    verb = realize.clause_head(head)
    if verb is None or verb.dep_ not in realize.ALLOWED_CLAUSES:
        return None
    prep = realize._adjunct_phrase(head, verb, realize.ClauseParts(verb))
    if prep is None:
        return None
    return realize._carries_more(realize.subtree_ids(prep), span, prep)


def main() -> int:
    """Print the kinds of reasons, then the accepted / rejected readings the rule refuses."""
    rows = [r for r in readings("date") if r.type == "multiple_choice"]
    rejected = [r for r in rows if not r.acceptable]
    print(f"multiple-choice date readings: {len(rows)}, accepted {len(rows) - len(rejected)}")
    kinds = Counter(k for r in rejected for k, words in KINDS.items() if re.search(words, r.why))
    for kind in KINDS:
        print(f"  {kinds[kind]:3d} {kind}")
    nlp = corpus.load_nlp()
    counts: Counter = Counter()
    for reading in rows:
        hit = touched(reading, nlp)
        counts[hit, reading.acceptable] += 1
        if hit:
            print(f"  refused: {'yes' if reading.acceptable else 'no '} {reading.prompt[:100]}")
    for hit in (True, False):
        print(
            f"rule {'refuses' if hit else 'keeps'}: {counts[hit, True]} accepted, "
            f"{counts[hit, False]} rejected"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
