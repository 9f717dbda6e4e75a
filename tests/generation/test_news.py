"""Which date is background and which mention is the sentence's news (issue 14, judges)."""

from __future__ import annotations

import pytest

from app.generation.asking import is_attribution
from app.generation.news import (
    background_date,
    comparison_baseline,
    framing,
    is_news,
    main_argument,
)
from app.generation.pipeline import generate
from app.generation.types import SourceText


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
        (  # tuning labels (tune-seed111-part2 #13): "blanks the incidental year of a bulletin"
            "Boeing Special Attention Service Bulletin 737–00–1028, dated July 20, 2020, "
            "describes procedures for an AOA sensor system test.",
            "July 20, 2020",
        ),
        ("The report, dated 12 March 2019, found no fault in the wiring.", "12 March 2019"),
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


def test_a_framing_clause_inside_a_reported_claim_is_not_background(span_in):
    # Bundled readings: accepted by all six readers (seeds 91, 95, 98, 101, 101b, 104).
    sentence = (
        "A former senior Obama Administration official, Philip Gordon, said recently that once "
        "Russia learned of the secret Iranian nuclear site at Fordo in 2009, Moscow became a "
        "cooperative partner with the United States."
    )
    assert not background_date(span_in(sentence, "2009"))


def test_an_opening_as_clause_dates_the_cause_the_news_follows_from(span_in):
    # Bundled readings: accepted by all three readers (seeds 93, 98, 104).
    sentence = (
        "As talks on reviving the 2015 nuclear deal have faltered since 2021, Tehran found "
        "itself increasingly alone."
    )
    assert not background_date(span_in(sentence, "2021"))


def test_a_trailing_as_clause_is_still_background(span_in):
    sentence = (
        "This led to boycotts from the community, as Eich previously donated US$1,000 in 2008 "
        "in support of the ballot proposition."
    )
    assert background_date(span_in(sentence, "2008"))


def test_a_framing_clause_of_the_sentence_itself_is_still_background(span_in):
    sentence = (
        "Since the Compact was approved by Congress in 1980, no signatory State had pressed "
        "for a change."
    )
    assert background_date(span_in(sentence, "1980"))


def test_an_agreement_the_main_clause_signs_is_news(span_in):
    sentence = "In 2001, Russia and Iran signed the Treaty of Mutual Relations in Moscow."
    assert is_news("treaty", None, span_in(sentence, "Treaty of Mutual Relations"))
    # A person is news only in a role; a name in a subordinate clause is not the news.
    assert not is_news("person", None, span_in("In 2001, Vladimir Putin met Khatami.", "Khatami"))
    subordinate = "After the Gulf Cooperation Council met in Doha, Iran signed a deal in 2011."
    assert not main_argument(span_in(subordinate, "Gulf Cooperation Council"))


@pytest.mark.parametrize(
    ("sentence", "news", "side"),
    [  # the amount or place the statement is about, and a detail beside it (issue 14)
        ("In the two-year period since 2014, there have been 381 changes.", "381", "two-year"),
        ("Sales rose to 500 units, up from 200 units a year earlier.", "500", "200"),
        ("Acme expects to sell 40 tonnes of steel to the navy.", "40 tonnes", None),
        ("The biggest city on the river is Cologne, with a harbour.", "Cologne", None),
        ("In the Bay of Bengal, 300 miles from the coast, lie the Andaman Islands.", None, "300"),
        (  # tuning labels: "asks the follow-on figure instead of the headline"
            "In a report released in November 2012, Mozilla reported that their total revenue "
            "for 2011 was $163 million, which was up 33% from $123 million in 2010.",
            "$163 million",
            "$123 million",
        ),
    ],
)
def test_the_statements_own_argument_is_news_a_side_detail_is_not(span_in, sentence, news, side):
    kind = "place" if news and news[0].isupper() else "figure"
    if news:
        assert is_news(kind, None, span_in(sentence, news))
    if side:
        assert not is_news("figure", None, span_in(sentence, side))


def test_a_speaker_named_in_apposition_is_an_attribution(span_in):
    """Once the background year of this sentence was refused, its speaker was blanked next."""
    sentence = (
        "A former senior Obama Administration official, Philip Gordon, said recently that "
        "Moscow became a cooperative partner with the United States."
    )
    assert is_attribution(span_in(sentence, "Philip Gordon"))


