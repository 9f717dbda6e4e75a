"""Suspending and burying cards, as Anki does, and bringing them back, over HTTP."""

from __future__ import annotations

from datetime import UTC, datetime

from app.study.scheduling import GOOD
from app.study_models import Card
from tests.learn.conftest import put_card


def _due_everywhere(app, learner, qids) -> dict[str, int]:
    """Every question of the sample pack as a card due now, so each would be chosen."""
    return {uid: put_card(app, learner, qid) for uid, qid in qids.items()}


def _chosen(study, app, mode: str = "quiz", times: int = 8) -> set[int]:
    """The questions the study page offers over a few answers."""
    seen = set()
    for _ in range(times):
        page = study.quiz() if mode == "quiz" else study.card()
        if page.ticket is None:
            break
        seen.add(page.question_id(app))
        if mode == "quiz":
            study.answer(page, "1902")
        else:
            study.rate(page, GOOD)
    return seen


def test_feedback_and_card_back_offer_bury_and_suspend_once_studied(study, learner, qids, rows):
    front = study.show(qids["q1"], mode="flashcard")
    assert "Bury until tomorrow" not in front.html  # never studied: nothing to set aside
    feedback = study.client.get(study.answer(study.show(qids["q1"]), "1902").headers["Location"])
    [card] = rows(Card)
    html = feedback.get_data(as_text=True)
    assert f'action="/learn/leeches/{card.id}/bury"' in html
    assert f'action="/learn/leeches/{card.id}/suspend"' in html
    assert 'name="mode" value="quiz"' in html
    back = study.show(qids["q1"], mode="flashcard")
    assert f'action="/learn/leeches/{card.id}/suspend"' in back.html
    assert 'name="mode" value="flashcard"' in back.html


def test_a_suspended_card_stays_out_until_unsuspended(study, learner, qids, app, rows):
    cards = _due_everywhere(app, learner, qids)
    response = study.client.post(f"/learn/leeches/{cards['q1']}/suspend", data={"mode": "quiz"})
    assert response.status_code == 302 and response.headers["Location"].endswith("/learn/quiz")
    card = rows(Card, id=cards["q1"])[0]
    assert card.suspended is True and card.leech is False
    page = study.client.get("/learn/quiz").get_data(as_text=True)
    assert "Card suspended" in page
    assert qids["q1"] not in _chosen(study, app)
    listed = study.client.get("/learn/leeches").get_data(as_text=True)
    assert (
        "Suspended by you" in listed and "In which year was the Harbour Compact signed?" in listed
    )
    # Its old page cannot be answered while it is suspended, and says why.
    refused = study.answer(study.show(qids["q1"]), "1902")
    assert "suspended by you" in study.client.get(refused.headers["Location"]).get_data(
        as_text=True
    )
    assert study.client.post(f"/learn/leeches/{cards['q1']}/unsuspend").status_code == 302
    assert rows(Card, id=cards["q1"])[0].suspended is False
    assert "Suspended by you" not in study.client.get("/learn/leeches").get_data(as_text=True)


def test_a_buried_card_comes_back_at_the_start_of_the_learners_next_day(
    study, make_user, auth, qids, app, rows, clock
):
    # 09:00 UTC is 22:00 in Auckland (UTC+13 in March): the learner's day ends in 2 hours.
    learner = make_user(timezone="Pacific/Auckland")
    auth.login()
    cards = _due_everywhere(app, learner, qids)
    assert '<span class="number" id="due-today">4</span>' in study.client.get("/learn/").text
    response = study.client.post(f"/learn/leeches/{cards['q2']}/bury", data={"mode": "flashcard"})
    assert response.headers["Location"].endswith("/learn/cards")
    buried = rows(Card, id=cards["q2"])[0].buried_until
    assert buried.replace(tzinfo=buried.tzinfo or UTC) == datetime(2026, 3, 2, 11, tzinfo=UTC)
    assert "Buried until" in study.client.get("/learn/leeches").get_data(as_text=True)
    # Out of today's due count and of every mode.
    assert '<span class="number" id="due-today">3</span>' in study.client.get("/learn/").text
    assert qids["q2"] not in _chosen(study, app, "flashcard")
    clock.advance(hours=2, minutes=1)
    assert qids["q2"] in _chosen(study, app, "flashcard", times=12)


def test_unbury_brings_a_card_back_today(study, learner, qids, app, rows):
    cards = _due_everywhere(app, learner, qids)
    study.client.post(f"/learn/leeches/{cards['q3']}/bury", data={"mode": "quiz"})
    assert study.client.post(f"/learn/leeches/{cards['q3']}/unbury").status_code == 302
    assert rows(Card, id=cards["q3"])[0].buried_until is None
    assert qids["q3"] in _chosen(study, app, times=12)


def test_set_aside_refuses_others_cards_unstudied_cards_and_odd_modes(
    study, learner, make_user, qids, app, rows
):
    other = make_user("other@example.org")
    theirs = put_card(app, other, qids["q1"])
    unstudied = put_card(app, learner, qids["q2"], last_review=None, reps=0)
    mine = put_card(app, learner, qids["q3"])
    assert (
        study.client.post(f"/learn/leeches/{theirs}/suspend", data={"mode": "quiz"}).status_code
        == 404
    )
    assert study.client.post(f"/learn/leeches/{theirs}/unbury").status_code == 404
    assert (
        study.client.post(f"/learn/leeches/{unstudied}/bury", data={"mode": "quiz"}).status_code
        == 404
    )
    # The mode names the page to go on with: only a study mode, never an address.
    odd = study.client.post(f"/learn/leeches/{mine}/suspend", data={"mode": "https://evil.example"})
    assert odd.status_code == 400
    assert not any(card.suspended or card.buried_until for card in rows(Card))


def test_anonymous_visitors_are_sent_to_log_in(client, app, imported):
    response = client.post("/learn/leeches/1/bury", data={"mode": "quiz"})
    assert response.status_code == 302 and "/accounts/login" in response.headers["Location"]
