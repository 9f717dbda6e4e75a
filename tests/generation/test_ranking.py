"""Ranking: quality and difficulty scores, de-duplication, the fact cap and the pack order."""

from __future__ import annotations

import itertools
from dataclasses import replace

import pytest

from app.generation import choosing, ranking
from app.generation.given_elsewhere import not_given_elsewhere
from app.generation.types import (
    CLOZE,
    MULTIPLE_CHOICE,
    ORDERING,
    TRUE_FALSE,
    TYPES,
    Question,
    Quote,
)

PASSAGE = "Foreign Minister Anna Berg signed the Treaty of Lisbon in Lisbon in December 2007."


def question(
    qid: str = "f1-mc",
    *,
    fact: str = "f1",
    group: str = "",
    qtype: str = MULTIPLE_CHOICE,
    kind: str = "treaty",
    prompt: str = "Which agreement did Foreign Minister Anna Berg sign in December 2007?",
    answer: str = "Treaty of Lisbon",
    passage: str = PASSAGE,
    source: str = "src",
    start: int = 0,
    prior: float = 0.0,
) -> Question:
    return Question(
        id=qid,
        fact=fact,
        type=qtype,
        kind=kind,
        prompt=prompt,
        answer=answer,
        quote=Quote(source, start, start + len(passage), passage),
        explanation="The text says so.",
        difficulty=0.0,
        quality=prior,
        group=group,
    )


@pytest.mark.parametrize(
    ("qid", "qtype", "form"),
    [
        ("f1-mc", MULTIPLE_CHOICE, "wh"),
        ("f1-mc-blank", MULTIPLE_CHOICE, "blank"),
        ("f1-mc-ab", MULTIPLE_CHOICE, "ab"),
        ("f1-mc-who", MULTIPLE_CHOICE, "who"),
        ("f1-mc-role", MULTIPLE_CHOICE, "role"),
        ("f1-cz", CLOZE, CLOZE),
        ("f1-tf", TRUE_FALSE, TRUE_FALSE),
        ("chrono-1-or", ORDERING, ORDERING),
    ],
)
def test_form_of(qid, qtype, form):
    assert ranking.form_of(question(qid, qtype=qtype)) == form


PROMPTS = [
    "Who?",
    "Which agreement did Foreign Minister Anna Berg sign in December 2007?",
    " ".join(["word"] * 60) + "?",
    "Which of these did that minister sign?",
]


def test_scores_are_in_the_unit_interval():
    answers = {"person": "Anna Berg", "date": "December 2007"}
    grid = itertools.product(
        TYPES, PROMPTS, (-2.0, -0.4, 0.0, 0.05, 2.0), (0, 1, 3, 50), ("person", "date")
    )
    for qtype, prompt, prior, mentions, kind in grid:
        q = question(qtype=qtype, prompt=prompt, prior=prior, kind=kind, answer=answers[kind])
        assert 0.0 <= ranking.quality(q, mentions) <= 1.0
        assert 0.0 <= ranking.difficulty(q, mentions) <= 1.0


def test_quality_prefers_good_forms_and_penalises_weak_prompts():
    wh = ranking.quality(question(), 2)
    assert wh > ranking.quality(question("f1-mc-blank"), 2)
    assert wh > ranking.quality(question(prior=-0.4), 2)  # attribution or hedge
    assert wh >= ranking.quality(question(prompt="Which of these did that minister sign?"), 2)
    assert ranking.quality(question("x-or", qtype=ORDERING), 1) == 0.8


def test_difficulty_rises_for_rare_answers_and_values():
    common = ranking.difficulty(question(), 5)
    assert ranking.difficulty(question(), 1) > common
    assert ranking.difficulty(question(kind="date", answer="December 2007"), 5) > common
    assert ranking.difficulty(question(qtype=TRUE_FALSE), 5) < common
    assert ranking.difficulty(question(qtype=CLOZE), 5) > common


