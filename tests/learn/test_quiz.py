"""The adaptive quiz over HTTP: what the learner sees and what the database holds after it."""

from __future__ import annotations

import pytest
from sqlalchemy.exc import IntegrityError

from app.study.learner import FORECAST_FIELDS
from app.study.scheduling import AGAIN, REVIEW
from app.study_models import Card, ItemStat, LearnerSkill, ReviewLog
from app.study_service import recording
from tests.learn.conftest import put_card


def test_visitor_sees_a_question_without_becoming_a_guest(study, rows):
    page = study.quiz()
    assert page.status == 200 and page.ticket
    assert "Skip to content" in page.html
    assert rows(Card) == [] and rows(ReviewLog) == []


def test_right_answer_is_stored_once_with_card_skill_and_difficulty(study, learner, qids, rows):
    page = study.show(qids["q1"])
    assert "In which year was the Harbour Compact signed?" in page.text
    response = study.answer(page, "1902", duration_ms="4000")
    assert response.status_code == 303
    [log] = rows(ReviewLog)
    assert response.headers["Location"].endswith(f"/learn/answers/{log.id}")
    assert (log.user_id, log.question_id, log.mode, log.form) == (
        learner,
        qids["q1"],
        "quiz",
        "choice",
    )
    assert log.correct is True and log.response == "1902" and log.duration_ms == 4000
    assert log.card_state is None and log.state_before["card"] is None and not log.undone
    [card] = rows(Card)
    assert (card.user_id, card.question_id, card.reps, card.exposures) == (
        learner,
        qids["q1"],
        1,
        1,
    )
    assert card.state == REVIEW and card.last_review is not None
    assert log.card_id == card.id and card.last_rating == log.rating
    [skill] = rows(LearnerSkill)
    assert skill.answered == 1 and skill.skill > 0 and skill.recent == [True]
    [item] = rows(ItemStat)
    assert item.question_id == qids["q1"] and item.answers == 1


def test_feedback_shows_verdict_answer_explanation_and_marked_quote(study, learner, qids):
    response = study.answer(study.show(qids["q1"]), "1899")
    feedback = study.client.get(response.headers["Location"])
    html = feedback.get_data(as_text=True)
    assert feedback.status_code == 200
    assert "Not quite" in html and "1899" in html and "<strong>1902</strong>" in html
    assert "The text says it was signed in 1902." in html
    assert "signed in Lisvale in <mark>1902</mark> by Mara Quell." in html
    assert 'href="/sources/test_lisvale/passage/0-64#passage"' in html


def test_wrong_answer_rates_again(study, learner, qids, rows):
    study.answer(study.show(qids["q1"]), "1914")
    [log] = rows(ReviewLog)
    assert log.correct is False and log.rating == AGAIN
    [skill] = rows(LearnerSkill)
    assert skill.skill < 0 and skill.recent == [False]


def test_double_submit_is_one_answer(study, learner, qids, rows):
    page = study.show(qids["q1"])
    first = study.answer(page, "1902")
    second = study.answer(page, "1899")
    assert first.headers["Location"] == second.headers["Location"]
    [log] = rows(ReviewLog)
    assert log.response == "1902"
    [card] = rows(Card)
    assert card.reps == 1 and card.exposures == 1
    assert rows(LearnerSkill)[0].answered == 1 and rows(ItemStat)[0].answers == 1


def test_submits_that_cross_are_one_answer(study, learner, qids, rows, monkeypatch):
    page = study.show(qids["q1"])
    study.answer(page, "1902")
    # Nothing looks for an earlier answer before storing (two submits can cross anyway): the
    # unique (user_id, client_token) constraint stops the second, then the first is looked up.
    real = recording.find_log
    calls = []

    def looked_up(user_id, token):
        calls.append(token)
        return real(user_id, token)

    monkeypatch.setattr(recording, "find_log", looked_up)
    second = study.answer(page, "1899")
    assert second.status_code == 303 and len(calls) == 1
    [log] = rows(ReviewLog)
    assert log.response == "1902"
    assert second.headers["Location"].endswith(f"/learn/answers/{log.id}")
    [card] = rows(Card)
    assert card.reps == 1


