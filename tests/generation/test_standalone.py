"""Facts whose questions stand alone: asides left out, hedges outside the blank, context kept."""

from __future__ import annotations

from app.generation import cloze_window
from app.generation.answer_spans import in_brackets, without_hedge
from app.generation.types import BLANK
from app.generation.widening import month_without_year, needs_previous


def test_a_date_in_brackets_is_an_aside(span_in):
    span = span_in("During the reign of Peter the Great (1689-1725), Russia expanded.", "1689-1725")
    assert in_brackets(span)
    assert not in_brackets(span_in("Russia expanded in 1725 under Peter.", "1725"))


def test_hedges_stay_outside_the_blank(nlp):
    doc = nlp("The French sent some 500 soldiers to the fort.")
    span = next(e for e in doc.ents if "500" in e.text)
    assert without_hedge(span).text == "500"
    doc = nlp("The fort was built between 1758 and 1760.")
    span = next(e for e in doc.ents if "1758" in e.text)
    assert without_hedge(span).text.startswith("1758")
    doc = nlp("The army of the Ohio Company marched north.")
    assert without_hedge(doc[0:4]).text == "The army of the"  # no number: left alone
    # A judge: the key "as much as $300 million" marked the natural "$300 million" wrong.
    cases = {
        "as much as $300 million": "$300 million",
        "as many as 40 teachers": "40 teachers",
        "upwards of 500 people": "500 people",
    }
    for hedged, bare in cases.items():
        doc = nlp(f"Reed expects {hedged} this year.")
        start = doc.text.index(hedged)
        span = doc.char_span(start, start + len(hedged))
        assert without_hedge(span).text == bare


def test_a_description_pointing_back_needs_the_sentence_before(nlp):
    def first(text):
        return next(iter(nlp(text).sents))

    assert needs_previous(first("The deal was signed after long talks in Vienna."))
    assert needs_previous(first("The two governments also boosted military ties in 2000."))
    assert not needs_previous(first("The Treaty of Paris ended the war with Spain in 1763."))
    assert not needs_previous(
        first("The first sign of coordination between Moscow and Tehran came in 2016.")
    )


def test_a_month_without_a_year_needs_context(nlp):
    assert month_without_year(next(nlp("A statement released in July quoted him.").sents))
    assert not month_without_year(next(nlp("A statement released in July 2015 was read.").sents))


LONG = (
    "Moreover, amidst the Supreme Leader's blessing, the biggest fear of the hardliners lies, or "
    "rather lay until the recent presidential elections in the United States of America, in "
    "Rouhani's potential to try and somewhat normalise, or at least not to worsen, the improved "
    "diplomatic ties with the US in the post-JCPoA era of re-engagement."
)


def test_a_cut_cloze_keeps_the_sentences_subject():
    start = LONG.index("Rouhani")
    cloze = cloze_window.cloze(LONG, start, "Rouhani", "the biggest fear of the hardliners")
    assert cloze is not None and BLANK in cloze
    assert "the biggest fear of the hardliners" in cloze
    # A pronoun subject is named before: the passage must run from the quote's start.
    assert cloze_window.cloze(LONG, start, "Rouhani", "").startswith("Moreover, amidst")
    longer = (
        "Before that, in the long years of the sanctions and the talks, they met in Vienna. " + LONG
    )
    assert cloze_window.cloze(longer, longer.index("Rouhani"), "Rouhani", "") is None  # too long so


def test_a_cut_cloze_keeps_the_statement_its_opening_phrase_frames():
    """Bundled generation: "… pressures. During the presidency of _____ …" asked whose
    presidency while what happened during it was cut away."""
    passage = (
        "Rapprochement proved Moscow's long-anticipated ability to stand up to Western and "
        "other international pressures. During the presidency of Ahmadinejad, tensions with the "
        "West regarding the nuclear issue escalated and numerous new sanctions were imposed on "
        "the country, further contributing to economic deterioration."
    )
    cloze = cloze_window.cloze(passage, passage.index("Ahmadinejad"), "Ahmadinejad", "tensions")
    assert cloze is not None
    assert f"During the presidency of {BLANK}, tensions with the West" in cloze
    assert "sanctions were imposed" in cloze


def test_an_opener_without_its_comma_is_no_cut_phrase():
    """A reviewer: "In 1995 Russia agreed to complete the plant at _____ that …" is the
    sentence itself (its opener unpunctuated), a window to keep, not a cut phrase."""
    passage = (
        "In 1995 Russia agreed to complete the unfinished nuclear power plant at Bushehr that "
        "the German company Siemens had begun in the 1970s and abandoned after the revolution, "
        "a contract worth about 800 million dollars that also included the training of Iranian "
        "engineers and the supply of nuclear fuel for ten years."
    )
    cloze = cloze_window.cloze(passage, passage.index("Bushehr"), "Bushehr", "Russia")
    assert cloze is not None and f"plant at {BLANK}" in cloze
