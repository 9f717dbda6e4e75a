"""Which date is background and which mention is the sentence's news (issue 14, judges)."""

from __future__ import annotations

import pytest

from app.generation.asking import is_attribution
from app.generation.news import background_date, is_news, main_argument


@pytest.mark.parametrize(
    ("sentence", "date"),
    [  # each refused by a blind judge as general knowledge or an incidental detail
        (
            "Although Putin has pursued a pro-Iran policy since his re-election in 2012, the "
            "break with the West over Ukraine gave new incentive to Putin’s Iran track.",
            "2012",
        ),
        (
            "Trade ties and security cooperation kept increasing, especially after Russia "
            "annexed Crimea in 2014.",
            "2014",
        ),
        (
            "Some contributing factors are directly linked to a lack of trust following the "
            "1979 revolution, whereby Moscow was branded as a “little Satan”.",
            "1979",
        ),
        (
            "Russia allegedly swindled Iran out of trillions of dollars with the putatively "
            "lop-sided ‘Convention on the Special Status of the Caspian Sea’ signed in August "
            "2018.",
            "August 2018",
        ),
        ("The Bankruptcy Reform Act of 1978 removed the judge from administration.", "1978"),
        ("As of late 2015, Firefox has about 10-11% of usage share.", "late 2015"),
    ],
)
def test_a_date_an_event_carries_in_passing_is_background(span_in, sentence, date):
    assert background_date(span_in(sentence, date))


@pytest.mark.parametrize(
    ("sentence", "date"),
    [  # judges accepted these: the date is the main statement's own time
        ("In 1995, Russia agreed to supply the light water reactor for Bushehr.", "1995"),
        ("When Sky Digital was launched in 1998 the new service used Astra 2A.", "1998"),
        (
            "In the course of the 10th century, the incursions of Norse war bands evolved into "
            "more permanent encampments.",
            "10th century",
        ),
        (
            "The length of the Rhine is measured in Rhine-kilometers, a scale introduced in 1939 "
            "which runs from the Old Rhine Bridge.",
            "1939",
        ),
    ],
)
def test_the_main_statements_own_date_is_not_background(span_in, sentence, date):
    assert not background_date(span_in(sentence, date))


def test_an_agreement_the_main_clause_signs_is_news(span_in):
    sentence = "In 2001, Russia and Iran signed the Treaty of Mutual Relations in Moscow."
    assert is_news("treaty", None, span_in(sentence, "Treaty of Mutual Relations"))
    # A person is news only in a role; a name in a subordinate clause is not the news.
    assert not is_news("person", None, span_in("In 2001, Vladimir Putin met Khatami.", "Khatami"))
    subordinate = "After the Gulf Cooperation Council met in Doha, Iran signed a deal in 2011."
    assert not main_argument(span_in(subordinate, "Gulf Cooperation Council"))


def test_a_speaker_named_in_apposition_is_an_attribution(span_in):
    """Once the background year of this sentence was refused, its speaker was blanked next."""
    sentence = (
        "A former senior Obama Administration official, Philip Gordon, said recently that "
        "Moscow became a cooperative partner with the United States."
    )
    assert is_attribution(span_in(sentence, "Philip Gordon"))
