"""Prompts that stand alone: references to what the prompt never names, found and settled."""

from __future__ import annotations

import pytest

from app.generation.context import references
from app.generation.name_forms import is_person_name
from app.generation.pipeline import generate
from app.generation.pronouns import Reference, person
from app.generation.settling import settle
from app.generation.types import SourceText


@pytest.mark.parametrize(
    "text, answer, expected",
    [
        # A leading pronoun: the one person of the sentence before.
        (
            "Barack Obama visited Berlin in 2008. He spoke to a crowd of 200,000 people there.",
            "200,000",
            "Barack Obama spoke to a crowd of _____ people there.",
        ),
        # A possessive: the name's.
        (
            "Angela Merkel studied physics in Leipzig. Her thesis was finished in 1986.",
            "1986",
            "Angela Merkel's thesis was finished in _____.",
        ),
        # "the company": the paragraph's one company; the "its" after it follows.
        (
            "Microsoft released a new operating system in 1985. The company said its revenue "
            "had grown by 40 percent in 2021.",
            "40 percent",
            "Microsoft said its revenue had grown by _____ in 2021.",
        ),
        # Not its sentence's first noun phrase: the subject of its clause, not the person before.
        (
            "Angela Merkel visited Athens. A guard stood by each lion with his rifle.",
            "lion",
            "A guard stood by each _____ with his rifle.",
        ),
        # Two people or two companies before: no way to tell which.
        ("Barack Obama met Vladimir Putin in Moscow in 2009. He spoke for 40 minutes.", "40", None),
        ("Microsoft and Apple grew in 2020. The company hired 5,000 staff in 2021.", "5,000", None),
    ],
)
def test_a_reference_the_text_names_once_is_written_out(settled, text, answer, expected):
    prompt = settled(text, answer)
    assert prompt == (expected and "Fill in the blank: " + expected)


def test_a_description_is_written_out_from_the_texts_earlier_paragraphs(settled):
    text = "The company hired 5,000 engineers in 2021."
    assert settled(text, "5,000", {"ORG": {"Microsoft"}}) == (
        "Fill in the blank: Microsoft hired _____ engineers in 2021."
    )
    assert settled(text, "5,000", {"ORG": {"Microsoft", "Apple"}}) is None


# fresh6's quarterly filing (Groove Botanicals): all ten readings of these three prompts said
# "the Company" or "the standard" is never named. A noun joined to the description ("and the
# Series A Holder") was taken as saying which, or as the company it names; a far-off
# misparsed apposition ("periods" hung on "standard") too.
FILING_EARLIER = {"NOUN": {"company", "standard"}, "ORG": {"Groove Botanicals, Inc.", "Avalon"}}


@pytest.mark.parametrize(
    "text, answer",
    [
        (
            "In addition, on January 12, 2018, the Company and the Series A Holder agreed to "
            "forgive all accrued interest to date on Series A, and to pause any accruals until "
            "April 1, 2023.",
            "2018",
        ),
        (
            "The Company and Series A Preferred Holder agreed to forgive all accrued interest "
            "and arrearages in preferred share dividends of Series A Preferred Stock through "
            "March 31, 2023.",
            "2023",
        ),
        (
            "The standard is effective for annual reporting periods beginning after December "
            "15, 2026, and interim reporting periods beginning after December 15, 2027.",
            "2026",
        ),
    ],
)
def test_a_description_joined_to_another_name_still_needs_its_own(settled, text, answer):
    assert settled(text, answer, FILING_EARLIER) is None


def test_things_counted_with_nothing_saying_which_are_refused_in_any_role(settled):
    """fresh6's journal paper: six readings of six said "'the three sites' and the study are
    never named"; a description in a phrase beside the statement was taken as its setting."""
    text = (
        "Across the three sites there were 503 participants in total, divided almost equally "
        "between sites."
    )
    assert settled(text, "503") is None
    # Counted and said which: the sites are named, or the count is the news.
    assert settled("Across the three sites of the study there were 503 participants.", "503")
    assert settled("Across three sites there were 503 participants in total.", "503")


