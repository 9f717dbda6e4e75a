"""Every question each fact supports, built knowing the whole corpus: its wrong choices, the
answers its key accepts, and its prompt settled to stand alone (or the question left out)."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import replace

from app.generation import builders, distractors
from app.generation.answer_forms import date_forms, figure_forms
from app.generation.chronology import orderings
from app.generation.context import unsettled
from app.generation.facts import Fact
from app.generation.geography import bare_forms
from app.generation.known import landmark_date
from app.generation.mentions import EntityIndex, normalise
from app.generation.name_forms import other_names, person_forms
from app.generation.refusals import credible_organisation
from app.generation.settling import settle
from app.generation.types import Question
from app.generation.wrong_choices import (
    Context,
    choice_label,
    choose,
    related_sources,
    related_texts,
)


def whole_names(names: set[str]) -> list[str]:
    """Names that are not part of a longer name ("Ali Akbar" of "Ali Akbar Hashemi Rafsanjani")."""
    words = {n: n.split() for n in names}

    def inside(short: list[str], long_: list[str]) -> bool:
        span = len(short)
        return len(long_) > span and any(long_[i : i + span] == short for i in range(len(long_)))

    return sorted(n for n in names if not any(inside(words[n], words[m]) for m in names))


def swappable(fact: Fact) -> bool:
    """Whether a false statement may put another name in the answer's place. A person only
    where the text names their office, so the swap holds it too: with no office known, a
    scholar lands in a title ("Russian President Elena Andreeva")."""
    return fact.kind != "person" or bool(fact.role)


def unsure_kinds(index: EntityIndex) -> set[str]:
    """Names whose kind between person and place the texts leave open: read both ways by the
    parser ("Dublin Castle"), or a place that is also someone's surname ("Spontini"). Such a
    name is never a wrong choice, and is asked as a cloze rather than a multiple choice."""
    mixed = {k for k, votes in index.kind_votes.items() if votes["person"] and votes["place"]}
    surnames = {name.split()[-1] for name in index.person_names}
    return mixed | {k for k, votes in index.kind_votes.items() if votes["place"] and k in surnames}


def build(
    facts: list[Fact],
    index: EntityIndex,
    topic: set[str],
    aliases: Mapping[str, Mapping[str, list[str]]],
) -> list[Question]:
    """Every question each fact supports, with distractors from the whole corpus."""
    pools = {
        kind: [
            distractors.Candidate(index.display(k), k, choice_label(index, kind, k), c)
            for k, c in index.names(kind)
            if k not in topic
        ]
        for kind in ("person", "organisation", "place", "treaty", "equipment")
    }
    pools["organisation"] = [
        c for c in pools["organisation"] if credible_organisation(c.key, index)
    ]
    dates = [(f.source, f.date) for f in facts if f.date is not None]
    amounts = [(f.source, f.quantity) for f in facts if f.quantity is not None]
    # Words of the texts' own long forms (with the stock institutional words the distractor
    # module adds), not of every name: "Gulf Czarist Council" is no plausible expansion.
    vocabulary = {w for f in facts if f.short_form for w in f.answer.split()}
    vocabulary = {w for w in vocabulary if w.istitle() and w.isalpha()}
    # What the text calls each person ("former Iranian President"): their fine kind.
    role_of = {normalise(f.answer): f.role for f in facts if f.role}
    # Values the texts give other facts, with the names of their sentences: a wrong date that
    # another sentence on the same people gives (2017: also a Rouhani win) would be true too.
    valued: dict[str, list[tuple[str, frozenset[str]]]] = {}
    for f in facts:
        if f.kind in {"date", "figure"}:
            valued.setdefault(f.source, []).append((normalise(f.answer), frozenset(f.others)))
    # The latest and earliest year each text names: a wrong date after the one would date a
    # past event ahead, before the other would date it before the story's subjects existed.
    latest: dict[str, int] = {}
    earliest: dict[str, int] = {}
    for f in facts:
        if f.date is not None:
            latest[f.source] = max(latest.get(f.source, 0), int(f.date.end[:4]))
            earliest[f.source] = min(earliest.get(f.source, 9999), int(f.date.start[:4]))
    people = whole_names(
        {f.answer for f in facts if f.kind == "person" and len(f.answer.split()) > 1}
    )
    surnames = {p.split()[-1] for p in people}
    full_names: dict[str, list[str]] = {}
    for p in people:
        full_names.setdefault(p.split()[-1], []).append(p)
    # A one-word "person" that is no one's surname is usually a parser slip ("Alawite").
    whole = set(people)
    pools["person"] = [
        c
        for c in pools["person"]
        if c.text in whole or (len(c.text.split()) == 1 and c.text in surnames)
    ]
    mixed = unsure_kinds(index)
    for kind in ("person", "place"):
        pools[kind] = [c for c in pools[kind] if c.key not in mixed]
    place_names = [c.text for c in pools["place"]]
    related = related_texts(facts, topic)
    near = related_sources(facts, topic)
    questions: list[Question] = []
    for fact in facts:
        rng = builders.rng_for(fact.id)
        context = Context(
            pools,
            dates,
            amounts,
            place_names,
            role_of,
            valued,
            topic,
            latest,
            related,
            near,
            earliest,
        )
        sure = fact.kind not in {"person", "place"} or normalise(fact.answer) not in mixed
        accept = accepted_answers(fact, full_names, aliases.get(fact.source, {}), index.counts)
        wrong = choose(fact, rng, context, accept) if sure else []
        demonyms = index.nationalities[fact.source]  # the fact's own text's
        mcq = builders.multiple_choice(fact, wrong, demonyms=demonyms)
        if mcq is None and not fact.short_form:  # a long form is asked as "What does X stand for?"
            mcq = builders.blank_choice(fact, wrong, demonyms=demonyms)
        # Both forms are offered: the ranker asks a multiple choice where its wrong choices are
        # good enough, and the cloze otherwise.
        made = [mcq, builders.cloze(fact, accept, demonyms=demonyms)]
        # Whether the statement is shown false depends on the fact alone, so the question keeps
        # its answer whatever the rest of the corpus offers as wrong values.
        make_false = builders.rng_for(fact.id, "true-false").random() < 0.5
        if not fact.hedged:
            tf = None if make_false else builders.true_false(fact, None)
            if tf is None and wrong and swappable(fact):  # a false one instead
                tf = builders.true_false(fact, wrong[0])
            made.append(tf)
        if fact.short_form:
            alike = distractors.look_alike_long_forms(fact.answer, vocabulary, rng)
            made.append(builders.abbreviation(fact, alike))
        questions += [s for q in made if q and (s := _standing_alone(q, fact))]
    questions += orderings(facts)
    return questions


def _standing_alone(question: Question, fact: Fact) -> Question | None:
    """The question with its prompt's references settled, or None if one points at nothing."""
    refs = unsettled(fact.references, question.prompt)
    prompt = settle(question.prompt, fact.answer, refs, fact.time_frame)
    if prompt is None:
        return None
    # A reference written out can name the landmark the blank dates ("When the war ended in
    # _____" -> "When the American Revolutionary War ended in _____"): general knowledge.
    if fact.kind == "date" and landmark_date(prompt):
        return None
    return question if prompt == question.prompt else replace(question, prompt=prompt)


def accepted_answers(
    fact: Fact,
    full_names: Mapping[str, list[str]],
    aliases: Mapping[str, list[str]],
    named: Collection[str] = (),
) -> list[str]:
    """Other answers a learner may type: a short or long form, a name without its title, a
    surname or full name, a place without its geographic noun, a system's other designator,
    other forms of a date or amount. `named`: the texts' names (normalised)."""
    accept = []
    if fact.short_form:
        accept.append(fact.short_form)
    if fact.kind == "date":
        accept += date_forms(fact.answer)
    elif fact.kind == "figure":
        accept += figure_forms(fact.answer)
    else:
        accept += other_names(fact.answer, aliases)
    if fact.kind == "place":
        # "Kiamichi" for "Kiamichi River"; not "Rhine" for "Rhine Valley": another place's name.
        accept += [f for f in bare_forms(fact.answer) if normalise(f) not in named]
    if fact.kind == "person":
        accept += person_forms(fact.answer)
        # A surname's full name only when one person of the texts bears it: two are two
        # people, and naming the other is no right answer.
        bearers = full_names.get(fact.answer, []) if " " not in fact.answer else []
        if len(bearers) == 1:
            accept += bearers
    return list(dict.fromkeys(accept))
