"""Questions quoting one sentence are siblings: answering one keeps the others out until the
learner's next local day, in the quiz and in flashcards (as Anki buries siblings)."""

from __future__ import annotations

from tests.learn.conftest import START

# q1 and q2 of the sample pack quote the same sentence (test_lisvale 0-64) with different facts.
ANSWERS = {"q1": "1902", "q2": "nobody", "q3": "True", "q4": ["Ostrov Accord", "Harbour Compact"]}


def _names(qids: dict[str, int]) -> dict[int, str]:
    return {qid: name for name, qid in qids.items()}


def test_a_sibling_answered_in_the_quiz_waits_for_the_next_day(study, learner, qids, clock, app):
    clock.moment = START.replace(hour=9)
    names = _names(qids)
    study.answer(study.show(qids["q1"]), ANSWERS["q1"])
    shown = []
    for _ in range(4):
        clock.advance(minutes=1)
        page = study.quiz()
        if page.ticket is None:
            break
        name = names[page.question_id(app)]
        shown.append(name)
        study.answer(page, ANSWERS[name])
    assert shown and "q2" not in shown, shown
    clock.advance(days=1)
    later = []
    for _ in range(4):
        clock.advance(minutes=11)
        page = study.quiz()
        name = names[page.question_id(app)]
        later.append(name)
        study.answer(page, ANSWERS[name])
    assert "q2" in later, later


def test_a_sibling_rated_as_a_flashcard_is_not_shown_today(study, learner, qids, clock, app):
    clock.moment = START.replace(hour=9)
    names = _names(qids)
    shown = []
    for _ in range(4):
        page = study.card()
        if page.ticket is None:
            break
        shown.append(names[page.question_id(app)])
        study.rate(page, 4)
        clock.advance(minutes=1)
    # Only one of the two questions on the first sentence is shown today.
    assert len({"q1", "q2"} & set(shown)) == 1, shown
