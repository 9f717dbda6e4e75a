"""The whole pipeline on a small corpus written for the tests, with the boilerplate real texts have.

Three texts about Norway and Sweden (the corpus's own topic), each ending in something that is
not the author's prose: a bio and a comment thread, endnotes, a bibliography and an imprint.
A fourth, unrelated text is added to check that ids do not depend on the rest of the corpus.
"""

from __future__ import annotations

import re

import pytest

from app.generation import acceptability, ranking, refusals
from app.generation.cleaning import segment
from app.generation.mentions import is_alias
from app.generation.pipeline import generate
from app.generation.types import (
    CLOZE,
    KINDS,
    MULTIPLE_CHOICE,
    ORDERING,
    QUESTION_SOURCE_KINDS,
    TRUE_FALSE,
    TYPES,
    Question,
    SourceText,
)

pytestmark = pytest.mark.slow

NORDIC = (
    "Northern Partners: Norway and Sweden since 1990\n"
    "\n"
    "by Lena Holm\n"
    "\n"
    "Norway and Sweden have worked together on defence for three decades. In 1994, "
    "Norway agreed to buy the CV-90 vehicle from Sweden, and the first vehicles "
    "reached the Norwegian army in 1996. Sweden later ordered the NASAMS air defence "
    "system from Norway.\n"
    "\n"
    "The two governments signed the Oslo Agreement in 2001. Foreign Minister Anna "
    "Berg signed the Treaty of Lisbon in Lisbon in December 2007, a step that Sweden "
    "welcomed. Chancellor Otto Vahl said Norway would stay outside the European "
    "Union.\n"
    "\n"
    "Sweden joined the North Atlantic Treaty Organization (NATO) in 2024. Norway had "
    "been a member since 1949. Analysts in Sweden argue that the Nordic Defence "
    "Cooperation (NORDEFCO) has grown more important since 2009.\n"
    "\n"
    "Lena Holm is a historian of Nordic security. She is the author of Cold Harbours "
    "(Fjord Press, 2019).\n"
    "\n"
    "Great article, thanks for sharing.\n"
    "Sven_K\n"
    "I served in the Norwegian army in 1996 and remember the first CV-90 vehicles "
    "arriving. Do you know how many were bought?\n"
    "Lena Holm\n"
    "Thank you, Sven. Norway bought 104 of them, as far as I know.\n"
    "fjordfan\n"
    "You forgot the Sweden Treaty of Malmo of 1983, which changed everything!\n"
)

BALTIC = (
    "The Baltic Question\n"
    "\n"
    "By: Per Ek, Staff Writer\n"
    "\n"
    "May 4, 2016\n"
    "\n"
    "Finland and Sweden share a long border with Norway in the north. In 1809, "
    "Sweden lost Finland to the Russian Empire under the Treaty of Fredrikshamn.[i] "
    "The Finnish parliament declared independence in 1917, and Sweden recognised the "
    "new state in 1918.[ii]\n"
    "\n"
    "Relations with Norway\n"
    "\n"
    "Norway and Finland settled their northern border in 1826. Norway bought the "
    "F-35 fighter from the United States in 2012, while Finland chose the same "
    "aircraft in 2021.[iii] Sweden kept the JAS-39 Gripen, which Saab builds in "
    "Linkoping.\n"
    "\n"
    "[i] Karl Strand, “The Northern Border,” Nordic History Review, March 2012, "
    "accessed 9 October 2015, http://example.org/northern-border.\n"
    "\n"
    "[ii] Ibid.\n"
    "\n"
    "[iii] Strand, “The Northern Border.”\n"
)

