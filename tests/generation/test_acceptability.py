"""The learned ranker: its features, its use in ranking, and the shipped model's rebuild."""

from __future__ import annotations

import dataclasses
import json
import math

import pytest

from app.generation import acceptability, choosing, ranking
from app.generation.types import CLOZE, MULTIPLE_CHOICE, ORDERING, TRUE_FALSE, Question
from bench import train_ranker
from bench.judged_tally import judged
from bench.sample_for_judging import format_for_judge
from tests.generation.test_ranking import learned_model
from tests.generation.test_ranking import question as ranking_question

PASSAGE = "In 1995, Russia agreed to supply the reactor for the Bushehr plant."


def question(
    prompt: str,
    answer: str = "1995",
    *,
    qtype: str = CLOZE,
    kind: str = "date",
    qid: str = "f1-cz",
    fact: str = "f1",
    passage: str = PASSAGE,
) -> Question:
    """A question as test_ranking makes them, in its own group, with a prior quality of 0.8."""
    return ranking_question(
        qid,
        fact=fact,
        group=fact,
        qtype=qtype,
        kind=kind,
        prompt=prompt,
        answer=answer,
        passage=passage,
        prior=0.8,
    )


def test_features_see_a_prompt_that_leans_on_a_sentence_it_does_not_show():
    alone = acceptability.features(
        question("Fill in the blank: In _____, Russia agreed to supply the reactor."), ""
    )
    leaning = acceptability.features(
        question("Fill in the blank: … it agreed to supply this reactor in _____."), ""
    )
    assert alone["pronoun_start"] == 0 and leaning["pronoun_start"] == 1
    assert alone["fragment_start"] == 0 and leaning["fragment_start"] == 1
    assert alone["pointing"] == 0 < leaning["pointing"]


def test_features_see_an_answer_the_title_or_everyday_english_gives_away():
    common = question("Fill in the blank: The plant is in _____.", "Europe", kind="place")
    rare = question("Fill in the blank: The plant is in _____.", "Bushehr", kind="place")
    titled = acceptability.features(rare, "Bushehr and its reactor")
    assert titled["answer_in_title"] == 1
    assert acceptability.features(rare, "A reactor")["answer_in_title"] == 0
    assert (
        acceptability.features(common, "")["answer_zipf"]
        > acceptability.features(rare, "")["answer_zipf"]
    )


def test_a_true_statement_copied_word_for_word_is_seen_as_copied():
    copied = question(f"True or false? {PASSAGE}", "True", qtype=TRUE_FALSE)
    reworded = question(
        "True or false? The Bushehr reactor was promised by Moscow in 1995.",
        "True",
        qtype=TRUE_FALSE,
    )
    assert acceptability.features(copied, "")["copied"] == 1.0
    assert acceptability.features(reworded, "")["copied"] < 0.6


def test_features_see_an_amount_or_event_with_no_time_frame():
    untimed = question("Fill in the blank: Iran bought _____ drones.", "400", kind="figure")
    timed = question("Fill in the blank: In 2022 Iran bought _____ drones.", "400", kind="figure")
    date = question("Fill in the blank: Iran bought drones in _____.", "2022")
    assert acceptability.features(untimed, "")["untimed"] == 1
    assert acceptability.features(timed, "")["untimed"] == 0
    assert acceptability.features(date, "")["untimed"] == 0  # the answer is the time frame


def test_features_see_a_date_of_what_the_verb_says_and_a_famous_event():
    adjunct = question("Fill in the blank: In _____, Russia agreed to supply the reactor.")
    subject = question("Fill in the blank: _____ was the year Russia agreed to supply it.")
    revolution = question("Fill in the blank: The Islamic Revolution of _____ ended the deal.")
    assert acceptability.features(adjunct, "")["date_adjunct"] == 1
    assert acceptability.features(subject, "")["date_adjunct"] == 0
    assert acceptability.features(revolution, "")["date_event"] == 1
    assert acceptability.features(adjunct, "")["date_event"] == 0


def test_features_see_a_cut_opening_and_a_citation():
    cut = question("Fill in the blank: … including the reactor built in _____.")
    whole = question("Fill in the blank: Russia agreed to supply the reactor in _____.")
    citation = question("Fill in the blank: See 11 U.S.C. 1322(b)(6), 1325 and _____.", "1329")
    assert acceptability.features(cut, "")["cut_start"] == 1
    assert acceptability.features(whole, "")["cut_start"] == 0
    assert (
        acceptability.features(citation, "")["digit_share"]
        > acceptability.features(whole, "")["digit_share"]
    )