def test_typed_answer_tolerates_a_surname(study, learner, qids, rows):
    page = study.show(qids["q2"], form="typed")
    assert 'id="response"' in page.html and "Your answer" in page.html
    study.answer(page, "  quell ")
    [log] = rows(ReviewLog)
    assert log.correct is True and log.form == "typed" and log.response == "quell"


def test_cloze_without_choices_is_always_typed(study, learner, qids):
    page = study.show(qids["q2"], form="choice")
    assert 'id="response"' in page.html and 'class="choice"' not in page.html
    assert page.form_kind(study.app) == "typed"


def test_true_false_buttons(study, learner, qids, rows):
    page = study.show(qids["q3"])
    assert 'value="True"' in page.html and 'value="False"' in page.html
    feedback = study.client.get(study.answer(page, "False").headers["Location"])
    assert rows(ReviewLog)[0].correct is True
    # The correction's changed words are what the quote marks.
    assert "grew to <mark>40</mark> ships" in feedback.get_data(as_text=True)


def test_ordering_moves_without_answering_then_checks(study, learner, qids, rows):
    page = study.show(qids["q4"])
    items = ["Ostrov Accord", "Harbour Compact"]
    moved = study.client.post(
        "/learn/quiz", data={"ticket": page.ticket, "order": items, "move": "1:up"}
    )
    html = moved.get_data(as_text=True)
    assert moved.status_code == 200 and rows(ReviewLog) == []
    assert html.index('value="Harbour Compact"') < html.index('value="Ostrov Accord"')
    study.answer(page, ["Harbour Compact", "Ostrov Accord"])
    [log] = rows(ReviewLog)
    assert log.correct is True and log.response == ["Harbour Compact", "Ostrov Accord"]


def test_tampered_ticket_stores_nothing(study, learner, qids, rows):
    page = study.show(qids["q1"])
    response = study.client.post(
        "/learn/quiz", data={"ticket": page.ticket[:-3] + "abc", "response": "1902"}
    )
    assert response.status_code == 302 and response.headers["Location"].endswith("/learn/quiz")
    assert rows(ReviewLog) == [] and rows(Card) == []


def test_authored_markup_is_escaped(app, client, pack_data, clock, learner, rows):
    from app.packs.importer import import_pack
    from tests.conftest import span

    pack_data["questions"][0]["explanation"] = "Signed <em>then</em>."
    pack_data["questions"][0]["quote"] = span(
        "the <script>alert(1)</script> clause was dropped and the fleet grew to 40 ships."
    )
    pack_data["questions"][0]["answer"] = "1902"
    with app.app_context():
        import_pack(pack_data, {}, filename="lisvale.json")
    from tests.learn.conftest import Study, question_ids

    study = Study(client, app)
    page = study.show(question_ids(app)["q1"])
    feedback = client.get(study.answer(page, "1902").headers["Location"])
    html = feedback.get_data(as_text=True)
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "Signed &lt;em&gt;then&lt;/em&gt;." in html


@pytest.mark.parametrize("answered_by", ["other", "anonymous"])
def test_feedback_of_another_learner_is_not_found(study, qids, make_user, auth, rows, answered_by):
    make_user("a@example.org")
    auth.login("a@example.org")
    location = study.answer(study.show(qids["q1"]), "1902").headers["Location"]
    auth.logout()
    if answered_by == "other":
        make_user("b@example.org")
        auth.login("b@example.org")
        assert study.client.get(location).status_code == 404
    else:
        assert study.client.get(location).status_code == 302  # to the login page


def test_a_question_removed_from_the_bank_is_a_friendly_404(study, learner, rows):
    page = study.show(99999)
    assert page.status == 404 and "no longer in the bank" in page.text