PORTS = (
    "Harbours of the North\n"
    "\n"
    "Nordic Port Studies\n"
    "\n"
    "Summary\n"
    "\n"
    "Ines Roth\n"
    "\n"
    "The port of Bergen expanded rapidly in the 1990s, when new ferry routes opened "
    "to Denmark. Norway invested heavily in the port, and Sweden copied the model in "
    "Gothenburg.\n"
    "\n"
    "The Bergen harbour authority opened a container terminal in 1999. Mayor Jonas "
    "Falk said the terminal doubled the capacity of the port. In 2004, a new bridge "
    "linked Sweden and Denmark across the Oresund.\n"
    "\n"
    "Bibliography\n"
    "\n"
    "FALK, JONAS, *Ports of the North* (Oslo: Harbour Press, 2003).\n"
    "\n"
    'HOLM, LENA, "Ferries and Freight," *Nordic Transport Review*, 12 May 2005, '
    "<http://example.org/holm>.\n"
    "\n"
    "All internet sources were accessed on 1 March 2011\n"
    "\n"
    "Impressum\n"
    "\n"
    "Herausgeber\n"
    "\n"
    "Nordic Port Institute\n"
    "\n"
    "Hafenstrasse 4\n"
    "\n"
    "20457 Hamburg\n"
    "\n"
    "Tel.: +49 40 123 45 67\n"
    "\n"
    "Alle Rechte vorbehalten.\n"
)

ALPINE = (
    "The Albula Line\n"
    "\n"
    "The Albula Railway climbs through the Swiss Alps between Thusis and St. Moritz. "
    "Engineers completed the line in 1903, and the Rhaetian Railway electrified it "
    "in 1919. In 2008, UNESCO listed the railway as a World Heritage Site.\n"
    "\n"
    "Director Marco Keller said the line carries more passengers every summer. The "
    "company ordered new Capricorn trains from Stadler in 2016.\n"
)

CORPUS = [
    SourceText("nordic", NORDIC, "Northern Partners", "Lena Holm"),
    SourceText("baltic", BALTIC, "The Baltic Question", "Per Ek", "2016-05-04"),
    SourceText("ports", PORTS, "Harbours of the North", "Ines Roth"),
]
TEXTS = {source.id: source.text for source in [*CORPUS, SourceText("alpine", ALPINE)]}
TOPIC = ("Norway", "Sweden")


@pytest.fixture(scope="module")
def result(nlp):
    return generate(CORPUS, nlp)


@pytest.fixture(scope="module")
def questions(result) -> list[Question]:
    assert len(result.questions) >= 3  # the strict gate keeps few: one a text at least
    return result.questions


@pytest.fixture(scope="module")
def outputs(nlp, questions) -> dict[str, list[Question]]:
    """The strict bank, the reviewer's pool and, without the learned ranker, every form of
    every fact kept: the invariants hold for all three, and the strict bank alone holds too
    few multiple choices, true/false statements and orderings to test them."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(ranking, "one_form_per_fact", ranking.all_forms)
        every_form = generate(CORPUS, nlp, learned_ranker=False).questions
    return {
        "strict": questions,
        "review pool": generate(CORPUS, nlp, review_pool=True).questions,
        "every form": every_form,
    }


@pytest.fixture(scope="module", params=["strict", "review pool", "every form"])
def every(request, outputs) -> list[Question]:
    return outputs[request.param]


@pytest.fixture(scope="module", params=["strict", "review pool"])
def learned(request, outputs) -> list[Question]:
    """The outputs of the learned ranker, which judges a name's guessability (without it the
    labelling pool asks the topic's names too, for the ranker to learn from)."""
    return outputs[request.param]


def quotes_of(q: Question) -> list[tuple[str, int, int, str]]:
    """Every passage a question quotes: its own, and each ordering item's."""
    quotes = [(q.quote.source, q.quote.start, q.quote.end, q.quote.text)]
    for item in q.items:
        quote = item["quote"]
        quotes.append((quote["source"], quote["start"], quote["end"], quote["text"]))
    return quotes


def test_generation_is_deterministic(nlp, questions):
    again = generate(CORPUS, nlp)
    assert [q.id for q in again.questions] == [q.id for q in questions]
    assert again.questions == questions


def test_ids_do_not_depend_on_other_texts(nlp, questions):
    more = generate([*CORPUS, SourceText("alpine", ALPINE, "The Albula Line")], nlp).questions
    assert any(q.quote.source == "alpine" for q in more)
    before = {q.id: q for q in questions}
    after = {q.id: q for q in more if q.quote.source != "alpine"}
    common = before.keys() & after.keys()
    assert len(common) >= len(before) // 2
    for qid in common:
        old, new = before[qid], after[qid]
        assert (old.type, old.answer, old.quote) == (new.type, new.answer, new.quote)
        # Wrong choices come from the whole corpus, so a false statement's swapped-in name may
        # change with it; every other prompt is the text's own and must not.
        if not (old.type == "true_false" and old.answer == "False"):
            assert old.prompt == new.prompt
    # The same question about the same passage keeps its id.
    by_content = {(q.type, q.prompt, q.answer, q.quote): q.id for q in questions}
    for q in more:
        key = (q.type, q.prompt, q.answer, q.quote)
        if key in by_content:
            assert by_content[key] == q.id