def test_a_judged_question_is_read_back_as_its_judge_saw_it():
    shown = {
        "id": "abc-cz",
        "type": CLOZE,
        "kind": "date",
        "prompt": "Fill in the blank: In _____, Russia agreed to supply the reactor.",
        "answer": "1995",
        "quote": {"source": "src", "text": PASSAGE},
        "explanation": f"The text states: {PASSAGE}",
    }
    block = format_for_judge(7, shown, {"src": "A text"}).split("## 7", 1)[1]
    entry = {"id": "abc-cz", "type": CLOZE, "kind": "date", "source": "src"}
    read = train_ranker.judged_question(entry, block)
    assert (read.prompt, read.answer, read.quote.text) == (shown["prompt"], "1995", PASSAGE)
    assert (read.fact, read.quote.source, read.kind) == ("abc", "src", "date")


def test_the_feature_table_is_rebuilt_exactly_from_the_judging_files(tmp_path):
    rebuilt = tmp_path / "features.csv"
    trained = train_ranker.labelled_ids(train_ranker.trained_keys())
    assert train_ranker.write_features(rebuilt) == len(trained) >= 700
    # A round judged but not trained on (tune2) stays out of the table.
    assert len(train_ranker.labelled_ids()) > len(trained)
    assert rebuilt.read_text(encoding="utf-8") == train_ranker.FEATURES_CSV.read_text(
        encoding="utf-8"
    )


def test_precision_curve_keeps_each_share_best_first():
    curve = train_ranker.precision_curve([0.9, 0.8, 0.7, 0.6], [1, 0, 1, 0], (0.25, 0.5, 1.0))
    assert curve == [
        {"share": 0.25, "threshold": 0.9, "precision": 1.0},
        {"share": 0.5, "threshold": 0.8, "precision": 0.5},
        {"share": 1.0, "threshold": 0.6, "precision": 0.5},
    ]


def _model(weights: dict[str, float], threshold: float) -> dict:
    return learned_model(weights, threshold)


def test_probability_is_the_logistic_of_the_standardised_weighted_sum():
    model = _model({"pronoun_start": -2.0}, 0.5)
    assert acceptability.probability({"pronoun_start": 0.0}, model) == pytest.approx(0.5)
    assert acceptability.probability({"pronoun_start": 1.0}, model) == pytest.approx(0.1192, 1e-3)


def test_rank_with_a_model_keeps_facts_above_its_threshold_best_first():
    model = _model({"pronoun_start": -3.0, "kind_date": 1.0}, 0.5)
    good = question("Fill in the blank: In _____, Russia agreed to supply the reactor.")
    poor = question(
        "Fill in the blank: It agreed to supply the reactor in _____.",
        qid="f2-cz",
        fact="f2",
        passage="Moscow signed. It agreed to supply the reactor in 1995.",
    )
    ranked = ranking.rank([poor, good], {}, model=model)
    assert [q.id for q in ranked] == ["f1-cz"]
    assert ranked[0].quality == pytest.approx(
        acceptability.probability(acceptability.features(good, ""), model), abs=1e-3
    )
    assert {q.id for q in ranking.rank([poor, good], {})} == {"f1-cz", "f2-cz"}  # no model


def test_the_model_judges_the_form_chosen_for_each_fact():
    model = _model({"type_mc": 4.0}, 0.9)
    cloze = question("Fill in the blank: In _____, Russia agreed to supply the reactor.")
    choice = question(
        "In which year did Russia agree to supply the reactor?",
        qid="f1-mc",
        qtype=MULTIPLE_CHOICE,
    )
    kept = ranking.rank([cloze, choice], {}, model=model)
    assert len(kept) == 1  # one form per fact, judged by the model


def test_threshold_is_the_lowest_that_keeps_the_target_precision():
    predicted = [0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3, 0.2]
    labels = [1, 1, 1, 1, 0, 0, 0, 0]
    threshold, precision, kept = train_ranker.choose_threshold(predicted, labels)
    assert (threshold, precision, kept) == (0.5, 0.8, 0.625)
    # Never reached: the best precision at the smallest share allowed.
    threshold, precision, kept = train_ranker.choose_threshold(predicted, [0, 1] * 4)
    assert kept == train_ranker.MIN_KEPT == 0.5 and precision == 0.5
    _, _, kept = train_ranker.choose_threshold(predicted, [0, 1] * 4, train_ranker.STRICT_KEPT)
    assert kept == 0.125  # the strict gate: the best precision at a tenth or just above