def test_others_counted_with_nothing_saying_which_are_refused(settled):
    """fresh7's "Alphabet": four readings of four said "'two other forms' of what is never
    said"; others than those the text told of before."""
    text = "By the tenth century two other forms can be distinguished namely Canaanite and Aramaic."
    assert settled(text, "tenth century") is None
    # Said which, or told in the passage before.
    assert settled("By 1000 BC two other forms of the alphabet can be distinguished.", "1000")
    text = "Writing in Canaan had one form in 1200 BC, and by 1000 BC two other forms developed."
    assert settled(text, "1000")


def test_a_description_joined_to_another_name_is_written_out_when_the_text_names_one(settled):
    text = (
        "The Company and Series A Preferred Holder agreed to forgive all accrued interest "
        "through March 31, 2023."
    )
    earlier = {**FILING_EARLIER, "ORG": {"Groove Botanicals, Inc."}}
    assert settled(text, "2023", earlier) == (
        "Fill in the blank: Groove Botanicals, Inc. and Series A Preferred Holder agreed to "
        "forgive all accrued interest through March 31, _____."
    )


@pytest.mark.parametrize(
    "text, answer",
    [
        ("The man sat before me and read the letter in 1921.", "1921"),
        ("We found that the bones were 40 million years old.", "40 million years"),
        ("This specimen was found near Lyon in 1911.", "1911"),
        ("The telescope recorded 12 such waves in 2017.", "12"),
        ("Kerry said the rapprochement between their countries began in 2015.", "2015"),
        ("The expedition reached the coast of Greenland in 1888.", "1888"),
        ("His ambition was to reach Paris by 1920.", "1920"),
        # Tuning generation: "he" resolved by a place the parser typed a person.
        (
            "After allying himself with Croatia, in 1081 he led an army of 30,000 men, "
            "reaching Butrint after numerous pillages.",
            "Croatia",
        ),
        # Readers of held-out seed 125 ("the same adventurers", "the largest described",
        # "the River" never said what they were); the parse makes the first a root.
        (
            "From an expedition to Nicaragua the same adventurers brought back to Panama the "
            "value of 112,524 pieces of eight.",
            "112,524",
        ),
        ("The largest described is said to cover an area of about twelve acres.", "twelve acres"),
        ("Water from the River flows north past Cologne in 1900.", "Cologne"),
        # A thing named by its place in a whole, or by what it is, that the prompt never
        # names. Tuning labels (tune2): "the first of which piece?", "who is the
        # last-named?", "No. 1 of what work?", "which composer?"; (tune) "its shorelines":
        # the lake is never named.
        ("The first, which ends in the dominant key (C), contains 24 bars.", "24"),
        ('An opera by the last-named, which appeared at Hanover in 1689, has an "Air."', "1689"),
        ("No. 1 has an opening of 24 bars in common time, fugato.", "24"),
        (
            "Thomas Roseingrave, who went to Italy in 1710, became acquainted with the composer.",
            "Thomas Roseingrave",
        ),
        ("Specifically, its shorelines lie in the German states of Bavaria and Hesse.", "Bavaria"),
        ("The former was a nephew of the Archbishop of Naples, and was born in 1550.", "1550"),
        ("In 1750 a second edition was published at Amsterdam.", "1750"),
        ("The middle movement opens with an 8-bar phrase, closing on the dominant.", "8-bar"),
        ("The software was released in 2002 by Gary Sherman.", "2002"),
        # Tuning labels: "the nation" (Sudan) never named; the country after it is another.
        (
            "For the first time since the 1990s, the nation will be able to trade extensively "
            "with the United States.",
            "1990s",
        ),
        # A possessive description as much as a bare one: "which city?".
        ("The city's garrison surrendered to the Prussian army in 1871.", "1871"),
    ],
)
def test_unresolved_references_refuse_the_prompt(settled, text, answer):
    assert settled(text, answer) is None


