"""Where the facts of news pages go: per page, the facts found and the stage that drops each.

Run from the repository root:
    python -m bench.news_yield                      # news pages of tune, tune2 and heldout
    python -m bench.news_yield --splits tune fresh4 # any of the splits read for tuning

Each news page (a manifest shape ending in "news-html") is generated alone, as one upload, as
`quire generate` would (learned ranker, strict threshold), and once more as a reviewer's pool
(`review_pool=True`). Its facts are followed through the stages (bench.yield_loss): refused as
the text's default guess, refused for another reason (refusals.py), no prompt that stands alone
(settling.py), the learned ranker, the choice of one per sentence or answer, kept. The bank keeps
only dates, figures and equipment (choosing.BANK_SHAPES), so those are counted apart.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Iterable, Sequence

from app.generation import pipeline
from bench import corpus
from bench.outside import CORPUS_DIR, TUNING, load_manifest, load_split
from bench.yield_loss import NO_QUESTION, trace_sources

# The splits whose texts and questions may be read while tuning (fresh6 since the fourteenth
# session, when fresh7 replaced it as the split measured on; fresh7 since the fifteenth, when
# fresh8 replaced it).
READABLE = (*TUNING, "heldout", "fresh4", "fresh5", "fresh6", "fresh7")
BANKED_KINDS = frozenset({"date", "figure", "equipment"})
STAGES = ("guess", "refused", "no prompt", "ranker", "choice", "kept")
CHOICE = frozenset({"per-text cap", "one per sentence", "answer asked already / given elsewhere"})


def stage(reason: str) -> str:
    """The column a fact's reason for leaving the bank (bench.yield_loss) is counted in."""
    if reason == "produced":
        return "kept"
    if reason == NO_QUESTION:
        return "no prompt"
    if reason.startswith("the text's default guess"):
        return "guess"
    if reason.startswith("ranker"):
        return "ranker"
    return "choice" if reason in CHOICE else "refused"


def news_entries(splits: Iterable[str]) -> list[dict]:
    """The manifest's news pages of the splits, in manifest order."""
    wanted = set(splits)
    return [e for e in load_manifest() if e["split"] in wanted and e["shape"].endswith("news-html")]


def page_row(source, nlp) -> dict:
    """One page's words, facts by stage (all kinds, and the kinds a bank keeps), kept, pool."""
    why, result, facts = trace_sources([source], nlp)
    pool = pipeline.generate([source], nlp, review_pool=True)
    kinds = {fact.id: fact.kind for fact in facts}
    every = Counter(stage(why.get(f.id, NO_QUESTION)) for f in facts)
    banked = Counter(
        stage(why.get(f, NO_QUESTION)) for f, kind in kinds.items() if kind in BANKED_KINDS
    )
    return {
        "words": len(source.text.split()),
        "found": len(facts),
        "every": every,
        "banked": banked,
        "reasons": Counter(why.get(f.id, NO_QUESTION) for f in facts),
        "kept": len({q.fact for q in result.questions}),
        "pool": len({q.fact for q in pool.questions}),
    }


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: one line per news page, the totals, and the reasons over all pages."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--splits", nargs="+", default=[*TUNING, "heldout"], choices=READABLE)
    args = parser.parse_args(argv)
    entries = news_entries(args.splits)
    sources, failures = load_split(None, entries, CORPUS_DIR)
    nlp = corpus.load_nlp()
    head = " ".join(f"{s:>9s}" for s in STAGES)
    print(f"{'page':40s} {'words':>6s} {'found':>5s} {head} | banked: {head} | kept pool")
    total: Counter = Counter()
    reasons: Counter = Counter()
    for source in sources:
        row = page_row(source, nlp)
        every = " ".join(f"{row['every'][s]:9d}" for s in STAGES)
        banked = " ".join(f"{row['banked'][s]:9d}" for s in STAGES)
        print(
            f"{source.id[:40]:40s} {row['words']:6d} {row['found']:5d} {every} | {banked}"
            f" | {row['kept']:4d} {row['pool']:4d}"
        )
        total.update({k: row[k] for k in ("words", "found", "kept", "pool")})
        total.update({f"every {s}": row["every"][s] for s in STAGES})
        total.update({f"banked {s}": row["banked"][s] for s in STAGES})
        total["none kept"] += row["kept"] == 0
        reasons.update(row["reasons"])
    every = " ".join(f"{total[f'every {s}']:9d}" for s in STAGES)
    banked = " ".join(f"{total[f'banked {s}']:9d}" for s in STAGES)
    print(
        f"{f'all {len(sources)} pages':40s} {total['words']:6d} {total['found']:5d} {every} |"
        f" {banked} | {total['kept']:4d} {total['pool']:4d}"
    )
    print(f"pages with no question kept: {total['none kept']}")
    for reason, n in reasons.most_common():
        print(f"{n:6d} {reason}")
    print("\n".join(f"not read: {failure}" for failure in failures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