def test_labels_are_read_from_every_judged_part():
    labels = train_ranker.labelled_ids()
    verdicts = [
        p.read_text(encoding="utf-8") for p in train_ranker.LABELS_DIR.glob("*.verdicts.csv")
    ]
    # A part drawn but not judged yet (tune2's, until its judges fill them in) gives no label.
    judged_rows = sum(len(text.strip().splitlines()) - 1 for text in verdicts if judged(text))
    assert len(labels) == judged_rows >= 700
    assert 0 < sum(labels.values()) < len(labels)


def test_the_shipped_model_is_rebuilt_exactly_from_its_labels():
    shipped = json.loads(acceptability.MODEL_PATH.read_text(encoding="utf-8"))
    rebuilt = train_ranker.train()
    assert rebuilt == shipped
    assert acceptability.load_model() == shipped


def test_a_leading_pronoun_or_an_answer_in_the_title_is_refused_whatever_the_model_says():
    model = _model({"kind_date": 5.0}, 0.5)
    alone = question("Fill in the blank: In _____, Russia agreed to supply the reactor.")
    leaning = question(
        "Fill in the blank: It agreed to supply the reactor in _____.",
        qid="f2-cz",
        fact="f2",
        passage="Moscow signed. It agreed to supply the reactor in 1995.",
    )
    assert [q.id for q in ranking.rank([alone, leaning], {}, model=model)] == ["f1-cz"]
    place = question("Fill in the blank: The reactor is at _____.", "Bushehr", kind="place")
    assert ranking.rank([place], {}, model=_model({}, 0.1), strict=False)
    titled = {"src": "Bushehr"}
    assert ranking.rank([place], {}, model=_model({}, 0.1), titles=titled, strict=False) == []


def test_a_bank_keeps_dates_figures_and_equipment_and_leaves_other_kinds_to_review():
    # Judges accepted a typed person or place about one time in five, a choice of anything but
    # a date 1 of 116, a true/false statement 21 of 129 (choosing.BANK_SHAPES).
    model = _model({}, 0.1)
    date = question("Fill in the blank: In _____, Russia agreed to supply the reactor.")
    figure = question(
        "Fill in the blank: Russia supplied _____ tonnes of fuel.",
        "82",
        kind="figure",
        qid="f2-cz",
        fact="f2",
    )
    place = question(
        "Fill in the blank: The reactor is at _____.",
        "Bushehr",
        kind="place",
        qid="f3-cz",
        fact="f3",
    )
    person = question(
        "Fill in the blank: The deal was signed by _____.",
        "Velayati",
        kind="person",
        qid="f4-cz",
        fact="f4",
    )
    statement = question(
        "True or false? Russia agreed to supply the reactor in 1995.",
        "True",
        qtype=TRUE_FALSE,
        qid="f5-tf",
        fact="f5",
    )
    every = [date, figure, place, person, statement]
    assert {q.id for q in ranking.rank(every, {}, model=model)} == {"f1-cz", "f2-cz"}
    pool = {q.id for q in ranking.rank(every, {}, model=model, strict=False)}
    assert {"f1-cz", "f2-cz", "f3-cz", "f4-cz"} <= pool


@pytest.mark.parametrize(
    ("answer", "probability", "slot", "banked"),
    [
        ("Dyrrachium", 0.3, "a large Norman army invaded _____", True),  # rare, above the floor
        ("Kiamichi River", 0.3, "Tarrant proposed to divert the _____", True),  # its own noun
        ("Guiyang", 0.5, "a centre being built in the city of _____", True),
        ("Graubünden", 0.5, "The Alpine Rhine begins in the Swiss canton of _____", True),
        ("Dyrrachium", 0.1, "a large Norman army invaded _____", False),  # below the floor
        ("Bushehr", 0.3, "the reactor is at _____", False),  # Zipf 2.08: a reader may know it
        ("Bonn", 0.5, "the institute in _____", False),  # general knowledge (1 of 7 readings)
        ("Tartini", 0.5, "Sonatas were published by _____ and Locatelli", False),  # no place
        ("Titius", 0.5, "After the death of _____, Kuhnau resided", False),
    ],
)
def test_a_bank_keeps_a_rare_place_asked_in_a_place_slot(answer, probability, slot, banked):
    """Judged place clozes above the floor: names of Zipf < 2 in a place's slot accepted 24 of
    32 times, as often as a banked date (the bank kept no place at all before); the tagger's
    rare "places" elsewhere are often people ("Tartini" and "Titius" came to the bank)."""
    model = learned_model({"kind_place": 1.0}, 0.4, floor=0.2)
    model["intercept"] = math.log(probability / (1 - probability)) - 1.0
    place = question(
        f"Fill in the blank: In 1185 {slot}.", answer, kind="place", qid="f3-cz", fact="f3"
    )
    person = question(
        "Fill in the blank: The garrison was led by _____.",
        "Maniaces",
        kind="person",
        qid="f4-cz",
        fact="f4",
    )
    kept = {q.id for q in ranking.rank([place, person], {}, model=model)}
    assert kept == ({"f3-cz"} if banked else set())


