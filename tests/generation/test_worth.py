"""Prompts worth handing out: no answer given away, no leftovers, quotation marks paired."""

from __future__ import annotations

from dataclasses import replace

import pytest

from app.generation.guessing import Salience
from app.generation.known import landmark_date, office_held_then, rates_a_time
from app.generation.mentions import EntityIndex
from app.generation.refusals import AN_EXAMPLE, resolve
from app.generation.worth import (
    balance_quotes,
    cites_law,
    cut_name,
    fit_prompt,
    garbled,
    gives_away,
    has_markup,
    is_an_example,
    names_a_provision,
    names_no_party,
    rephrase,
    titled_blank,
)
from tests.generation.test_facts import facts_of


@pytest.mark.parametrize(
    ("prompt", "answer", "short_form"),
    [
        ("The troops camped by LeBoeuf Creek near _____.", "Fort Le Boeuf", None),
        ("The Calvinist church was founded by _____.", "Calvin", None),
        ("The _____ (SCO) met in Astana.", "Shanghai Cooperation Organisation", "SCO"),
        ("The _____ (SCO) met in Astana.", "Shanghai Cooperation Organisation", None),
        ("The Shanghai Cooperation Organisation, or _____, met in Astana.", "SCO", None),
    ],
)
def test_a_prompt_showing_its_answer_gives_it_away(prompt, answer, short_form):
    assert gives_away(prompt, answer, short_form)


@pytest.mark.parametrize(
    ("prompt", "answer"),
    [
        ("The troops camped near _____ in 1754.", "Fort Le Boeuf"),
        ("The Security Council met, and _____ vetoed the resolution.", "Russian Federation"),
        ("The _____ met in Astana in 2019.", "Shanghai Cooperation Organisation"),
    ],
)
def test_other_prompts_do_not(prompt, answer):
    assert not gives_away(prompt, answer)


def test_a_title_before_a_persons_blank_names_the_person():
    assert titled_blank("Russian Foreign Minister _____ reiterated the position.")
    assert titled_blank("Iran's Supreme Leader _____ backed the deal.")
    assert not titled_blank("A former official, _____, said so.")
    assert not titled_blank("In 2016 _____ met the envoy.")
    assert (
        fit_prompt("Foreign Minister _____ spoke.", "Sergei Lavrov", kind="person", demonyms=())
        is None
    )
    # A place after the same word is no person's title.
    assert (
        fit_prompt("The minister _____ flew home.", "Oslo", kind="place", demonyms=()) is not None
    )


@pytest.mark.parametrize(
    "text",
    [
        "Treaty signed in 1754[citation needed] at _____.",
        "The war began in _____ when the French12 arrived.",
        "The __French__ fort was built at _____.",
        "See {{cite web}} for _____.",
    ],
)
def test_markup_leftovers_are_seen(text):
    assert has_markup(text.replace("_____", " "))


def test_ordinary_prose_is_not_markup():
    assert not has_markup("In 1754, some 500 French troops (under Contrecoeur) took the fort.")
    assert not has_markup("The G7 met in 2019 and the F-35 flew.")


def test_quotation_marks_are_paired_or_the_prompt_refused():
    # A quotation that closes in this sentence but opened in the one before.
    assert balance_quotes("The ruler took the north in the 9th century.”") == (
        "The ruler took the north in the 9th century."
    )
    # An opening mark whose quotation runs on past the sentence is closed at its end.
    assert balance_quotes("According to Andreeva, “During the reign, Russia expanded.") == (
        "According to Andreeva, “During the reign, Russia expanded.”"
    )
    assert balance_quotes('He said "no more" and "later') is None
    # Bundled judging (seed 126): a quotation cut off before its verb is not closed there.
    assert balance_quotes('It shows concern: "On 3 November _____, the head of the IRGC …') is None
    assert balance_quotes("It shows concern: “On 3 November _____, the head of the IRGC …") is None
    assert balance_quotes("They called it a “random partnership”.") == (
        "They called it a “random partnership”."
    )


