"""The one-request study step: a scripted quiz answer gets its feedback and the next question."""

from __future__ import annotations

import json
from pathlib import Path

from app.study_models import Card, LearnerSkill, ReviewLog
from tests.learn.conftest import page_of, put_card

JSON = {"Accept": "application/json"}


def _step(study, page, response, **extra):
    data = {"ticket": page.ticket, "response": response, **extra}
    return study.client.post("/learn/quiz", data=data, headers=JSON)


def test_answer_comes_back_with_feedback_and_the_next_question(study, learner, qids, rows, app):
    reply = _step(study, study.show(qids["q1"]), "1899", duration_ms="2500")
    assert reply.status_code == 200 and reply.is_json
    body = reply.get_json()
    [log] = rows(ReviewLog)
    assert (log.user_id, log.question_id, log.response, log.correct) == (
        learner,
        qids["q1"],
        "1899",
        False,
    )
    assert log.duration_ms == 2500
    assert body["status"] == "answered" and body["title"] == "Not quite · Quire"
    assert body["feedback_url"] == f"/learn/answers/{log.id}"
    feedback = body["feedback"]
    assert "Not quite" in feedback and "<strong>1902</strong>" in feedback
    assert "signed in Lisvale in <mark>1902</mark> by Mara Quell." in feedback
    assert "Undo this answer" in feedback
    # The next question is a page of its own: its ticket answers it, and its address shows it.
    upcoming = page_of(_Fake(body["next"]))
    assert upcoming.ticket and 'data-study="quiz"' in body["next"]
    assert body["next_url"].startswith("/learn/quiz?ticket=")
    assert f'href="{body["next_url"].replace("&", "&amp;")}"' in feedback
    shown = page_of(study.client.get(body["next_url"]))
    assert shown.question_id(app) == upcoming.question_id(app)
    second = _step(study, upcoming, "Mara Quell").get_json()
    assert second["status"] == "answered"
    assert [row.question_id for row in rows(ReviewLog)] == [
        qids["q1"],
        upcoming.question_id(app),
    ]
    assert rows(LearnerSkill)[0].answered == 2


class _Fake:
    """A fragment dressed as a response, for page_of."""

    def __init__(self, html: str) -> None:
        self.status_code, self.html = 200, html

    def get_data(self, as_text: bool = False) -> str:
        return self.html


def test_a_repeated_scripted_answer_is_stored_once(study, learner, qids, rows):
    page = study.show(qids["q1"])
    first = _step(study, page, "1902").get_json()
    again = _step(study, page, "1899").get_json()
    assert (first["status"], again["status"]) == ("answered", "duplicate")
    assert first["feedback_url"] == again["feedback_url"]
    # The feedback is the first answer's, not the repeat's.
    assert '<dd class="given">1902</dd>' in again["feedback"] and "1899" not in again["feedback"]
    [log] = rows(ReviewLog)
    assert log.response == "1902"
    [card] = rows(Card)
    assert card.reps == 1 and card.exposures == 1


def test_a_stale_page_is_refused_with_where_to_go(study, learner, qids, rows):
    page = study.show(qids["q1"])
    page.ticket = page.ticket[:-2] + "xx"
    reply = _step(study, page, "1902")
    assert reply.status_code == 409
    body = reply.get_json()
    assert body["status"] == "refused" and body["location"] == "/learn/quiz"
    assert rows(ReviewLog) == [] and rows(Card) == []
    # The page the script goes to says why.
    assert "too old to answer" in study.client.get(body["location"]).get_data(as_text=True)


def test_a_visitor_becomes_a_guest_and_keeps_answering(study, rows, app):
    first = _step(study, study.quiz(), "x").get_json()
    assert first["status"] == "answered"
    upcoming = page_of(_Fake(first["next"]))
    assert _step(study, upcoming, "x").get_json()["status"] == "answered"
    logs = rows(ReviewLog)
    assert len(logs) == 2 and logs[0].user_id == logs[1].user_id


def test_a_new_leech_is_told_in_the_feedback(study, learner, qids, app, rows):
    put_card(app, learner, qids["q1"], lapses=7)
    body = _step(study, study.show(qids["q1"], form="typed"), "nobody").get_json()
    [card] = rows(Card)
    assert card.suspended and card.leech
    assert "leech" in body["feedback"] and 'class="flash flash-warning"' in body["feedback"]
    # Told once, in the step, not again on the next page.
    assert "flash-warning" not in study.client.get(body["next_url"]).get_data(as_text=True)


def test_without_asking_for_json_the_form_still_redirects(study, learner, qids):
    response = study.answer(study.show(qids["q1"]), "1902")
    assert response.status_code == 303 and "/learn/answers/" in response.headers["Location"]


def test_repeating_the_answer_that_made_a_leech_shows_that_answer(study, learner, qids, app, rows):
    put_card(app, learner, qids["q1"], lapses=7)
    page = study.show(qids["q1"], form="typed")
    first = _step(study, page, "nobody").get_json()
    again = _step(study, page, "nobody")
    assert again.status_code == 200
    assert again.get_json()["feedback_url"] == first["feedback_url"]
    assert len(rows(ReviewLog)) == 1


def _rate(study, page, rating: int, path: str = "/learn/cards"):
    data = {"ticket": page.ticket, "rating": rating}
    return study.client.post(path, data=data, headers=JSON)


