"""References that escaped the stand-alone rules (fresh5 verdicts, "lost context"): an acronym
the text defined, "this Court", "did it", "the Allegro that follows", an "it" after a date."""

from __future__ import annotations

import pytest

from app.generation.acronyms import AMBIGUOUS, defined_acronyms
from app.generation.context import references, unsettled
from app.generation.settling import settle
from app.generation.widening import needs_previous


@pytest.fixture
def settled_with_acronyms(nlp):
    """The cloze of the text's last sentence, settled with the acronyms the text defines."""

    def run(text: str, answer: str) -> str | None:
        last = list(nlp(text).sents)[-1]
        prompt = "Fill in the blank: " + last.text.replace(answer, "_____", 1)
        refs = references(last, None, (), defined_acronyms(text))
        return settle(prompt, answer, unsettled(refs, prompt))

    return run


def test_the_acronyms_a_text_defines_are_read_in_any_case_quoted_or_not():
    text = (
        "This multidistrict litigation proceeding (“MDL”) involves cases against Bard. Bard "
        "markets inferior vena cava (IVC) filters. The American National Standards Institute "
        '("ANSI") was founded in 1918. Sales rose (USD 4 million) in 2019.'
    )
    assert defined_acronyms(text) == {
        "MDL": "multidistrict litigation",
        "IVC": "inferior vena cava",
        "ANSI": "American National Standards Institute",
    }


def test_an_acronym_defined_two_ways_has_no_long_form():
    text = "The Monetary Policy Committee (MPC) met. The Members of Parliament Caucus (MPC) met."
    assert defined_acronyms(text) == {"MPC": AMBIGUOUS}


def test_an_acronym_the_text_defined_is_written_out_beside_its_long_form(settled_with_acronyms):
    text = (
        "This multidistrict litigation proceeding (“MDL”) involves cases against Bard. Prices "
        "rose. The MDL was transferred to Phoenix in August 2015."
    )
    assert settled_with_acronyms(text, "2015") == (
        "Fill in the blank: The MDL (multidistrict litigation) was transferred to Phoenix in "
        "August _____."
    )


@pytest.mark.parametrize(
    "text",
    [
        # The prompt shows the long form: nothing to add.
        "Bard was sued in a multidistrict litigation (MDL) transferred to Phoenix in 2015.",
        # Not defined in the text: a known initialism, left as written.
        "Prices rose. The NBA fined the team $50,000 in 2015.",
    ],
)
def test_an_acronym_shown_with_its_long_form_or_never_defined_stands(settled_with_acronyms, text):
    answer = "2015"
    last = text.rsplit(". ", 1)[-1]
    assert settled_with_acronyms(text, answer) == "Fill in the blank: " + last.replace(
        answer, "_____", 1
    )


def test_an_acronym_defined_two_ways_refuses_the_prompt(settled_with_acronyms):
    text = (
        "The Monetary Policy Committee (MPC) met. The Members of Parliament Caucus (MPC) met. "
        "The MPC raised rates in 2015."
    )
    assert settled_with_acronyms(text, "2015") is None


@pytest.mark.parametrize(
    "text, answer",
    [
        # A capitalised common word after a demonstrative is the court the filing speaks of.
        ("The MDL was transferred to this Court in August 2015 when 22 cases were filed.", "22"),
        # A pro-verb with no act before it ("did it": a triple-double against every team).
        ("Kidd, who did it against 28 teams, has served as a role model for James.", "28"),
        ("Prices rose. Smith did so again in 2014.", "2014"),
        ("Prices rose. Smith wanted to do the same in 2014.", "2014"),
        # "it" is no date: "Since January 2018, it" is the House, never named.
        ("Since January 2018, it has not talked of infrastructure or trade deals.", "2018"),
        # Placed after something its clause does not name.
        ('The "Allegro" that follows continues in a faster twelve-bar blues.', "twelve-bar"),
        ("The war that followed killed 3,000 people.", "3,000"),
        # Not the noun a relative "who" stands for ("Kidd, who praised it").
        ("Prices rose. Kidd, who praised it in 2019, won a prize.", "2019"),
        # Named by a part in an act never told: founding what, prepared when?
        ("Prices rose. Staff were provided by the founding bodies in 1919.", "1919"),
        ("Prices rose. On July 9, 1778, the prepared copy was ready.", "1778"),
    ],
)
def test_a_reference_to_what_the_prompt_never_names_is_refused(settled, text, answer):
    assert settled(text, answer) is None


@pytest.mark.parametrize(
    "text, answer",
    [
        # The act is in the prompt: "did so" is recording a triple-double.
        (
            "James recorded a triple-double against all 30 teams, and Kidd did so against 28 "
            "teams.",
            "28",
        ),
        # "do" of its own: no act repeated.
        ("Prices rose. Smith did his homework in 2014.", "2014"),
        # What it follows is named in its clause.
        ("Prices rose. The Allegro that follows the Andante lasts 4 minutes.", "4 minutes"),
        # "to do so": the act of the clause it serves.
        (
            "Einstein became a professor in Prague in April 1911, accepting Austrian citizenship "
            "to do so.",
            "1911",
        ),
        # A participle beside a word that says which.
        ("Prices rose. The divided Democratic party nominated Douglas in 1860.", "1860"),
        # A clause hung on a noun may speak of it: "Acme, whose founders left it".
        ("Prices rose. Workers praised Acme, whose founders left it in 2005.", "2005"),
        # An organisation named in the plural is an "it".
        ("In November 2015, Smart Projects changed its company's name to Arduino SRL.", "2015"),
    ],
)
def test_a_reference_the_prompt_settles_stands(settled, text, answer):
    assert settled(text, answer) is not None


@pytest.mark.parametrize(
    "text, widened",
    [
        ("James has 86 triple-doubles. Kidd did it against 28 teams in 2009.", True),
        ("James recorded a triple-double, and Kidd did so against 28 teams in 2009.", False),
    ],
)
def test_a_sentence_repeating_an_act_it_does_not_tell_takes_the_one_before(nlp, text, widened):
    assert needs_previous(list(nlp(text).sents)[-1]) is widened