def test_with_the_model_each_answer_is_asked_once_per_text():
    model = _model({"prompt_words": 1.0}, 0.1)
    short = question("Fill in the blank: In _____, Russia agreed.")
    longer = question(
        "Fill in the blank: Under a deal signed in Moscow in _____, Russian engineers were to "
        "finish the Bushehr reactor.",
        qid="f2-cz",
        fact="f2",
        passage="Under a deal signed in Moscow in 1995, Russian engineers were to finish the "
        "Bushehr reactor.",
    )
    assert [q.id for q in ranking.rank([short, longer], {}, model=model)] == ["f2-cz"]
    assert len(ranking.rank([short, longer], {})) == 2  # without the model, as before


@pytest.mark.parametrize(
    ("answer", "kind", "kept"),
    [
        ("Moscow", "place", False),  # readers: "the topic answers it"
        ("Ukraine", "place", False),
        ("Soviet Union", "place", False),
        ("Assad", "person", False),
        ("Astrakhan", "place", True),  # a name a reader must have read
        ("Bashar al-Assad", "person", True),  # the full name is rarer than the surname
        ("Lavrov", "person", True),
    ],
)
def test_a_name_everyday_english_knows_is_refused_as_guessable(answer, kind, kept):
    """Tuning labels: cloze and multiple-choice names of everyday frequency (Zipf >= 3.5)
    were accepted 14 times in 148 (9%), against 28% for the rest."""
    asked = question("Fill in the blank: The summit was held in _____.", answer, kind=kind)
    assert bool(ranking.rank([asked], {}, model=_model({}, 0.1), strict=False)) is kept


def test_a_date_whose_year_the_title_prints_is_refused():
    """Bundled judging (seed 126): "At least up to _____, no major decrease ..." asked the
    year that "Bilateral Relations (2012-2017)" gives in the title."""
    asked = question("Fill in the blank: At least up to _____, no decrease was observed.", "2017")
    model = _model({}, 0.1)
    titles = {"src": "The Iran – Russia Nexus: Development of Bilateral Relations (2012-2017)"}
    assert ranking.rank([asked], {}, model=model)
    assert ranking.rank([asked], {}, model=model, titles=titles) == []
    other = question("Fill in the blank: In _____, X.")
    assert ranking.rank([other], {}, model=model, titles=titles)


def test_two_amounts_sharing_only_a_bare_number_are_two_answers():
    """Bundled generation: "ten-year" (accepting "10") was left out as the answer "ten
    percent" (accepting "10%") already had."""
    model = _model({}, 0.1)
    percent = question("Fill in the blank: Imports rose by _____.", "ten percent", kind="figure")
    percent = dataclasses.replace(percent, accept=("10 percent", "10%"))
    period = question(
        "Fill in the blank: Sales over a _____ period were agreed.",
        "ten-year",
        kind="figure",
        qid="f2-cz",
        fact="f2",
    )
    period = dataclasses.replace(period, accept=("10 years", "10"))
    assert len(ranking.rank([percent, period], {}, model=model)) == 2
    again = dataclasses.replace(period, answer="10 percent", accept=("ten percent",))
    assert len(ranking.rank([percent, again], {}, model=model)) == 1


def test_two_periods_sharing_only_a_wider_period_are_two_answers():
    """fresh5 generation: "late 19th century", once it accepted "1800s", was left out as the
    answer "early 1800s" of the same text (accepting "1800s") already had."""
    early = question("Fill in the blank: It grew in the _____.", "early 1800s", kind="date")
    early = dataclasses.replace(early, accept=("1800s",))
    late = question(
        "Fill in the blank: It slowed in the _____.",
        "late 19th century",
        kind="date",
        qid="f2-cz",
        fact="f2",
    )
    late = dataclasses.replace(late, accept=("19th century", "nineteenth century", "1800s"))
    answers = choosing._Answers()
    assert answers.take(early) and answers.take(late)
    again = dataclasses.replace(late, answer="1800s", accept=())
    assert not answers.take(again)


