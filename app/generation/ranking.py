"""Scoring, de-duplicating and choosing the questions worth keeping.

Quality says how good a question is as a question (its form, how specific its answer is, how
well it reads); difficulty estimates how hard it is to answer. Both are in [0, 1].
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Collection, Mapping, Sequence
from dataclasses import replace

from app.generation.acceptability import (
    INSTRUCTION,
    form_of,
)
from app.generation.choosing import MIN_PER_TEXT, chosen, gated, learned_forms
from app.generation.mentions import normalise, similar
from app.generation.types import CLOZE, MULTIPLE_CHOICE, ORDERING, TRUE_FALSE, Question

MIN_QUALITY = 0.55
FREQUENT = 8  # a name mentioned this often is guessable in a blank
FORM_QUALITY = {
    "wh": 1.0,
    "blank": 0.65,
    "ab": 0.85,
    "who": 0.85,
    "role": 0.8,
    CLOZE: 0.75,
    TRUE_FALSE: 0.7,
}
BASE_DIFFICULTY = {TRUE_FALSE: 0.2, MULTIPLE_CHOICE: 0.35, ORDERING: 0.55, CLOZE: 0.65}
NEAR_WINDOW = 16
# Questions on one sentence feel like the same question (judges marked such pairs down, and one
# prompt gives away the other's answer): one fact per sentence,
# each asked in one form only (its best).
FACTS_PER_GROUP = 1
TYPE_ORDER = {MULTIPLE_CHOICE: 0, TRUE_FALSE: 1, CLOZE: 2, ORDERING: 3}


def quality(question: Question, mentions: int) -> float:
    """How good the question is: form, answer specificity, readable length, answer salience."""
    if question.type == ORDERING:
        return 0.8
    form = form_of(question)
    score = FORM_QUALITY.get(form, 0.6) + question.quality
    # A wh-question should read as one sentence; a passage (cloze, statement) may run longer.
    words = len(INSTRUCTION.sub("", question.prompt).split())
    limit = 30 if form in {"wh", "who", "role", "ab"} else 40
    if words < 7:
        score -= 0.1
    elif words > limit:
        score -= 0.05 * ((words - limit) / 5 + 1)
    answer_words = len(question.answer.split())
    if answer_words > 6:
        score -= 0.1
    if question.kind in {"person", "organisation", "place"} and answer_words == 1:
        score -= 0.05
    if mentions > 1:
        score += 0.05
    if mentions >= FREQUENT and form_of(question) in {CLOZE, "blank", TRUE_FALSE}:
        score -= 0.15
    if re.search(r"\b(?:this|these|that|such)\b", question.prompt, re.I):
        score -= 0.1
    return round(max(0.0, min(1.0, score)), 3)


def difficulty(question: Question, mentions: int) -> float:
    """An estimate of how hard the question is, before anyone has answered it."""
    score = BASE_DIFFICULTY.get(question.type, 0.4)
    if form_of(question) in {"ab", "role"}:
        score += 0.05
    if mentions <= 1:
        score += 0.1
    if question.kind in {"date", "figure"}:
        score += 0.1
    if len(question.quote.text.split()) > 35:
        score += 0.05
    return round(max(0.0, min(1.0, score)), 3)


def rank(
    questions: Sequence[Question],
    mentions: dict[str, int],
    *,
    max_facts: int | Mapping[str, int] | None = None,
    model: Mapping | None = None,
    titles: Mapping[str, str] | None = None,
    facts_per_group: int = FACTS_PER_GROUP,
    news: Collection[str] = (),
    strict: bool = True,
    side: Collection[str] = (),
    genres: Mapping[str, str] | None = None,
) -> list[Question]:
    """Score, drop weak and repeated questions, keep the best facts, in a stable order.

    `max_facts` caps the facts kept, in all or per source id (so that adding a text does not
    change which questions another text keeps). With a learned `model` (see acceptability),
    a question's quality is the model's probability that a judge accepts it, facts below the
    model's threshold are left out and the rest kept best first; `titles` name the sources;
    `news` names the facts whose answer is the sentence's news (news.is_news): a date of the
    same sentence gives way to them, and so does a side detail (`side`: news.framing).
    `strict=False` keeps every fact above the model's floor, not only those above its
    threshold: a pool for a reviewer, not for learners unreviewed. `genres` (source id ->
    `genres.genre`) raise the threshold for texts of some genres (choosing.GENRE_BARS).
    """
    scored = []
    for q in questions:
        count = mentions.get(normalise(q.answer), 1)
        scored.append(replace(q, quality=quality(q, count), difficulty=difficulty(q, count)))
    scored = [q for q in scored if q.quality >= MIN_QUALITY]
    scored = _unique(scored)
    if model is not None:
        by_fact = learned_forms(all_forms(scored), model, titles or {})
        facts = gated(by_fact, model, news, facts_per_group, strict, side, genres)
    else:
        by_fact = one_form_per_fact(scored)
        tiers = dict.fromkeys(by_fact, 0)
        facts = chosen(by_fact, tiers, news, facts_per_group, learned=False, side=side)
    if isinstance(max_facts, int):
        facts = _capped(facts, by_fact, max_facts) if model is not None else facts[:max_facts]
    elif max_facts is not None:
        taken: dict[str, int] = defaultdict(int)
        capped = []
        for f in facts:
            source = by_fact[f][0].quote.source
            if by_fact[f][0].type == ORDERING or taken[source] < max_facts.get(source, 0):
                taken[source] += by_fact[f][0].type != ORDERING
                capped.append(f)
        facts = capped
    kept = [q for f in facts for q in by_fact[f]]
    return sorted(kept, key=_pack_order)


def all_forms(questions: Sequence[Question]) -> dict[str, list[Question]]:
    """Each fact's questions, its best form first (by form and reading, then type)."""
    forms: dict[str, list[Question]] = defaultdict(list)
    for q in sorted(questions, key=lambda q: (-q.quality, TYPE_ORDER.get(q.type, 9), q.id)):
        forms[q.fact].append(q)
    return dict(forms)


