"""Markup residue (wiki templates, stuck note numbers, Markdown, entities) is recognised in one
place: blanked for parsing, left out of question wording, quotes still verbatim."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.generation.cleaning import analysis_text, segment
from app.generation.cleaning_rules import ends_sentence
from app.generation.facts import quote_is_verbatim
from app.generation.residue import (
    blank_residue,
    cut_at_abbreviation,
    display_typography,
    plain_passage,
    residue_spans,
    strip_residue,
)
from app.generation.types import CAPTION, REFERENCES

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "extraction"


@pytest.mark.parametrize(
    ("text", "plain"),
    [
        ("It was signed in 1921.[citation needed] Later", "It was signed in 1921. Later"),
        ("It was signed in 1921.[citation needed", "It was signed in 1921."),
        ("History[edit]", "History"),
        ("Early life[edit source]", "Early life"),
        ("He won.[a] She lost.[note 3]", "He won. She lost."),
        ("Russia signed the treaty.12 It came", "Russia signed the treaty. It came"),
        ("as the “treaty.”4 Then", "as the “treaty.” Then"),
        ("Iran joined,[12][13] then left.²", "Iran joined, then left."),
        ("Smith &amp; Wesson&#8217;s", "Smith & Wesson’s"),
        ("Over the next 12&nbsp;minutes", "Over the next 12\xa0minutes"),
        ("## War\n> It began **early** in [1914](https://x.org).", "War\nIt began early in 1914."),
        ("Text\n---\nMore", "Text\n\nMore"),
        ("See `code` and __bold__.", "See code and bold."),
        # fresh6's Gutenberg text: judged "the Chimes_" and "Artaxerxes_" as leftovers.
        ("when _The Chimes_ was written in 1844.", "when The Chimes was written in 1844."),
        ("the airs in Arne's _Artaxerxes_,", "the airs in Arne's Artaxerxes,"),
        # heldout's Wikipedia wikitext: a page template after a sentence opened a prompt
        # ("111, 228 Various companies including Microsoft formed ...").
        (
            "as Chief Software Architect.: 111, 228 Various companies formed it.",
            "as Chief Software Architect. Various companies formed it.",
        ),
        ("the bundling of it.: 323–324\n\nOn January", "the bundling of it.\n\nOn January"),
    ],
)  # fmt: skip
def test_residue_is_recognised(text, plain):
    assert strip_residue(text) == plain


@pytest.mark.parametrize(
    "text",
    [
        "It cost 3.12 million dollars.",
        "See p.12 The next page.",
        "He said [the president] would go.",
        "It said that '[t]he regular army was large.'",
        "AT&T grew in 1984.",
        "The _____ was signed.",
        "Rates rose by 5% in 2012. Then fell.",
        "Set max_length and n_layers to 512.",
        "The £_____m bid and _____s were made.",
        # fresh6 seed 154: a unit's power kept ("652,000 km" was keyed for an area).
        "Its territory covers 652,000 km², making it the 41st largest country.",
        "a flat of 80 m² in all",
        "The ratio was 3:2 in 1999. Scores: 4, 5 Then",
        "He wrote at 10:30 The next day.",
    ],
)
def test_prose_is_not_residue(text):
    assert residue_spans(text) == []


def test_blanking_keeps_offsets_and_cleaning_parses_without_the_residue():
    text = (
        "The Treaty of Lisvale was signed in 1902.[citation needed] It ended the war.12 "
        "Its terms were &quot;harsh&quot; for the losing side.[edit]\n"
    )
    analysis = analysis_text(text, segment(text))
    assert len(analysis) == len(text)
    assert analysis.split() == (
        "The Treaty of Lisvale was signed in 1902. It ended the war. Its terms were harsh for "
        "the losing side.".split()
    )
    assert blank_residue(text) == analysis


def test_a_list_items_bullet_is_not_part_of_what_is_asked():
    text = "Its tanks were:\n\n• 12 PT-76 light tanks were bought in 1975.\n• 2 more came.\n"
    analysis = analysis_text(text, segment(text))
    assert len(analysis) == len(text)
    assert "•" not in analysis
    assert "12 PT-76 light tanks were bought in 1975." in analysis


def test_question_wording_never_shows_residue_and_quotes_stay_verbatim():
    text = "It ended the war.12 Its terms were harsh.[citation needed] Then peace came."
    analysis = blank_residue(text)
    start, end = 0, text.index("Then") - 1
    assert quote_is_verbatim(text, analysis, start, end)
    assert plain_passage(text[start:end]) == "It ended the war. Its terms were harsh."


def test_a_stuck_note_number_does_not_hide_a_sentence_end():
    assert ends_sentence("Russia signed the treaty.12")
    assert ends_sentence("as the “treaty.”4")
    assert not ends_sentence("It was founded in 1912")


def test_extraction_sections_are_not_prose():
    text = (
        "The guild was founded in 1911 by Ada Lorn, who ran it for forty years.\n\n"
        "Notes\n\nThe guild later moved to the harbour, where it stayed.\n\n"
    )
    kinds = [(b.kind, text[b.start : b.end]) for b in segment(text)]
    assert (REFERENCES, "The guild later moved to the harbour, where it stayed.") in kinds
    captions = (
        "The guild was founded in 1911 by Ada Lorn, who ran it for forty years.\n\n"
        "Captions\n\nFig 2 The guild hall, seen from the harbour in 1913, before the fire.\n"
    )
    kinds = [(b.kind, captions[b.start : b.end]) for b in segment(captions)]
    assert kinds[-1] == (
        CAPTION,
        "Fig 2 The guild hall, seen from the harbour in 1913, before the fire.",
    )


@pytest.mark.slow
def test_wikipedia_text_with_its_markers_gives_questions_without_them(nlp):
    """A Wikipedia article saved as plain text, reference markers and all."""
    import trafilatura

    from app.generation import pipeline
    from app.generation.types import SourceText

    html = (FIXTURES / "en.wikipedia.org.tsne.html").read_text(encoding="utf-8")
    raw = trafilatura.extract(html, include_tables=False, favor_precision=True)
    text = raw.replace("\n", "\n\n").replace("music analysis,", "music analysis,[citation needed] ")
    assert "[1]" in text and "[citation needed]" in text
    # The review pool: the article's names and figures, which a bank leaves to review.
    result = pipeline.generate([SourceText("tsne", text)], nlp, review_pool=True)
    assert result.questions
    for question in result.questions:
        assert text[question.quote.start : question.quote.end] == question.quote.text
        shown = " ".join([question.prompt, question.answer, *question.choices, *question.accept])
        assert residue_spans(shown) == [], shown


def test_a_sentence_cut_at_an_abbreviation_is_seen_from_both_sides():
    before = "The largest of these ornaments is shown in Fig."
    after = "14 is a gold pendant found near David in 1888."
    assert cut_at_abbreviation("", before, " " + after)
    assert cut_at_abbreviation(before + " ", after, "")
    assert not cut_at_abbreviation("It rained. ", "The pendant was found in 1888.", "")
    assert not cut_at_abbreviation("He arrived in the U.S. ", "He left in 1888.", "")
    # A sentence that merely ends on such a word is whole when no number follows.
    assert not cut_at_abbreviation("", "She studied modern art.", " Her teacher was Ruiz.")


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        # Judged prompts of fresh6 (wikitext) and heldout/fresh5: the source's typography.
        ("which was inspired by Proudhon´s ideas.", "which was inspired by Proudhon’s ideas."),
        ("while 58 countries remain endemic for LF .", "while 58 countries remain endemic for LF."),
        ('In 1860 Lincoln described himself : "I am', 'In 1860 Lincoln described himself: "I am'),
        ("It is 0 .5 and _____ . at most.", "It is 0 .5 and _____ . at most."),
        # fresh's judged "a NDRB Applicant" (the source's; an initialism read letter by letter).
        ("to change a NDRB Applicant's Code", "to change an NDRB Applicant's Code"),
        ("A HTML page and a NATO summit", "An HTML page and a NATO summit"),
        ("a SWAT team, a BBC reporter, a HR3 bill", "a SWAT team, a BBC reporter, a HR3 bill"),
    ],
)  # fmt: skip
def test_the_sources_typewriter_stand_ins_are_shown_as_typeset(text, shown):
    assert display_typography(text) == shown
    assert plain_passage(text) == shown


# fresh6's IBM Redbook (Markdown from a PDF): all 6 tuning readings of "Studies from the Ponemon
# Institute 2 revealed ..." judged the stuck note number a leftover.
_REDBOOK = (
    "The cost of these data breaches is skyrocketing. Studies from the Ponemon Institute 2 "
    "revealed that the average cost of a data breach increased in 2013 by 15% globally. "
    "Table 1 shows the costs.\n\n"
    "1   http://www.idtheftcenter.org\n\n"
    "2 http://www.ponemon.org /\n"
)


def test_a_linked_notes_number_stuck_to_a_name_leaves_no_verbatim_quote():
    analysis = analysis_text(_REDBOOK, segment(_REDBOOK))
    start = _REDBOOK.index("Studies")
    end = _REDBOOK.index("globally.") + len("globally.")
    assert "Institute   revealed" in analysis
    assert "Table 1 shows" in analysis  # a number that is part of a name stays
    assert not quote_is_verbatim(_REDBOOK, analysis, start, end)


def test_a_name_and_a_number_without_a_linked_note_stay_prose():
    text = _REDBOOK.split("\n\n")[0] + "\n"
    analysis = analysis_text(text, segment(text))
    assert "Institute 2 revealed" in analysis