def test_the_review_pool_holds_the_strict_bank_and_the_less_sure_facts(outputs, questions):
    pool = outputs["review pool"]
    assert {q.id for q in questions} < {q.id for q in pool}
    threshold = acceptability.load_model()["threshold"]
    assert any(q.quality < threshold for q in pool)


def test_ids_are_unique(every):
    assert len({q.id for q in every}) == len(every)


def test_boilerplate_is_recognised_and_skipped(result):
    for kind in ("comments", "bio", "footnote", "references", "boilerplate"):
        assert result.skipped_chars.get(kind, 0) > 0, kind
    assert result.facts_found > len({q.fact for q in result.questions})


def test_no_question_quotes_boilerplate(every):
    for q in every:
        for source, start, end, _text in quotes_of(q):
            for block in segment(TEXTS[source]):
                if block.kind not in QUESTION_SOURCE_KINDS:
                    assert end <= block.start or start >= block.end, (q.id, block.kind)
    # Nothing from the comment thread, the bio or the imprint, even where it names dates.
    quoted = " ".join(q.quote.text for q in every)
    for outside in ("Treaty of Malmo", "Cold Harbours", "104 of them", "Hafenstrasse", "Ibid"):
        assert outside not in quoted


def test_every_quote_is_verbatim(every):
    for q in every:
        for source, start, end, text in quotes_of(q):
            assert TEXTS[source][start:end] == text, q.id


def test_topic_names_are_never_answers(result, learned):
    # The premise: Norway and Sweden are the names the prose mentions most, and facts about
    # them were found (and left out).
    prose = " ".join(
        text[b.start : b.end]
        for text in (s.text for s in CORPUS)
        for b in segment(text)
        if b.kind in QUESTION_SOURCE_KINDS
    )
    counts = {name: len(re.findall(rf"\b{name}\b", prose)) for name in TOPIC}
    assert min(counts.values()) >= 5
    assert len(re.findall(r"\bFinland\b", prose)) < min(counts.values())
    assert sum(n for reason, n in result.facts_dropped.items() if "default guess" in reason) >= 5
    for q in learned:
        answers = [q.answer]
        if q.type == TRUE_FALSE and q.answer == "False":
            answers = [re.search(r"The text says (.+?), not ", q.explanation).group(1)]
        elif q.type in {TRUE_FALSE, ORDERING}:
            answers = []
        for answer in answers:
            assert not any(is_alias(answer, name) for name in TOPIC), (q.id, answer)


def test_answers_are_inside_their_quotes(every):
    for q in every:
        if q.type in {MULTIPLE_CHOICE, CLOZE}:
            assert q.answer in q.quote.text, q.id
        elif q.type == TRUE_FALSE and q.answer == "False":
            right = re.search(r"The text says (.+?), not ", q.explanation).group(1)
            assert right in q.quote.text, q.id


def test_choices(every):
    for q in every:
        if q.type == MULTIPLE_CHOICE:
            assert len(q.choices) == 4, q.id
            assert len({c.casefold() for c in q.choices}) == 4, q.id
            assert q.answer in q.choices, q.id
        elif q.type == TRUE_FALSE:
            assert q.choices == ("True", "False") and q.answer in q.choices


def test_kinds_types_and_scores_are_valid(every):
    for q in every:
        assert q.type in TYPES and q.kind in KINDS, q.id
        assert 0.0 <= q.quality <= 1.0 and 0.0 <= q.difficulty <= 1.0
        assert q.prompt and q.answer and q.explanation
        assert q.fact and q.id.startswith(q.fact)
        assert f"source:{q.quote.source}" in q.tags


def test_the_invariants_see_every_type(outputs):
    """The checks of choices, false statements and orderings above have something to check."""
    assert {q.type for q in outputs["every form"]} >= {MULTIPLE_CHOICE, CLOZE, TRUE_FALSE, ORDERING}
    falses = [q for q in outputs["every form"] if q.type == TRUE_FALSE and q.answer == "False"]
    assert falses


