"""Prompts keep their time frame and the clause that names their subject (issue 14 item 4)."""

from __future__ import annotations

import pytest

from app.generation import cloze_window, lost_context
from app.generation.context import references
from app.generation.lost_context import TimeFrame, time_frame
from app.generation.settling import settle
from app.generation.types import BLANK


@pytest.fixture
def settled(nlp):
    """settled(text, answer): the cloze of the text's last sentence with the answer blanked,
    its references and time frame settled (None when refused)."""

    def run(text: str, answer: str, written: str | None = None) -> str | None:
        last = list(nlp(text).sents)[-1]
        assert answer in last.text, (answer, last.text)
        prompt = "Fill in the blank: " + last.text.replace(answer, BLANK, 1)
        return settle(prompt, answer, references(last), time_frame(last, written))

    return run


@pytest.mark.parametrize(
    "sentence",
    [
        # Time nouns that passed between the three detectors before they shared one list.
        "At that point, Vladimir Putin visited Tehran.",
        "At the time, Vladimir Putin visited Tehran.",
        "By then, Vladimir Putin had visited Tehran.",
        "Then Vladimir Putin visited Tehran.",
        "Some time later, Vladimir Putin visited Tehran.",
        "This time, Vladimir Putin visited Tehran.",
        # fresh5 (judged: "'the end of the year' is never dated, so the answer is 'next year'").
        "By the end of the year, Vladimir Putin had visited Tehran.",
    ],
)
def test_a_time_relative_to_an_unsaid_one_is_refused(settled, sentence):
    assert settled(sentence, "Tehran") is None


def test_a_time_earlier_in_a_reports_day_is_refused(settled):
    """fresh7's Reuters report (dated): "which trade truce and which day are never given"."""
    text = (
        "Hopes of a trade truce earlier in the day drove European stocks to a four-year high "
        "and world stocks to their highest in nearly two years."
    )
    assert settled(text, "two years", "2019-11-19") is None


def test_a_relative_time_with_its_year_stands(settled):
    assert settled("At that point, in 2015, Vladimir Putin visited Tehran.", "Tehran")
    assert settled(
        "A ban on arms sales was enacted by then-President Dmitry Medvedev in Moscow.", "Moscow"
    )


def test_the_year_of_the_sentence_before_is_written_in(settled):
    # Judges: "No time frame for the arms deal"; the sentence before gives it.
    text = (
        "The Russian defence minister visited Tehran in December 2000. "
        "Arms sales valued at more than USD 3 billion were agreed between Moscow and Tehran."
    )
    assert settled(text, "Moscow") == (
        "Fill in the blank: In 2000, arms sales valued at more than USD 3 billion were agreed "
        "between _____ and Tehran."
    )


def test_the_sentences_own_dated_phrase_is_written_in_where_the_prompt_cut_it(nlp):
    sent = next(iter(nlp("During the first ten months of 2022, exports to Iran rose 27%.").sents))
    frame = time_frame(sent)
    assert frame.phrase == "during the first ten months of 2022"
    prompt = settle("By what percentage did exports to Iran rise?", "27%", (), frame)
    assert prompt == (
        "During the first ten months of 2022, by what percentage did exports to Iran rise?"
    )
    fragment = settle("… exports to Iran rose by _____ …", "27%", (), frame)
    assert fragment == "… exports to Iran rose by _____ (during the first ten months of 2022) …"


@pytest.mark.parametrize(
    "text, answer",
    [
        # No period given: "the percentage has no context".
        ("Mozilla noted that roughly 85% of their revenue comes from Google.", "Google"),
        ("Moscow's position on the ongoing conflict in Syria received no feedback.", "Syria"),
        # "Now" is the time of writing: the year of the sentence before is not its time.
        (
            "War broke out in Syria in 2011. Putin is now a more reliable partner to Khamenei.",
            "Khamenei",
        ),
        # True when written: fresh5 (judged: "stale present tense (he left office in 2019)").
        (
            "Algeria gained its independence in 1962. Bouteflika has been President since 1999.",
            "1999",
        ),
        # fresh5: the end of an undated year before the year asked.
        (
            "More games are slated to roll out on Stadia throughout the end of the year and into "
            "2020.",
            "2020",
        ),
        # Two years before it: which one dates this sentence is not said.
        (
            "Talks began in 2001 and ended in 2005. Trade rose by 20 percent with Armenia.",
            "Armenia",
        ),
    ],
)
def test_a_time_bound_statement_without_a_time_frame_is_refused(settled, text, answer):
    assert settled(text, answer) is None


