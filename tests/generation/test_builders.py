"""Question builders (multiple choice, cloze, true/false, abbreviations, roles) and ordering."""

from __future__ import annotations

import dataclasses
import inspect
import random
from dataclasses import replace

import pytest

from app.generation import builders, chronology, known, worth
from app.generation.asking import WH
from app.generation.dates import parse_date
from app.generation.facts import Fact, fact_id
from app.generation.quantities import parse_quantity
from app.generation.types import BLANK, CLOZE, KINDS, MULTIPLE_CHOICE, ORDERING, TRUE_FALSE, Quote

SOURCE = (
    "In 1648, the Peace of Westphalia ended the Thirty Years' War. "
    "Norway joined the alliance in 1949. "
    "Foreign Minister Anna Berg signed the Treaty of Lisbon in December 2007. "
    "The Gulf Cooperation Council (GCC) met in Doha in 2011. "
    "The port handled 40 ships in 1999. "
    "The Treaty of Lisbon named Lisbon twice: Lisbon. "
    "Sweden opened its embassy in 1949. "
    "By 2000, Iran was the third-largest market for Russian weapons. "
    "Contacts in trade already existed in the ninth century. "
    "The port stayed closed until 1990, when it reopened. "
    "The theory remained without effect until nearly the seventeenth century. "
    "In 951, the bishop had built a great organ with 400 pipes. "
    "As late as 1500, the horn had but one loop."
)


def make_fact(sentence: str, answer: str, kind: str = "treaty", fid: str = "", **fields) -> Fact:
    """A fact about `answer` in one sentence of SOURCE, with the forms the text gives it."""
    start = SOURCE.index(sentence)
    quote = Quote("src", start, start + len(sentence), sentence)
    answer_start = sentence.index(answer)
    cloze = sentence[:answer_start] + BLANK + sentence[answer_start + len(answer) :]
    defaults = {
        "label": "RULE",
        "position": start / len(SOURCE),
        "cloze": cloze if sentence.count(answer) == 1 else None,
        "statement": sentence,
    }
    if kind == "date":
        defaults["date"] = parse_date(answer)
    return Fact(
        id=fid or fact_id("src", sentence, answer),
        source="src",
        kind=kind,
        answer=answer,
        quote=quote,
        answer_start=answer_start,
        **(defaults | fields),
    )


WESTPHALIA = "In 1648, the Peace of Westphalia ended the Thirty Years' War."
LISBON = "Foreign Minister Anna Berg signed the Treaty of Lisbon in December 2007."
TREATIES = ["Treaty of Rome", "Oslo Accord", "Baltic Pact"]


def treaty_fact(fid: str = "fact01") -> Fact:
    return make_fact(
        WESTPHALIA,
        "Peace of Westphalia",
        fid=fid,
        question=f"{WH} ended the Thirty Years' War in 1648?",
    )


def test_multiple_choice_has_four_distinct_choices_with_the_answer():
    q = builders.multiple_choice(treaty_fact(), TREATIES, demonyms=())
    assert q is not None
    assert q.type == MULTIPLE_CHOICE and q.kind == "treaty"
    assert q.id == "fact01-mc" and q.fact == "fact01"
    assert q.prompt == "Which agreement ended the Thirty Years' War in 1648?"
    assert q.answer == "Peace of Westphalia"
    assert len(q.choices) == 4 and len(set(q.choices)) == 4
    assert set(q.choices) == {"Peace of Westphalia", *TREATIES}
    assert q.quote.text == WESTPHALIA
    assert q.explanation.startswith(f"The text states: {WESTPHALIA}")
    assert q.tags == ("treaty", "source:src")


def test_multiple_choice_shuffle_is_deterministic_per_fact():
    orders = {}
    for n in range(20):
        fact = treaty_fact(f"fact{n:02d}")
        first = builders.multiple_choice(fact, TREATIES, demonyms=())
        assert builders.multiple_choice(fact, list(TREATIES), demonyms=()) == first
        orders[fact.id] = first.choices
    # The answer is really shuffled: it does not always come first.
    assert len({choices.index("Peace of Westphalia") for choices in orders.values()}) > 1