def test_rank_drops_identical_prompts():
    first = question("a-mc", fact="a")
    second = question("b-mc", fact="b", source="other", start=500)
    ranked = ranking.rank([second, first], {})
    assert [q.id for q in ranked] == ["a-mc"]  # equal quality: the lower id is kept


def test_rank_keeps_one_fact_among_near_identical_passages():
    near = PASSAGE.replace("December 2007", "December, 2007")
    a = question("a-cz", fact="a", qtype=CLOZE, prompt="Fill in: A _____ B.")
    b = question("b-cz", fact="b", qtype=CLOZE, prompt="Fill in: A _____ B!", passage=near)
    other_answer = question(
        "c-cz", fact="c", qtype=CLOZE, prompt="Fill in: C _____.", answer="Anna Berg", kind="person"
    )
    ranked = ranking.rank([a, b, other_answer], {})
    assert {q.id for q in ranked} == {"a-cz", "c-cz"}


def test_rank_scores_drops_weak_and_orders_for_the_pack():
    strong = question("s-mc", fact="s", start=100)
    strong_tf = question("s-tf", fact="s", qtype=TRUE_FALSE, prompt="True or false? X.", start=100)
    weak = question("w-mc", fact="w", prompt="Which one?", prior=-1.0, answer="Vienna Agreement")
    early = question(
        "e-cz", fact="e", qtype=CLOZE, prompt="Fill: _____ signed.", answer="Anna Berg", start=0
    )
    ranked = ranking.rank([strong_tf, weak, strong, early], {"treaty of lisbon": 3})
    # One form per fact: the true/false on the same fact as the stronger question goes.
    assert [q.id for q in ranked] == ["e-cz", "s-mc"]
    for q in ranked:
        assert q.quality >= ranking.MIN_QUALITY
        assert 0.0 <= q.difficulty <= 1.0


def test_rank_caps_facts_keeping_the_best_form_of_the_best():
    questions = []
    for n, prior in enumerate((0.0, -0.1, -0.2)):
        answer = f"Answer Number {n}"
        passage = f"Passage {n} is unlike the others in every word {'x' * n * 40}."
        for qtype, code in ((MULTIPLE_CHOICE, "mc"), (CLOZE, "cz")):
            questions.append(
                question(
                    f"f{n}-{code}",
                    fact=f"f{n}",
                    qtype=qtype,
                    prompt=f"Prompt {code} about fact number {n} here?",
                    answer=answer,
                    passage=passage,
                    start=n * 200,
                    prior=prior,
                )
            )
    ranked = ranking.rank(questions, {}, max_facts=2)
    assert [q.id for q in ranked] == ["f0-mc", "f1-mc"]
    assert ranking.rank(questions, {}, max_facts=2) == ranked  # deterministic


def test_rank_keeps_a_few_facts_of_one_sentence():
    questions = [
        question(
            f"f{n}-mc",
            fact=f"f{n}",
            group="g",
            answer=f"Answer {n}",
            prompt=f"Which agreement number {n} did they sign here?",
            prior=-0.01 * n,
        )
        for n in range(5)
    ]
    ranked = ranking.rank(questions, {}, facts_per_group=3)
    assert sorted(q.id for q in ranked) == ["f0-mc", "f1-mc", "f2-mc"]
    # By default one fact per sentence: judges marked pairs from one sentence down.
    assert [q.id for q in ranking.rank(questions, {})] == ["f0-mc"]


def one_per_answer(facts: dict) -> list[str]:
    """The facts ranking keeps with the model on, sentences aside: one per answer."""
    return choosing._few_per_group(list(facts), facts, len(facts), choosing._Answers())