@pytest.mark.parametrize(
    "text, answer",
    [
        ("It is likely that Iran will sign the agreement with France in 2025.", "2025"),
        ("The United Nations said its budget would fall by 3 percent in 2024.", "3 percent"),
        ("Angela Merkel described herself as a scientist in 2005.", "2005"),
        ("The 2015 nuclear deal was signed by the President of Iran in Vienna.", "Vienna"),
        ("The first expedition reached the river Rhine in 1850.", "1850"),
        ("A new telescope was built in Chile, and the telescope saw first light in 2008.", "2008"),
        ("“We will fight on the beaches,” Winston Churchill said in 1940.", "1940"),
        ("Richard Nixon said he would resign in August 1974.", "Richard Nixon"),
        ("During his visit, Barack Obama met students in 2009.", "2009"),
        ("In the Prelude to Lohengrin, Wagner pictures his angels in white.", "Wagner"),
        ("An assistant walked ahead, holding the long tube on his shoulder, in 1750.", "1750"),
        ("Revising a manual takes 20 hours on average, although this number may vary.", "20"),
        ("An alliance with Russia would suit Khamenehi, who pushed hard for his policy.", "Russia"),
        ("The standing trustee must keep bank records for six years.", "six years"),
        # Bundled generation: a currency needs no antecedent; "former" as "earlier".
        (
            "The Kremlin portrays its Tehran links as key to reclaiming the former influence "
            "of the Soviet Union.",
            "Kremlin",
        ),
        ("Russia began removing the dollar from bilateral trade in 2022.", "2022"),
        # A part whose whole the phrase names, an ordinal that says which, a role whose
        # name the sentence gives as an owner, "its" of a phrase inside the subject.
        ("The company, Microsoft, hired 5,000 engineers in 2021.", "5,000"),
        ("Edmund Hillary was the first to climb Everest, in 1953.", "1953"),
        ("The first movement of the Eroica Symphony lasts 15 minutes.", "15"),
        ("Beethoven's second symphony was finished in 1802.", "1802"),
        ("No. 8 of the Paradies sonatas was printed in London in 1754.", "1754"),
        ("The QGIS 3.4 release, with its long-term support, came out in 2018.", "2018"),
        ("The failure of Bizet's Carmen hastened the composer's death in 1875.", "1875"),
        ("The idea of an introductory slow movement had already occurred to Haydn.", "Haydn"),
        ("Of his sons, Carl Philipp Emanuel did much for the sonata in 1760.", "1760"),
        # "the same" compared within the sentence: alike to each other, or "as" what follows.
        ("If purchases of items of the same type exceed $15,000, bids must be obtained.", "15,000"),
        ("In 2010 Firefox Mobile used the same layout engine as Firefox.", "2010"),
        # A possessive description in a rule: anyone's it applies to.
        ("The trustee's bond must cover at least 150% of the balance.", "150%"),
    ],
)
def test_named_or_pleonastic_references_stand(settled, text, answer):
    prompt = settled(text, answer)
    assert prompt is not None
    assert prompt.startswith("Fill in the blank: ")


def test_a_role_is_written_out_as_the_one_person_the_paragraph_named(settled):
    text = (
        "Domenico Scarlatti was born at Naples in 1685. Thomas Roseingrave, who went to "
        "Italy in 1710, became acquainted with the composer."
    )
    assert settled(text, "1710") == (
        "Fill in the blank: Thomas Roseingrave, who went to Italy in _____, became acquainted "
        "with Domenico Scarlatti."
    )


def test_a_contrast_at_the_start_is_left_out_and_elsewhere_refused(settled):
    assert settled("In contrast, Germany grew by 2 percent in 2019.", "2 percent") == (
        "Fill in the blank: Germany grew by _____ in 2019."
    )
    assert (
        settled("Prices fell in 2019 and, conversely, wages rose by 2 percent.", "2 percent")
        is None
    )
    assert settled("In contrast to France, Germany grew by 2 percent in 2019.", "2 percent")