def test_dates_and_figures_may_share_unit_words_with_the_prompt():
    prompt = "After 15 years of talks, the pact came _____ later."
    assert fit_prompt(prompt, "two years", kind="figure", demonyms=()) == prompt


def test_a_true_statement_is_rephrased_or_not_made():
    assert rephrase("In 1995, Russia agreed to supply the reactor for Bushehr.") == (
        "Russia agreed to supply the reactor for Bushehr in 1995."
    )
    assert rephrase("According to Reuters, Iran pledged to supply missiles.") == (
        "Iran pledged to supply missiles according to Reuters."
    )
    assert rephrase("Russia agreed to supply the reactor in 1995.") is None
    assert rephrase("In May, he said “no.”") is None


def test_a_fronted_date_moves_with_its_year():
    """Judges: "Garbled: opens with '2019,' and moves 'on March 13' to the end"."""
    assert rephrase("On March 13, 2019, the FAA issued an Emergency Order of Prohibition.") == (
        "The FAA issued an Emergency Order of Prohibition on March 13, 2019."
    )


def test_a_badly_cut_question_is_garbled():
    assert garbled("Who did Thomas J. Watson., fire from the company by called on Flint and?")
    assert garbled("Who fired Watson from the company and?")
    assert not garbled("Who joined CTR as general manager in 1914?")
    assert fit_prompt("Who called on Flint and?", "Watson", kind="person", demonyms=()) is None


@pytest.mark.parametrize(
    "prompt",
    [
        "By July, Islamic Revolutionary Guard Corps-_____, who leads operations in Syria …",
        "The _____-class frigate was launched in 1998.",
        "We trained with a learning rate of 10− and a batch size of 128.",
    ],
)
def test_a_blank_hyphenated_to_a_word_or_a_lost_exponent_is_garbled(prompt):
    assert garbled(prompt)


def test_hyphens_and_minus_signs_in_ordinary_prompts_are_not_garbled():
    assert not garbled("The Franco-Prussian War ended in _____.")
    assert not garbled("Temperatures fell to −40 degrees in _____.")
    assert not garbled("A learning rate of 10−5 was used from _____ onwards.")


def test_half_a_name_beside_the_blank_is_refused():
    assert cut_name("The death of Iran's pragmatist Ali Akbar _____ may complicate things.")
    assert cut_name("The death of Iran's pragmatist _____ Hashemi Rafsanjani may matter.")
    assert not cut_name("The death of _____ may complicate things.")
    assert not cut_name("_____ Later became president.".replace(" Later", ", later"))
    assert not cut_name("In 2016 _____ met Putin in Moscow.")


@pytest.mark.parametrize(
    "prompt",
    [
        "Fill in the blank: The FAA amends § _____ by removing Airworthiness Directive 2018–23–51.",
        "The trustee is appointed under 28 U.S.C. _____ and serves the district.",
        "See Tarrant v. Herrmann, 656 F. 3d 1222, 1250 (_____).",
        "The debtor must file the statement required by Rule 1007(b)(_____) within 14 days.",
        "The rule appears at 14 C.F.R. part _____ of the regulations.",
    ],
)
def test_a_prompt_citing_law_is_not_asked(prompt):
    assert cites_law(prompt)
    assert fit_prompt(prompt, "39.13", kind="figure", demonyms=()) is None


def test_prose_about_laws_is_not_a_citation():
    prompt = "In _____, Congress passed the Bankruptcy Reform Act, which created Chapter 13."
    assert not cites_law(prompt)
    assert fit_prompt(prompt, "1978", kind="date", demonyms=()) == prompt