@pytest.mark.parametrize(
    ("sentence", "date"),
    [  # bundled judging (seed 126): the date asked while the sentence's news went untested
        (  # an office-taking everyone knows, named by a gerund in passing
            "The confirmation of Moscow's new outlook became a feature of Vladimir Putin’s "
            "coming to power in 2000.",
            "2000",
        ),
        (
            "The reforms were slowed by the opposition after Lula was elected in 2002.",
            "2002",
        ),
        (  # a participle opening the sentence, with no subject of its own
            "Moving closer to the 1990s, the Russian Federation’s new approach gained its "
            "legitimacy via a rejectionist policy.",
            "the 1990s",
        ),
        (  # the date of a statement, whose content is the news
            "On 3 November 2016, the head of the Guard Corps said that Russia may not care if "
            "Assad stays in power.",
            "3 November 2016",
        ),
        (
            "In July 2022, U.S. National Security Adviser Jake Sullivan made a major "
            "announcement: Iran was preparing to send Russia unmanned aerial vehicles.",
            "July 2022",
        ),
        (  # the date of one example of what the sentence states
            "The two countries conducted multiple high-level meetings, including between "
            "Ali Khamenei and Vladimir Putin in Tehran in July 2022.",
            "July 2022",
        ),
    ],
)
def test_a_famous_event_a_dangling_opener_or_a_statements_date_is_background(
    span_in, sentence, date
):
    assert background_date(span_in(sentence, date))


@pytest.mark.parametrize(
    ("sentence", "date"),
    [  # the date is what the main statement says happened when
        ("In 2019, Putin announced the withdrawal of Russian troops from Syria.", "2019"),
        ("Lula was elected in 2002 with 61 percent of the vote.", "2002"),
        ("Following a decade of talks, Russia signed the treaty in 2001.", "2001"),
    ],
)
def test_an_announced_act_or_an_election_the_sentence_is_about_keeps_its_date(
    span_in, sentence, date
):
    assert not background_date(span_in(sentence, date))


@pytest.mark.parametrize(
    ("sentence", "date"),
    [  # review 14: an opening participle of time dates the main statement
        ("Starting in 1995, the company sold its products online.", "1995"),
        ("Beginning in 1848, gold seekers poured into California.", "1848"),
        ("Ending in 1918, the war left Europe exhausted.", "1918"),
    ],
)
def test_an_opening_participle_of_time_dates_the_statement(span_in, sentence, date):
    assert not background_date(span_in(sentence, date))


@pytest.mark.parametrize(
    ("sentence", "date"),
    [  # review 14: what history and science texts are about, not a date of saying
        ("In 1863, Lincoln declared that all slaves in the rebel states were free.", "1863"),
        ("In 1869 Mendeleev reported that the elements repeat their properties.", "1869"),
        ("In 1939, Einstein warned Roosevelt that Germany might build a bomb.", "1939"),
        ("In 2019, the company announced that it would close its factories.", "2019"),
        # a local office is no office everyone knows the date of
        ("Jane Smith, who was elected mayor in 1998, rebuilt the harbour.", "1998"),
    ],
)
def test_a_declaration_or_a_local_office_keeps_its_date(span_in, sentence, date):
    assert not background_date(span_in(sentence, date))


def test_a_national_office_taken_in_passing_is_still_background(span_in):
    sentence = "Jane Smith, who was elected president in 1998, rebuilt the economy."
    assert background_date(span_in(sentence, "1998"))


def test_the_source_an_according_to_names_is_an_attribution(span_in):
    """Bundled judging (seed 126): "According to _____, 'During the reign of Peter the Great,
    Russia started to pursue expansionist designs'" blanked the scholar, not the point."""
    sentence = (
        "According to Elena Andreeva, “During the reign of Peter the Great, Russia started to "
        "pursue expansionist designs against Iran.”"
    )
    assert is_attribution(span_in(sentence, "Elena Andreeva"))
    assert not is_attribution(span_in("Peter the Great ruled Russia until 1725.", "Peter"))


@pytest.mark.parametrize(
    ("sentence", "source"),
    [
        ("As Rowbotham points out, impassioned speech is the parent of music.", "Rowbotham"),
        ("According to Amiot one of the great court functions is the hymn.", "Amiot"),
        (
            "After his death, which is so dramatically told by Suetonius, music declined.",
            "Suetonius",
        ),
    ],
)
def test_a_cited_author_is_an_attribution(span_in, sentence, source):
    """The issue: "blanks on reference matter (a cited author)"; the tuning split's essays
    asked "As _____ points out, impassioned speech is the parent of music"."""
    assert is_attribution(span_in(sentence, source))


@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        ("Aristotle tells how Philoxenus attempted to set verse to the Dorian mode.", "Philoxenus"),
        ("The company was founded by Charles Flint in 1911.", "Charles Flint"),
        ("The decline of art culminated under Ptolemy Auletes in Egypt.", "Ptolemy Auletes"),
    ],
)
def test_an_actor_is_no_attribution(span_in, sentence, name):
    assert not is_attribution(span_in(sentence, name))