@pytest.mark.parametrize(
    ("kind", "answer", "wh"),
    [
        ("person", "Anna Berg", "Who"),
        ("organisation", "Nordic Council", "Which organisation"),
        ("equipment", "F-35", "Which weapon system"),
        ("treaty", "Thirty Years' War", "What"),  # an event named like one
    ],
)
def test_wh_word_follows_the_resolved_kind(kind, answer, wh):
    # The prompt names a party: "Who ended it?" alone singles out no one (worth.names_no_party).
    asked = f"{WH} ended it in Westphalia?"
    fact = make_fact(WESTPHALIA, "Peace of Westphalia", kind=kind, question=asked)
    fact.answer = answer
    wrong = ["Alpha War", "Gamma Revolution", "Epsilon Crisis"]
    q = builders.multiple_choice(
        fact, wrong if wh == "What" else ["Alpha Beta", "Gamma Delta", "Epsilon Zeta"], demonyms=()
    )
    assert q.prompt == f"{wh} ended it in Westphalia?"


def test_an_event_needs_events_as_wrong_choices():
    fact = make_fact(WESTPHALIA, "Peace of Westphalia", kind="treaty", question=f"{WH} ended it?")
    fact.answer = "Thirty Years' War"
    assert (
        builders.multiple_choice(fact, ["Alpha Beta", "Gamma Delta", "Epsilon Zeta"], demonyms=())
        is None
    )
    assert (
        builders.blank_choice(fact, ["Alpha Beta", "Gamma Delta", "Epsilon Zeta"], demonyms=())
        is None
    )


def test_multiple_choice_refusals():
    fact = treaty_fact()
    assert builders.multiple_choice(fact, TREATIES[:2], demonyms=()) is None  # too few distractors
    # A distractor that is the answer in another case is no distractor.
    assert (
        builders.multiple_choice(fact, ["peace of westphalia", *TREATIES[:2]], demonyms=()) is None
    )
    fact.question = None
    assert builders.multiple_choice(fact, TREATIES, demonyms=()) is None  # no wh-question


def test_a_blank_choice_knows_the_texts_nationalities():
    """Review of the strict gate: blank_choice asked without the text's nationalities, so
    "_____'s presidency" beside "Iranian troops" was refused as naming no party."""
    fact = make_fact(LISBON, "Anna Berg", kind="person")
    fact.cloze = "_____'s presidency ended as Iranian troops withdrew from Syria."
    wrong = ["Otto Vahl", "Lena Holm", "Per Lund"]
    assert builders.blank_choice(fact, wrong, demonyms={"iranian"}) is not None
    assert builders.blank_choice(fact, wrong, demonyms=set()) is None


@pytest.mark.parametrize(
    "function",
    [
        builders.multiple_choice,
        builders.blank_choice,
        builders.cloze,
        worth.fit_prompt,
        worth.names_no_party,
        known.office_held_then,
    ],
)
def test_the_texts_nationalities_are_always_given(function):
    """A caller that leaves them out judges a prompt as if its text named no nationality."""
    parameter = inspect.signature(function).parameters["demonyms"]
    assert parameter.default is inspect.Parameter.empty
    assert parameter.kind is inspect.Parameter.KEYWORD_ONLY


def test_blank_choice_asks_for_the_missing_words():
    fact = treaty_fact()
    fact.question = None
    q = builders.blank_choice(fact, TREATIES, demonyms=())
    assert q.id == "fact01-mc-blank"
    assert q.prompt == (
        "Which completes the passage? In 1648, the _____ ended the Thirty Years' War."
    )
    assert q.answer in q.choices and len(set(q.choices)) == 4


def test_cloze():
    fact = make_fact(LISBON, "Treaty of Lisbon", kind="treaty", fid="fact02")
    q = builders.cloze(fact, accept=["Lisbon Treaty"], demonyms=())
    assert q.type == CLOZE and q.id == "fact02-cz"
    assert q.prompt == (
        "Fill in the blank: Foreign Minister Anna Berg signed the _____ in December 2007."
    )
    assert q.answer == "Treaty of Lisbon"
    assert q.accept == ("Lisbon Treaty",)
    # "Foreign Minister _____" names the person for anyone who follows the news.
    fact = make_fact(LISBON, "Anna Berg", kind="person", fid="fact02")
    assert builders.cloze(fact, accept=["Berg"], demonyms=()) is None
    sentence = "Anna Berg signed the Treaty of Lisbon in December 2007."
    fact = make_fact(LISBON[17:], "Anna Berg", kind="person", fid="fact02")
    assert fact.quote.text == sentence
    q = builders.cloze(fact, accept=["Berg", "anna berg"], demonyms=())
    assert q.answer == "Anna Berg"
    assert q.accept == ("Berg",)  # the answer itself is not listed again
    fact.cloze = None
    assert builders.cloze(fact, demonyms=()) is None


