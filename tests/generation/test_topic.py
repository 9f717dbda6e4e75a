"""The text's own topic: "the river" and a leading "It" of an article on the Rhine name it."""

from __future__ import annotations

import pytest

from app.generation.context import references, unsettled
from app.generation.pipeline import generate
from app.generation.settling import settle
from app.generation.topic import paragraph_topic, title_name, topic_of
from app.generation.types import BLANK, SourceText

RHINE = "The Rhine is a European river that begins in the Swiss Alps. "
SKY = "Sky UK Limited (formerly BSkyB) is a British telecommunications company. "
NORMANS = (
    "The Normans (Norman: Nourmands; French: Normands) were the people who in the 10th and "
    "11th centuries gave their name to Normandy, a region in France. "
)


@pytest.fixture
def standing(nlp):
    """standing(title, text, answer): the cloze of the text's last sentence, its references
    settled with the text's topic (None when refused)."""

    def run(title: str, text: str, answer: str) -> str | None:
        doc = nlp(text)
        topics = [t for t in (paragraph_topic(doc), topic_of(title, text, nlp)) if t]
        last = list(doc.sents)[-1]
        prompt = "Fill in the blank: " + last.text.replace(answer, BLANK, 1)
        return settle(prompt, answer, unsettled(references(last, None, topics), prompt))

    return run


@pytest.mark.parametrize(
    "title, name",
    [
        ("Rhine - Wikipedia", "Rhine"),
        ("Sky (United Kingdom)", "Sky"),
        ("IBM (Wikipedia excerpt in Markdown)", "IBM"),
        ("Hermitian matrix | Wikipedia", "Hermitian matrix"),
        (
            "The Iran – Russia Nexus: Development of Bilateral Relations (2012-2017)",
            "The Iran – Russia Nexus: Development of Bilateral Relations",
        ),
        ("Thousands of UK academics | Education | The Guardian", "Thousands of UK academics"),
    ],
)
def test_a_title_names_its_topic_without_its_tail(title, name):
    assert title_name(title) == name


def test_the_topic_is_what_a_sentence_says_the_titles_name_is(nlp):
    rhine = topic_of("Rhine - Wikipedia", "Rhine\n\n" + RHINE, nlp)
    assert rhine is not None
    assert (rhine.name, rhine.nouns, rhine.person) == ("the Rhine", {"river"}, False)
    sky = topic_of("Sky (United Kingdom)", SKY, nlp)
    assert sky is not None and sky.name == "Sky" and "company" in sky.nouns
    assert sky.called("BSkyB")  # what the text called it before
    author = topic_of("Elizabeth Gilbert", "Elizabeth M. Gilbert is an American author.", nlp)
    assert author is not None and author.person
    # A headline no sentence defines is no topic.
    headline = "United States to Lift Sudan Sanctions"
    assert topic_of(headline, "The United States will lift sanctions on Sudan.", nlp) is None


@pytest.mark.parametrize(
    "title, text, answer, expected",
    [
        # Tuning labels: "the river (Rhine) is never named".
        (
            "Rhine",
            RHINE + "Many dams were built across the valleys. The river's length is 1,230 km.",
            "1,230 km",
            "Fill in the blank: The Rhine's length is _____.",
        ),
        (
            "Rhine",
            RHINE + "Near Basel the river turns north towards Strasbourg.",
            "Strasbourg",
            "Fill in the blank: Near Basel the Rhine turns north towards _____.",
        ),
        # A name of another kind just before is no other river ("the Central Bridge").
        (
            "Rhine",
            RHINE + "Legally, the Central Bridge is the boundary between High and Upper Rhine. "
            "The river flows north through the Upper Rhine Plain towards Strasbourg.",
            "Strasbourg",
            "Fill in the blank: The Rhine flows north through the Upper Rhine Plain towards _____.",
        ),
        # "It ('Sky') is never named": the sentence before is about the topic.
        (
            "Sky (United Kingdom)",
            SKY + "BSkyB provides television services. It launched Sky News in 1989.",
            "1989",
            "Fill in the blank: Sky launched Sky News in _____.",
        ),
        (
            "Sky (United Kingdom)",
            SKY + "The company grew fast. Specifically, its channels reach 10 million homes.",
            "10 million",
            "Fill in the blank: Specifically, Sky's channels reach _____ homes.",
        ),
        # An "it" with a clause of when is no expletive ("until it was overtaken").
        (
            "Sky (United Kingdom)",
            SKY + "It was the most popular TV service until it was overtaken by Freeview in 2007.",
            "Freeview",
            "Fill in the blank: Sky was the most popular TV service until it was overtaken by "
            "_____ in 2007.",
        ),
        # The paragraph's own place, named by its kind (tuning labels: "its shorelines: the
        # lake (Lake Constance) is never named").
        (
            "Rhine",
            "Lake Constance consists of the Obersee (upper lake) and the Untersee (lower lake). "
            "The lake is situated near the Alps. Specifically, its shorelines lie in Bavaria.",
            "Bavaria",
            "Fill in the blank: Specifically, Lake Constance's shorelines lie in _____.",
        ),
    ],
)
def test_the_topic_is_written_in_for_what_calls_it(standing, title, text, answer, expected):
    assert standing(title, text, answer) == expected


