"""Flashcards over HTTP: flipping, ratings with intervals, undo, leeches, limits, cram."""

from __future__ import annotations

from datetime import timedelta

from app.learn.display import interval_label
from app.study.scheduling import AGAIN, EASY, GOOD, REVIEW, new_card, preview
from app.study_models import Card, LearnerSkill, ReviewLog
from tests.learn.conftest import START, page_of, put_card


def test_front_then_back_without_javascript(study, learner, qids):
    front = study.show(qids["q1"], mode="flashcard")
    assert "Show answer" in front.html and 'id="back"' in front.html
    assert 'aria-labelledby="back-heading" hidden' in front.html
    back = study.card(ticket=front.ticket, show=1)
    assert back.ticket == front.ticket  # the time still counts from the front
    assert "Show answer" not in back.html and "hidden>" not in back.html.split('id="back"')[1][:80]
    assert "<strong>1902</strong>" in back.html and "<mark>1902</mark>" in back.html


def test_buttons_show_the_next_interval_of_each_rating(study, learner, qids):
    page = study.show(qids["q1"], mode="flashcard")
    expected = preview(new_card(START), START, desired_retention=0.9, steps=True)
    for rating, name in zip((1, 2, 3, 4), ("Again", "Hard", "Good", "Easy"), strict=True):
        assert name in page.html
        assert (
            f'<span class="interval" aria-hidden="true">{interval_label(expected[rating])}</span>'
            in page.html
        )


def test_rating_stores_card_and_log(study, learner, qids, rows, clock):
    page = study.show(qids["q1"], mode="flashcard")
    clock.advance(seconds=6)
    response = study.rate(page, GOOD)
    assert response.status_code == 303 and response.headers["Location"].endswith("/learn/cards")
    [log] = rows(ReviewLog)
    assert (log.mode, log.form, log.rating, log.correct) == ("flashcard", "recall", GOOD, True)
    assert log.duration_ms == 6000 and log.response is None
    [card] = rows(Card)
    # FSRS learning steps: Good on a new card brings it back in ten minutes.
    assert card.due.replace(tzinfo=None) == (START + timedelta(seconds=6, minutes=10)).replace(
        tzinfo=None
    )
    assert "Rated Good." in study.client.get("/learn/cards").get_data(as_text=True)


def test_desired_retention_comes_from_settings(study, make_user, auth, qids, app, rows):
    low = make_user("low@example.org", desired_retention=0.75)
    put_card(app, low, qids["q1"])
    auth.login("low@example.org")
    page = study.show(qids["q1"], mode="flashcard")
    study.rate(page, GOOD)
    long_interval = rows(Card)[0].due
    auth.logout()
    high = make_user("high@example.org", desired_retention=0.95)
    put_card(app, high, qids["q1"])
    auth.login("high@example.org")
    study.rate(study.show(qids["q1"], mode="flashcard"), GOOD)
    short_interval = rows(Card, user_id=high)[0].due
    assert short_interval < long_interval


def test_undo_restores_the_card_and_marks_the_log(study, learner, qids, app, rows):
    card_id = put_card(app, learner, qids["q1"])
    before = rows(Card)[0]
    study.rate(study.show(qids["q1"], mode="flashcard"), EASY)
    assert rows(Card)[0].due != before.due
    response = study.client.post("/learn/undo")
    assert response.status_code == 302 and "/learn/cards?ticket=" in response.headers["Location"]
    [card] = rows(Card)
    assert card.id == card_id
    for name in (
        "state",
        "stability",
        "difficulty",
        "due",
        "last_review",
        "reps",
        "lapses",
        "exposures",
        "last_seen_at",
        "last_rating",
    ):
        assert getattr(card, name) == getattr(before, name), name
    [log] = rows(ReviewLog)
    assert log.undone is True
    assert rows(LearnerSkill)[0].answered == 0
    # The same card is shown again, with a fresh ticket that can be answered.
    again = study.client.get(response.headers["Location"])
    assert "In which year was the Harbour Compact signed?" in again.get_data(as_text=True)
    assert study.client.post("/learn/undo").headers["Location"].endswith("/learn/")
    assert rows(ReviewLog)[0].undone is True


def test_undo_of_a_first_rating_removes_the_card(study, learner, qids, rows):
    study.rate(study.show(qids["q1"], mode="flashcard"), AGAIN)
    study.client.post("/learn/undo")
    assert rows(Card) == []
    assert [log.undone for log in rows(ReviewLog)] == [True]