@pytest.mark.parametrize(
    ("sentence", "date"),
    [  # tuning labels: blind judges accepted both blanks, which were refused as background
        (
            "The further decline of Byzantine state-of-affairs paved the road to a third attack "
            "in 1185, when a large Norman army invaded Dyrrachium, owing to the betrayal of high "
            "Byzantine officials.",
            "1185",
        ),
        (
            "The Upper Rhine region was changed significantly by a Rhine straightening program "
            "in the 19th Century.",
            "the 19th Century",
        ),
        ("The old museum was badly damaged by a flood in 1966.", "1966"),
    ],
)
def test_a_date_after_the_noun_of_the_main_statement_is_not_background(span_in, sentence, date):
    assert not background_date(span_in(sentence, date))


def test_a_date_after_a_noun_in_a_framing_phrase_is_still_background(span_in):
    sentence = "After a flood in 1966, the old museum was rebuilt on higher ground."
    assert background_date(span_in(sentence, "1966"))


def test_a_date_after_a_noun_in_an_opening_adjunct_is_still_background(span_in):
    sentence = "In a meeting with Russian officials in July 2019, Shamkhani praised the talks."
    assert background_date(span_in(sentence, "July 2019"))


@pytest.mark.parametrize(
    ("sentence", "answer", "baseline"),
    [
        ("Profits were $9 million, up 12% from $8 million in 2019.", "$8 million", True),
        ("Profits were $9 million, up 12% from $8 million in 2019.", "2019", True),
        ("Profits were $9 million, up 12% from $8 million in 2019.", "$9 million", False),
        ("The town grew from 300 people to 900 people.", "300 people", False),
        ("More than 400 people attended the launch.", "400", False),
    ],
)
def test_a_comparisons_baseline_is_background(span_in, sentence, answer, baseline):
    """Tuning judges: "asks the follow-on figure instead of the headline" ($123 million)."""
    assert comparison_baseline(span_in(sentence, answer)) is baseline


def test_the_headline_figure_is_asked_not_its_baseline_or_the_reports_date(nlp):
    """Tuning labels (tune-seed81-part2 #40, wikipedia-mozilla): "'Up 33%' to $163m gives about
    $123m by arithmetic; asks the follow-on figure instead of the headline"; the bank asked the
    report's year (2012) instead."""
    text = (
        "Mozilla Corporation is a wholly owned subsidiary of the Mozilla Foundation.\n\n"
        "In a report released in November 2012, Mozilla reported that their total revenue for "
        "2011 was $163 million, which was up 33% from $123 million in 2010."
    )
    questions = generate([SourceText("m", text, "Mozilla")], nlp, learned_ranker=False).questions
    answers = {q.answer for q in questions if "revenue" in q.quote.text}
    assert answers == {"$163 million"}


@pytest.mark.parametrize(
    ("sentence", "answer", "side"),
    [
        (  # tuning labels (tune2-seed141-part3 #4): "the 381 changesets go untested"
            "In the one-year period since late March 2014, there have been 381 changesets "
            "committed to the OpenOffice Subversion repository.",
            "one-year",
            True,
        ),
        ("Following the purchase of Acme in 2014, the group changed its name.", "Acme", True),
        ("In the one-year period since 2014, there have been 381 changes.", "381", False),
        ("The company sold 300 shares in May 2016.", "May 2016", False),
    ],
)
def test_a_phrase_opening_the_sentence_is_a_side_detail(span_in, sentence, answer, side):
    assert framing(span_in(sentence, answer)) is side


@pytest.mark.parametrize(
    ("sentence", "date"),
    [  # tuning readings: judges refused 27 of 28 readings of a date in such a clause
        (
            "Einstein was a figurehead leader in helping establish the Hebrew University of "
            "Jerusalem, which opened in 1925, and was among its first Board of Governors.",
            "1925",
        ),
        (
            "Microsoft posted its first quarterly loss ever, with a net loss of $492 million due "
            "to a writedown related to the advertising company aQuantive, which had been "
            "acquired for $6.2 billion back in 2007.",
            "2007",
        ),
        (
            "The significant provisions of OBBBA include the permanent extension of certain "
            "provisions of the Tax Cuts and Jobs Act which was enacted in 2017.",
            "2017",
        ),
        (
            "The Sky Q Silver set top box is capable of receiving and displaying UHD broadcasts, "
            "which Sky will introduce later in 2016.",
            "2016",
        ),
    ],
)
def test_a_date_in_a_relative_clause_on_a_noun_on_the_way_is_background(span_in, sentence, date):
    assert background_date(span_in(sentence, date))


@pytest.mark.parametrize(
    ("sentence", "date"),
    [  # judges accepted these: the clause is what the sentence says of its noun
        (
            "The most notorious of the three is Carl Peters, who first went to East Africa in "
            "the 1880s when he founded the German East Africa Company.",
            "1880s",
        ),
        (
            "On 18 November 2015, Sky announced Sky Q, a range of products and services to be "
            "available in 2016.",
            "2016",
        ),
    ],
)
def test_a_relative_clause_on_what_a_copula_names_or_an_infinitive_keeps_its_date(
    span_in, sentence, date
):
    assert not background_date(span_in(sentence, date))