def test_a_cause_pointed_at_is_left_out_at_the_start_and_elsewhere_refused(settled):
    # Tuning labels: "Because of this, Ethelred fled to Normandy in _____" accepted twice;
    # the statement after it stands alone.
    text = "Because of this, Ethelred fled to Normandy in 1013."
    assert settled(text, "1013") == "Fill in the blank: Ethelred fled to Normandy in _____."
    assert settled("For this reason, Ethelred fled to Normandy in 1013.", "1013")
    assert settled("Despite this, Ethelred fled to Normandy in 1013.", "1013") is None


def test_an_act_defined_by_what_it_answers_is_refused(settled):
    assert settled("In retaliation, Bill Clinton ordered a strike on Khartoum.", "Khartoum") is None


def test_a_time_frame_without_a_year_is_refused(settled):
    assert settled("Later that month, Barack Obama visited Cairo.", "Cairo") is None
    assert settled("On Sunday, Barack Obama visited Cairo.", "Cairo") is None
    assert settled("Later that month, in June 2009, Barack Obama visited Cairo.", "Cairo")
    assert settled("Barack Obama visited Cairo the following year.", "Cairo") is None


def test_a_day_or_month_without_its_year_is_refused(settled):
    # Judges: "'2 September' with no year", "his November visit" float free of any time frame.
    assert settled("On 2 September, Sergey Lavrov met Javad Zarif in Moscow.", "Moscow") is None
    assert settled("On September 2, Sergey Lavrov met Javad Zarif in Moscow.", "Moscow") is None
    assert settled("On September 2nd, Sergey Lavrov met Javad Zarif in Moscow.", "Moscow") is None
    assert settled("During his November visit, Vladimir Putin toured Tehran.", "Tehran") is None
    assert settled("On 2 September 2019, Sergey Lavrov met Javad Zarif in Moscow.", "Moscow")
    assert settled("On 2 September 2019, Sergey Lavrov met Javad Zarif.", "2019") is not None
    assert settled("Iran may buy more Russian jets.", "Russian") is not None
    assert settled("The March 1st Movement began in Seoul in 1919.", "Seoul") is not None


def test_generated_questions_name_what_their_prompts_speak_of(nlp):
    text = (
        "Microsoft was founded in Albuquerque in 1975 by two friends from school.\n\n"
        "Twenty years later, in 1995, the company launched a web browser that sold 40 million "
        "copies in Europe.\n\n"
        "The telescope recorded 300 signals in Chile in 2017."
    )
    questions = generate([SourceText("ms", text, "Computing")], nlp, learned_ranker=False).questions
    prompts = [q.prompt for q in questions]
    assert any("in _____, Microsoft launched a web browser" in p for p in prompts)
    assert not any("the company" in p or "telescope" in p for p in prompts)
    for q in questions:  # the explanation still quotes the source word for word
        assert text[q.quote.start : q.quote.end] == q.quote.text
        assert q.quote.text in q.explanation


@pytest.mark.parametrize(
    "text, answer",
    [  # bundled judging (seed 126): "whose pivot?", "whose trade ties?", "the ban" of the
        # sentence before, "the conflict of the cease-fire is never named"
        (
            "A substantive and permanent pivot toward the U.S. would require a reconstitution "
            "of U.S. foreign policy toward the Kremlin.",
            "Kremlin",
        ),
        ("By mid-1993, the resolute turn to the West had been tempered by doubts.", "mid-1993"),
        (
            "Trade ties, political relations, and security cooperation kept increasing, "
            "especially after Russia annexed Crimea in 2014.",
            "Crimea",
        ),
        (
            "In ending the ban, which was enacted by Dmitry Medvedev in 2010, Putin negated a "
            "great irritant.",
            "2010",
        ),
        (
            "Moscow antagonized Tehran by striking a cease-fire agreement with Washington in 2016.",
            "2016",
        ),
    ],
)
def test_a_relation_or_truce_with_no_party_or_setting_refuses_the_prompt(settled, text, answer):
    assert settled(text, answer) is None