def test_one_question_per_name_in_the_pack_and_per_date_in_each_text():
    def asked(qid, answer, kind, source, accept=()):
        q = question(qid, fact=qid, answer=answer, kind=kind, source=source)
        return replace(q, accept=accept)

    facts = {
        "a1": [asked("a1", "Khamenehi", "person", "a")],
        "b1": [asked("b1", "Khamenehi", "person", "b")],
        "a2": [asked("a2", "SA-20s", "equipment", "a", ("S-300",))],
        "b2": [asked("b2", "S-300", "equipment", "b")],
        "a3": [asked("a3", "2013", "date", "a")],
        "b3": [asked("b3", "2013", "date", "b")],
        "b4": [asked("b4", "2013", "date", "b")],
    }
    assert one_per_answer(facts) == ["a1", "a2", "a3", "b3"]
    # A month's year is a right answer, but two months of one year are two answers.
    months = {
        "a5": [asked("a5", "July 2022", "date", "a", ("2022",))],
        "a6": [asked("a6", "September 2022", "date", "a", ("2022",))],
        "a7": [asked("a7", "2022", "date", "a")],
    }
    assert one_per_answer(months) == ["a5", "a6", "a7"]


def test_one_question_per_person_under_a_variant_spelling_or_their_surname():
    """Readers of seed 124: Khamenei asked twice ("Khamenehi" in one text, "Ayatollah Ali
    Khamenei" in another); the bank also asked "Assad" and "Bashar al-Assad"."""

    def asked(qid, answer, source, accept=()):
        q = question(qid, fact=qid, answer=answer, kind="person", source=source)
        return replace(q, accept=accept)

    facts = {
        "a1": [asked("a1", "Ayatollah Ali Khamenei", "a", ("Ali Khamenei", "Khamenei"))],
        "b1": [asked("b1", "Khamenehi", "b", ("Ali Khamenehi",))],
        "a2": [asked("a2", "Bashar al-Assad", "a")],
        "b2": [asked("b2", "Assad", "b")],
        "c1": [asked("c1", "Hassan Rouhani", "c", ("Rouhani",))],
        "c2": [asked("c2", "Ali Larijani", "c")],  # another Ali: kept
    }
    assert one_per_answer(facts) == ["a1", "a2", "c1", "c2"]


def learned_model(weights: dict[str, float], threshold: float, floor: float | None = None) -> dict:
    """A learned ranker on the given features, standardised as they are (means 0, scales 1)."""
    names = list(weights)
    model = {
        "features": names,
        "weights": list(weights.values()),
        "means": [0.0] * len(names),
        "scales": [1.0] * len(names),
        "intercept": 0.0,
        "threshold": threshold,
    }
    return model if floor is None else model | {"floor_threshold": floor}


def tiny_model(mc: float, cloze: float) -> dict:
    """A learned ranker on type alone: its weights are the log-odds of each type."""
    return learned_model({"type_mc": mc, "type_cloze": cloze}, 0.5)


def berg_forms() -> list[Question]:
    """One fact asked as a cloze and as a blank multiple choice."""
    return [  # a date: the one kind a choice is asked of (choosing.BANK_SHAPES)
        question(
            "f1-cz",
            qtype=CLOZE,
            kind="date",
            answer="2007",
            prompt="Fill in the blank: Berg signed the treaty in _____.",
        ),
        question(
            "f1-mc-blank",
            kind="date",
            answer="2007",
            prompt="Which completes the passage? Berg signed the treaty in _____.",
        ),
    ]


@pytest.mark.parametrize(
    ("mc", "cloze", "kept"),
    [
        (1.0, 2.0, ["f1-mc-blank"]),  # both pass: the multiple choice is asked
        (-1.0, 2.0, ["f1-cz"]),  # its wrong choices fail: the cloze instead
        (1.0, -1.0, []),  # the best form fails: the fact is left out, as before
    ],
)
def test_a_fact_is_asked_as_a_multiple_choice_where_the_model_accepts_one(mc, cloze, kept):
    ranked = ranking.rank(berg_forms(), {}, model=tiny_model(mc, cloze))
    assert [q.id for q in ranked] == kept