def test_true_false_true_version_is_the_statement_rephrased():
    fact = make_fact(WESTPHALIA, "1648", kind="date", fid="fact03")
    q = builders.true_false(fact, None)
    assert q.type == TRUE_FALSE and q.id == "fact03-tf"
    assert q.prompt == "True or false? The Peace of Westphalia ended the Thirty Years' War in 1648."
    assert q.answer == "True" and q.choices == ("True", "False")
    # Nothing to rephrase: a true statement is not copied word for word.
    assert builders.true_false(make_fact(LISBON, "December 2007", kind="date"), None) is None


def test_true_false_false_version_swaps_exactly_the_answer():
    fact = make_fact(LISBON, "December 2007", kind="date")
    q = builders.true_false(fact, "March 2006")
    statement = q.prompt.removeprefix("True or false? ")
    assert q.answer == "False"
    assert statement == ("Foreign Minister Anna Berg signed the Treaty of Lisbon in March 2006.")
    start = LISBON.index("December 2007")
    assert statement[:start] == LISBON[:start]
    assert statement[start + len("March 2006") :] == LISBON[start + len("December 2007") :]
    # The explanation names the right answer and the wrong one.
    assert "The text says December 2007, not March 2006" in q.explanation


def test_true_false_refusals():
    twice = "The Treaty of Lisbon named Lisbon twice: Lisbon."
    assert builders.true_false(make_fact(twice, "Lisbon", kind="place"), "Oslo") is None
    no_statement = make_fact(LISBON, "Anna Berg", kind="person", statement=None)
    assert builders.true_false(no_statement, None) is None
    # A name qualifying a noun is not swapped on its own.
    modifier = make_fact(WESTPHALIA, "Westphalia", kind="place", modifier=True)
    assert builders.true_false(modifier, "Rome") is None
    assert builders.true_false(modifier, None) is not None


def test_abbreviation():
    sentence = "The Gulf Cooperation Council (GCC) met in Doha in 2011."
    fact = make_fact(
        sentence, "Gulf Cooperation Council", kind="organisation", short_form="GCC", fid="fact04"
    )
    wrong = ["Gulf Coordination Council", "Global Cooperation Council", "Gulf Cooperation Court"]
    q = builders.abbreviation(fact, wrong)
    assert q.id == "fact04-mc-ab"
    assert q.prompt == "What does GCC stand for?"
    assert set(q.choices) == {"Gulf Cooperation Council", *wrong}
    assert "abbreviation" in q.tags
    assert builders.abbreviation(fact, wrong[:2]) is None
    fact.short_form = None
    assert builders.abbreviation(fact, wrong) is None


def dated(sentence: str, answer: str, event: str) -> Fact:
    return make_fact(sentence, answer, kind="date", event=event)


EVENTS = [
    dated(LISBON, "December 2007", "Anna Berg signed the Treaty of Lisbon"),
    dated(WESTPHALIA, "1648", "The Peace of Westphalia ended the Thirty Years' War"),
    dated("The Gulf Cooperation Council (GCC) met in Doha in 2011.", "2011", "The GCC met"),
    dated("Norway joined the alliance in 1949.", "1949", "Norway joined the alliance"),
]


def test_ordering_items_are_in_chronological_order():
    q = chronology.ordering(EVENTS, "chrono-test")
    assert q.type == ORDERING and q.kind == "date" and q.id == "chrono-test-or"
    assert [item["date"] for item in q.items] == ["1648", "1949", "December 2007", "2011"]
    assert q.answer == " → ".join(item["text"] for item in q.items)
    for item in q.items:
        quote = item["quote"]
        assert SOURCE[quote["start"] : quote["end"]] == quote["text"]
        assert item["date"] in quote["text"]
    assert q.quote == EVENTS[1].quote  # the earliest event's passage
    assert "1648: The Peace of Westphalia ended the Thirty Years' War" in q.explanation


