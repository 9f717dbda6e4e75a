"""Guests: created only when asked, logged in at once, and kept (same row) when they sign up."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select, update

from app.accounts_models import User
from app.clock import as_utc
from app.extensions import db
from app.guests import current_learner, load_user, record_visit


@pytest.fixture
def study_stub(app):
    """Stand-ins for study views: one that saves progress (POST), one that only reads."""

    def answer() -> str:
        return str(current_learner(create=True).id)

    def peek() -> str:
        learner = current_learner(create=False)
        return "nobody" if learner is None else str(learner.id)

    app.add_url_rule("/stub/answer", "stub_answer", answer, methods=["POST"])
    app.add_url_rule("/stub/peek", "stub_peek", peek)


def _users(fresh_session) -> list[User]:
    with fresh_session() as session:
        users = list(session.scalars(select(User).order_by(User.id)))
        session.expunge_all()
        return users


def test_reading_creates_no_guest(client, study_stub, fresh_session):
    assert client.get("/stub/peek").get_data(as_text=True) == "nobody"
    assert _users(fresh_session) == []


def test_guest_is_created_once_and_stays_logged_in(client, study_stub, fresh_session):
    guest_id = client.post("/stub/answer").get_data(as_text=True)
    assert client.post("/stub/answer").get_data(as_text=True) == guest_id
    assert client.get("/stub/peek").get_data(as_text=True) == guest_id
    [guest] = _users(fresh_session)
    assert str(guest.id) == guest_id
    assert guest.is_guest and guest.display_name == "Guest"
    assert guest.email is None and guest.password_hash is None
    # Remembered, so closing the browser does not lose the guest's progress.
    assert client.get_cookie("remember_token") is not None
    home = client.get("/").get_data(as_text=True)
    assert "(guest)" in home and "Sign up to keep your progress" in home


def test_signing_up_converts_the_guest_in_place(client, study_stub, fresh_session):
    guest_id = int(client.post("/stub/answer").get_data(as_text=True))
    signup_page = client.get("/accounts/signup").get_data(as_text=True)
    signup_page = " ".join(signup_page.split())
    assert "Signing up keeps everything you have studied so far: log in to" in signup_page
    response = client.post(
        "/accounts/signup",
        data={
            "display_name": "Gail",
            "email": "Gail@Example.org",
            "password": "eleven chars",
            "confirm": "eleven chars",
        },
    )
    assert response.headers["Location"] == "/accounts/login"
    [user] = _users(fresh_session)
    assert user.id == guest_id
    assert user.is_guest is False and user.email == "gail@example.org"
    assert user.display_name == "Gail" and user.password_hash.startswith("pbkdf2:")
    # Logged out (as after any sign-up); logging in finds the guest's row and its progress.
    assert client.get("/stub/peek").get_data(as_text=True) == "nobody"
    login = {"email": "gail@example.org", "password": "eleven chars"}
    assert client.post("/accounts/login", data=login).status_code == 302
    assert client.get("/stub/peek").get_data(as_text=True) == str(guest_id)
    assert client.post("/stub/answer").get_data(as_text=True) == str(guest_id)


def test_guest_sees_a_warning_on_the_login_page(client, study_stub):
    client.post("/stub/answer")
    page = " ".join(client.get("/accounts/login").get_data(as_text=True).split())
    assert "Logging in to an existing account leaves this guest's progress behind" in page


def test_guest_cannot_change_a_password(client, study_stub, fresh_session):
    client.post("/stub/answer")
    assert "Current password" not in client.get("/accounts/settings").get_data(as_text=True)
    response = client.post(
        "/accounts/settings",
        data={
            "current_password": "x",
            "new_password": "y" * 9,
            "confirm": "y" * 9,
            "change_password": "Change password",
        },
    )
    assert response.headers["Location"] == "/accounts/signup"
    assert _users(fresh_session)[0].password_hash is None


@pytest.mark.parametrize("cookie_id", ["", "1", "1:", "x:abc", ":abc", "999:abc"])
def test_loader_refuses_malformed_or_unknown_ids(app, cookie_id):
    with app.app_context():
        assert load_user(cookie_id) is None


def test_loader_needs_the_current_token(app, make_user):
    user_id = make_user()
    with app.app_context():
        user = db.session.get(User, user_id)
        good = user.get_id()
        assert load_user(good) is user
        user.rotate_session_token()
        db.session.commit()
        assert load_user(good) is None
        assert load_user(user.get_id()) is user


def test_record_visit_writes_at_most_every_few_minutes():
    now = datetime(2030, 1, 1, 12, 0, tzinfo=UTC)
    user = User(display_name="U", last_seen_at=(now - timedelta(minutes=2)).replace(tzinfo=None))
    assert record_visit(user, now) is False
    assert record_visit(user, now + timedelta(minutes=4)) is True
    assert user.last_seen_at == now + timedelta(minutes=4)
    assert as_utc(datetime(2030, 1, 1)) == datetime(2030, 1, 1, tzinfo=UTC)


def test_requests_refresh_last_seen(client, learner, fresh_session):
    long_ago = datetime(2020, 1, 1, tzinfo=UTC)
    with fresh_session() as session:
        session.execute(update(User).values(last_seen_at=long_ago))
        session.commit()
    # pytest-flask shares one session between the test and the client's requests; a real request
    # starts with an empty one, so forget what the login request loaded.
    db.session.expire_all()
    client.get("/")
    with fresh_session() as session:
        seen = session.scalar(select(User.last_seen_at))
        assert as_utc(seen) > datetime.now(UTC) - timedelta(minutes=1)
        assert session.scalar(select(func.count(User.id))) == 1