def test_no_question_whose_answer_another_kept_prompt_prints():
    """A judge: "the answer 2016 is printed in Q9's prompt" (the next sentence's cloze)."""
    first = "The first sign of coordination took place in 2016, when Russia launched bombers."
    both = first + " This marked the first time in about 100 years."
    year = question(
        "y-mc", fact="y", kind="date", answer="2016", passage=first,
        prompt="In which year did the first sign of coordination take place?", prior=0.5,
    )  # fmt: skip
    figure = question(
        "n-cz", fact="n", qtype=CLOZE, kind="figure", answer="100 years", passage=both,
        prompt=first + " This marked the first time in about _____.", prior=0.6,
    )  # fmt: skip
    elsewhere = question(  # the same year, another fact of another text passage: kept
        "z-cz", fact="z", qtype=CLOZE, kind="figure", answer="40", start=500,
        passage="In 2016 the navy had 40 ships.", prompt="In 2016 the navy had _____ ships.",
    )  # fmt: skip
    kept = not_given_elsewhere([figure, year, elsewhere])
    assert [q.id for q in kept] == ["n-cz", "z-cz"]
    # The better of the two is kept, whichever prints the other's answer.
    assert [q.id for q in not_given_elsewhere([year, figure, elsewhere])] == ["y-mc", "z-cz"]


def test_a_months_year_printed_elsewhere_gives_no_month_away():
    """The key takes "2022" for "July 2022" (tuning judges), but a prompt that prints 2022 does
    not give away which month: both questions stay."""
    month = question(
        "m-cz", fact="m", qtype=CLOZE, kind="date", answer="July 2022",
        passage="Khamenei hosted the summit in Tehran in July 2022.",
        prompt="Fill in the blank: Khamenei hosted the summit in Tehran in _____.",
    )  # fmt: skip
    month = replace(month, accept=("2022",))
    other = question(
        "o-cz", fact="o", qtype=CLOZE, kind="person", answer="Raisi", start=900,
        passage="In 2022, after the summit, Raisi met Putin again.",
        prompt="Fill in the blank: In 2022, after the summit, _____ met Putin again.",
    )  # fmt: skip
    assert [q.id for q in not_given_elsewhere([month, other])] == ["m-cz", "o-cz"]


def test_the_same_event_printed_in_another_passage_is_the_same_fact():
    """A judge: "The 1979 Islamic Revolution ... also the same fact as Q25 and Q27"."""
    printed = question(
        "t-tf", fact="t", qtype=TRUE_FALSE, kind="date", answer="True", start=900,
        passage="Ties weakened after the popular revolution of 1979 in Iran.",
        prompt="True or false? Ties weakened after the popular revolution of 1979 in Iran.",
    )  # fmt: skip
    asked = question(
        "r-cz", fact="r", qtype=CLOZE, kind="date", answer="1979",
        passage="Trust was lost following the 1979 revolution.",
        prompt="Fill in the blank: Trust was lost following the _____ revolution.",
    )  # fmt: skip
    assert [q.id for q in not_given_elsewhere([printed, asked])] == ["t-tf"]


def test_a_date_gives_way_to_the_sentences_news():
    """Judges: "Blanks the incidental signing year while the sentence's point goes untested"."""
    date = question("d-cz", fact="d", group="g", qtype=CLOZE, kind="date", answer="2001", prior=0.3)
    treaty = question("t-mc", fact="t", group="g", prior=0.0)
    assert [q.id for q in ranking.rank([date, treaty], {}, news={"t"})] == ["t-mc"]
    assert [q.id for q in ranking.rank([date, treaty], {})] == ["d-cz"]