def test_ordering_refuses_ties_and_wrong_sizes():
    tie = dated("Sweden opened its embassy in 1949.", "1949", "Sweden opened its embassy")
    assert chronology.ordering([*EVENTS, tie], "chrono-tie") is None
    assert chronology.ordering(EVENTS[:2], "chrono-short") is None
    undated = [*EVENTS[:2], make_fact(WESTPHALIA, "Peace of Westphalia")]
    assert chronology.ordering(undated, "chrono-undated") is None
    many = [dated(WESTPHALIA, "1648", f"Event {n}") for n in range(6)]
    for n, fact in enumerate(many):
        fact.date = parse_date(str(1700 + n))
    assert chronology.ordering(many, "chrono-long") is None


def test_value_distractors():
    fact = dated("Norway joined the alliance in 1949.", "1949", "Norway joined the alliance")
    wrong = builders.value_distractors(fact, random.Random(1), [parse_date("1939")], [])
    assert len(wrong) == 3 and len(set(wrong)) == 3 and "1949" not in wrong
    assert all(parse_date(w).granularity == "year" for w in wrong)
    ships = make_fact(
        "The port handled 40 ships in 1999.",
        "40 ships",
        kind="figure",
        quantity=parse_quantity("40 ships"),
    )
    amounts = builders.value_distractors(ships, random.Random(1), [], [])
    assert len(amounts) == 3 and "40 ships" not in amounts


def test_every_kind_has_a_plural_and_codes_are_unique():
    assert set(builders.KIND_PLURALS) == set(KINDS)
    assert len(set(builders.TYPE_CODES.values())) == len(builders.TYPE_CODES)


def test_a_date_qualifying_a_noun_is_not_blanked():
    # As in "the _____ Gore-Chernomyrdin agreement": the date only says which agreement.
    fact = make_fact(LISBON, "December 2007", kind="date", modifier=True)
    assert builders.cloze(fact, demonyms=()) is None
    assert builders.cloze(make_fact(LISBON, "December 2007", kind="date"), demonyms=()) is not None


def test_orderings_put_together_events_of_one_text_only():
    """Judges found an ordering with IBM's and the Rhine's events under the Normans' source."""
    other = [
        dataclasses.replace(
            f,
            id=f"o{n}",
            source="other",
            event=f"Another event {n}",
            quote=dataclasses.replace(f.quote, source="other"),
        )
        for n, f in enumerate(EVENTS)
    ]
    for fact, year in zip(other, ("1500", "1600", "1700", "1800"), strict=True):
        fact.date = parse_date(year)
    questions = chronology.orderings([*EVENTS, *other])
    assert questions
    for q in questions:
        assert len({item["quote"]["source"] for item in q.items} | {q.quote.source}) == 1


def test_a_cloze_printing_a_form_its_key_accepts_is_not_asked():
    """A judge: "transfer of _____/SA-20", where the key S-300 accepts SA-20 beside the blank."""
    fact = make_fact(LISBON, "Treaty of Lisbon", kind="treaty")
    fact.answer, fact.kind = "S-300", "equipment"
    fact.cloze = "Putin lifted the ban on the transfer of _____/SA-20 missiles in 2015."
    assert builders.cloze(fact, accept=["SA-20", "S-300s"], demonyms=()) is None
    assert builders.cloze(fact, accept=["S-300s"], demonyms=()) is not None


@pytest.mark.parametrize("answer", ["40", "$40 billion", "1.5 million"])
@pytest.mark.parametrize("bound", ["above", "below"])
def test_a_wrong_amount_the_hedge_makes_true_is_not_offered(bound, answer):
    # "more than _____ ships" (the hedge stays in the prompt): "more than 20" is true as well.
    # A reviewer: "$40 billion" was compared as 40 against 40e9, so "fewer than" offered $80bn.
    sentence = "The port handled 40 ships in 1999."
    value = parse_quantity(answer).value
    fact = make_fact(sentence, "40", kind="figure", quantity=parse_quantity(answer), bound=bound)
    fact = replace(fact, answer=answer)
    values = builders.value_distractors(fact, random.Random(3), [], [], n=3)
    # Drawn with the bound, not filtered after: a bounded amount keeps its three wrong values.
    assert len(values) == 3
    wrong = [parse_quantity(v).value for v in values]
    assert all(v > value if bound == "above" else v < value for v in wrong)