@pytest.mark.parametrize(
    "text, answer",
    [
        ("Purchases over $25,000 must be approved by the United States Trustee.", "Trustee"),
        ("The Rhine flows through Basel and Strasbourg.", "Basel"),
        ("Trade rose by 20 percent in 2019 with Armenia.", "Armenia"),
    ],
)
def test_rules_timeless_facts_and_dated_amounts_stand(settled, text, answer):
    assert settled(text, answer) is not None


LONG = (
    "In ending the ban on missile sales, which was enacted by then-President Dmitry Medvedev in "
    "2010 partly in response to pressure from the United States and Israel and their many "
    "allies, Putin negated one of the single greatest irritants in the bilateral relationship."
)


def test_a_fragment_never_starts_at_a_clause_whose_head_was_cut():
    # Judges: "The fragment starts at '… which was enacted' and cuts 'In ending the ban'".
    answer = "Dmitry Medvedev"
    cloze = cloze_window.cloze(LONG, LONG.index(answer), answer, "Putin")
    assert cloze is not None
    assert not cloze.startswith("… which")
    assert cloze.startswith("In ending the ban")


def test_a_fragment_whose_sentence_is_too_long_to_stand_whole_is_refused():
    longer = LONG.replace(
        "In ending the ban on missile sales,",
        "In ending the long-standing ban on the sale of advanced long-range surface-to-air "
        "missile systems to the Islamic Republic of Iran and its armed forces,",
    )
    answer = "Dmitry Medvedev"
    assert cloze_window.clause_window(longer.replace(answer, BLANK)).startswith("… which")
    assert cloze_window.cloze(longer, longer.index(answer), answer, "Putin") is None


def test_now_is_dated_by_the_texts_own_date(nlp):
    # Judges: "'Now' has no time frame"; the article's date says when "now" was.
    last = list(nlp("Putin is now a more reliable partner to Khamenei.").sents)[-1]
    prompt = "Fill in the blank: Putin is now a more reliable partner to _____."
    frame = time_frame(last, "2016-05-13")
    assert settle(prompt, "Khamenei", references(last), frame) == (
        "Fill in the blank: Putin is now a more reliable partner to _____ (as of 2016)."
    )
    assert settle(prompt, "Khamenei", references(last), time_frame(last)) is None


def test_a_prompt_that_cut_its_relative_time_away_is_refused(nlp):
    # Judges: "'Later that month' never says which month or year".
    sent = next(
        iter(nlp("Later that month, officials reported that Iran would buy Su-35 jets.").sents)
    )
    prompt = "Fill in the blank: … officials reported that Iran would buy _____ jets."
    assert settle(prompt, "Su-35", references(sent), time_frame(sent)) is None


def test_a_century_answer_does_not_date_a_month_without_its_year(settled):
    text = "During his November visit, Putin gave Khamenei a Qoran seized in the 19th century."
    assert settled(text, "19th century") is None
    assert settled(text.replace("November visit", "2015 visit"), "19th century") is not None


def test_the_ranker_reads_relative_and_present_time_from_this_module():
    """The ranker's feature is this module's one list: "the following season" was not in the
    ranker's own list."""
    from app.generation.acceptability import features
    from tests.generation.test_acceptability import question

    def relative(prompt: str) -> float:
        return features(question(f"Fill in the blank: {prompt}", "Iran"), "")["relative_time"]

    assert relative("The following season the talks resumed with _____.")
    assert relative("The ongoing conflict in _____ continued.")
    assert relative("It is currently the largest port of _____.")
    assert not relative("In 2011 the conflict in _____ began.")


def test_an_adding_connective_gives_way_to_the_time_frame():
    """Judges of seeds 121, 124: "an added 'As of 2017' clashes with 'moreover … now'"."""
    frame = TimeFrame(phrase="as of 2017", opener="Moreover")
    prompt = settle(
        "Fill in the blank: Moreover, Putin is now a partner to _____.", "Iran", (), frame
    )
    assert prompt == "Fill in the blank: Putin is now a partner to _____ (as of 2017)."
    # Further in, it adds to what the prompt itself says: kept.
    kept = settle("Trade grew, and moreover the navy visited _____ in 2015.", "Iran", (), frame)
    assert kept == "Trade grew, and moreover the navy visited _____ in 2015."


