"""Run every stage of generation over a set of sources.

Two passes: the first parses the authors' prose paragraph by paragraph (docs are dropped at
once, so memory stays bounded) and keeps plain facts and name counts; the second, knowing the
whole corpus, resolves kinds, leaves out the texts' own topic, picks distractors and ranks.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace

from spacy.language import Language

from app.generation import acceptability, builders, distractors
from app.generation.answer_forms import date_forms, figure_forms
from app.generation.chronology import orderings
from app.generation.clauses import states_something
from app.generation.cleaning import analysis_text, segment, skipped_chars
from app.generation.context import entity_names, unsettled
from app.generation.cut_paragraphs import continuation_of
from app.generation.dates import possible_dates
from app.generation.facts import Fact, sentence_facts
from app.generation.fine_kinds import same_fine_kind, same_role
from app.generation.guessing import Salience, habitual_pairs
from app.generation.mentions import (
    GENERIC_NAME_WORDS,
    EntityIndex,
    doc_mentions,
    normalise,
)
from app.generation.name_forms import add_alias, other_names, person_forms, same_systems
from app.generation.nlp import Recognizers
from app.generation.not_prose import reason_to_refuse
from app.generation.ranking import FACTS_PER_GROUP, rank
from app.generation.residue import cut_at_abbreviation
from app.generation.settling import settle
from app.generation.types import QUESTION_SOURCE_KINDS, Question, SourceText
from app.generation.worth import is_reference_number, names_a_provision

ProgressCallback = Callable[[int, int], None]  # (characters done, characters in all)
# About one fact kept per this many words of prose: a few hundred good questions, not thousands.
WORDS_PER_FACT = 25


@dataclass
class GenerationResult:
    """Questions in pack order, and what was left out (characters skipped by block kind)."""

    questions: list[Question]
    skipped_chars: dict[str, int] = field(default_factory=dict)
    facts_found: int = 0
    facts_dropped: dict[str, int] = field(default_factory=dict)
    # How often each name is mentioned (normalised): what the ranker reads as salience.
    mentions: dict[str, int] = field(default_factory=dict)
    # Why each fact left out was refused, by fact id: to join refusals to judged questions.
    refused: dict[str, str] = field(default_factory=dict)


PARSE_BATCH = 8


def generate(
    sources: Sequence[SourceText],
    nlp: Language,
    *,
    progress: ProgressCallback | None = None,
    words_per_fact: int = WORDS_PER_FACT,
    learned_ranker: bool = True,
    facts_per_group: int = FACTS_PER_GROUP,
    review_pool: bool = False,
) -> GenerationResult:
    """Generate a ranked, de-duplicated list of questions from the sources (deterministic).

    `words_per_fact` sets the bank's size; the ranker's labelling pool asks for more and
    leaves out the learned ranker (`learned_ranker=False`), which it is there to train, and
    lets several facts of one sentence through (`facts_per_group`). `review_pool=True` also
    keeps the facts between the learned ranker's floor and its strict threshold, for a
    reviewer to approve or reject (their quality says which they are).
    """
    recognizers = Recognizers(nlp)
    index = EntityIndex()
    salience = Salience()
    facts: list[Fact] = []
    # Names each text gives two ways ("Federal Bureau of Investigation (FBI)", "S-300/SA-20").
    aliases: dict[str, dict[str, list[str]]] = {}
    skipped: Counter[str] = Counter()
    words: Counter[str] = Counter()
    total = sum(len(s.text) for s in sources)
    done = 0
    for source in sources:
        blocks = segment(source.text)
        skipped.update(skipped_chars(blocks))
        analysis = analysis_text(source.text, blocks)
        regions = list(_regions(blocks))
        named = aliases.setdefault(source.id, {})
        for one, other in same_systems(source.text):
            add_alias(named, one, other)
        year = None  # a month without a year is left out rather than dated by guess
        # The text's names so far, by label: "the company" of a later paragraph may name one.
        earlier: dict[str, set[str]] = {}
        texts = ((analysis[start:end], start) for start, end in regions)
        # Small batches: progress is reported after each, so a job's bar moves every few
        # paragraphs (with 64 a whole upload was one batch, and the bar jumped to the end).
        for doc, offset in nlp.pipe(texts, as_tuples=True, batch_size=PARSE_BATCH):
            mentions = doc_mentions(doc, recognizers)
            for mention in mentions:
                index.add(mention)
                salience.add(source.id, mention)
                if mention.short_form:
                    add_alias(named, mention.text, mention.short_form)
            for ent in doc.ents:
                if ent.label_ == "NORP":
                    index.add_demonym(ent.text, source.id)
            words[source.id] += sum(1 for t in doc if not t.is_space and not t.is_punct)
            for sent in doc.sents:
                # A few characters either side: slicing the paragraph whole for every sentence
                # would make long paragraphs quadratic.
                before = doc.text[max(0, sent.start_char - 40) : sent.start_char]
                after = doc.text[sent.end_char : sent.end_char + 8]
                if cut_at_abbreviation(before, sent.text, after):
                    continue  # half a sentence either side of "Fig." says nothing whole
                if not states_something(sent):
                    continue  # an index entry, a header or a fragment is no statement to ask
                facts.extend(
                    sentence_facts(
                        sent,
                        mentions,
                        source=source.id,
                        text=source.text,
                        analysis=analysis,
                        offset=offset,
                        context_year=year,
                        earlier_names=earlier,
                        written=source.published,
                    )
                )
            for label, found in entity_names(doc).items():
                earlier.setdefault(label, set()).update(found)
            if progress:
                progress(done + offset + len(doc.text), total)
        done += len(source.text)
        if progress:
            progress(done, total)
    refused: dict[str, str] = {}
    kept, dropped = _resolve(facts, index, salience, refused)
    for fact in kept:
        if fact.kind in {"place", "organisation", "equipment"}:
            fact.label = _label(index, fact.kind, normalise(fact.answer))
    questions = _build(kept, index, salience.anywhere(), aliases)
    max_facts = {source: max(5, n // words_per_fact) for source, n in words.items()}
    name_counts = dict(index.counts)
    model = (
        acceptability.load_model() if learned_ranker and acceptability.MODEL_PATH.exists() else None
    )
    titles = {s.id: s.title for s in sources}
    ranked = rank(
        questions,
        name_counts,
        max_facts=max_facts,
        model=model,
        titles=titles,
        facts_per_group=facts_per_group,
        news={fact.id for fact in kept if fact.news},
        strict=not review_pool,
    )
    return GenerationResult(ranked, dict(skipped), len(facts), dict(dropped), name_counts, refused)


def _regions(blocks) -> Iterator[tuple[int, int]]:
    """Character spans to parse: each prose block, run on into its continuation after a break."""
    i = 0
    while i < len(blocks):
        block = blocks[i]
        if block.kind not in QUESTION_SOURCE_KINDS:
            i += 1
            continue
        start, end, j = block.start, block.end, i
        while blocks[j].joins_next:
            nxt = continuation_of(blocks, j)
            if nxt is None:
                break
            end, j = blocks[nxt].end, nxt
        yield start, end
        i = j + 1


def _resolve(
    facts: list[Fact], index: EntityIndex, salience: Salience, refused: dict[str, str]
) -> tuple[list[Fact], Counter[str]]:
    """Settle each fact's kind by corpus vote and leave out answers no one needs to read for;
    `refused` is filled with why each fact left out was refused, by fact id."""
    kept: list[Fact] = []
    dropped: Counter[str] = Counter()
    sentences = {f.group: (f.source, frozenset(f.others) | {normalise(f.answer)}) for f in facts}
    pairs = habitual_pairs(list(sentences.values()))
    for fact in facts:
        fact.kind = index.kind_of(fact.answer, fact.kind)
        why = _refusal(fact, index, salience, pairs)
        if why:
            dropped[why] += 1
            refused[fact.id] = why
        else:
            kept.append(fact)
    return kept, dropped


def _refusal(
    fact: Fact, index: EntityIndex, salience: Salience, pairs: set[tuple[str, str, str]]
) -> str | None:
    """Why no question should ask this fact, or None."""
    key = normalise(fact.answer)
    if salience.guessable(fact.source, key):
        return "the text's default guess (its most mentioned name of the kind)"
    if fact.kind not in {"date", "figure"} and any(
        (fact.source, key, other) in pairs for other in fact.others
    ):
        return "one of a pair the text names together, the other in the prompt"
    why = reason_to_refuse(
        fact.quote.text,
        fact.answer_start,
        fact.answer_start + len(fact.answer),
        kind=fact.kind,
        list_items=fact.list_items,
    )
    if why:
        return why
    if len(fact.answer.split()) > 8:
        return "answer too long"
    before = fact.quote.text[: fact.answer_start]
    if fact.kind == "figure" and is_reference_number(before):
        return "a figure, table or page number"
    if names_a_provision(fact.answer, before):
        return "a section, rule or chapter number"
    if fact.attribution and fact.kind in {"person", "organisation", "place"}:
        # The statement printed, its speaker blanked: the news goes untested (JUDGING.md).
        return "who said it, with what was said in the prompt"
    if fact.kind == "date" and fact.background:
        # "since his re-election in 2012, ...": the year is background, the news is elsewhere.
        return BACKGROUND_DATE
    if fact.kind not in {"date", "figure"} and _opens_on_a_function_word(fact.answer):
        return "a name that opens on a preposition or participle"
    if fact.kind == "organisation" and not _credible_organisation(key, index):
        return "organisation named once, with no institutional word"
    if fact.kind == "person" and " " not in fact.answer and not _known_surname(key, index):
        return "one-word name that is no one's surname"
    return None


BACKGROUND_DATE = "the date of an event the sentence mentions in passing"


# The parser sometimes takes a sentence's opening word into a name ("Following Cook, ...").
FUNCTION_OPENERS = frozenset(
    "following after before during under since until according despite including with "
    "without from into between among amid upon".split()
)


def _opens_on_a_function_word(answer: str) -> bool:
    return answer.split()[0].casefold() in FUNCTION_OPENERS


def _label(index: EntityIndex, kind: str, key: str) -> str:
    """The label distractors are matched on; places are split into countries and the rest."""
    if kind == "equipment":
        typed = [label for label, _ in index.labels[key].most_common() if ":" in label]
        return typed[0] if typed else "equipment"
    # "in the Middle East" cannot become "in the Central Asia": match the use of "the" too.
    article = "+the" if index.takes_article(key) else ""
    if kind == "place":
        return ("country" if index.is_country(key) else "place") + article
    return index.labels[key].most_common(1)[0][0] + article


def _whole_names(names: set[str]) -> list[str]:
    """Names that are not part of a longer name ("Ali Akbar" of "Ali Akbar Hashemi Rafsanjani")."""
    words = {n: n.split() for n in names}

    def inside(short: list[str], long_: list[str]) -> bool:
        span = len(short)
        return len(long_) > span and any(long_[i : i + span] == short for i in range(len(long_)))

    return sorted(n for n in names if not any(inside(words[n], words[m]) for m in names))


def _credible_organisation(key: str, index: EntityIndex) -> bool:
    """Named more than once, an acronym, or with an institutional word: not a parser slip."""
    words = key.split()
    if index.counts[key] > 1 or (len(words) == 1 and index.display(key).isupper()):
        return True
    return any(w in GENERIC_NAME_WORDS for w in words)


def _known_surname(key: str, index: EntityIndex) -> bool:
    return any(name.split()[-1] == key for name in index.person_names)


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


def _build(
    facts: list[Fact],
    index: EntityIndex,
    topic: set[str],
    aliases: Mapping[str, Mapping[str, list[str]]],
) -> list[Question]:
    """Every question each fact supports, with distractors from the whole corpus."""
    pools = {
        kind: [
            distractors.Candidate(index.display(k), k, _label(index, kind, k), c)
            for k, c in index.names(kind)
            if k not in topic
        ]
        for kind in ("person", "organisation", "place", "treaty", "equipment")
    }
    pools["organisation"] = [
        c for c in pools["organisation"] if _credible_organisation(c.key, index)
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
            names = frozenset(f.others) - topic
            valued.setdefault(f.source, []).append((normalise(f.answer), names))
    # The latest and earliest year each text names: a wrong date after the one would date a
    # past event ahead, before the other would date it before the story's subjects existed.
    latest: dict[str, int] = {}
    earliest: dict[str, int] = {}
    for f in facts:
        if f.date is not None:
            latest[f.source] = max(latest.get(f.source, 0), int(f.date.end[:4]))
            earliest[f.source] = min(earliest.get(f.source, 9999), int(f.date.start[:4]))
    people = _whole_names(
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
        accept = _accept(fact, full_names, aliases.get(fact.source, {}))
        wrong = _distractors(fact, rng, context, accept) if sure else []
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
    return question if prompt == question.prompt else replace(question, prompt=prompt)


@dataclass
class Context:
    """What the corpus offers as wrong choices, and what it says elsewhere."""

    pools: dict[str, list[distractors.Candidate]]
    dates: list
    amounts: list
    place_names: list[str]
    role_of: dict[str, str]
    valued: dict[str, list[tuple[str, frozenset[str]]]]
    topic: set[str]
    latest: dict[str, int]
    related: dict[str, set[str]] = field(default_factory=dict)
    near: dict[str, set[str]] = field(default_factory=dict)
    earliest: dict[str, int] = field(default_factory=dict)


RELATED_NAMES = 5  # names two texts share, beyond their topic, to be texts on one subject


def related_sources(facts: Sequence[Fact], topic: set[str]) -> dict[str, set[str]]:
    """Each text's own id and those of texts on its subject: sharing RELATED_NAMES names
    besides the topic."""
    names: dict[str, set[str]] = {}
    for f in facts:
        names.setdefault(f.source, set()).update({normalise(f.answer), *f.others})
    names = {source: found - topic for source, found in names.items()}
    return {
        source: {other for other in names if len(names[other] & found) >= RELATED_NAMES} | {source}
        for source, found in names.items()
    }


def related_texts(facts: Sequence[Fact], topic: set[str]) -> dict[str, set[str]]:
    """The names each text may offer as wrong choices: its own, and those of texts on its
    subject. A name from an unrelated text is absurd there (an open-source programmer among
    Norman conquerors), and so is its amount (a "737" of aircraft among IBM's figures)."""
    own: dict[str, set[str]] = {}
    for f in facts:
        own.setdefault(f.source, set()).update({normalise(f.answer), *f.others})
    return {
        source: set().union(*(own[other] for other in near)) - topic
        for source, near in related_sources(facts, topic).items()
    }


# A model designator in the plural ("SA-20s", "Su-30MKIs", "MiG-29s"), not a name ending in
# a digit and an s ("iPhone 5s" is one phone).
PLURAL_DESIGNATOR = re.compile(r"(?:^|[\s(])[A-Z][A-Za-z]{0,7}-[A-Z]{0,3}\d+[A-Z0-9]*s$")


def _distractors(fact: Fact, rng, context: Context, accept: Sequence[str] = ()) -> list[str]:
    """Three wrong choices for the fact, none of them a form of the answer the key `accept`s
    ("S-300" beside "SA-20s"), or [] when the texts offer too few."""
    if fact.kind in {"date", "figure"}:
        # A wrong date the sentence itself contains would make the "wrong" choice true.
        # More than three are drawn, so some can go for being true elsewhere.
        near = context.near.get(fact.source, {fact.source})
        dates = [d for source, d in context.dates if source in near]
        amounts = [q for source, q in context.amounts if source in near]
        values = builders.value_distractors(fact, rng, dates, amounts, n=6)
        names = frozenset(fact.others) - context.topic
        elsewhere = {v for v, others in context.valued.get(fact.source, []) if names & others}
        kept = [v for v in values if v not in fact.quote.text and normalise(v) not in elsewhere]
        if fact.date is not None:
            end = fact.answer_start + len(fact.answer)
            prompt = fact.quote.text[: fact.answer_start] + fact.quote.text[end:]
            kept = possible_dates(
                kept,
                fact.date,
                prompt,
                context.latest.get(fact.source),
                context.earliest.get(fact.source),
            )
        return kept[:3]
    pool = context.pools.get(fact.kind, [])
    if fact.source in context.related:
        pool = [c for c in pool if c.key in context.related[fact.source]]
    if fact.kind == "equipment":
        # A drone's wrong choices are drones: with too few of the same type, no multiple choice.
        # One whose type the text leaves open takes none of a known type either (drones were
        # offered as the air-defence systems Iran sought).
        pool = [c for c in pool if c.label == fact.label]
    # "the acquisition of SA-20s" takes plural choices, "a _____" singular ones.
    plural = bool(PLURAL_DESIGNATOR.search(fact.answer))
    pool = [c for c in pool if bool(PLURAL_DESIGNATOR.search(c.text)) == plural]
    pool = [c for c in pool if same_fine_kind(fact.kind, fact.answer, c.text)]
    if fact.kind == "person" and fact.role:
        # "former Iranian President _____": only people the text gives that office.
        pool = [c for c in pool if same_role(fact.role, context.role_of.get(c.key))]
    exclude = [*fact.others, *accept]
    chosen = distractors.pick(fact.answer, fact.label, pool, rng, exclude=exclude)
    chosen = [c for c in chosen if c not in fact.quote.text]
    if len(chosen) < 3 and fact.kind == "treaty":
        near = context.related.get(fact.source)
        places = [p for p in context.place_names if near is None or normalise(p) in near]
        more = distractors.renamed(fact.answer, places, rng, 3 - len(chosen))
        chosen += more
    return chosen if len(chosen) >= 3 else []


def _accept(
    fact: Fact, full_names: Mapping[str, list[str]], aliases: Mapping[str, list[str]]
) -> list[str]:
    """Other answers a learner may type: a short or long form, a name without its title, a
    surname or full name, a system's other designator, other forms of a date or amount."""
    accept = []
    if fact.short_form:
        accept.append(fact.short_form)
    if fact.kind == "date":
        accept += date_forms(fact.answer)
    elif fact.kind == "figure":
        accept += figure_forms(fact.answer)
    else:
        accept += other_names(fact.answer, aliases)
    if fact.kind == "person":
        accept += person_forms(fact.answer)
        # A surname's full name only when one person of the texts bears it: two are two
        # people, and naming the other is no right answer.
        bearers = full_names.get(fact.answer, []) if " " not in fact.answer else []
        if len(bearers) == 1:
            accept += bearers
    return list(dict.fromkeys(accept))
