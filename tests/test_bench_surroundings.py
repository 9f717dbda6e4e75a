"""Features of the text around a question: centrality, dwelling, a date's place in the text."""

from __future__ import annotations

from app.generation.types import CLOZE, Question, Quote
from bench import surroundings

TITLE = "The Bushehr reactor"
TEXT = (
    "Russia built the Bushehr reactor for Iran. The Bushehr reactor was finished in 2011.\n"
    "Engineers from Russia trained the Bushehr staff in 2010. Iran fuelled the Bushehr reactor "
    "in 2011.\n"
    "The city hosted a football match in 1921. Russia and Iran signed the Bushehr fuel deal in "
    "2005.\n"
)


POINT = "Iran fuelled the Bushehr reactor in 2011."
ASIDE = "The city hosted a football match in 1921."


def question(quote: str, answer: str, kind: str = "date", prompt: str = "") -> Question:
    """A cloze blanking `answer` in `quote`, a sentence of TEXT."""
    start = TEXT.index(quote)
    body = prompt or quote.replace(answer, "_____", 1)
    return Question(
        id="f1-cz",
        fact="f1",
        type=CLOZE,
        kind=kind,
        prompt=f"Fill in the blank: {body}",
        answer=answer,
        quote=Quote("bushehr", start, start + len(quote), quote),
        explanation="",
        difficulty=0.5,
        quality=0.5,
    )


def test_sentences_end_at_stops_and_line_breaks():
    spans = surroundings.sentence_spans("One. Two is here!\nThree\n\nFour?")
    text = "One. Two is here!\nThree\n\nFour?"
    assert [text[a:b] for a, b in spans] == ["One.", "Two is here!", "Three", "Four?"]


def test_mentions_count_the_phrase_word_by_word_case_aside():
    prof = surroundings.profile(TEXT, TITLE)
    assert surroundings.mentions("bushehr reactor", prof) == 3
    assert surroundings.mentions("Russia", prof) == 3
    assert surroundings.mentions("Russian", prof) == 0  # a word, not a prefix
    assert surroundings.mentions("", prof) == 0


def test_the_profile_is_built_once_per_text():
    assert surroundings.profile(TEXT, TITLE) is surroundings.profile(TEXT, TITLE)


def test_the_text_s_point_is_more_central_than_an_aside():
    prof = surroundings.profile(TEXT, TITLE)
    point = surroundings.features(question(POINT, "2011"), prof)
    aside = surroundings.features(question(ASIDE, "1921"), prof)
    assert point["text_central"] > aside["text_central"]
    assert point["text_lead"] > aside["text_lead"]
    assert point["text_central_rank"] > aside["text_central_rank"]
    assert point["text_echo"] > aside["text_echo"]
    assert point["text_position"] < aside["text_position"]


def test_a_date_far_before_the_text_s_time_frame_is_measured_as_background():
    prof = surroundings.profile(TEXT, TITLE)
    aside = surroundings.features(question(ASIDE, "1921"), prof)
    within = surroundings.features(question(POINT, "2011"), prof)
    # The text's years: 2011, 2010, 2011, 1921, 2005; their median is 2010.
    assert aside["year_before"] == (2010 - 1921) / 100
    assert aside["year_distance"] == aside["year_before"]
    assert within["year_before"] == 0.0
    assert within["year_distance"] == 0.01
    assert within["year_share"] == 3 / 5  # 2010, 2011 and 2011 lie within two years of 2011
    assert aside["year_share"] == 1 / 5


def test_an_answer_the_text_repeats_is_measured_as_dwelt_on():
    prof = surroundings.profile(TEXT, TITLE)
    russia = surroundings.features(
        question("Russia built the Bushehr reactor for Iran.", "Russia", kind="place"), prof
    )
    city = surroundings.features(
        question("The city hosted a football match in 1921.", "football", kind="equipment"), prof
    )
    assert russia["text_answer_said"] > city["text_answer_said"] == 0.0
    assert russia["text_answer_top"] > 0.0
    assert russia["year_distance"] == 0.0  # date features are for dates only


def test_a_famous_name_the_text_names_once_marks_its_date_as_an_aside():
    text = TEXT + "Officials compared it to the Battle of Yorktown, fought in 1781.\n"
    prof = surroundings.profile(text, TITLE)
    quote = "Officials compared it to the Battle of Yorktown, fought in 1781."
    q = question(POINT, "2011")
    start = text.index(quote)
    aside = Question(
        **{
            **q.__dict__,
            "answer": "1781",
            "prompt": "Fill in the blank: Officials compared it to the Battle of Yorktown, "
            "fought in _____.",
            "quote": Quote("bushehr", start, start + len(quote), quote),
        }
    )
    named_often = surroundings.features(
        question(
            POINT,
            "2011",
            prompt="Iran fuelled the Bushehr reactor in _____.",
        ),
        prof,
    )
    assert surroundings.features(aside, prof, start)["event_aside"] > 0.0
    assert named_often["event_aside"] == 0.0  # Bushehr is what the text is about


def test_a_quote_not_found_in_the_text_gets_neutral_position_features():
    prof = surroundings.profile(TEXT, TITLE)
    lost = surroundings.features(question(POINT, "2011"), prof, -1)
    assert lost["text_position"] == 0.5
    assert lost["text_central"] == 0.0
    assert lost["text_early"] == 0.0