@pytest.mark.parametrize(
    "prompt",
    [
        "A representative specimen is shown in Fig. _____.",
        "The data are given in Table _____.",
        # A held-out book: "presented in Figs. 271, _____, and 273" was asked.
        "Three examples are presented in Figs. 271, _____, and 273.",
        "See plates 4 and _____.",
        # Outside texts: a form's, paragraph's, model's or room's number is an identifier.
        "The FAA issued this AD for Boeing Model _____ airplanes.",
        "Do the actions in paragraph (_____) of this AD within 30 days.",
        "The debtor files the statement on Form _____ with the court.",
        "The hearing was held in Room _____ of the West Building.",
        "The claim is made on the form _____ that the court supplies.",
    ],
)
def test_a_figure_or_table_number_is_not_asked(prompt):
    assert fit_prompt(prompt, "251", kind="figure", demonyms=()) is None


def test_a_relative_clause_after_a_date_blank_gets_its_comma():
    prompt = (
        "In Spain Ramón de la Sagra established the anarchist journal El Porvenir in La Coruña "
        "in _____ which was inspired by Proudhon’s ideas."
    )
    assert fit_prompt(prompt, "1845", kind="date", demonyms=()) == prompt.replace(
        "_____ which", "_____, which"
    )
    # Not for other kinds: "the _____ which" may be the name's own clause.
    assert fit_prompt(prompt, "1845", kind="figure", demonyms=()) == prompt


def test_a_date_whose_year_the_prompt_prints_is_not_asked():
    prompt = "After its 2014 acquisition, the company was renamed Sky plc in _____."
    assert fit_prompt(prompt, "November 2014", kind="date", demonyms=()) is None
    other = "After its acquisition, the company was renamed Sky plc in _____."
    assert fit_prompt(other, "November 2014", kind="date", demonyms=()) == other
    assert (
        fit_prompt("Sky had 2014 subscribers by _____.", "1990", kind="date", demonyms=())
        is not None
    )


@pytest.mark.parametrize(
    "text",
    [
        "The compact governs the river. 569 U.S. 614, 631 (2013).",
        "See 133 S. Ct. 2120, 2131 (2013), for the division of the water.",
        "Id., at 12, the Court repeated what it had said.",
        "As we explained supra, at 7, the compact allocates the water.",
    ],
)
def test_case_reports_and_pin_cites_are_citations(text):
    assert cites_law(text)


@pytest.mark.parametrize(
    "prompt",
    [
        "“_____'s presidency coincided with an emerging trend, in which United States' "
        "hegemony was cautiously challenged.”",  # a judge: Putin's or Bush's fits as well
        "… the name was changed on _____.",
        "When was the target first announced?",
        "The checklist directs the flightcrew to accomplish the _____ checklist.",
    ],
)
def test_a_date_or_person_prompt_that_names_no_party_is_refused(prompt):
    assert names_no_party(prompt, demonyms=())
    assert fit_prompt(prompt, "1998", kind="date", demonyms=()) is None


@pytest.mark.parametrize(
    "prompt",
    [
        "IBM originated with several innovations commercialized in the _____.",
        "The Russian president reiterated his ambition during the Munich conference in _____.",
        "_____'s victory in the 2013 Iranian presidential election took many by surprise.",
    ],
)
def test_a_prompt_naming_a_party_singles_out_its_answer(prompt):
    assert not names_no_party(prompt, demonyms={"iranian"})  # a nationality the text's NORP names


@pytest.mark.parametrize(
    "prompt",
    [  # bundled judging (seed 126): "gives away Rouhani; general knowledge"
        "_____'s victory in the 2013 Iranian presidential election took many by surprise.",
        "_____'s second term (2009-2013) marked a further decline in Iran's economy.",
        "During the presidency of _____ in 2005, Brazil paid off its IMF debt.",
        "_____ was elected president of Chile in 2010.",
        "Reformists were embodied in _____'s presidential bid in 2017's elections.",
        # "General knowledge: Russia and Iran propping up Assad's regime in Syria".
        "Interests in Syria converged into a campaign to prop up the regime of _____.",
        "Libyan rebels fought for months against the regime of _____.",
    ],
)
def test_the_holder_of_an_office_in_a_given_year_is_general_knowledge(prompt):
    nationalities = {"libyan", "iranian"}  # the text's NORP entities
    assert office_held_then(prompt, demonyms=nationalities)
    assert fit_prompt(prompt, "Hassan Rouhani", kind="person", demonyms=nationalities) is None