@pytest.mark.parametrize(
    "text, answer",
    [  # the phrase names its party or setting, or it is no subject of the sentence
        ("Russia's pivot toward the U.S. began in 2001.", "2001"),
        ("Ties between Moscow and Tehran grew in 2016.", "2016"),
        ("Iranian-Russian cooperation deepened in 2016.", "2016"),
        ("The turn of the century brought 40 new ships.", "40"),
        ("Moscow struck a cease-fire in Syria with Washington in 2016.", "2016"),
        ("In 2016, Russia announced a shift in its strategy toward Syria.", "2016"),
        ("The ban that Medvedev enacted in 2010 was lifted in 2015.", "2015"),
    ],
)
def test_a_relation_or_truce_that_says_whose_stands(settled, text, answer):
    assert settled(text, answer) is not None


@pytest.mark.parametrize(
    "text, answer",
    [  # review 14: the parties stand in the clause, beside the relation's own phrase
        ("Relations improved after Nixon visited China in 1972.", "1972"),
        (
            "Economic cooperation grew quickly in the 1990s under the Clinton administration.",
            "1990s",
        ),
    ],
)
def test_a_relation_whose_parties_the_sentence_names_stands(settled, text, answer):
    assert settled(text, answer) is not None


@pytest.mark.parametrize(
    "text, answer",
    [  # no party anywhere, or one side only outside the relation's clause
        ("Diplomatic relations were established in 1972.", "1972"),
        ("Relations improved after Nixon visited China in 1972.", "China"),
        (  # a name deep in a phrase of the verb is no side of the pivot
            "A substantive and permanent pivot toward the U.S. would require a fundamental "
            "reconstitution of U.S. foreign policy toward the Kremlin based on the delivery of "
            "concessions according to traditional Russian priorities and preoccupations.",
            "Kremlin",
        ),
    ],
)
def test_a_relation_with_one_side_named_beside_it_is_refused(settled, text, answer):
    assert settled(text, answer) is None


@pytest.mark.parametrize(
    "text, answer",
    [  # review 14: the truce's verb says where, or the truce is no subject or object
        ("A ceasefire was agreed in May 1994 between Armenia and Azerbaijan.", "May 1994"),
        ("The fighting in Korea ended when an armistice was signed at Panmunjom in 1953.", "1953"),
        ("Aid convoys reached Aleppo in 2016 during a ceasefire.", "Aleppo"),
    ],
)
def test_a_truce_its_verb_sets_or_that_is_only_a_setting_stands(settled, text, answer):
    assert settled(text, answer) is not None


@pytest.mark.parametrize(
    "text, settled_by",
    [
        # A city (here standing for its government) is no country for "the country" to mean.
        (
            "Rapprochement proved Moscow's ability to stand up to Western pressures. During the "
            "presidency of Ahmadinejad, numerous new sanctions were imposed on the country.",
            "",
        ),
        (
            "Rapprochement proved Russia's ability to stand up to Western pressures. During the "
            "presidency of Putin, numerous new sanctions were imposed on the country.",
            "Russia",
        ),
    ],
)
def test_the_country_is_settled_only_by_a_country(nlp, text, settled_by):
    doc = nlp(text)
    [country] = [r for r in references(doc[:]) if r.text == "the country"]
    assert country.antecedent == settled_by


def test_a_country_is_known_by_its_usual_names_and_a_region_is_none():
    """A reviewer: CLDR alone missed "Turkey" and "Scotland" and counted "Europe"."""
    from app.generation.fine_kinds import is_country

    for name in ("Iran", "the United States", "Turkey", "Scotland", "the Soviet Union", "Persia"):
        assert is_country(name), name
    for name in ("Moscow", "Europe", "Africa", "World", "European Union", "Latin America"):
        assert not is_country(name), name