def test_integrity_errors_other_than_duplicates_become_a_message(
    study, learner, qids, rows, monkeypatch
):
    page = study.show(qids["q1"])

    def crossing(*_args, **_kwargs):
        raise IntegrityError("INSERT", {}, Exception("unique cards"))

    monkeypatch.setattr(recording.db.session, "commit", crossing)
    response = study.answer(page, "1902")
    monkeypatch.undo()
    assert response.status_code == 302 and response.headers["Location"].endswith("/learn/quiz")
    assert rows(ReviewLog) == []


def test_a_right_answer_that_was_likely_a_guess_is_scheduled_as_not_known(
    study, make_user, auth, qids, rows
):
    # Two learners answer the same choice question right; for the first a right answer was
    # likely (0.8), for the second no likelier than a blind guess among its 3 choices (0.3).
    stabilities = {}
    for email, expected in (("sure@example.org", 0.8), ("lucky@example.org", 0.3)):
        user_id = make_user(email)
        auth.logout()
        assert auth.login(email).status_code == 302
        study.answer(study.show(qids["q1"], expected=expected), "1902", duration_ms="4000")
        [log] = rows(ReviewLog, user_id=user_id)
        assert log.correct is True and log.rating != AGAIN
        [card] = rows(Card, user_id=user_id)
        stabilities[email] = card.stability
        assert rows(LearnerSkill, user_id=user_id)[0].recent == [True]
    # FSRS's first stability after Again is a fraction of a day, after Good days.
    assert stabilities["lucky@example.org"] < 1.0 < stabilities["sure@example.org"]


def test_an_answer_to_a_reviewed_card_teaches_the_memory_model_and_undo_restores_it(
    study, learner, qids, app, rows
):
    put_card(app, learner, qids["q1"], reps=9, lapses=4)
    study.answer(study.show(qids["q1"], expected=0.6), "1899")
    [skill] = rows(LearnerSkill)
    # A miss the model did not expect: cards this practised and this often lapsed are weaker
    # than it thought.
    assert skill.memory_practice < 0 and skill.memory_lapse < 0 and skill.memory_bias < 0
    assert study.client.post("/learn/undo").status_code == 302
    [skill] = rows(LearnerSkill)
    assert (skill.memory_practice, skill.memory_lapse, skill.memory_bias) == (0.0, 0.0, 0.0)


def test_a_miss_on_a_card_seen_once_lowers_the_learners_first_exposure_worth(
    study, learner, qids, app, rows
):
    # Seen once, five days ago, and answered right then: FSRS's first stability says it is still
    # well known, so a miss says this learner forgets new facts faster than FSRS assumes.
    put_card(app, learner, qids["q1"], reps=1, stability=2.3, exposures=1)
    study.answer(study.show(qids["q1"], expected=0.9), "1899")
    [skill] = rows(LearnerSkill)
    assert skill.memory_first < 0
    assert study.client.post("/learn/undo").status_code == 302
    assert rows(LearnerSkill)[0].memory_first == 0.0


def test_undo_puts_back_every_column_of_a_learners_skill_row(study, learner, qids, app, rows):
    """A reviewer: undo was only checked from a fresh learner, where "restored" and "reset to
    the default" look the same (dropping memory_first from the undo record passed)."""
    from dataclasses import fields

    from app.extensions import db
    from app.study.learner import FITTED_FIELDS, LearnerState

    stored = {"recent": [True, False, True], "answered": 12}
    # The fitted FSRS parameters are not the answer's to change (only a refit writes them).
    learned = [item for item in fields(LearnerState) if item.name not in FITTED_FIELDS]
    for number, item in enumerate(learned):
        # Every weight away from its default; a count stays a whole number (PostgreSQL's
        # integer column rounds what SQLite would keep as given).
        away = 3 + number if item.type in (int, "int") else 0.3 - 0.07 * number
        stored.setdefault(item.name, away)
    with app.app_context():
        db.session.add(LearnerSkill(user_id=learner, **stored))
        db.session.commit()
    put_card(app, learner, qids["q1"], reps=1, stability=2.3, exposures=1)
    study.answer(study.show(qids["q1"]), "1899")
    answered = rows(LearnerSkill)[0]
    assert {name for name in stored if getattr(answered, name) != stored[name]} >= {
        "recent",
        "answered",
        "memory_first",
    }
    assert study.client.post("/learn/undo").status_code == 302
    [skill] = rows(LearnerSkill)
    assert {name: getattr(skill, name) for name in stored} == stored


