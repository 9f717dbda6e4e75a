"""Which facts no question should ask, and why: the kind settled by the corpus's vote, then
every reason to leave a fact out (a default guess, a pair half-named in the prompt, not prose,
a reference number, a background date, a parser slip), by fact id for the refusals' record."""

from __future__ import annotations

from collections import Counter

from wordfreq import zipf_frequency

from app.generation.arithmetic import worked_out
from app.generation.builders import reads_as_a_year
from app.generation.facts import Fact
from app.generation.geography import RARE_PLACE_ZIPF, SLOT_WORDS, place_slot
from app.generation.guessing import Salience, habitual_pairs
from app.generation.mentions import GENERIC_NAME_WORDS, EntityIndex, normalise
from app.generation.not_prose import reason_to_refuse
from app.generation.outside_genres import refusal as genre_refusal
from app.generation.quantity_forms import written_figures
from app.generation.sentence_bounds import sentence_around, sentence_before
from app.generation.worth import is_an_example, is_reference_number, names_a_provision


def resolve(
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
        if slipped_place(fact, index):
            fact.kind = "place"
        why = refusal(fact, index, salience, pairs)
        if why:
            dropped[why] += 1
            refused[fact.id] = why
        else:
            kept.append(fact)
    return kept, dropped


def refusal(
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
    if fact.ill_formed:
        return fact.ill_formed
    if len(fact.answer.split()) > 8:
        return "answer too long"
    end = fact.answer_start + len(fact.answer)
    around = sentence_around(fact.quote.text, fact.answer_start, end)
    if worked_out(around, fact.quantity, fact.date):
        return WORKED_OUT
    why = genre_refusal(around, fact.kind)
    if why:
        return why
    before = fact.quote.text[: fact.answer_start]
    if fact.kind == "figure" and is_reference_number(before):
        return "a figure, table or page number"
    if names_a_provision(fact.answer, before):
        return "a section, rule or chapter number"
    if fact.kind not in {"date", "figure"} and is_an_example(
        sentence_before(fact.quote.text, fact.answer_start)
    ):
        return AN_EXAMPLE
    if fact.attribution and fact.kind in {"person", "organisation", "place"}:
        # The statement printed, its speaker blanked: the news goes untested (JUDGING.md).
        return "who said it, with what was said in the prompt"
    if fact.kind == "date" and fact.background:
        # "since his re-election in 2012, ...": the year is background, the news is elsewhere.
        return BACKGROUND_DATE
    if fact.kind == "figure" and fact.background:
        return "the baseline a headline figure is compared with"
    if fact.kind == "figure" and fact.aside:
        return fact.aside  # figures.py: a size, a whole or a name on the way to the statement
    # "About 1939, Huxley ...": a year the parser read as an amount is no exact figure.
    exact = fact.kind == "figure" and written_figures(fact.answer) >= EXACT_FIGURES
    if exact and not reads_as_a_year(fact):
        return OVER_PRECISE
    if fact.kind not in {"date", "figure"} and _opens_on_a_function_word(fact.answer):
        return "a name that opens on a preposition or participle"
    slip = _slip(fact, index)
    if slip == "organisation":
        return "organisation named once, with no institutional word"
    if slip == "person":
        return "one-word name that is no one's surname"
    return None


def _slip(fact: Fact, index: EntityIndex) -> str | None:
    """The kind of a name the tagger gave it by a slip: an organisation named once with no
    institutional word, a person by one word that is no one's surname."""
    key = normalise(fact.answer)
    if fact.kind == "organisation" and not credible_organisation(key, index):
        return "organisation"
    if fact.kind == "person" and " " not in fact.answer and not known_surname(key, index):
        return "person"
    return None


def slipped_place(fact: Fact, index: EntityIndex) -> bool:
    """A tagger's slip (`_slip`) whose name everyday English hardly writes, in a slot its
    sentence gives a place ("an upper canal near Diepoldsau", "a lower canal at Fußach", "the
    city of Deabolis"): a place, not a slip to refuse.

    Such names in a place's slot are the place clozes judges accept most (choosing.rare_place:
    24 of 32 tuning readings); the tagger read these as an organisation or a person, so they
    were refused, and 5 human questions of the SQuAD tuning articles went unasked with them.
    """
    slip = _slip(fact, index)
    if slip is None or zipf_frequency(fact.answer, "en") >= RARE_PLACE_ZIPF:
        return False
    before = fact.quote.text[: fact.answer_start].rstrip()
    if not before[-1:].isalpha():
        return False  # "In 951, Elfeg, the Bishop": the word of place belongs to the date
    # An organisation "at", "in", "through" or "via" is an employer, a holder or a channel
    # ("chief economist at Flexport", "consolidated in Sonangol Group", "through YouthSpark").
    words = SLOT_WORDS - ORGANISATION_SLOTS if slip == "organisation" else SLOT_WORDS
    return place_slot(before, words)


ORGANISATION_SLOTS = frozenset({"at", "in", "through", "via"})


OVER_PRECISE = "an exact figure no reader keeps (four or more significant digits)"
# An amount written to this many significant figures is an exact count or reading nobody
# retains ("2,576,670 native speakers", "2.184% annually", "16.057%"): judges accepted none of
# 28 cloze readings (14 questions) blanking one ("Demands an exact seven-digit census count").
EXACT_FIGURES = 4
WORKED_OUT = "worked out by subtraction from the years printed beside it"
BACKGROUND_DATE = "the date of an event the sentence mentions in passing"
AN_EXAMPLE = "one example of a kind the sentence speaks of (such as _____, along with CP/M)"


# The parser sometimes takes a sentence's opening word into a name ("Following Cook, ...").
FUNCTION_OPENERS = frozenset(
    "following after before during under since until according despite including with "
    "without from into between among amid upon".split()
)


def _opens_on_a_function_word(answer: str) -> bool:
    return answer.split()[0].casefold() in FUNCTION_OPENERS


def credible_organisation(key: str, index: EntityIndex) -> bool:
    """Named more than once, an acronym, or with an institutional word: not a parser slip."""
    words = key.split()
    if index.counts[key] > 1 or (len(words) == 1 and index.display(key).isupper()):
        return True
    return any(w in GENERIC_NAME_WORDS for w in words)


def known_surname(key: str, index: EntityIndex) -> bool:
    return any(name.split()[-1] == key for name in index.person_names)