@pytest.mark.parametrize(
    ("qtype", "kind", "qid", "kept"),
    [
        (CLOZE, "organisation", "f1-cz", False),  # 15 of 124 judged clozes of these accepted
        (CLOZE, "treaty", "f1-cz", False),
        (TRUE_FALSE, "place", "f1-tf", False),  # 8 of 80 not about a date
        (TRUE_FALSE, "date", "f1-tf", True),  # 8 of 31: left to the model
        (MULTIPLE_CHOICE, "figure", "f1-mc", False),  # wh-questions not on a date: 1 of 99
        (MULTIPLE_CHOICE, "place", "f1-mc", False),
        (MULTIPLE_CHOICE, "organisation", "f1-ab", False),  # an abbreviation: 0 of 10
        (MULTIPLE_CHOICE, "date", "f1-mc", True),
        (CLOZE, "place", "f1-cz", True),
        # The same blank with choices: refused with the cloze (review of the strict gate).
        (MULTIPLE_CHOICE, "organisation", "f1-mc-blank", False),
        (MULTIPLE_CHOICE, "treaty", "f1-mc-blank", False),
        (MULTIPLE_CHOICE, "place", "f1-mc-blank", True),
        (ORDERING, "date", "f1-ord", False),  # 0 of 9, and no text's one question
    ],
)
def test_a_shape_judges_seldom_accept_is_refused_whatever_the_model_says(qtype, kind, qid, kept):
    asked = question(
        "Fill in the blank: The deal was signed by _____.",
        "Gazprom",
        qtype=qtype,
        kind=kind,
        qid=qid,
    )
    assert bool(ranking.rank([asked], {}, model=_model({}, 0.1), strict=False)) is kept


def test_the_strict_threshold_leaves_each_text_its_best_above_the_floor():
    model = _model({"prompt_words": 1.0}, 0.99) | {"floor_threshold": 0.1}
    texts = [
        question(
            f"Fill in the blank: In _____, Russia agreed to supply reactor number {n} "
            + "and more " * n
            + ".",
            str(1990 + n),
            qid=f"f{n}-cz",
            fact=f"f{n}",
            passage=f"In {1990 + n}, Russia agreed to supply reactor number {n} "
            + "and more " * n
            + ".",
        )
        for n in range(1, 6)
    ]
    kept = ranking.rank(texts, {}, model=model)
    assert len(kept) == choosing.MIN_PER_TEXT
    # best first: the longest prompts (the model's only weight) are the ones kept
    assert [q.id for q in kept] == ["f5-cz"]
    assert len(ranking.rank(texts, {}, model=model | {"threshold": 0.1})) == 5
    assert ranking.rank(texts, {}, model=model | {"floor_threshold": 0.999}) == []
    # A reviewer's pool keeps every fact above the floor, the strict ones among them.
    pool = ranking.rank(texts, {}, model=model, strict=False)
    assert len(pool) == 5 and {q.id for q in kept} < {q.id for q in pool}


def test_the_shipped_threshold_is_stricter_than_its_floor():
    model = acceptability.load_model()
    assert model["floor_threshold"] < model["threshold"]
    # The tenth rounded up to a whole candidate (757 candidates: 76 kept).
    kept, candidates = model["out_of_fold"]["share_kept"], model["out_of_fold"]["candidates"]
    assert train_ranker.STRICT_KEPT <= kept < train_ranker.STRICT_KEPT + 1 / candidates


def test_only_a_date_is_asked_as_a_choice_in_place_of_its_typed_form():
    model = _model({}, 0.1)
    typed = question(
        "Fill in the blank: Russia supplied _____ tonnes of fuel.",
        "82",
        kind="figure",
        qid="f6-cz",
        fact="f6",
    )
    choice = question(
        "Which completes the passage? Russia supplied _____ tonnes of fuel.",
        "82",
        kind="figure",
        qtype=MULTIPLE_CHOICE,
        qid="f6-mc",
        fact="f6",
    )
    assert [q.id for q in choosing.learned_forms({"f6": [typed, choice]}, model, {})["f6"]] == [
        "f6-cz"
    ]
    dated = dataclasses.replace(choice, kind="date", answer="1995", id="f7-mc-blank", fact="f7")
    typed_date = dataclasses.replace(typed, kind="date", answer="1995", id="f7-cz", fact="f7")
    kept = choosing.learned_forms({"f7": [typed_date, dated]}, model, {})
    assert [q.id for q in kept["f7"]] == ["f7-mc-blank"]