def test_a_side_detail_gives_way_to_the_sentences_news():
    """Tuning judges: an amount in an opening phrase or a place in a phrase on the verb was
    blanked while the sentence's news (its object, its headline figure) went untested."""
    side = question("s-cz", fact="s", group="g", qtype=CLOZE, kind="figure", answer="600")
    news = question("n-cz", fact="n", group="g", qtype=CLOZE, kind="place", answer="Andaman")
    by_fact = {q.fact: [q] for q in (side, news)}
    assert choosing._news_first(["s", "n"], by_fact, {"n"}, {"s"}) == ["n", "s"]
    assert choosing._news_first(["s", "n"], by_fact, set(), {"s"}) == ["s", "n"]
    # An amount that is no side detail keeps its place (judges accepted many beside a name).
    assert choosing._news_first(["s", "n"], by_fact, {"n"}) == ["s", "n"]


def test_a_true_or_false_answer_is_no_fact_another_prompt_prints():
    """ "True or false?" in one prompt does not print another true/false question's answer."""
    statement = "The river Rhine rises in the Swiss canton of Graubünden."
    one = question(
        "a-tf", fact="a", qtype=TRUE_FALSE, kind="place", answer="False",
        prompt="True or false? The river Rhine rises in the Swiss canton of Ticino.",
        passage=statement,
    )  # fmt: skip
    other = replace(one, id="b-tf", fact="b", prompt="True or false? " + statement)
    assert len(not_given_elsewhere([one, other])) == 2


def test_two_facts_of_one_year_sharing_only_a_name_are_both_kept():
    """A reviewer: a year asked in one passage was dropped because another passage's prompt
    printed it beside the same country, a different fact."""
    delivered = question(
        "d-cz", fact="d", qtype=CLOZE, kind="date", answer="2016", start=0,
        passage="In 2016, Russia delivered S-300 missiles to Iran.",
        prompt="Fill in the blank: In _____, Russia delivered S-300 missiles to Iran.", prior=0.6,
    )  # fmt: skip
    bombed = question(
        "b-cz", fact="b", qtype=CLOZE, kind="place", answer="Syria", start=700,
        passage="In 2016, Russia bombed Syria from Iranian bases.",
        prompt="Fill in the blank: In 2016, Russia bombed _____ from Iranian bases.", prior=0.5,
    )  # fmt: skip
    assert [q.id for q in not_given_elsewhere([delivered, bombed])] == ["d-cz", "b-cz"]


def test_a_date_gives_way_only_to_its_own_sentences_news():
    """A reviewer: a date giving way was sent behind every other fact of the text, so a weak
    fact of another passage took its place."""
    date = question("d-cz", fact="d", group="g", qtype=CLOZE, kind="date", answer="2001")
    treaty = question("t-mc", fact="t", group="g")
    weak = question("w-cz", fact="w", group="h", qtype=CLOZE, kind="place", answer="Lyon")
    by_fact = {q.fact: [q] for q in (date, treaty, weak)}
    assert choosing._news_first(["d", "t", "w"], by_fact, {"t"}) == ["t", "d", "w"]
    assert choosing._news_first(["t", "w", "d"], by_fact, {"t"}) == ["t", "w", "d"]


def test_a_fact_left_out_for_its_answer_leaves_its_sentence_to_another():
    """Bundled generation: "In 2007, Russia promised to sell Tehran the _____ missile defense
    system" (S-300, asked already) took its sentence's place, and its 2007 was never asked."""
    model = {
        "features": ["kind_equipment"],
        "weights": [1.0],
        "means": [0.0],
        "scales": [1.0],
        "intercept": 0.0,
        "threshold": 0.1,
    }

    def asked(qid, answer, kind, group, prompt, start):
        passage = prompt.replace("_____", answer)
        q = question(qid, fact=qid, group=group, qtype=CLOZE, kind=kind, answer=answer)
        q = replace(q, quote=replace(q.quote, start=start, end=start + len(passage), text=passage))
        return replace(q, prompt=f"Fill in the blank: {prompt}")

    first = asked("a-cz", "S-300", "equipment", "g1", "The sale of the _____ was tense.", 0)
    again = asked("b-cz", "S-300", "equipment", "g2", "In 2007, Russia promised the _____.", 99)
    year = asked("c-cz", "2007", "date", "g2", "In _____, Russia promised the S-300.", 99)
    kept = ranking.rank([first, again, year], {}, model=model)
    assert sorted(q.id for q in kept) == ["a-cz", "c-cz"]