def test_pack_order(every):
    keys = [(q.quote.source, q.quote.start) for q in every]
    assert keys == sorted(keys)


def test_progress_reaches_the_total(nlp):
    seen: list[tuple[int, int]] = []
    generate(CORPUS[1:2], nlp, progress=lambda done, total: seen.append((done, total)))
    total = len(BALTIC)
    assert seen and all(t == total for _, t in seen)
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)
    assert seen[-1] == (total, total)


class _CountingPipe:
    """The pipeline, counting how many texts spaCy has taken in when progress is reported."""

    def __init__(self, nlp) -> None:
        self.nlp, self.taken = nlp, 0

    def __getattr__(self, name):
        return getattr(self.nlp, name)

    def pipe(self, texts, **options):
        def counted():
            for item in texts:
                self.taken += 1
                yield item

        return self.nlp.pipe(counted(), **options)


def test_progress_is_reported_while_the_text_is_parsed(nlp):
    # Issue 16 item 10: spaCy parsed a whole upload in one batch before the first report, so
    # the job's bar sat at 0% and then jumped. Reports now come every few paragraphs.
    paragraphs = [f"Ada Lorn {n} founded the Mirewick Guild in {1900 + n}." for n in range(40)]
    source = SourceText(id="guild", text="\n\n".join(paragraphs), title="Guild")
    counting = _CountingPipe(nlp)
    taken_at_report: list[int] = []
    generate(
        [source], counting, progress=lambda done, total: taken_at_report.append(counting.taken)
    )
    assert counting.taken == 40
    assert taken_at_report[0] <= 10


def test_no_question_from_a_sentence_cut_at_an_abbreviation(nlp):
    """A judge: "Starts with a bare '14' (a split 'Fig. 14')"; both halves say nothing whole."""
    text = (
        "Gold of Chiriqui\n\n"
        "The largest of these ornaments from the Chiriqui graves is shown in Fig. 14 is a "
        "gold pendant that John Merritt found near David in 1888 with the help of his guide. "
        "Merritt sold the whole collection to the Peabody Museum in 1891 for a large sum.\n"
    )
    found = generate([SourceText("gold", text, "Gold of Chiriqui")], nlp, learned_ranker=False)
    quotes = [q.quote.text for q in found.questions]
    assert any("1891" in quote for quote in quotes)  # the whole sentence is still asked
    assert not any(quote.startswith("14 is") or quote.endswith("Fig.") for quote in quotes)


def test_a_name_that_swallowed_the_opening_preposition_is_not_an_answer(nlp):
    """A judge: the answer "Following Cook" blanked as a place."""
    text = (  # from the held-out Wikipedia article, where the parser makes the mistake
        "New Zealand\n\n"
        "Europeans did not revisit New Zealand until 1769 when British explorer James Cook "
        "mapped almost the entire coastline. Following Cook, New Zealand was visited by "
        "numerous European and North American whaling, sealing and trading ships. They traded "
        "European food, metal tools, weapons and other goods for timber, Māori food, artefacts "
        "and water.\n"
    )
    found = generate([SourceText("nz", text, "New Zealand")], nlp, learned_ranker=False)
    assert "Following Cook" not in {q.answer for q in found.questions}


def test_the_speaker_of_a_printed_statement_is_not_asked(nlp):
    """Judges: "only asks who said it, while the statement itself is printed in the prompt"."""
    text = (
        "Partners\n\n"
        "The Kremlin is not pretending to a close alliance with Tehran. “We are developing "
        "friendly relations with Iran, but we cannot talk about a new paradigm,” Dmitry Peskov "
        "said in March 2016. In Moscow on 2 September 2019, Sergei Lavrov reiterated the "
        "Kremlin’s position during talks with Javad Zarif.\n"
    )
    found = generate([SourceText("p", text, "Partners")], nlp, learned_ranker=False)
    answers = {q.answer for q in found.questions}
    assert "Dmitry Peskov" not in answers and "Sergei Lavrov" not in answers
    assert found.facts_dropped.get("who said it, with what was said in the prompt", 0) >= 2