def test_leech_is_suspended_at_eight_lapses_and_can_be_unsuspended(study, learner, qids, app, rows):
    card_id = put_card(app, learner, qids["q1"], lapses=7)
    response = study.rate(study.show(qids["q1"], mode="flashcard"), AGAIN)
    [card] = rows(Card)
    assert card.lapses == 8 and card.suspended and card.leech
    notice = study.client.get(response.headers["Location"]).get_data(as_text=True)
    assert "leech" in notice and "suspended" in notice
    leeches = study.client.get("/learn/leeches").get_data(as_text=True)
    assert "In which year was the Harbour Compact signed?" in leeches and "Unsuspend" in leeches
    # A suspended card is never chosen, even when due.
    for _ in range(4):
        page = study.card()
        if page.ticket is None:
            break
        assert page.question_id(app) != qids["q1"]
        study.rate(page, EASY)
    response = study.client.post(f"/learn/leeches/{card_id}/unsuspend")
    assert response.status_code == 302
    card = rows(Card, id=card_id)[0]
    assert card.suspended is False and card.leech is True


def test_daily_new_limit_counts_per_local_day(study, make_user, auth, clock, rows):
    # 23:00 in Auckland is 10:00 UTC; the learner's day ends at local midnight.
    make_user(new_per_day=2, timezone="Pacific/Auckland")
    auth.login()
    clock.moment = START.replace(hour=10)
    for _ in range(2):
        page = study.card()
        assert page.ticket, page.text
        study.rate(page, EASY)
    done = study.card()
    assert done.ticket is None and "today's limit of new cards" in done.text
    clock.advance(hours=1, minutes=30)  # 00:30 the next local day
    assert study.card().ticket is not None


def test_daily_review_limit(study, make_user, auth, app, qids, rows):
    user = make_user(reviews_per_day=1, new_per_day=0)
    auth.login()
    put_card(app, user, qids["q1"])
    put_card(app, user, qids["q3"])
    page = study.card()
    assert page.question_id(app) in {qids["q1"], qids["q3"]}
    study.rate(page, GOOD)
    assert [log.card_state for log in rows(ReviewLog)] == [REVIEW]
    done = study.card()
    assert done.ticket is None and "today's limit of" in done.text and "reviews" in done.text


def test_cram_leaves_the_schedule_alone(study, learner, qids, app, rows, clock):
    put_card(app, learner, qids["q1"], due=START + timedelta(days=10))
    put_card(app, learner, qids["q3"], due=START + timedelta(days=3))
    before = {card.id: (card.due, card.stability, card.reps) for card in rows(Card)}
    assert "Start reviewing ahead" in study.client.get("/learn/cram").get_data(as_text=True)
    study.client.post("/learn/cram/start")
    clock.advance(seconds=1)
    page = page_of(study.client.get("/learn/cram"))
    assert page.question_id(app) == qids["q3"]  # soonest due first
    assert "do not change when cards are due" in page.text and "schedule unchanged" in page.text
    study.rate(page, AGAIN, path="/learn/cram")
    clock.advance(seconds=5)
    page = page_of(study.client.get("/learn/cram"))
    assert page.question_id(app) == qids["q1"]
    study.rate(page, GOOD, path="/learn/cram")
    clock.advance(seconds=5)
    page = page_of(study.client.get("/learn/cram"))
    assert page.question_id(app) == qids["q3"]  # the Again comes back at the end
    study.rate(page, GOOD, path="/learn/cram")
    assert "every card" in page_of(study.client.get("/learn/cram")).text
    assert {card.id: (card.due, card.stability, card.reps) for card in rows(Card)} == before
    assert [log.mode for log in rows(ReviewLog)] == ["cram"] * 3
    assert rows(LearnerSkill) == []
    study.client.post("/learn/cram/stop")
    assert "Start reviewing ahead" in study.client.get("/learn/cram").get_data(as_text=True)


def test_undo_on_a_card_never_undoes_a_quiz_answer(study, learner, qids, rows):
    # Issue 16 item 10: a quiz answer, then the first flashcard: its "Undo the last rating"
    # undid the quiz answer. A mode's undo is offered (and acts) only on that mode's own step.
    study.answer(study.show(qids["q1"]), "1902")
    card = study.card()
    assert "Undo the last rating" not in card.html
    response = study.client.post("/learn/undo", data={"mode": "flashcard"})
    assert response.status_code == 302 and "/learn/cards" in response.headers["Location"]
    assert [log.undone for log in rows(ReviewLog)] == [False]
    # The quiz still offers its own undo, and a rated card then offers the card's.
    assert "Undo the last answer" in study.quiz().html
    study.rate(study.show(qids["q2"], mode="flashcard"), GOOD)
    assert "Undo the last rating" in study.card().html
    assert "Undo the last answer" not in study.quiz().html
    study.client.post("/learn/undo", data={"mode": "flashcard"})
    assert sorted((log.mode, log.undone) for log in rows(ReviewLog)) == [
        ("flashcard", True),
        ("quiz", False),
    ]
