"""Which answers a learner would guess without reading: judged per text and per kind.

A name that takes a large share of its text's mentions of its kind (the country an article
is about, the leader it follows) is the default guess for any blank of that kind in that
text. Names mentioned less often stay askable, however often they occur in absolute terms:
the generals, forts and cities of an article on a war are what a reader learns from it.
"""

from __future__ import annotations

from collections import Counter, defaultdict

from app.generation.mentions import NAME_KINDS, Mention, is_alias, normalise

# A name is the text's default guess when it has this share of the text's mentions of its
# kind, and is mentioned at least MIN_MENTIONS times.
DEFAULT_SHARE = 0.15
MIN_MENTIONS = 5


class Salience:
    """Mention counts per text and kind, to tell the default guesses from the rest."""

    def __init__(self) -> None:
        self.counts: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
        # Answers by (text, name), asked once per fact and per name: each compares the name
        # with every name of its text. A new mention forgets them.
        self._guessable: dict[tuple[str, str], bool] = {}

    def add(self, source: str, mention: Mention) -> None:
        """Count one mention of a name in one text."""
        if mention.kind not in NAME_KINDS:
            return
        key = normalise(mention.text)
        if key:
            self.counts[source, mention.kind][key] += 1
            self._guessable.clear()

    def guessable(self, source: str, key: str) -> bool:
        """True when `key` is a default guess of the text, whatever kind it was counted as."""
        known = self._guessable.get((source, key))
        if known is None:
            known = self._guessable[source, key] = self._guessed(source, key)
        return known

    def _guessed(self, source: str, key: str) -> bool:
        for (src, _kind), counts in self.counts.items():
            if src != source or key not in counts:
                continue
            # "Putin" and "Vladimir Putin" are one person's mentions.
            n = sum(c for k, c in counts.items() if k == key or is_alias(k, key))
            if n >= MIN_MENTIONS and n >= DEFAULT_SHARE * sum(counts.values()):
                return True
        return False

    def anywhere(self) -> set[str]:
        """Every name that is a default guess in some text (never a good wrong choice)."""
        out = set()
        for (source, _kind), counts in self.counts.items():
            out |= {k for k, c in counts.items() if c > 1 and self.guessable(source, k)}
        return out


# Two names written together in this many sentences of a text are a habitual pair ("Moscow and
# Tehran"): with one in the prompt, the other is the guess for the blank.
PAIR_SENTENCES = 4


def habitual_pairs(sentences: list[tuple[str, frozenset[str]]]) -> set[tuple[str, str, str]]:
    """(source, a, b) for names written together in PAIR_SENTENCES sentences of one text;
    `sentences` holds each sentence's source and normalised names, once per sentence."""
    together: Counter[tuple[str, str, str]] = Counter()
    for source, names in sentences:
        for a in names:
            for b in names:
                if a != b:
                    together[source, a, b] += 1
    return {key for key, n in together.items() if n >= PAIR_SENTENCES}