@pytest.mark.parametrize(
    ("sentence", "answer", "side"),
    [
        ("By 2000, Iran was the third-largest market for Russian weapons.", "2000", "earlier"),
        ("Contacts in trade already existed in the ninth century.", "ninth century", "earlier"),
        ("The port stayed closed until 1990, when it reopened.", "1990", "later"),
        (
            "The theory remained without effect until nearly the seventeenth century.",
            "seventeenth century",
            "later",
        ),
    ],
)
def test_a_wrong_date_the_sentence_makes_true_is_not_offered(sentence, answer, side):
    """Judges: "'Eleventh century' is not wrong (contacts that already existed in the 9th still
    existed later)"; "with 'By which year', the later choice 2007 is defensible"."""
    fact = make_fact(sentence, answer, kind="date")
    values = builders.value_distractors(fact, random.Random(5), [], [], n=3)
    assert len(values) == 3
    starts = [parse_date(v).start for v in values]
    if side == "earlier":
        assert all(s < fact.date.start for s in starts)
    else:
        assert all(s > fact.date.start for s in starts)


def test_a_plain_date_has_no_bound():
    assert builders.date_bound("The port handled 40 ships in ") == ""
    assert builders.date_bound("Ships sailed to Byzantium in ") == ""  # "by" inside a word


def test_an_unbounded_amount_has_wrong_values_either_side():
    sentence = "The port handled 40 ships in 1999."
    fact = make_fact(sentence, "40", kind="figure", quantity=parse_quantity("40"))
    values = [
        parse_quantity(v).value
        for v in builders.value_distractors(fact, random.Random(3), [], [], n=6)
    ]
    assert min(values) < 40 < max(values)


def test_a_year_read_as_an_amount_gets_no_wrong_amounts():
    """A judge would rule out 211 and 300 as the year of "In _____, the bishop built ..."."""
    sentence = "In 951, the bishop had built a great organ with 400 pipes."
    year = make_fact(sentence, "951", kind="figure", quantity=parse_quantity("951"))
    assert builders.value_distractors(year, random.Random(1), [], []) == []
    pipes = make_fact(sentence, "400", kind="figure", quantity=parse_quantity("400"))
    assert len(builders.value_distractors(pipes, random.Random(1), [], [])) == 3
    late = "As late as 1500, the horn had but one loop."
    assert (
        builders.value_distractors(
            make_fact(late, "1500", kind="figure", quantity=parse_quantity("1500")),
            random.Random(1),
            [],
            [],
        )
        == []
    )


def _dated_fact(sentence: str, year: str) -> Fact:
    return Fact(
        id="f1",
        source="src",
        kind="date",
        label="DATE",
        answer=year,
        quote=Quote("src", 0, len(sentence), sentence),
        answer_start=sentence.index(year),
        position=0.0,
        statement=sentence,
        date=parse_date(year),
    )


def test_a_sentence_that_only_rates_its_year_gives_no_true_false():
    """Bundled judging (seed 126): "2015 has proven to be a seminal year" tests only
    recognising the sentence; its swapped year ("2016 has proven ...") no better."""
    fact = _dated_fact("In 2015, relations reached a turning point.", "2015")
    assert builders.true_false(fact, None) is None
    assert builders.true_false(fact, "2016") is None
    agreed = replace(fact, statement="In 2015, Russia agreed to supply the reactor.")
    assert builders.true_false(agreed, "2016") is not None


def test_a_true_false_that_says_what_happened_beside_a_rating_is_kept():
    """Review 14: "Oil prices reached a high point in 2008 at $147 a barrel" says what
    happened, not only that 2008 was a high point."""
    fact = _dated_fact("Oil prices reached a high point in 2008 at $147 a barrel.", "2008")
    assert builders.true_false(fact, "2011") is not None