@pytest.mark.parametrize(
    "title, text, answer",
    [
        # Another river is the subject just before: "the river" may be the Aare.
        ("Rhine", RHINE + "The Aare rises in the Alps. The river is 288 km long.", "288 km"),
        # "It" after a sentence about something else.
        ("Rhine", RHINE + "The Aare joins it at Koblenz. It is 288 km long.", "288 km"),
        # A person's "it" is no person: left to the pronoun rules (refused).
        (
            "Elizabeth Gilbert",
            "Elizabeth Gilbert is an American author. She wrote a memoir. It sold in 2006.",
            "2006",
        ),
        # An expletive "It" stands for no thing.
        ("Rhine", RHINE + "It is here that many castles stand near Mainz.", "Mainz"),
        ("Rhine", RHINE + "It is likely that floods will rise by 2050.", "2050"),
    ],
)
def test_the_topic_is_not_written_in_where_something_else_may_be_meant(
    standing, title, text, answer
):
    prompt = standing(title, text, answer)
    assert prompt is None or ("Rhine" not in prompt and "Gilbert" not in prompt)


def test_the_topic_is_not_written_in_when_it_shares_a_word_with_the_answer(standing):
    text = RHINE + "The river's delta is called the Rhine Delta."
    assert standing("Rhine", text, "Rhine Delta") is None


def test_a_possessive_description_is_settled_like_a_bare_one(settled):
    # Before, "The company's" was never found in the prompt and so kept unnamed.
    text = "Microsoft was founded in 1975. The company's revenue grew by 40 percent in 2021."
    expected = "Fill in the blank: Microsoft's revenue grew by _____ in 2021."
    assert settled(text, "40 percent") == expected


def test_generated_prompts_name_the_articles_topic(nlp):
    text = (
        "Rhine\n\nThe Rhine is a European river that begins in the Swiss canton of Graubünden "
        "and flows into the North Sea.\n\nThe river's length is 1,230 kilometres. Near Basel the "
        "river turns north towards Strasbourg, where Goethe studied law in 1770."
    )
    result = generate([SourceText(id="rhine", text=text, title="Rhine")], nlp)
    prompts = [q.prompt for q in result.questions]
    assert prompts
    assert not any("the river" in p.lower() for p in prompts), prompts
    assert any("Rhine" in p for p in prompts if "1,230" not in p)


def test_each_opening_it_of_a_widened_passage_is_written_out_not_a_later_it(nlp):
    text = (
        SKY + "It is the largest broadcaster with 11 million customers. It was the most popular "
        "service until it was overtaken by Freeview in 2007."
    )
    doc = nlp(text)
    sents = list(doc.sents)
    quote = doc[sents[-2].start : sents[-1].end]
    prompt = "Fill in the blank: " + quote.text.replace("Freeview", BLANK)
    topics = [topic_of("Sky (United Kingdom)", text, nlp)]
    assert settle(prompt, "Freeview", unsettled(references(quote, None, topics), prompt)) == (
        "Fill in the blank: Sky is the largest broadcaster with 11 million customers. Sky was "
        "the most popular service until it was overtaken by _____ in 2007."
    )


