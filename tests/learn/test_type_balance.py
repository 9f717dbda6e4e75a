"""A quiz of one type after another: new questions of a type asked a third of the recent
answers wait while another type's are there (issue 16: 8 of the first 10 were true/false)."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import select

from app.study.balance import balance_types
from app.study.scheduling import REVIEW, CardState
from app.study.selection import Candidate
from tests.browser.conftest import TREATIES, browser_pack

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def _cand(qid: int, qtype: str, seen_minutes_ago: float | None = None, reviewed=False):
    card = None
    if seen_minutes_ago is not None or reviewed:
        card = CardState(
            state=REVIEW,
            step=None,
            stability=3.0,
            difficulty=5.0,
            due=NOW - timedelta(hours=1) if reviewed else NOW + timedelta(days=2),
            last_review=NOW - timedelta(days=3),
            reps=1,
            lapses=0,
        )
    last_seen = None if seen_minutes_ago is None else NOW - timedelta(minutes=seen_minutes_ago)
    return Candidate(qid, f"f{qid}", qtype, 2, 0.0, card, last_seen, 0, False)


def _types(candidates) -> Counter:
    return Counter(c.type for c in candidates if c.card is None)


def test_a_type_with_its_share_of_recent_answers_waits_for_the_others():
    asked = [_cand(1, "true_false", 1), _cand(2, "true_false", 2), _cand(3, "cloze", 3)]
    new = [_cand(10 + i, t) for i, t in enumerate(["true_false"] * 5 + ["multiple_choice"] * 2)]
    kept = balance_types(asked + new)
    assert _types(kept) == {"multiple_choice": 2}
    # Answered questions stay: reviews are the scheduler's business.
    assert [c.question_id for c in kept[:3]] == [1, 2, 3]


def test_only_the_latest_answers_count():
    old = [_cand(i, "true_false", 60 + i) for i in range(1, 7)]
    latest = [_cand(20 + i, t, i) for i, t in enumerate(["cloze", "cloze", "multiple_choice"])]
    new = [_cand(40, "true_false"), _cand(41, "cloze")]
    kept = balance_types(old + latest + new, window=3)
    assert _types(kept) == {"true_false": 1}


def test_when_every_type_has_had_its_share_the_least_asked_go_on():
    asked = [_cand(1, "true_false", 1), _cand(2, "multiple_choice", 2), _cand(3, "true_false", 3)]
    new = [_cand(10, "true_false"), _cand(11, "multiple_choice")]
    assert _types(balance_types(asked + new)) == {"multiple_choice": 1}


@pytest.mark.parametrize(
    "candidates",
    [
        [_cand(10, "true_false"), _cand(11, "cloze")],  # nothing answered yet
        [_cand(1, "true_false", 1), _cand(10, "true_false"), _cand(11, "true_false")],  # one type
        [_cand(1, "true_false", 1, reviewed=True), _cand(2, "cloze", 2, reviewed=True)],  # no new
    ],
)
def test_nothing_is_held_back_without_a_choice_of_types(candidates):
    assert balance_types(candidates) == candidates


# Over HTTP: the browser tests' pack (a date question per treaty, three cloze) plus a true/false
# statement per treaty, which a fresh learner's chooser prefers (a guess is right half the time).
def _mixed_pack() -> dict[str, Any]:
    pack = browser_pack()
    text = pack["sources"][0]["text"]
    for index, (name, year, person) in enumerate(TREATIES):
        sentence = f"The {name} Treaty was signed in {year} by {person}."
        start = text.index(sentence)
        pack["questions"].append(
            {
                "id": f"t{index}",
                "fact": f"t{index}",
                "type": "true_false",
                "kind": "date",
                "prompt": f"The {name} Treaty was signed in {year}.",
                "answer": "True",
                "choices": ["True", "False"],
                "quote": {
                    "source": pack["sources"][0]["id"],
                    "start": start,
                    "end": start + len(sentence),
                    "text": sentence,
                },
                "explanation": sentence,
            }
        )
    return pack


@pytest.fixture
def pack_data() -> dict[str, Any]:
    """The mixed pack instead of the sample one (for `imported`)."""
    return _mixed_pack()


def test_the_first_ten_questions_of_a_quiz_mix_the_types(study, learner, app, clock):
    from app.extensions import db
    from app.models import Question

    with app.app_context():
        known = {q.id: q for q in db.session.scalars(select(Question))}
        answers = {qid: (q.type, q.answer) for qid, q in known.items()}
    asked = []
    for _ in range(10):
        page = study.quiz()
        qtype, answer = answers[page.question_id(app)]
        asked.append(qtype)
        assert study.answer(page, answer).status_code == 303
        clock.advance(minutes=1)
    counts = Counter(asked)
    assert counts["true_false"] <= 4 and counts["multiple_choice"] >= 3, asked