def test_a_figure_number_is_not_asked_in_any_form(nlp):
    """Judges: "asks 'how many' but the answer is a figure number" (Fig. 254)."""
    text = (  # from the held-out Chiriqui report, where it was asked
        "Chiriqui Gold\n\n"
        "The piece given in Fig. 254 has the shape and markings of a hawk or eagle. "
        "The piece given in Fig. 255 has the shape of a frog.\n"
    )
    found = generate([SourceText("c", text, "Chiriqui Gold")], nlp, learned_ranker=False)
    assert not {"254", "255"} & {q.answer for q in found.questions}
    assert found.facts_dropped["a figure, table or page number"] == 2


def test_a_background_date_is_not_asked_and_its_refusal_is_recorded(nlp):
    """A judge: "Blanks the year of Putin's re-election (general knowledge); the point about
    Ukraine giving new incentive is untested"."""
    text = (
        "Partners\n\n"
        "Although Putin has pursued a pro-Iran policy since his re-election in 2012, the break "
        "with the West over Ukraine gave new incentive to Putin’s Iran track. In 1995, Russia "
        "agreed to supply the light water reactor for Iran’s nuclear power plant in Bushehr.\n"
    )
    found = generate([SourceText("p", text, "Partners")], nlp, learned_ranker=False)
    answers = {q.answer for q in found.questions}
    assert "2012" not in answers and "1995" in answers
    assert list(found.refused.values()).count(refusals.BACKGROUND_DATE) == 1


def test_no_question_from_a_passage_with_no_verb(nlp):
    """Judges: "Index entries, not a sentence"; "A signature block (name, title), not the
    authors' prose nor a sentence"; a running header "OPERA 210 XVIII." blanked its page. A
    list item whose only verb is in brackets (fresh4's Huxley filmography and Angolan army
    inventory, read from wikitext) was asked as "_____ The Devils (... adapted by Ken Russell)"."""
    text = (
        "Music History\n\n"
        "Rameau moved to Paris in 1722 and published his treatise on harmony there.\n\n"
        "OPERA 210 XVIII.\n\n"
        "Dance forms, modern, 182.\n\n"
        "Sachs, Hans, 166.\n\n"
        "Lance T. Gant, Director, Compliance & Airworthiness Division, Aircraft Certification "
        "Service.\n\n"
        "• 1971 The Devils (The Devils of Loudun adapted by Ken Russell)\n"
        "• LDM-400 - 1 or 3 (reportedly has serviceability issues)\n"
    )
    found = generate([SourceText("m", text, "Music History")], nlp, learned_ranker=False)
    assert {q.answer for q in found.questions} == {"1722"}


def test_a_provision_number_is_not_asked(nlp):
    """Judges: "Blanks the rule's citation label rather than the duties the sentence is about";
    "Asks a statutory section number, not what the rule says"."""
    text = (  # after the tuning split's trustee handbook, where all three were asked
        "Trustee Handbook\n\n"
        "The standing trustee should review claims to determine whether the secured creditor's "
        "lien is subject to avoidance pursuant to sections 544 through 549. At the meeting of "
        "creditors, the standing trustee must advise the debtor of the debtor's duty under "
        "Bankruptcy Rule 2015 to keep records. Section 156 of title 18 makes it a misdemeanor to "
        "file a petition in bad faith. The trustee's bond must cover at least 150% of the "
        "average monthly bank balance.\n"
    )
    found = generate([SourceText("h", text, "Trustee Handbook")], nlp, learned_ranker=False)
    answers = {q.answer for q in found.questions}
    assert not {"544", "549", "Bankruptcy Rule 2015", "Section 156", "18"} & answers
    assert "150" in answers


def test_a_place_speaking_for_its_government_is_not_asked(nlp):
    """A city or country that says or is told something stands for its government: blanking
    it leaves the statement printed and untested, as for a person ("Warsaw told Berlin")."""
    text = (
        "Gas Talks\n\n"
        "Norway and Poland signed a gas pipeline accord in Oslo in 2018. Germany and France "
        "built a second pipeline in 2020. Warsaw told Berlin that the second pipeline broke the "
        "accord. The first pipeline reached Gdansk in 2022.\n"
    )
    found = generate([SourceText("g", text, "Gas Talks")], nlp, learned_ranker=False)
    assert not {"Warsaw", "Berlin"} & {q.answer for q in found.questions}
    assert found.facts_dropped.get("who said it, with what was said in the prompt") == 2


