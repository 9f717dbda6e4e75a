"""The text's title written into a prompt that never names what its text is about."""

from __future__ import annotations

from app.generation import acceptability
from app.generation.provenance import names_its_text, provenanced, title_label
from app.generation.types import CLOZE, MULTIPLE_CHOICE
from tests.generation.test_ranking import question

ANGOLA = "Economy of Angola (a Wikipedia article as wikitext, revision 715700540 of 2016-04-17)"
SLAVES = "From 1764 onwards, there was a gradual change from a slave-based society."


def _cloze(prompt: str, answer: str = "1764", source: str = "angola", qid: str = "f1-cz"):
    return question(
        qid, fact=qid, qtype=CLOZE, kind="date", prompt=prompt, answer=answer, source=source
    )


def test_a_prompt_that_never_names_its_text_is_given_the_title():
    asked = _cloze("Fill in the blank: From _____ onwards, there was a gradual change.")
    [given] = provenanced([asked], {"angola": ANGOLA})
    assert given.prompt == (
        "Fill in the blank (from “Economy of Angola”): "
        "From _____ onwards, there was a gradual change."
    )
    assert (given.id, given.answer, given.quote) == (asked.id, asked.answer, asked.quote)


def test_a_question_is_given_it_before_its_wording():
    prompt = "In which year did the Seattle Symphony record it?"
    asked = question("f2-mc", fact="f2", prompt=prompt, answer="1990")
    [given] = provenanced([asked], {"src": "An American in Paris - Wikipedia"})
    assert given.type == MULTIPLE_CHOICE
    assert given.prompt == (
        "From “An American in Paris”: In which year did the Seattle Symphony record it?"
    )


def test_a_prompt_that_names_it_keeps_its_wording():
    # "Angolan" names Angola as much as "Angola" does.
    asked = _cloze("Fill in the blank: The Angolan Air Force's personnel total about _____.")
    assert provenanced([asked], {"angola": "Angolan Armed Forces"}) == [asked]
    assert names_its_text("the Angolan Air Force", "Angola")
    assert names_its_text("the Iranians are diffusing", "Russia and Iran: Not Quite an Alliance")
    assert not names_its_text("a gradual change from a slave-based society", "Angola")


def test_a_common_noun_of_the_title_only_points_at_it():
    # Judges: "the telescope (FAST) is never named", "the economy" of which country.
    telescope = "Gigantic Chinese telescope opens to astronomers worldwide"
    prompt = "Fill in the blank: But Li’s team wants to boost the telescope’s performance."
    assert not names_its_text(prompt, telescope)
    asked = _cloze("Fill in the blank: The economy grew by _____% in 2004.", "11")
    [given] = provenanced([asked], {"angola": ANGOLA})
    assert given.prompt.startswith("Fill in the blank (from “Economy of Angola”): The economy")
    assert names_its_text("Angola's economy grew", "Economy of Angola")


def test_a_title_that_prints_an_answer_of_its_text_is_not_written():
    # "Three Cases of Plague": another question of the text asks for "three".
    first = _cloze("Fill in the blank: WHO counted _____ cases.", "3,248", "plague", "f1-cz")
    second = _cloze("Fill in the blank: _____ cases were diagnosed.", "Three", "plague", "f2-cz")
    titles = {"plague": "Three Cases of Plague Diagnosed in China (Smithsonian Smart News)"}
    assert provenanced([first, second], titles) == [first, second]


def test_a_file_name_or_a_long_title_is_no_title():
    assert title_label("report_final.pdf") is None
    assert title_label(" ".join(["word"] * 15)) is None
    assert title_label("Three Cases of Plague Diagnosed in China (Smithsonian)") == (
        "Three Cases of Plague Diagnosed in China"
    )


def test_the_ranker_reads_the_prompt_without_it():
    plain = _cloze("Fill in the blank: " + SLAVES.replace("1764", "_____"))
    [given] = provenanced([plain], {"angola": ANGOLA})
    assert given.prompt != plain.prompt
    assert acceptability.features(given, ANGOLA) == acceptability.features(plain, ANGOLA)
