"""New questions' pace: "auto" (no fixed daily count) by default, a number as a ceiling."""

from __future__ import annotations

from app.study_models import ReviewLog
from tests.learn.conftest import START

EASY = 4


def test_auto_pace_adds_new_cards_past_any_fixed_count(study, make_user, auth, clock, rows):
    make_user()  # new_per_day left at its default, "auto"
    auth.login()
    clock.moment = START.replace(hour=10)
    for _ in range(3):
        page = study.card()
        assert page.ticket, page.text
        study.rate(page, EASY)
        clock.advance(minutes=1)
    assert len(rows(ReviewLog)) == 3
    assert "today's limit" not in study.card().text
    home = study.client.get("/learn/").get_data(as_text=True)
    assert 'id="new-pace"' in home and "auto pace" in home
    # What the policy does: due reviews first, then new ones against reviewing ahead (the
    # day's budget is not used: app/study/pacing.py).
    assert "added once your due reviews are done" in " ".join(home.split())


def test_a_number_is_shown_as_the_days_ceiling(study, make_user, auth, clock):
    make_user(new_per_day=2)
    auth.login()
    clock.moment = START.replace(hour=10)
    study.rate(study.card(), EASY)
    home = study.client.get("/learn/").get_data(as_text=True)
    assert "at most 2 a day, 1 left today" in " ".join(home.split())


def test_the_study_page_says_in_which_order_new_questions_come(app, client, imported):
    from app.extensions import db
    from app.models import Pack

    home = client.get("/learn/").get_data(as_text=True)
    assert "New questions: pack order." in home
    with app.app_context():
        db.session.scalars(db.select(Pack)).one().new_order = "easiest first"
        db.session.commit()
    home = client.get("/learn/").get_data(as_text=True)
    assert "New questions: easiest first." in home
    with app.app_context():
        db.session.scalars(db.select(Pack)).one().new_order = "random"
        db.session.commit()
    home = client.get("/learn/").get_data(as_text=True)
    assert "New questions: random." in home