@pytest.mark.parametrize(
    "prompt",
    [  # no year, or a decade several holders share: the text must be read
        "The China model took root during the administration of _____, who initiated "
        "reforms in the 1990s.",
        "Following Sergeev's visit to Iran, _____ accepted Putin's offer in March 2001.",
        "_____'s presidency saw Iranian trade with Russia triple.",
    ],
)
def test_an_office_without_its_year_or_a_deed_leaves_the_person_to_the_text(prompt):
    assert not office_held_then(prompt, demonyms=())


@pytest.mark.parametrize(
    "prompt",
    [
        "_____ has proven to be a seminal year for Russia-Iran relations.",
        "Relations between Ankara and Baghdad reached a turning point in _____.",
        "For the company, _____ was a pivotal moment.",
    ],
)
def test_a_date_whose_sentence_only_rates_the_time_is_refused(prompt):
    assert rates_a_time(prompt)
    assert fit_prompt(prompt, "2015", kind="date", demonyms=()) is None


def test_a_date_of_what_happened_is_not_a_rated_time():
    prompt = "In _____, Russia agreed to supply the reactor, a key step for the project."
    assert not rates_a_time(prompt)
    assert fit_prompt(prompt, "1995", kind="date", demonyms=()) == prompt


@pytest.mark.parametrize(
    "prompt",
    [  # review 14: a deed, a local office or a year away from the office is read in the text
        "_____'s victory at Trafalgar in 1805 ended the threat of invasion by Napoleon.",
        "_____'s campaign in Italy in 1796 made him famous.",
        "The Tyne council under the leadership of _____ built the new bridge in 1923.",
        "_____ was elected chairman of the Springfield Rotary Club in 1987.",
        "The regime of _____ fell in March 1990.",
        "_____'s presidency of Brazil saw 1500 troops sent abroad.",
        "_____'s presidency began with a crisis that the Iranian parliament had foreseen in 1998.",
    ],
)
def test_only_a_national_office_beside_its_year_is_general_knowledge(prompt):
    assert not office_held_then(prompt, demonyms=())
    if not names_no_party(prompt, demonyms=()):
        assert fit_prompt(prompt, "Horatio Nelson", kind="person", demonyms=()) == prompt


@pytest.mark.parametrize(
    "prompt",
    [  # review 14: the sentence says what happened then, beside rating it
        "In _____, the company entered a new phase by acquiring its main rival for $2 billion.",
        "Oil prices reached a high point in _____ at $147 a barrel.",
        "_____ was a difficult year: the harvest failed and 20,000 people starved.",
        "In _____, the key point of the treaty was signed.",
    ],
)
def test_a_rating_beside_a_statement_is_not_a_rated_time(prompt):
    assert not rates_a_time(prompt)


def test_a_turning_point_followed_by_what_happened_is_not_a_rated_time():
    prompt = "_____ was a turning point in the war when the army crossed the river at night."
    assert not rates_a_time(prompt)
    assert rates_a_time("_____ was a turning point in the war.")


@pytest.mark.parametrize(
    ("prompt", "answer"),
    [  # judged prompts: "general knowledge" by every reader (bench/README.md, famous14)
        ("Trade ties kept increasing, especially after Russia annexed Crimea in _____.", "2014"),
        (
            "Although Putin has pursued a pro-Iran policy since his re-election in _____, "
            "the break with the West over Ukraine gave new incentive to Putin's Iran track.",
            "2012",
        ),
        (
            "It became an indisputable feature of Vladimir Putin's coming to power in _____.",
            "early 2000s",
        ),
        ("The period is marked by Hassan Rouhani's presidential victory in _____.", "2013"),
        (
            "Hassan Rouhani's victory in the _____ Iranian presidential election took many "
            "commentators by surprise.",
            "2013",
        ),
        ("But Iran's Islamic Revolution in _____ isolated Tehran from the West.", "1979"),
        ("Relations suffered from a lack of trust following the _____ revolution.", "1979"),
        (
            "When the American Revolutionary War ended in _____, certain special interests had "
            "incentives to create a new merchant state.",
            "1783",
        ),
    ],
)
def test_the_date_of_a_landmark_of_national_history_is_general_knowledge(prompt, answer):
    assert landmark_date(prompt)
    assert fit_prompt(prompt, answer, kind="date", demonyms=()) is None