# Every forecast weight away from its default (the learner's six).
FORECAST = {name: 0.5 + 0.1 * number for number, name in enumerate(FORECAST_FIELDS)}


def _forecast_state(app, learner: int, question_id: int) -> None:
    from app.extensions import db

    with app.app_context():
        db.session.add(LearnerSkill(user_id=learner, answered=7, recent=[True], **FORECAST))
        db.session.add(
            ItemStat(
                question_id=question_id,
                difficulty=0.2,
                answers=6,
                forecast_offset=0.3,
                forecast_answers=5,
            )
        )
        db.session.commit()


def test_an_answer_to_a_reviewed_card_moves_the_forecast_and_undo_puts_it_back(
    study, learner, qids, app, rows
):
    _forecast_state(app, learner, qids["q1"])
    put_card(app, learner, qids["q1"], reps=2, stability=2.3, exposures=2, last_rating=3)
    study.answer(study.show(qids["q1"], expected=0.8), "1899")
    [skill], [item] = rows(LearnerSkill), rows(ItemStat)
    # A miss after a right answer: the weights learn (all but `once`: the card had two
    # answers), the item's offset falls, on one more review.
    moved = {name for name, value in FORECAST.items() if getattr(skill, name) != value}
    assert moved == set(FORECAST) - {"forecast_once"}
    assert item.forecast_offset < 0.3 and item.forecast_answers == 6 and item.answers == 7
    assert study.client.post("/learn/undo").status_code == 302
    [skill], [item] = rows(LearnerSkill), rows(ItemStat)
    assert {name: getattr(skill, name) for name in FORECAST} == FORECAST
    assert item.forecast_offset == pytest.approx(0.3, abs=1e-12)
    assert (item.forecast_answers, item.answers, item.difficulty) == (5, 6, pytest.approx(0.2))


def test_a_first_answer_leaves_the_forecast_state_alone(study, learner, qids, app, rows):
    _forecast_state(app, learner, qids["q1"])
    study.answer(study.show(qids["q1"]), "1902")
    [skill], [item] = rows(LearnerSkill), rows(ItemStat)
    assert {name: getattr(skill, name) for name in FORECAST} == FORECAST
    assert (item.forecast_offset, item.forecast_answers, item.answers) == (0.3, 5, 7)


def test_the_forecast_state_changes_no_choice(study, learner, qids, app):
    # The same learner, cards and seeded generator: the quiz asks the same question in the same
    # form with the same predicted chance, whatever the forecast's weights and offsets.
    from app.extensions import db

    # Every question studied and fading: the choice is among reviews, where the forecast and the
    # reference differ.
    for number, qid in enumerate(qids.values()):
        put_card(app, learner, qid, reps=2 + number, stability=1.0 + number, exposures=2)
    with app.app_context():
        db.session.add(LearnerSkill(user_id=learner, answered=9))
        db.session.add_all(ItemStat(question_id=qid, difficulty=0.0) for qid in qids.values())
        db.session.commit()
    plain = _ticket(app, study.quiz())
    with app.app_context():
        db.session.execute(LearnerSkill.__table__.update().values(**FORECAST))
        db.session.execute(ItemStat.__table__.update().values(forecast_offset=-4.0))
        db.session.commit()
    assert _ticket(app, study.quiz()) == plain


def _ticket(app, page) -> tuple[int, str, float]:
    from app.learn import tickets

    with app.test_request_context():
        found = tickets.read(page.ticket)
    return found.q, found.f, found.e