def test_an_answer_another_texts_prompt_prints_for_the_same_fact_is_given_away():
    """A judge (bundled seed 128): "Q4 prints that Russia promised Tehran the S-300, giving
    this away" — the two questions came from two of the bank's texts."""
    year = question(
        "y-mc", fact="y", kind="date", answer="2007", source="one", start=0,
        passage="In 2007 Russia promised to sell Tehran the S-300 missile defense system.",
        prompt="In which year did Russia promise to sell Tehran the S-300 missile defense system?",
    )  # fmt: skip
    system = question(
        "s-cz", fact="s", qtype=CLOZE, kind="equipment", answer="S-300", source="two", start=0,
        passage="The on-again, off-again sale to Iran of the S-300 air defense missile system "
        "is an indicator of a tense relationship.",
        prompt="Fill in the blank: The on-again, off-again sale to Iran of the _____ air defense "
        "missile system is an indicator of a tense relationship.",
    )  # fmt: skip
    assert [q.id for q in not_given_elsewhere([year, system])] == ["y-mc"]
    # Another text's question on another fact that merely shares the answer's year stands.
    other = question(
        "o-cz", fact="o", qtype=CLOZE, kind="place", answer="Syria", source="two", start=0,
        passage="In 2007, Russia bombed Syria from Iranian bases.",
        prompt="Fill in the blank: In 2007, Russia bombed _____ from Iranian bases.",
    )  # fmt: skip
    assert len(not_given_elsewhere([year, other])) == 2


def test_another_texts_prompt_sharing_one_word_beside_the_year_is_another_fact():
    """A reviewer: Apple's "first retail store" of 2001 gives away nothing of "the first Harry
    Potter film" of 2001 in another text."""
    store = question(
        "s-cz", fact="s", qtype=CLOZE, kind="organisation", answer="Apple", source="one",
        passage="In 2001 Apple opened its first retail store.",
        prompt="Fill in the blank: In 2001 _____ opened its first retail store.",
    )  # fmt: skip
    film = question(
        "h-cz", fact="h", qtype=CLOZE, kind="date", answer="2001", source="two",
        passage="In 2001 the first Harry Potter film was released worldwide.",
        prompt="Fill in the blank: In _____ the first Harry Potter film was released worldwide.",
    )  # fmt: skip
    assert len(not_given_elsewhere([store, film])) == 2


def gate_model(weights: dict[str, float]) -> dict:
    """A learned ranker with a strict threshold (0.6) and a floor (0.3) below it."""
    return learned_model(weights, 0.6, 0.3)


@pytest.mark.parametrize(
    ("figure", "kept"),
    [
        # The news (0.5) clears the floor only: it takes the date's (0.88) place and is kept
        # (issue 14: judges refuse the date while the sentence's news goes untested).
        (0.0, ["f2-cz", "f3-cz"]),
        (2.0, ["f2-cz", "f3-cz"]),  # the news clears the threshold too: the date gives way
        (-9.0, ["f1-cz", "f3-cz"]),  # the news is below the floor: the date stays
    ],
)
def test_a_sentence_is_not_lost_to_a_weaker_news_fact_of_its_sentence(figure, kept):
    sentence = "In 1995 Russia agreed to supply 40 percent of the fuel for the reactor."
    date = question(
        "f1-cz", fact="f1", group="s1", qtype=CLOZE, kind="date", answer="1995",
        passage=sentence, prompt="Fill in the blank: " + sentence.replace("1995", "_____"),
    )  # fmt: skip
    news = question(
        "f2-cz", fact="f2", group="s1", qtype=CLOZE, kind="figure", answer="40 percent",
        passage=sentence, prompt="Fill in the blank: " + sentence.replace("40 percent", "_____"),
    )  # fmt: skip
    other = "In 2001 the two governments opened talks on a second reactor at the same site."
    later = question(
        "f3-cz", fact="f3", group="s2", qtype=CLOZE, kind="date", answer="2001", start=200,
        passage=other, prompt="Fill in the blank: " + other.replace("2001", "_____"),
    )  # fmt: skip
    model = gate_model({"kind_date": 2.0, "kind_figure": figure})
    strict = ranking.rank([date, news, later], {}, model=model, news={"f2"})
    assert [q.id for q in strict] == kept
    pool = ranking.rank([date, news, later], {}, model=model, news={"f2"}, strict=False)
    assert [q.id for q in pool] == kept


