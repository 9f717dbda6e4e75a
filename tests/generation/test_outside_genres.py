"""Sentences of news pages, papers and books no question should ask as they stand (issue 14,
non-encyclopedia texts): a quotation no one is named as saying, an experiment's settings, and
a sentence that adds to the one before it ("A further ...", "Also, ...")."""

from __future__ import annotations

import pytest

from app.generation.lost_context import frame_phrase, years_in
from app.generation.outside_genres import (
    EXPERIMENTAL_SETTING,
    UNATTRIBUTED_QUOTATION,
    experimental_setting,
    refusal,
    unattributed_quotation,
)
from app.generation.settling import settle
from app.generation.widening import needs_previous, quote_span


@pytest.mark.parametrize(
    "sentence",
    [
        "“But a  tax cut at the end of a business cycle with borrowed money won’t end well.”",
        '"We will not leave until the work is done."',
    ],
)
def test_a_quotation_standing_alone_is_refused(sentence):
    assert unattributed_quotation(sentence)
    assert refusal(sentence, "figure") == UNATTRIBUTED_QUOTATION


@pytest.mark.parametrize(
    "sentence",
    [
        # The speaker is named outside the marks: the statement keeps its source.
        "“By , we will spend more on interest than we do on kids,” said Marc Goldwein.",
        "Ken Doctor says “there hasn’t been a single year of revenue gain since .”",
        "The report, titled “Tourism in ”, was published by the council.",
    ],
)
def test_a_quotation_whose_speaker_is_named_is_kept(sentence):
    assert not unattributed_quotation(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "Gradient accumulation is used to maintain the effective batch size as .",
        "The t-tests on b and DNzero returned significant results at the  level for both.",
        "The incidence of significance was greatest for the 10–50th percentiles at 45 of the 50 "
        "data sets at the  level.",
        "For perennial pastures, a C sequestration of  t ha -1 was used based on a 9-year study.",
        "Luciferase activity was measured  hr after transfection as described above.",
        "We trained the encoders for up to  epochs for large datasets.",
        "˜m is a hyper-parameter and we use ˜m =  in all the experiments.",
    ],
)
def test_an_experiments_setting_is_refused_as_a_figure(sentence):
    assert experimental_setting(sentence)
    assert refusal(sentence, "figure") == EXPERIMENTAL_SETTING


@pytest.mark.parametrize(
    "sentence",
    [
        # Findings and history, not settings.
        "Areas of lower elevation were found to be at  times higher risk to fail pre-TAS.",
        "While single-head attention is  BLEU worse than the best setting, quality drops.",
        "In 1940 the fort was used as a prison for  soldiers.",
        "The learning of the language was set as a goal for  pupils by 1950.",
        "The Scillies consist of a group of about  granite islands.",
    ],
)
def test_findings_and_history_are_no_setting(sentence):
    assert not experimental_setting(sentence)
    assert refusal(sentence, "figure") is None


def test_a_setting_is_refused_only_as_a_figure():
    assert refusal("Gradient accumulation is used with the  optimiser.", "organisation") is None


@pytest.mark.parametrize(
    "text",
    [
        "Most staff hold permanent posts. A further 69,000 academic staff were on atypical "
        "contracts in 2015.",
        "Documents are encrypted by the malware. Also, JPEG and PNG files with a size less than "
        "150 KB are not encrypted.",
        # Judges: "'Another' has lost its referent" (a Holmes vessel, heldout).
        "Some of the vases have a narrow rim. Another, shown in Fig. 14, has a wide recurved rim.",
    ],
)
def test_a_sentence_adding_to_the_one_before_takes_it_into_its_quote(nlp, text):
    last = list(nlp(text).sents)[-1]
    assert needs_previous(last)
    assert quote_span(last).text == text


@pytest.mark.parametrize(
    ("text", "stands"),
    [
        # Judges (Sky, Mozilla): "'the launch' of what is never said", "the controversy".
        ("Sky Digital went on air in 1998. Within two months of the launch, BSkyB gained "
         "400,000 new subscribers.", False),
        ("Donors urged a boycott. Due to the controversy, Eich stepped down on April 3, 2014.",
         False),
        ("Sky Digital went on air in 1998. The launch of Sky Digital cost 60 million.", True),
    ],
)  # fmt: skip
def test_an_event_told_once_is_read_with_the_sentence_telling_it(nlp, text, stands):
    last = list(nlp(text).sents)[-1]
    assert needs_previous(last) is not stands


@pytest.mark.parametrize(
    "text",
    [
        "The ship sailed in 1939. In addition to its guns, HMNZS Achilles carried a seaplane "
        "in 1945.",
        "The ship sailed in 1939. Further research in 1950 showed the wreck intact.",
    ],
)
def test_a_sentence_that_adds_nothing_stands_alone(nlp, text):
    assert not needs_previous(list(nlp(text).sents)[-1])


def test_a_cut_passage_opening_on_a_connective_inside_its_sentence_is_refused():
    # "Tribune, moreover, may have ...": the window cut the subject, then the connective went.
    prompt = (
        "Fill in the blank: … moreover, may have the best balance sheet in the industry, having "
        "paid down its debt with the proceeds of a purchase for _____."
    )
    assert settle(prompt, "$500 million", ()) is None


def test_a_whole_sentence_still_loses_the_connective_it_opens_with():
    prompt = "Fill in the blank: Moreover, the company paid down its debt in _____."
    assert (
        settle(prompt, "2019", ()) == "Fill in the blank: The company paid down its debt in _____."
    )


def test_a_window_cut_to_a_sentence_that_adds_to_another_is_refused():
    # The widened passage was too long, and its window kept only "A further ..." (tune2).
    prompt = (
        "Fill in the blank: … A further 69,000 academic staff were on atypical contracts, while "
        "an estimated _____ were on zero-hours contracts."
    )
    assert settle(prompt, "6,500", ()) is None


def test_a_measure_before_a_sentence_is_no_year_to_date_it_by(nlp):
    doc = nlp(
        "The catchments receive most of their rain in summer, 1260 mm on average. Flows fell "
        "sharply after planting, by 40 percent."
    )
    assert frame_phrase(list(doc.sents)[-1]) == ""
    assert years_in("rain (1260 mm on average) since 1990") == {"1990"}


def test_a_measure_the_parser_reads_as_a_date_does_not_date_its_own_sentence(nlp):
    doc = nlp(
        "Potential evaporation is in phase with rainfall at the sites as they receive 85% (1260 "
        "mm on average) of their rainfall in summer."
    )
    assert frame_phrase(next(iter(doc.sents))) == ""
