"""Run every stage of generation over a set of sources.

Two passes: the first parses the authors' prose paragraph by paragraph (docs are dropped at
once, so memory stays bounded) and keeps plain facts and name counts; the second, knowing the
whole corpus, resolves kinds and leaves out what no question should ask (refusals.py), builds
every question a fact supports with the texts' own wrong choices (corpus_questions.py,
wrong_choices.py), and ranks.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field

from spacy.attrs import IS_PUNCT, IS_SPACE
from spacy.language import Language
from spacy.tokens import Doc

from app.generation import acceptability
from app.generation.acronyms import defined_acronyms
from app.generation.clauses import states_something
from app.generation.cleaning import analysis_text, segment, skipped_chars
from app.generation.context import entity_names
from app.generation.corpus_questions import build
from app.generation.cut_paragraphs import continuation_of
from app.generation.facts import Fact, sentence_facts
from app.generation.genres import genre
from app.generation.guessing import Salience
from app.generation.mentions import EntityIndex, doc_mentions, normalise
from app.generation.name_forms import add_alias, same_systems
from app.generation.nlp import Recognizers
from app.generation.provenance import provenanced
from app.generation.ranking import FACTS_PER_GROUP, rank
from app.generation.refusals import resolve
from app.generation.residue import cut_at_abbreviation
from app.generation.span_text import doc_text, text_of
from app.generation.topic import ends_on, paragraph_topic, topic_of
from app.generation.types import QUESTION_SOURCE_KINDS, Question, SourceText
from app.generation.wrong_choices import choice_label

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
    # With `review_pool`, the ids of the questions the strict bank would not keep: a reviewer's.
    pending: frozenset[str] = frozenset()
    # Each source's genre as read from its text (genres.genre): some raise the bank's bar.
    genres: dict[str, str] = field(default_factory=dict)


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
    reviewer to approve or reject (their quality says which they are); `pending` names them.
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
        topic = topic_of(source.title, analysis, nlp)  # "the river" of an article on the Rhine
        opening = topic
        acronyms = defined_acronyms(analysis)  # a later "MDL": multidistrict litigation
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
            local = paragraph_topic(doc)  # "Lake Constance consists of ... The lake is ..."
            topics = tuple(t for t in (local, opening) if t is not None)
            for mention in mentions:
                index.add(mention)
                salience.add(source.id, mention)
                if mention.short_form:
                    add_alias(named, mention.text, mention.short_form)
            for ent in doc.ents:
                if ent.label_ == "NORP":
                    index.add_demonym(ent.text, source.id)
            words[source.id] += word_count(doc)
            paragraph = doc_text(doc)
            for sent in doc.sents:
                # A few characters either side: slicing the paragraph whole for every sentence
                # would make long paragraphs quadratic.
                before = paragraph[max(0, sent.start_char - 40) : sent.start_char]
                after = paragraph[sent.end_char : sent.end_char + 8]
                if cut_at_abbreviation(before, text_of(sent), after):
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
                        topics=topics,
                        acronyms=acronyms,
                    )
                )
            opening = ends_on(doc, topic)  # "It" opening the next paragraph may be the topic
            for label, found in entity_names(doc).items():
                earlier.setdefault(label, set()).update(found)
            if progress:
                progress(done + offset + len(paragraph), total)
        done += len(source.text)
        if progress:
            progress(done, total)
    refused: dict[str, str] = {}
    kept, dropped = resolve(facts, index, salience, refused)
    for fact in kept:
        if fact.kind in {"place", "organisation", "equipment"}:
            fact.label = choice_label(index, fact.kind, normalise(fact.answer))
    questions = build(kept, index, salience.anywhere(), aliases)
    max_facts = {source: max(5, n // words_per_fact) for source, n in words.items()}
    name_counts = dict(index.counts)
    model = (
        acceptability.load_model() if learned_ranker and acceptability.MODEL_PATH.exists() else None
    )
    titles = {s.id: s.title for s in sources}
    ranking = {
        "max_facts": max_facts,
        "model": model,
        "titles": titles,
        "facts_per_group": facts_per_group,
        "news": {fact.id for fact in kept if fact.news},
        "side": {fact.id for fact in kept if fact.framing},
        "genres": {s.id: genre(s.text) for s in sources},
    }
    ranked = rank(questions, name_counts, strict=not review_pool, **ranking)
    pending: frozenset[str] = frozenset()
    if review_pool:
        # Ranking again is cheap next to parsing; what the strict bank keeps is then exact.
        bank = {q.id for q in rank(questions, name_counts, strict=True, **ranking)}
        pending = frozenset(q.id for q in ranked if q.id not in bank)
    # After ranking: the model and every rule read the prompt as its sentence says it.
    ranked = provenanced(ranked, titles)
    return GenerationResult(
        ranked,
        dict(skipped),
        len(facts),
        dict(dropped),
        name_counts,
        refused,
        pending,
        ranking["genres"],
    )


def word_count(doc: Doc) -> int:
    """The parse's tokens that are neither space nor punctuation."""
    # Read as one array: a loop over the tokens builds a Python object for each.
    flags = doc.to_array([IS_SPACE, IS_PUNCT])
    return int((flags.sum(axis=1) == 0).sum())


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