@pytest.mark.parametrize(
    "prompt",
    [  # accepted by their readers, or a text's own story: dated in the text, not known
        "In which year had voters elected a government led by the Ennahda party in _____?",
        "In _____, during the Battle of Jamrud near the Khyber Pass, Akbar Khan won.",
        "A third attack came in _____, when a large Norman army invaded Dyrrachium.",
        "In _____, Russia agreed to supply the reactor for Iran's plant in Bushehr.",
        "On 3 November _____, the head of Iran's Revolutionary Guard Corps spoke.",
        "A revolution in printing in the _____ changed how Europe read.",
        "When the war ended in _____, the regiment went home to Ohio.",
        "_____ was elected chairman of the Springfield Rotary Club in 1987.",
        "Johnston was elected to the board in _____ and served until 1850.",
    ],
)
def test_a_date_of_a_texts_own_story_is_not_a_landmark(prompt):
    assert not landmark_date(prompt)


@pytest.mark.parametrize(
    ("answer", "before", "expected"),
    [
        ("Bankruptcy Rule 2015", "the debtor's duty under ", True),
        ("Section 156", "", True),
        ("Official Form 22C", "the standing trustee must review ", True),
        ("549", "pursuant to sections 544 through ", True),
        ("18", "Section 152 of title ", True),
        ("39.13", "The FAA amends § ", True),
        ("1990", "won the title in ", False),
        ("Het Scheur", "rejoining the Nieuwe Maas to form ", False),
        ("150", "must cover at least ", False),
    ],
)
def test_a_provision_is_named_by_its_label_or_number(answer, before, expected):
    assert names_a_provision(answer, before) is expected


@pytest.mark.parametrize(
    ("prompt", "kind"),
    [  # review of the strict gate: a verb or a plural before the blank is no identifier
        ("Women form _____ percent of the electorate.", "figure"),
        ("Hispanics form _____ of the city's population.", "figure"),
        ("The Jordan River forms _____'s border with Jordan.", "place"),
        ("Behind the front lines _____ soldiers waited for the order.", "figure"),
        ("Its newest models _____ sold well in the first year.", "figure"),
        ("The company sold _____ models of the airplane in 2019.", "figure"),
    ],
)
def test_a_number_after_a_word_like_model_that_is_no_identifier_is_still_asked(prompt, kind):
    assert fit_prompt(prompt, "4,000", kind=kind, demonyms=()) == prompt


def test_a_nationality_is_one_the_text_names_not_a_spelling():
    """worth._DEMONYM took any capitalised word ending in -an/-i/-ish/-ese for a nationality."""
    french = "_____'s presidency began as French troops left."
    assert not names_no_party(french, demonyms={"french"})  # whose presidency: the French one
    assert names_no_party(french, demonyms={"iranian"})
    brian = "_____'s presidency began as Brian and Mali watched."
    assert names_no_party(brian, demonyms={"malian"})  # no nationality: any holder fills it
    regime = "Greek rebels fought for months against the regime of _____."
    assert office_held_then(regime, demonyms={"greek"})
    brian = "Brian fought for months against the regime of _____."
    assert not office_held_then(brian, demonyms={"greek"})


