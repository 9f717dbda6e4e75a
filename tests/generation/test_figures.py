"""Figures judges refused as details on the way to the sentence's statement (figures.py), and
figures they accepted, which stay askable. The sentences are from judged tuning readings."""

from __future__ import annotations

import pytest

from app.generation import figures
from app.generation.figures import incidental_figure
from app.generation.guessing import Salience
from app.generation.mentions import EntityIndex
from app.generation.refusals import resolve
from tests.generation.test_facts import facts_of


@pytest.mark.parametrize(
    ("sentence", "answer", "why"),
    [
        # Judges: "blanks an incidental detail (the ranch's size)", "the project's length".
        (
            "In 1940, Huxley relocated from Hollywood to a 40-acre ranchito in the high desert.",
            "40-acre",
            figures.ATTRIBUTIVE,
        ),
        (
            "The German capital has launched a five-year project to mark its part in European "
            "colonialism.",
            "five-year",
            figures.ATTRIBUTIVE,
        ),
        (
            "The state has roughly a 2,500-kilometre border with the Soviet Union.",
            "2,500-kilometre",
            figures.ATTRIBUTIVE,
        ),
        (
            "The water right is subject to a 25 percent cap.",
            "25 percent",
            figures.ATTRIBUTIVE,
        ),
        (
            "Li's team wants to boost the telescope's performance by adding 36 dishes, each "
            "5 metres wide.",
            "5 metres",
            figures.SIDE_MEASURE,
        ),
        (
            "From 1073 to 1074, 8,000 of the 20,000 troops of the Armenian general were Normans.",
            "20,000",
            figures.WHOLE_OF_A_PART,
        ),
        (
            "Courts operated in only 12 of more than 140 municipalities.",
            "more than 140",
            figures.WHOLE_OF_A_PART,
        ),
        (
            "Once Fetter arrived in Building 24, Lorenz gave her a manual and a set of problems.",
            "24",
            figures.PART_OF_A_NAME,
        ),
        (
            "Following the Lion Air Flight 610 accident, data from the flight recorder was read.",
            "610",
            figures.PART_OF_A_NAME,
        ),
        (
            "As the COVID- 19 pandemic continues to roll on, it is a time to be an immunologist.",
            "19",
            figures.PART_OF_A_NAME,
        ),
        # fresh7 readers, 4 of 4: "blanks a patent drawing's reference numeral (disc 142)".
        (
            "For example, the disc 142 may be adjustable to a plurality of different positions "
            "defined between the fully opened and fully closed positions of the valve.",
            "142",
            figures.REFERENCE_NUMERAL,
        ),
        (
            "The actuator includes a valve 130 coupled to the cylinder.",
            "130",
            figures.REFERENCE_NUMERAL,
        ),
        (
            "Ruins of a square temple 30 meters to a side were discovered by Kritzikly in 1823.",
            "30 meters",
            figures.SIDE_MEASURE,
        ),
        (
            "Tunisia, a mostly Muslim nation of about 11 million people, was governed for "
            "decades by autocrats.",
            "11 million",
            figures.APPOSITION,
        ),
    ],
)
def test_a_detail_on_the_way_is_refused(span_in, sentence, answer, why):
    assert incidental_figure(span_in(sentence, answer)) == why


@pytest.mark.parametrize(
    ("sentence", "answer"),
    [
        # Accepted by every judge who read them.
        ("In 1998, the agents blew up two embassies, killing more than 200 people.", "200"),
        (
            "The resulting Musket Wars encompassed over 600 battles between 1801 and 1840.",
            "600",
        ),
        ("From 1073 to 1074, 8,000 of the 20,000 troops were Normans.", "8,000"),
        (
            "Trace reports must be retained for a period of not less than seven years.",
            "seven years",
        ),
        (
            "In March 2020, Microsoft announced it was acquiring Affirmed Networks for about "
            "$1.35 billion.",
            "$1.35 billion",
        ),
        ("The river flows through the Upper Rhine Plain, which is about 300 km long.", "300 km"),
        ("Bodmin Town Council is made up of sixteen councillors.", "sixteen"),
        ("Russian imports from Iran increased by ten percent.", "ten percent"),
        ("At the time, there were more than 30 staff vacancies at the facility.", "30"),
        # A number after a noun that dates or counts, or after one with no article of its own.
        ("The song peaked at number 98 on the US R&B Charts.", "98"),
        ("The census of the year 1890 counted the population with cards.", "1890"),
        ("Mozilla noted that roughly 85% of their revenue comes from Google.", "85"),
        # Not refused: a count the parser hangs on the noun after it, a change's own amount,
        # where a place lies.
        ("Of the 400 city laborers who work on water mains, many learn repairs.", "400"),
        ("A positive is the predicted 10.8% growth in Nominal GDP.", "10.8"),
        ("The Scillies lie twenty-seven miles west of Land's End.", "twenty-seven miles"),
    ],
)
def test_the_sentences_own_figure_is_kept(span_in, sentence, answer):
    assert incidental_figure(span_in(sentence, answer)) is None


def test_the_fact_carries_why_and_is_refused(nlp, recognizers):
    text = "In 1940, Huxley relocated from Hollywood to a 40-acre ranchito in the high desert.\n"
    facts = facts_of(nlp, recognizers, text)
    [fact] = [f for f in facts if f.kind == "figure"]
    assert fact.aside == figures.ATTRIBUTIVE
    refused: dict[str, str] = {}
    kept, _ = resolve(facts, EntityIndex(), Salience(), refused)
    assert fact not in kept
    assert refused[fact.id] == figures.ATTRIBUTIVE
