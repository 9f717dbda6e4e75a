"""Accounts over HTTP: sign up, log in and out, settings, CSRF, rate limits and redirects."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import func, select

from app import create_app
from app.accounts_models import User
from app.extensions import db
from tests.conftest import TEST_PASSWORD, app_settings

# Some of its apps take databases through app_settings: the PostgreSQL run runs it too.
pytestmark = pytest.mark.database

WRONG_LOGIN = "That email and password do not match an account."
NEW_PASSWORD = "a brand new passphrase"


def signup_data(**changes: str) -> dict[str, str]:
    """A valid signup form, with `changes`."""
    data = {
        "display_name": "Sam Student",
        "email": "Sam@Example.org",
        "password": "tulip granite orbit",
        "confirm": "tulip granite orbit",
    }
    return data | changes


def user_by_email(fresh_session, email: str) -> User | None:
    """The committed user with this email, read on a new connection."""
    with fresh_session() as session:
        user = session.scalar(select(User).where(User.email == email))
        if user is not None:
            session.expunge(user)
        return user


def user_count(fresh_session) -> int:
    """How many users are committed."""
    with fresh_session() as session:
        return session.scalar(select(func.count(User.id)))


def text(response) -> str:
    """The response body as text."""
    return response.get_data(as_text=True)


def test_signup_creates_an_account_with_a_hashed_password(client, fresh_session):
    page = text(client.get("/accounts/signup"))
    assert '<label for="email">Email</label>' in page
    assert 'autocomplete="new-password"' in page and 'autocomplete="email"' in page

    response = client.post("/accounts/signup", data=signup_data())
    # Never logged in by signing up (that would tell whether the email was new): log in next.
    assert response.status_code == 302 and response.headers["Location"] == "/accounts/login"

    user = user_by_email(fresh_session, "sam@example.org")
    assert user is not None and user.display_name == "Sam Student"
    assert user.role == "learner" and user.is_guest is False
    assert user.password_hash.startswith("pbkdf2:sha256:1000$")
    assert "tulip granite orbit" not in user.password_hash
    assert user.desired_retention == 0.9 and user.new_per_day is None
    assert user.reviews_per_day == 200 and user.timezone == "UTC"

    login_page = text(client.get("/accounts/login"))
    assert "Sign-up received for sam@example.org." in login_page
    assert 'value="sam@example.org"' in login_page and "Log out" not in login_page
    login = {"email": "sam@example.org", "password": "tulip granite orbit"}
    assert client.post("/accounts/login", data=login).status_code == 302
    assert "Log out" in text(client.get("/"))


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"email": "not-an-address"}, "email", "Enter an email address like name@example.org."),
        ({"password": "short", "confirm": "short"}, "password", "Use at least 8 characters."),
        ({"confirm": "something else"}, "confirm", "The two passwords are not the same."),
        ({"display_name": "   "}, "display_name", "Enter the name other people will see."),
    ],
)
def test_signup_refuses_bad_input_beside_the_field(
    client, make_user, fresh_session, changes, field, message
):
    make_user("sam@example.org")
    response = client.post("/accounts/signup", data=signup_data(**changes))
    assert response.status_code == 200
    page = text(response)
    assert f'<p class="field-error" id="{field}-error">{message}' in page
    tag = re.search(rf'<input [^>]*id="{field}"[^>]*>', page).group(0)
    assert f"{field}-error" in tag and 'aria-invalid="true"' in tag
    assert user_count(fresh_session) == 1


def test_login_and_logout(client, auth, make_user):
    make_user()
    assert "Log in" in text(client.get("/"))
    response = auth.login()
    assert response.status_code == 302 and response.headers["Location"] == "/"
    home = text(client.get("/"))
    assert "Lee Learner" in home and 'action="/accounts/logout"' in home

    assert auth.logout().status_code == 302
    assert "You have logged out." in text(client.get("/"))
    assert client.get("/accounts/settings").status_code == 302


def test_login_email_is_case_insensitive(auth, make_user):
    make_user("learner@example.org")
    assert auth.login("  LEARNER@Example.ORG ").status_code == 302


def test_wrong_password_and_unknown_email_get_the_same_message(client, auth, make_user):
    make_user()
    wrong_password = auth.login(password="not the password")
    unknown_email = auth.login(email="nobody@example.org")
    for response in (wrong_password, unknown_email):
        assert response.status_code == 200
        assert WRONG_LOGIN in text(response)
        assert 'role="alert"' in text(response)
    # The pages differ only in the email echoed back into the form.
    assert text(wrong_password).replace("learner@", "nobody@") == text(unknown_email)
    assert client.get("/accounts/settings").status_code == 302


def test_logout_requires_post(client, learner):
    assert client.get("/accounts/logout").status_code == 405
    assert client.get("/accounts/settings").status_code == 200


def test_login_required_sends_back_to_the_page_after_login(client, auth, make_user):
    make_user()
    response = client.get("/accounts/settings")
    assert response.headers["Location"] == "/accounts/login?next=%2Faccounts%2Fsettings"
    response = auth.login(next="/accounts/settings")
    assert response.headers["Location"] == "/accounts/settings"


@pytest.mark.parametrize(
    "target",
    [
        "https://evil.example/",
        "//evil.example/",
        "/\\evil.example",
        "\\\\evil.example",
        "/\t/evil.example",
        "javascript:alert(1)",
        "http:/evil.example",
        "evil.example",
    ],
)
def test_next_refuses_other_sites(auth, make_user, target):
    make_user()
    response = auth.login(next=target)
    assert response.status_code == 302
    assert response.headers["Location"] == "/"


def test_next_keeps_a_local_path_and_query(auth, make_user):
    make_user()
    response = auth.login(next="/bank?kind=date&page=2")
    assert response.headers["Location"] == "/bank?kind=date&page=2"


def test_logged_in_user_visiting_signup_is_sent_on(client, learner):
    response = client.get("/accounts/signup?next=/bank")
    assert response.status_code == 302 and response.headers["Location"] == "/bank"


def _csrf_token(page: str) -> str:
    return re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)


def test_csrf_is_enforced_when_enabled(tmp_path, make_user, fresh_session):
    folder = tmp_path / "csrf"
    folder.mkdir()
    csrf_app = create_app(app_settings(folder, WTF_CSRF_ENABLED=True))
    with csrf_app.app_context():
        db.create_all()
        db.session.add(User(email="c@example.org", display_name="C"))
        db.session.commit()
    client = csrf_app.test_client()
    login = {"email": "c@example.org", "password": TEST_PASSWORD}

    assert client.post("/accounts/login", data=login).status_code == 400
    assert client.post("/accounts/signup", data=signup_data()).status_code == 400
    token = _csrf_token(text(client.get("/accounts/signup")))
    response = client.post("/accounts/signup", data=signup_data(csrf_token=token))
    assert response.status_code == 302
    login = {"email": "sam@example.org", "password": "tulip granite orbit"}
    assert client.post("/accounts/login", data=login).status_code == 400
    token = _csrf_token(text(client.get("/accounts/login")))
    assert client.post("/accounts/login", data=login | {"csrf_token": token}).status_code == 302

    assert client.post("/accounts/logout").status_code == 400
    assert "Log out" in text(client.get("/"))
    token = _csrf_token(text(client.get("/accounts/settings")))
    assert client.post("/accounts/logout", data={"csrf_token": token}).status_code == 302
    assert "Log out" not in text(client.get("/"))
    with csrf_app.app_context():
        db.session.remove()
        db.engine.dispose()


def test_login_attempts_are_rate_limited(tmp_path):
    limited_app = create_app(
        app_settings(tmp_path, RATELIMIT_ENABLED=True, QUIRE_AUTH_RATE_LIMIT="3 per minute")
    )
    with limited_app.app_context():
        db.create_all()
    client = limited_app.test_client()
    attempt = {"email": "x@example.org", "password": "wrong password"}
    for _ in range(3):
        assert client.post("/accounts/login", data=attempt).status_code == 200
    response = client.post("/accounts/login", data=attempt)
    assert response.status_code == 429
    page = text(response)
    assert "Too many attempts" in page and "then try again" in page
    assert 0 < int(response.headers["Retry-After"]) <= 60
    # Reading the page is not an attempt.
    assert client.get("/accounts/login").status_code == 200
    with limited_app.app_context():
        db.engine.dispose()


def test_cookies_are_hardened_outside_development(tmp_path):
    production = create_app({"SECRET_KEY": "x", "SQLALCHEMY_DATABASE_URI": "sqlite://"})
    assert production.config["SESSION_COOKIE_SECURE"] is True
    assert production.config["REMEMBER_COOKIE_SECURE"] is True
    assert production.config["SESSION_COOKIE_HTTPONLY"] is True
    assert production.config["SESSION_COOKIE_SAMESITE"] == "Lax"
    testing = create_app(app_settings(tmp_path))
    assert testing.config["SESSION_COOKIE_SECURE"] is False
    forced = create_app(app_settings(tmp_path, SESSION_COOKIE_SECURE=True))
    assert forced.config["SESSION_COOKIE_SECURE"] is True


def test_one_clients_login_does_not_leak_into_another(app, client, learner):
    assert client.get("/accounts/settings").status_code == 200
    stranger = app.test_client()
    assert stranger.get("/accounts/settings").status_code == 302
    assert "Lee Learner" not in text(stranger.get("/"))