@pytest.mark.parametrize(
    "text, antecedent",
    [
        # A pronoun object never means its own clause's subject (a reflexive would).
        ("Ctesibius built the machine and Hero described it in detail.", "machine"),
        ("Pollux, Suetonius, and Vitruvius agree in calling it an organ.", ""),
        # A pronoun subject of its own clause may mean the subject of the clause above it.
        ("The company said it would close the plant.", "company"),
    ],
)
def test_a_pronoun_object_is_not_its_own_clauses_subject(nlp, text, antecedent):
    """Tuning generation: "_____, Suetonius, and Vitruvius agree in calling it an organ" was
    kept with "it" settled by Vitruvius."""
    [it] = [r for r in references(nlp(text)[:]) if r.text == "it"]
    assert it.antecedent == antecedent


@pytest.mark.parametrize(
    "text, antecedent",
    [
        # Tuning text (MacDowell): the tagger typed the German "das ewig" a person, and the
        # prompt was written "Das ewig was called the Magister ...".
        (
            "He died about 1320, and his works, as his nickname suggests, were imbued with "
            "_das ewig weibliche_ in its best sense. He was called the Magister of the seven "
            "free arts.",
            "",
        ),
        # A name's particles and epithets stay lower case.
        (
            "Heinrich von Meissen died about 1320 in Mayence. He was called the Magister of "
            "the seven free arts.",
            "Heinrich von Meissen",
        ),
        (
            "Peter the Great founded the city in 1703. He was called the Father of the Fatherland.",
            "Peter the Great",
        ),
        # A particle hyphened to the name it opens (the review: "Bashar al-Assad" was lost).
        (
            "Bashar al-Assad met the envoy in Damascus in 2011. He promised reforms.",
            "Bashar al-Assad",
        ),
    ],
)
def test_a_pronoun_stands_only_for_what_reads_as_a_persons_name(nlp, text, antecedent):
    [he] = references(list(nlp(text).sents)[-1])
    assert (he.antecedent, he.repair) == (antecedent, antecedent)


@pytest.mark.parametrize(
    "name, person",
    [
        ("Heinrich von Meissen", True),
        ("Peter the Great", True),
        ("Frauenlob", True),
        ("Ibn Battuta", True),
        ("Bashar al-Assad", True),
        ("de Gaulle", True),
        ("José dos Santos", True),
        ("Mohammed bin Salman", True),
        ("Jean-Paul Sartre", True),
        ("das ewig", False),
        ("Das ewig", False),
        ("the Magister of", False),
        ("von", False),
    ],
)
def test_a_persons_name_is_capitalised_but_for_its_particles(name, person):
    assert is_person_name(name) is person


# Shedlock's Haydn chapter (tune2): the passage widened back to "At a very early age ..." and
# "he" of its second sentence took the Leitha, a river the tagger typed a person in the
# sentence before the passage, written in for the first sentence's "he".
HAYDN = (
    "This composer was born at Rohrau, a small Austrian village on the Leitha, in 1732. "
    "At a very early age the boy's sweet voice attracted the notice of G. Reuter, "
    "capellmeister of St. Stephen's, Vienna, and for many years he sang in the cathedral "
    "choir. In 1749 he was dismissed, the alleged cause being a practical joke."
)


def test_a_pronoun_of_a_widened_passage_is_not_resolved_from_before_the_passage(nlp):
    doc = nlp(HAYDN)
    passage, last = list(doc.sents)[-2:]
    quote = doc[passage.start : last.end]
    he = next(t for t in last if t.text == "he")
    assert person(he, quote).repair == ""