def test_a_surname_accepts_a_full_name_only_when_one_person_bears_it():
    """A blind reader: "John Gille" and "Sarah Gille" were accepted for the Gille the
    sentence meant; with two people of that surname the full names are other people."""
    from app.generation.corpus_questions import accepted_answers
    from app.generation.facts import Fact
    from app.generation.types import Quote

    sentence = "The method was first described by Gille."
    fact = Fact(
        id="g", source="s", kind="person", label="PERSON", answer="Gille",
        quote=Quote("s", 0, len(sentence), sentence), answer_start=sentence.index("Gille"),
        position=0.0,
    )  # fmt: skip
    assert "Sarah Gille" in accepted_answers(fact, {"Gille": ["Sarah Gille"]}, {})
    accepted = accepted_answers(fact, {"Gille": ["John Gille", "Sarah Gille"]}, {})
    assert "John Gille" not in accepted and "Sarah Gille" not in accepted


@pytest.mark.parametrize(
    ("answer", "named", "accepted", "refused"),
    [
        ("Kiamichi River", {"red river"}, "Kiamichi", None),  # judged: "Ahr" for "Ahr River"
        ("Jura Mountains", set(), "Jura", "Mountains"),
        ("Strait of Hormuz", set(), "Hormuz", None),
        ("County Wexford", set(), "Wexford", None),
        ("Rhine Valley", {"rhine"}, None, "Rhine"),  # the river is another place of the text
        ("Lake Constance", {"constance"}, None, "Constance"),  # so is the town
    ],
)
def test_a_place_is_accepted_without_its_geographic_noun(answer, named, accepted, refused):
    """Readers marked "Jura" and "Ahr" wrong where the key wanted "Jura Mountains", "Ahr River"."""
    from app.generation.corpus_questions import accepted_answers
    from app.generation.facts import Fact
    from app.generation.types import Quote

    sentence = f"The water was diverted from the {answer} in 1990."
    fact = Fact(
        id="p", source="s", kind="place", label="LOC", answer=answer,
        quote=Quote("s", 0, len(sentence), sentence), answer_start=sentence.index(answer),
        position=0.0,
    )  # fmt: skip
    forms = accepted_answers(fact, {}, {}, named)
    assert accepted is None or accepted in forms
    assert refused is None or refused not in forms


def test_a_span_the_printed_years_give_away_is_not_asked(nlp):
    """Judges on tuning texts: "The conversion in the prompt lets a learner work out the
    answer"; here a stay's length beside the years it ran between (a tuning text, tune2)."""
    text = (
        "Sonatas\n\n"
        "Tartini lived for three years at Prague (1723-26), while Locatelli toured Italy. "
        "Rust worked in Dessau for four years, and he wrote a sonata in C minor in 1794.\n"
    )
    found = generate([SourceText("s", text, "Sonatas")], nlp, learned_ranker=False)
    answers = {q.answer for q in found.questions}
    assert "three years" not in answers and "four years" in answers
    assert list(found.refused.values()).count(refusals.WORKED_OUT) == 1


def test_a_figure_written_to_four_significant_digits_is_not_asked(nlp):
    """Judges accepted none of 28 readings of a cloze blanking a figure written to four or more
    significant digits: "Demands an exact seven-digit census count"; "asks for an exact 2.184"
    (fresh5 and tuning texts). A rounded figure ("2.6 million") stays, and so does "995.0",
    which is three (judges accepted it 6 of 9 times)."""
    text = (
        "Languages\n\n"
        "The 2006 census found that English, with 2,576,670 native speakers, was the most "
        "common mother tongue. The census found 2.6 million speakers of French in 2006. "
        "The population of Angola was growing by 2.184% annually in 2014. "
        "With the help of an in-memory index, DPR can be made incredibly efficient, processing "
        "995.0 questions per second, returning top 100 passages per question. "
        # A year the parser read as an amount is no exact figure.
        "About 1939, Huxley encountered the Bates method for better eyesight. "
        "From 1764 onwards, there was a gradual change from a slave-based society.\n"
    )
    found = generate([SourceText("s", text, "Languages")], nlp, learned_ranker=False)
    answers = {q.answer for q in found.questions}
    assert not {"2,576,670", "2.184"} & answers
    assert {"2.6 million", "995.0"} <= answers
    assert list(found.refused.values()).count(refusals.OVER_PRECISE) == 2