@pytest.mark.parametrize(
    ("mc", "cloze", "strict", "pool"),
    [
        (-0.5, 1.0, ["f1-cz"], ["f1-cz"]),  # choice 0.38 below the threshold cloze 0.73 clears
        (0.5, 1.0, ["f1-mc-blank"], ["f1-mc-blank"]),  # both clear the threshold: the choice
        (-0.6, -0.2, ["f1-mc-blank"], ["f1-mc-blank"]),  # both between floor and threshold
    ],
)
def test_a_multiple_choice_replaces_a_form_only_where_it_clears_the_same_bar(
    mc, cloze, strict, pool
):
    forms = berg_forms()
    model = gate_model({"type_mc": mc, "type_cloze": cloze})
    assert [q.id for q in ranking.rank(forms, {}, model=model)] == strict
    assert [q.id for q in ranking.rank(forms, {}, model=model, strict=False)] == pool


def test_each_text_keeps_its_own_best_when_another_passes_the_threshold():
    """A text entirely below the threshold keeps its best fact above the floor, and a text
    above it keeps all its passing facts: the minimum is counted per text, not for the pack."""

    def asked(source: str, n: int, kind: str, answer: str) -> Question:
        sentence = f"In the year of the fair the town counted {answer} visitors " + "and more " * n
        return question(
            f"{source}{n}-cz", fact=f"{source}{n}", group=f"{source}{n}", qtype=CLOZE,
            kind=kind, answer=answer, source=source, start=100 * n, passage=sentence,
            prompt="Fill in the blank: " + sentence.replace(answer, "_____"),
        )  # fmt: skip

    strong = [asked("a", n, "date", str(1990 + n)) for n in range(1, 3)]
    weak = [asked("b", n, "figure", str(300 + n)) for n in range(1, 4)]
    model = gate_model({"kind_date": 2.0, "prompt_words": 0.2})  # b: 0.5-0.55, a: about 0.9
    kept = ranking.rank([*strong, *weak], {}, model=model)
    assert [q.id for q in kept] == ["a1-cz", "a2-cz", "b3-cz"]  # b's longest prompt is its best
    assert len(ranking.rank([*strong, *weak], {}, model=model, strict=False)) == 5


def test_a_cap_on_the_facts_keeps_each_texts_guaranteed_question():
    """rank(max_facts=n) cut a weak text's one question, which sorts after every strong one."""

    def strong(n: int) -> Question:
        return question(
            f"a{n}-cz", fact=f"a{n}", group=f"a{n}", qtype=CLOZE, kind="date", answer=str(1990 + n),
            source="a", start=100 * n, passage=f"The fair opened in {1990 + n} in town {n}.",
            prompt=f"Fill in the blank: The fair opened in _____ in town {n}.",
        )  # fmt: skip

    weak = question(
        "b1-cz", fact="b1", group="b1", qtype=CLOZE, kind="figure", answer="300", source="b",
        passage="The town counted 300 visitors at the fair.",
        prompt="Fill in the blank: The town counted _____ visitors at the fair.",
    )  # fmt: skip
    model = gate_model({"kind_date": 2.0})
    kept = ranking.rank([strong(1), strong(2), strong(3), weak], {}, model=model, max_facts=2)
    assert [q.id for q in kept] == ["a1-cz", "b1-cz"]