@pytest.mark.parametrize(
    ("prompt", "settled"),
    [
        (
            "For years he sang in the choir. In _____ he was dismissed.",
            "For years he sang in the choir. In _____ Haydn was dismissed.",
        ),
        # A blank or a figure opening its sentence; an initial or abbreviation is no end.
        (
            "For years he sang in the choir. _____ dismissed the boy after he cut a pigtail.",
            "For years he sang in the choir. _____ dismissed the boy after Haydn cut a pigtail.",
        ),
        (
            "For years he sang. 1749 saw him leave after he cut _____.",
            "For years he sang. 1749 saw him leave after Haydn cut _____.",
        ),
        (
            "For years he sang. In 1749 he left St. Stephen's for _____.",
            "For years he sang. In 1749 Haydn left St. Stephen's for _____.",
        ),
        (
            "For years he sang. In 1749 he joined the U.S. Navy for _____.",
            "For years he sang. In 1749 Haydn joined the U.S. Navy for _____.",
        ),
        ("In _____ he was dismissed after he sang.", "In _____ Haydn was dismissed after he sang."),
    ],
)
def test_a_repair_replaces_the_reference_in_the_blanks_own_sentence(prompt, settled):
    ref = Reference("he", "pronoun", "Haydn", "Haydn")
    head = "Fill in the blank: "
    assert settle(head + prompt, "1749", [ref]) == head + settled


def test_a_description_is_not_written_in_as_the_passages_last_name_when_the_paragraph_has_another(
    nlp,
):
    # Held-out Wikipedia "Microsoft" (read in session 5): "In May 2016, the company announced it
    # was laying off 1,850 workers" was asked as "… Intune for Education announced it was
    # laying off _____ workers".
    text = (
        "On March 1, 2016, Microsoft announced the merger of its PC and Xbox divisions. On "
        "January 24, 2017, Microsoft showcased Intune for Education at the BETT 2017 education "
        "technology conference in London. Intune for Education is a new cloud-based application "
        "and device management service for the education sector. In May 2016, the company "
        "announced it was laying off 1,850 workers."
    )
    doc = nlp(text)
    *_, lead, last = list(doc.sents)
    quote = doc[lead.start : last.end]
    refs = [r for r in references(quote) if r.text == "the company"]
    assert refs and refs[0].repair == ""


def test_a_name_holding_the_word_elsewhere_is_not_its_antecedent(settled):
    """fresh4 wikitext (read as tuning since the wikitext audit): "The mission was the most
    widely covered" was written "Mission Control was ..."; "the hinterland of the island",
    "the hinterland of Island Government of Aruba"; "The Fund purchased", "The Doral Academy
    West through the Canyon-Agassi Charter School Facilities Fund purchased"."""
    mission = settled(
        "Mission Control told the crew to proceed. The mission was the most widely covered "
        "flight since the orbital flight of 1962.",
        "1962",
    )
    assert mission is None or "Mission Control" not in mission
    island = settled(
        "The Island Government of Aruba runs the port. The hinterland of the island features "
        "rolling hills, the best known of which is Hooiberg at 165 meters.",
        "165 meters",
    )
    assert island is None or "Island Government" not in island
    fund = settled(
        "Agassi opened a school called the Doral Academy West through the Canyon-Agassi "
        "Charter School Facilities Fund. The Fund purchased a 4.6-acre plot in Henderson.",
        "4.6-acre",
    )
    assert fund is None or "Doral" not in fund


def test_a_name_the_word_heads_is_written_in(settled):
    lake = settled(
        "Lake Constance lies north of the Alps. The lake's shorelines lie in the German "
        "states of Bavaria and Baden-Württemberg.",
        "Bavaria",
    )
    assert lake is not None and "Lake Constance" in lake


def test_a_defined_term_written_with_a_capital_needs_its_name(settled):
    """fresh5 (judged: "'the Company' and 'the Sponsor' are never named"; "'The Commissioners'
    are never identified"): a capitalised common noun used before is the text's defined term,
    not a name."""
    company = settled(
        'Alpha Lake Acquisition Corp. (the "Company") was formed in 2023. The Company sold '
        "units to the public. On December 12, 2024, the Company issued 359,375 shares.",
        "359,375",
    )
    assert company is None or "Alpha Lake" in company