@pytest.mark.parametrize(
    ("prompt", "answer"),
    [
        # fresh7 readers: "'ca 1870s' and 'the 1890 U.S. census' fix the late 19th century".
        (
            "By the _____ the ticker tape (ca 1870s) was in use, as was the use of Hollerith"
            " cards in the 1890 U.S. census.",
            "late 19th century",
        ),
        # heldout readers: "'Between 1835 and 1862' in the prompt gives away '1830s'".
        (
            "The Moriori population was all but wiped out between 1835 and 1862, largely"
            " because of Taranaki Māori invasion and enslavement in the _____.",
            "1830s",
        ),
        (
            "In the _____, Britain's colony of Georgia, founded in 1732, grew fast.",
            "eighteenth century",
        ),
    ],
)
def test_a_decade_or_century_is_given_away_by_a_year_of_it(prompt, answer):
    assert fit_prompt(prompt, answer, kind="date", demonyms=()) is None


@pytest.mark.parametrize(
    ("prompt", "answer"),
    [
        # Another century printed says nothing of this one (an accepted fresh7 question).
        (
            "In the _____, the Latin word was altered to algorithmus, and the English term is"
            " first attested in the 17th century.",
            "15th century",
        ),
        ("In the _____, Britain built 1,750 ships and planned 1800 more.", "1960s"),
        ("In the _____, Britain's trade grew 1820% in value.", "19th century"),
    ],
)
def test_a_decade_or_century_with_no_year_of_it_printed_is_asked(prompt, answer):
    assert fit_prompt(prompt, answer, kind="date", demonyms=()) == prompt


@pytest.mark.parametrize(
    "before",
    [
        # Judged: "blanks one example in a 'such as' list; the sentence's news goes untested".
        "Older operating systems such as ",
        "On smaller datasets like WQ and ",
        "It was small compared to the empires of other European powers, including ",
        "Tools, e.g. ",
    ],
)
def test_a_name_given_as_an_example_is_one(before):
    assert is_an_example(before)


@pytest.mark.parametrize(
    "before",
    ["The ship looked like ", "Such as it was, the plan was drafted by ", "The deal included "],
)
def test_a_name_the_sentence_is_about_is_no_example(before):
    assert not is_an_example(before)


def test_an_example_of_a_kind_is_refused(nlp, recognizers):
    # The bundled bank's readers: "the job title gives away Soleymani"; an example either way.
    text = "Putin met Iranian officials, including Qassem Soleymani, the Qods Force commander.\n"
    facts = facts_of(nlp, recognizers, text)
    named = [f for f in facts if f.answer == "Qassem Soleymani"]
    refused: dict[str, str] = {}
    kept, _ = resolve(facts, EntityIndex(), Salience(), refused)
    assert named and not set(map(id, named)) & set(map(id, kept))
    assert {refused[f.id] for f in named} == {AN_EXAMPLE}


def test_a_landmark_named_by_a_settled_reference_is_refused():
    from types import SimpleNamespace

    from app.generation.corpus_questions import _standing_alone
    from app.generation.lost_context import NO_FRAME
    from app.generation.pronouns import Reference
    from app.generation.types import Question, Quote

    sentence = "When the war ended in 1783, merchants wanted a new state."
    prompt = "Fill in the blank: When the war ended in _____, merchants wanted a new state."
    war = Reference("the war", "description", "", "the American Revolutionary War")
    fact = SimpleNamespace(kind="date", answer="1783", references=(war,), time_frame=NO_FRAME)
    question = Question(
        "q1",
        "f1",
        "cloze",
        "date",
        prompt,
        "1783",
        Quote("s", 0, len(sentence), sentence),
        "",
        0,
        0,
    )
    assert _standing_alone(question, fact) is None
    # The same sentence about a siege names no landmark: kept, its reference written out.
    siege = Reference("the siege", "description", "", "the Siege of Fort Pitt")
    kept = SimpleNamespace(**{**vars(fact), "references": (siege,)})
    prompt = prompt.replace("the war", "the siege")
    asked = _standing_alone(replace(question, prompt=prompt), kept)
    assert asked is not None and "the Siege of Fort Pitt ended" in asked.prompt