def test_the_month_may_is_no_rule_word():
    """A reviewer: "May" read as the modal 'may', so "fell 20% in May" needed no time frame."""
    assert lost_context.time_bound("The ruble fell 20% in May.")
    assert not lost_context.time_bound("Bids may not exceed 20% of the fund.")


def test_a_year_far_back_in_the_paragraph_does_not_date_a_sentence(nlp):
    """A reviewer: the whole paragraph before each sentence was searched (quadratic on a long
    paragraph), and a year thousands of sentences back dated it."""
    filler = " ".join(f"The envoys met the {n} delegation." for n in ("first", "second", "third"))
    near = nlp(f"Trade talks opened in 1990. {filler} Exports rose by 20 percent.")
    far = nlp(f"Trade talks opened in 1990. {filler} {filler} Exports rose by 20 percent.")
    assert time_frame(list(near.sents)[-1]).phrase == "in 1990"
    assert time_frame(list(far.sents)[-1]).phrase == ""


@pytest.mark.parametrize(
    "prompt",
    [
        "That same year, _____ signed a deal with Russia.",
        "Months later, _____ signed a deal with Russia.",
        "Later in the year, _____ signed a deal with Russia.",
        # fresh7's Reuters report, four readings of four: "which trade truce and which day are
        # never given".
        "Hopes of a trade truce earlier in the day drove European stocks to a _____ high.",
        "_____ had signed a deal with Russia the year before.",
        "Meanwhile, _____ signed a deal with Russia.",
    ],
)
def test_more_times_relative_to_an_unsaid_one_are_seen(prompt):
    """A reviewer: these kept prompts whose time the text gives only in an earlier sentence."""
    assert lost_context.unanchored_time(prompt)
    assert not lost_context.unanchored_time("In 2001, _____ signed a deal the year before the war.")


def test_an_era_is_written_in_capitals():
    """A reviewer: "300 ad slots" was read as the year 300 AD, so "that week" passed."""
    assert not lost_context.anchored("They bought 300 ad slots that week.")
    assert lost_context.anchored("The temple was built in 350 B.C.")
    assert lost_context.anchored("Rome fell in 476 AD.")


def test_a_day_without_its_year_takes_the_year_the_text_gives_it(settled):
    """Bundled generation: "In Moscow on 2 September, ... Lavrov reiterated ..." was refused
    though the text had dated the talks the sentence before; the year is written in."""
    text = (
        "The talks resumed in Moscow in 2019. "
        "On 2 September, Sergey Lavrov met Javad Zarif in Moscow."
    )
    assert settled(text, "Javad Zarif") == (
        "Fill in the blank: In 2019, on 2 September, Sergey Lavrov met _____ in Moscow."
    )
    # With no year before it, the day still floats.
    assert settled("On 2 September, Sergey Lavrov met Javad Zarif in Moscow.", "Moscow") is None


@pytest.mark.parametrize(
    "text, answer",
    [
        ("The war began in 2010. Two years later, Smith signed a treaty in Paris.", "Paris"),
        ("The war began in 2010. Ten years earlier, Smith had signed a treaty in Paris.", "Paris"),
        ("The war began in 2010. The following year, Smith signed a treaty in Paris.", "Paris"),
    ],
)
def test_a_time_counted_from_another_never_takes_the_year_before_it(settled, text, answer):
    """A reviewer: "In 2010, two years later, Smith signed a treaty in _____" wrote the
    earlier sentence's year beside a time counted from it; it stays refused."""
    assert settled(text, answer) is None


def test_a_four_digit_count_is_no_year():
    """ "1500 troops" counts troops: the prompt still gives no time frame."""
    assert not lost_context.anchored("The general sent 1500 troops to the fort.")
    assert not lost_context.anchored("About 2000 people marched.")
    assert lost_context.anchored("In 1500 the fort was built.")
    assert lost_context.anchored("The 2015 deal lifted sanctions.")
    assert lost_context.anchored("Iran's 2013 elections brought Rouhani.")
    assert lost_context.anchored("Sanctions were lifted in 2016.")