def test_the_house_is_not_the_white_house(settled):
    """fresh5 (judged: the prompt changed "the House" to "the White House", which is false)."""
    house = settled(
        "Lincoln visited the White House in 1847. Lincoln, who had pledged in 1846 to serve "
        "only one term in the House, supported Taylor.",
        "1846",
    )
    assert house is None or "White House" not in house


@pytest.mark.parametrize(
    "text, answer, expected",
    [
        # "the deal": the one fuller "deal" the paragraph spoke of before (issue 14 item 4).
        (
            "Talks on reviving the 2015 nuclear deal have faltered since 2021. The deal had "
            "lifted sanctions on 40 banks.",
            "40",
            "The 2015 nuclear deal had lifted sanctions on _____ banks.",
        ),
        # A demonstrative the same way: "this treaty" is the paragraph's one treaty of a kind.
        (
            "Russia and China signed a border treaty in 2001. This treaty settled a dispute over "
            "4,300 kilometres of frontier.",
            "4,300",
            "The border treaty settled a dispute over _____ kilometres of frontier.",
        ),
        # Two different deals before: no way to tell which.
        (
            "An interim deal was signed in 2013 and a final nuclear deal in 2015. The deal had "
            "lifted sanctions on 40 banks.",
            "40",
            None,
        ),
        # "the two states": the two countries named together in the sentence before.
        (
            "Russia and Iran signed a treaty in 1828. The two states fought no war for 80 years.",
            "80",
            "Russia and Iran fought no war for _____ years.",
        ),
        # ... or the two the sentence before names, one each.
        (
            "In 1995, Russia agreed to supply a reactor for Iran's plant at Bushehr. The two "
            "governments also boosted military ties by 2000.",
            "2000",
            "Russia and Iran also boosted military ties by _____.",
        ),
        # Three countries before: which two is not said.
        (
            "Russia, Iran and Turkey met in Astana in 2017. The two states signed 12 accords.",
            "12",
            None,
        ),
    ],
)
def test_a_description_is_settled_by_the_fuller_phrase_before(settled, text, answer, expected):
    assert settled(text, answer) == (expected and "Fill in the blank: " + expected)


def test_two_countries_and_a_third_by_its_adjective_are_no_pair(settled):
    # Bundled bank: "the two countries" were Iran and Russia, not Russia and Ukraine.
    text = (
        "Then Russia invaded Ukraine, and Iranian-Russian collaboration ascended to new heights. "
        "The two countries held 12 high-level meetings."
    )
    assert settled(text, "12") is None


def test_a_demonstrative_with_two_phrases_of_its_noun_before_is_refused(settled):
    # Bundled bank: "This issue" was the question just asked, not "the nuclear issue".
    text = (
        "The talks covered the problem of Iran's nuclear programme and the nuclear problem of "
        "its missiles. This problem was linked to 12 resolutions."
    )
    assert settled(text, "12") is None


@pytest.mark.parametrize(
    "text, answer",
    [
        # Spoken of two sentences back: "the territory" was another's (fresh7: Albania's, not
        # "the Sassanid territory").
        (
            "Albania was part of the Sassanid territory. Local dynasties filled the vacuum. The "
            "territory was seized by 40 tribes.",
            "40",
        ),
        # After other nouns of its sentence, "this" may be theirs (fresh7: the left arrow).
        (
            "The unit rang when it received a BEL character. A keytop showed an arrow from "
            "ASCII-1963, which had this character instead of an underscore in 12 places.",
            "12",
        ),
        # "a similar obligation" says which by comparing with another.
        (
            "The treaty created a similar obligation. In 1995 this obligation was implemented "
            "in 12 laws.",
            "12",
        ),
    ],
)
def test_a_fuller_phrase_that_may_be_anothers_is_not_written_in(settled, text, answer):
    assert settled(text, answer) is None