def test_a_scripted_rating_brings_the_next_card(study, learner, qids, rows, app):
    reply = _rate(study, study.show(qids["q1"], mode="flashcard"), 3)
    assert reply.status_code == 200
    body = reply.get_json()
    [log] = rows(ReviewLog)
    assert (log.question_id, log.mode, log.rating) == (qids["q1"], "flashcard", 3)
    assert body["status"] == "rated" and body["next_title"] == "Flashcards · Quire"
    assert "Rated Good. It comes back" in body["next"] and "Undo the last rating" in body["next"]
    upcoming = page_of(_Fake(body["next"]))
    assert upcoming.ticket and 'id="back"' in body["next"] and "data-flip" in body["next"]
    assert body["next_url"].startswith("/learn/cards?ticket=")
    shown = page_of(study.client.get(body["next_url"]))
    assert shown.question_id(app) == upcoming.question_id(app) != qids["q1"]
    # The message was shown in the step, not kept for the next page.
    assert "Rated Good" not in shown.html
    assert _rate(study, upcoming, 1).get_json()["status"] == "rated"
    assert [row.rating for row in rows(ReviewLog)] == [3, 1]


def test_when_no_card_is_left_the_script_is_sent_to_the_page_that_says_so(
    study, learner, qids, rows, app
):
    from app.accounts_models import User
    from app.extensions import db

    with app.app_context():
        db.session.get(User, learner).new_per_day = 1
        db.session.commit()
    body = _rate(study, study.show(qids["q1"], mode="flashcard"), 4).get_json()
    assert body == {"status": "rated", "next": None, "next_url": "/learn/cards"}
    done = study.client.get(body["next_url"]).get_data(as_text=True)
    assert "Rated Easy" in done and len(rows(ReviewLog)) == 1


def test_a_stale_card_is_refused_with_where_to_go(study, learner, qids, rows):
    page = study.show(qids["q1"], mode="flashcard")
    page.ticket = page.ticket[:-2] + "xx"
    reply = _rate(study, page, 3)
    assert reply.status_code == 409 and reply.get_json()["location"] == "/learn/cards"
    assert rows(ReviewLog) == []


def test_going_back_to_an_answered_question_does_not_answer_it_twice(study, learner, qids, rows):
    first = _step(study, study.show(qids["q1"]), "1902").get_json()
    # The next question's address, loaded as the browser's Back button reloads it.
    shown = page_of(study.client.get(first["next_url"]))
    second = _step(study, shown, "x").get_json()
    assert second["status"] == "answered"
    # Loaded again once answered, it leads to that answer's feedback.
    again = study.client.get(first["next_url"])
    assert again.status_code == 302 and again.headers["Location"] == second["feedback_url"]
    # A page still open from before is the same showing: one answer.
    assert _step(study, shown, "y").get_json()["status"] == "duplicate"
    # One answer each (the second question may be the ordering one, whose response is a list:
    # q2, on q1's sentence, waits for the next day as its sibling).
    logs = rows(ReviewLog)
    assert len(logs) == 2 and logs[0].response == "1902" and logs[1].response != "y"


def test_an_undone_answer_frees_its_page_to_be_answered_again(study, learner, qids, rows):
    page = study.show(qids["q1"])
    first = _step(study, page, "1899").get_json()
    study.client.post("/learn/undo")
    # Reloading the page from before the undo shows the question again, answerable anew.
    again = page_of(study.client.get("/learn/quiz", query_string={"ticket": page.ticket}))
    assert again.status == 200 and again.ticket
    second = _step(study, again, "1902").get_json()
    assert second["status"] == "answered" and second["feedback_url"] != first["feedback_url"]
    assert [(log.response, log.undone) for log in rows(ReviewLog)] == [
        ("1899", True),
        ("1902", False),
    ]


def test_going_back_to_a_rated_card_does_not_rate_it_twice(study, learner, qids, rows):
    first = _rate(study, study.show(qids["q1"], mode="flashcard"), 3).get_json()
    shown = page_of(study.client.get(first["next_url"]))
    assert _rate(study, shown, 3).get_json()["status"] == "rated"
    again = study.client.get(first["next_url"])
    assert again.status_code == 302 and again.headers["Location"] == "/learn/cards"
    assert _rate(study, shown, 1).get_json()["status"] == "duplicate"
    assert [log.rating for log in rows(ReviewLog)] == [3, 3]


def _documented(schema: str) -> dict:
    document = Path(__file__).resolve().parents[2] / "app" / "api" / "openapi.json"
    return json.loads(document.read_text(encoding="utf-8"))["components"]["schemas"][schema]


def test_the_replies_are_the_ones_the_openapi_document_describes(study, learner, qids):
    answered = _step(study, study.show(qids["q1"]), "1902").get_json()
    rated = _rate(study, study.show(qids["q2"], mode="flashcard"), 3).get_json()
    stale = study.show(qids["q3"])
    stale.ticket = "altered"
    refusal = _step(study, stale, "x").get_json()
    for reply, schema in ((answered, "StudyStep"), (rated, "CardStep"), (refusal, "StudyRefusal")):
        documented = _documented(schema)
        assert set(documented["required"]) <= set(reply) <= set(documented["properties"])
        assert reply["status"] in documented["properties"]["status"]["enum"]