def one_form_per_fact(questions: Sequence[Question]) -> dict[str, list[Question]]:
    """Each fact's best question alone: its other forms would ask the learner the same thing."""
    best: dict[str, Question] = {}
    for q in sorted(questions, key=lambda q: (-q.quality, TYPE_ORDER.get(q.type, 9), q.id)):
        best.setdefault(q.fact, q)
    return {fact: [q] for fact, q in best.items()}


def _capped(facts: list[str], by_fact: Mapping[str, list[Question]], n: int) -> list[str]:
    """The first n facts in the given order, each text's first MIN_PER_TEXT before any other:
    a text kept by its one question below the threshold sorts last, and a plain cut lost it."""
    taken: dict[str, int] = defaultdict(int)
    guaranteed, rest = [], []
    for f in facts:
        source = by_fact[f][0].quote.source
        (guaranteed if taken[source] < MIN_PER_TEXT else rest).append(f)
        taken[source] += 1
    keep = set((guaranteed + rest)[:n])
    return [f for f in facts if f in keep]


def _pack_order(q: Question) -> tuple:
    return (q.quote.source, q.quote.start, TYPE_ORDER.get(q.type, 9), q.id)


def _unique(questions: list[Question]) -> list[Question]:
    """One question per prompt, and one fact per answer among near-identical passages."""
    best: dict[tuple, Question] = {}
    for q in sorted(questions, key=lambda q: (-q.quality, q.id)):
        key = (q.type, normalise(q.prompt), normalise(q.answer))
        if key not in best:
            best[key] = q
    kept: list[Question] = []
    exact: set[tuple[str, str, str]] = set()
    seen: dict[tuple[str, str], list[str]] = defaultdict(list)
    for q in sorted(best.values(), key=lambda q: (-q.quality, q.id)):
        key = (form_of(q), normalise(q.answer))
        passage = normalise(q.quote.text)
        if (*key, passage) in exact:
            continue
        # Near-identical passages have near-identical lengths: compare only with those, and
        # only with the most recent few, so repeated texts cannot make this quadratic.
        alike = [p for p in seen[key][-NEAR_WINDOW:] if abs(len(p) - len(passage)) < 0.2 * len(p)]
        if any(similar(passage, other) > 0.85 for other in alike):
            continue
        exact.add((*key, passage))
        seen[key].append(passage)
        kept.append(q)
    return kept