def test_an_it_opening_a_paragraph_is_the_topic_the_paragraph_before_ended_on(nlp):
    text = (
        # Parsed with its subject hung on "nicknamed": the defining sentence is about it all
        # the same.
        "IBM\n\nInternational Business Machines Corporation (using the trademark IBM), "
        "nicknamed Big Blue, is an American technology company headquartered in Armonk."
        "\n\nIt is one of the 30 companies in the Dow Jones "
        "Industrial Average, and it employs about 280,000 people.\n\nIt was founded in 1911 "
        "by Charles Flint."
    )
    result = generate([SourceText(id="ibm", text=text, title="IBM")], nlp)
    prompts = [q.prompt for q in result.questions]
    assert any("IBM is one of the" in p for p in prompts), prompts
    # The paragraph before ended on "it employs": no name to say what "It was founded" is.
    assert not any("IBM was founded" in p or p.startswith("It was") for p in prompts), prompts


def test_a_plural_topic_is_what_a_sentence_says_the_titles_people_were(nlp):
    normans = topic_of("Normans", NORMANS, nlp)
    assert normans is not None
    assert (normans.name, normans.plural, normans.called("French")) == ("the Normans", True, False)
    # A plural of which the title's name is only a part is no plural topic.
    assert topic_of("Rhine", "Tributaries of the Rhine are a source of floods.", nlp) is None


@pytest.mark.parametrize(
    "text, answer, expected",
    [
        (
            NORMANS + "They adopted the Gallo-Romance language of the Frankish land.",
            "Gallo-Romance",
            "Fill in the blank: The Normans adopted the _____ language of the Frankish land.",
        ),
        (
            NORMANS + "The Normans were in contact with England from an early date. Their "
            "original Viking brethren ravaged the English coasts in 1010.",
            "1010",
            "Fill in the blank: The Normans' original Viking brethren ravaged the English "
            "coasts in _____.",
        ),
        (
            NORMANS + "The Normans landed in Valona in 1107. In 1108 they occupied Petrela.",
            "Petrela",
            "Fill in the blank: In 1108 the Normans occupied _____.",
        ),
    ],
)
def test_they_of_a_plural_topic_is_written_out_like_it(standing, text, answer, expected):
    assert standing("Normans", text, answer) == expected


@pytest.mark.parametrize(
    "text, answer",
    [
        # Another plural is nearer: "They" may be the Byzantines.
        (NORMANS + "The Normans fought the Byzantines in Sicily. They lost in 1041.", "1041"),
        # The sentence before is about someone else.
        (NORMANS + "Early Norman kings owed homage to France. They held England in 1100.", "1100"),
        # The answer shares a word with the topic.
        (NORMANS + "They were called Normans by the Franks.", "Normans"),
        # "It" is no plural topic.
        (NORMANS + "It was a region of 5,000 villages.", "5,000"),
    ],
)
def test_they_of_a_plural_topic_is_not_written_out_where_it_may_be_another(standing, text, answer):
    prompt = standing("Normans", text, answer)
    assert prompt is None or "Normans" not in prompt.split(":", 1)[1].replace(BLANK, ""), prompt


@pytest.mark.parametrize(
    "title, text, kept",
    [
        # Tuning labels: the passage widened to the sentence before names the topic already.
        ("Normans", NORMANS + "They were descended from Norse raiders under Rollo.", "They were"),
        ("Sky (United Kingdom)", SKY + "It launched Sky News in 1989.", "It launched"),
    ],
)
def test_the_topics_pronoun_stays_where_the_prompt_names_the_topic_before(nlp, title, text, kept):
    doc = nlp(text)
    quote = doc[0 : len(doc)]
    answer = text.split()[-1].rstrip(".")
    prompt = "Fill in the blank: " + quote.text.replace(answer, BLANK)
    topics = [topic_of(title, text, nlp)]
    settled = settle(prompt, answer, unsettled(references(quote, None, topics), prompt))
    assert settled is not None and kept in settled, settled