@pytest.mark.parametrize(
    "text",
    [  # review of the strict gate: real years read as counts
        "On 8 May 1945 fighting ended in Europe.",
        "In May 1945 troops entered Berlin.",
        "1945 saw the end of the war.",
        "The year 1990 marked a turning point.",
        "Spring 1968 brought protests.",
        "Elections held 2013 brought Rouhani.",
        "c. 1500 potters worked in the town.",
        "1990 marks a turning point for the alliance.",
    ],
)
def test_a_year_before_anything_but_a_counted_noun_is_a_year(text):
    assert lost_context.anchored(text)


@pytest.mark.parametrize(
    "text",
    [
        "The general sent 1500 troops to the fort.",
        "Police said 3000 protesters gathered.",
        "Its newest models sold 4000 units.",
    ],
)
def test_a_four_digit_number_before_a_plural_noun_counts_it(text):
    assert not lost_context.anchored(text)


@pytest.mark.parametrize(
    ("text", "answer", "written", "settled_as"),
    [
        # fresh5 (judged: "'On Sunday' has no time frame"): a news report's weekday is of the
        # week it was published.
        (
            "Obama addressed the African Union in Addis Ababa on Sunday.",
            "Addis Ababa",
            "2015-07-24",
            "Obama addressed the African Union in _____ on Sunday (as reported on 24 July 2015).",
        ),
        # fresh5 (judged: "'the end of the year' never says which year").
        (
            "More games will roll out on Stadia by the end of the year, Google said.",
            "Stadia",
            "2019-11-19",
            "As reported on 19 November 2019, more games will roll out on _____ by the end of the "
            "year, Google said.",
        ),
        # fresh3 (judged: "'this past January' has no year").
        (
            "Even this past January, which was unseasonably mild, there were 40 leaks, Con Edison "
            "officials said.",
            "Con Edison",
            "2019-02-21",
            "As reported on 21 February 2019, even this past January, which was unseasonably "
            "mild, there were 40 leaks, _____ officials said.",
        ),
        (
            "Sales of the console fell 8 percent this year in Japan.",
            "Japan",
            "2016-05",
            "As reported in May 2016, sales of the console fell 8 percent this year in _____.",
        ),
    ],
)
def test_a_time_counted_from_the_writing_is_dated_by_the_texts_date(
    settled, text, answer, written, settled_as
):
    assert settled(text, answer, written) == f"Fill in the blank: {settled_as}"
    assert settled(text, answer) is None  # an undated text: no year to give it


@pytest.mark.parametrize(
    ("text", "answer"),
    [
        # Counted from a time the text gave, not from its date: still refused.
        ("The talks began in March. Two years later, Iran signed the deal in Vienna.", "Vienna"),
        ("By the end of that year, Iran had signed the deal in Vienna.", "Vienna"),
        ("On Tuesday the talks resumed, and that year Iran signed the deal in Vienna.", "Vienna"),
    ],
)
def test_a_time_counted_from_another_is_not_dated_by_the_texts_date(settled, text, answer):
    assert settled(text, answer, "2015-07-24") is None


def test_a_state_held_since_a_year_is_dated_by_the_time_of_writing(settled):
    # fresh5 (judged: "present-tense 'has been President since' is stale, he left office in
    # 2019"): the year it started does not say when it still held.
    text = "Algeria gained its independence in 1962. Bouteflika has been President since 1999."
    assert settled(text, "Bouteflika") is None
    assert settled(text, "Bouteflika", "2017-04-02") == (
        "Fill in the blank: As of 2017, _____ has been President since 1999."
    )
    # Started in a year the prompt gives, and over: nothing stale.
    assert settled("Bouteflika was President from 1999 to 2019 in Algeria.", "Algeria")


def test_an_amount_in_the_present_holds_as_of_the_texts_date(settled):
    # fresh5 (judged: "Exact dollar amount with no tax year; a yearly-changing figure").
    text = "The federal estate tax exemption is $11.4 million per person in the United States."
    assert settled(text, "$11.4 million") is None
    assert settled(text, "$11.4 million", "2019-11-19") == (
        "Fill in the blank: As of 2019, the federal estate tax exemption is _____ per person in "
        "the United States."
    )
    # A rule's threshold holds whenever the rule does.
    assert settled("Purchases over $25,000 must be approved by the Trustee.", "$25,000")


def test_a_year_asked_beside_the_end_of_the_year_is_refused_even_in_a_dated_text(settled):
    # fresh5 (judged: "the answer is just 'next year', trivial and guessable").
    text = (
        "More games are slated to roll out on Stadia throughout the end of the year and into 2020."
    )
    assert settled(text, "2020", "2019-11-19") is None
