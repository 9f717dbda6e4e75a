"""Sessions end on the server, passwords are checked for strength, failed log-ins are limited per
account as well as per address, and guests are limited per address."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import func, select

from app import create_app
from app.accounts_models import User
from app.extensions import db
from app.passwords import password_problem
from tests.conftest import TEST_PASSWORD, app_settings

# Some of its apps take databases through app_settings: the PostgreSQL run runs it too.
pytestmark = pytest.mark.database


def _copy_cookies(source, target) -> None:
    for name in ("session", "remember_token"):
        cookie = source.get_cookie(name)
        if cookie is not None:
            target.set_cookie(name, cookie.value)


def _logged_in(client) -> bool:
    return client.get("/accounts/settings").status_code == 200


def test_a_copied_session_cookie_stops_working_after_logout(app, client, auth, make_user):
    make_user()
    assert auth.login().status_code == 302
    thief = app.test_client()
    _copy_cookies(client, thief)
    assert _logged_in(thief)
    assert auth.logout().status_code == 302
    assert not _logged_in(thief)


def test_a_copied_remember_cookie_stops_working_after_logout(app, client, make_user):
    make_user()
    login = {"email": "learner@example.org", "password": TEST_PASSWORD, "remember": "y"}
    assert client.post("/accounts/login", data=login).status_code == 302
    thief = app.test_client()
    thief.set_cookie("remember_token", client.get_cookie("remember_token").value)
    assert _logged_in(thief)
    client.post("/accounts/logout")
    fresh = app.test_client()
    fresh.set_cookie("remember_token", thief.get_cookie("remember_token").value)
    assert not _logged_in(fresh)


def test_a_copied_cookie_stops_working_after_a_password_change(app, client, auth, make_user):
    make_user()
    auth.login()
    thief = app.test_client()
    _copy_cookies(client, thief)
    new = "a fresh and quiet orchard"
    changed = client.post(
        "/accounts/settings",
        data={
            "current_password": TEST_PASSWORD,
            "new_password": new,
            "confirm": new,
            "change_password": "1",
        },
    )
    assert changed.status_code == 302
    assert _logged_in(client)
    assert not _logged_in(thief)


WEAK = ("12345678", "password", "qwertyuiop", "iloveyou1", "learner@example.org", "Lee Learner1")


@pytest.mark.parametrize("password", WEAK)
def test_common_and_guessable_passwords_are_refused(client, password):
    response = client.post(
        "/accounts/signup",
        data={
            "display_name": "Lee Learner",
            "email": "learner@example.org",
            "password": password,
            "confirm": password,
        },
    )
    assert response.status_code == 200
    assert "too easy to guess" in response.get_data(as_text=True)


def test_a_strong_password_passes():
    assert password_problem("velmar harbour lantern") is None
    # Made of the account's own email address.
    assert password_problem("quellharbour", ["quell.harbour@example.org"]) is not None


def _limited_app(tmp_path, **limits):
    app = create_app(app_settings(tmp_path, RATELIMIT_ENABLED=True, **limits))
    with app.app_context():
        db.create_all()
    return app


def _client(app, address: str):
    client = app.test_client()
    client.environ_base["REMOTE_ADDR"] = address
    return client


def test_failed_logins_are_limited_per_account_across_addresses(tmp_path):
    app = _limited_app(
        tmp_path, QUIRE_AUTH_RATE_LIMIT="100 per minute", QUIRE_ACCOUNT_RATE_LIMIT="3 per minute"
    )
    with app.app_context():
        user = User(email="learner@example.org", display_name="Lee")
        from app.passwords import set_password

        set_password(user, TEST_PASSWORD)
        db.session.add(user)
        db.session.commit()
    for email in ("learner@example.org", "nobody@example.org"):
        # A successful log-in does not count; failed ones from three addresses do.
        good = {"email": email, "password": TEST_PASSWORD}
        if email == "learner@example.org":
            assert _client(app, "10.0.0.9").post("/accounts/login", data=good).status_code == 302
        for n in range(3):
            bad = {"email": email, "password": f"wrong guess {n}"}
            assert _client(app, f"10.0.0.{n}").post("/accounts/login", data=bad).status_code == 200
        # The fourth, from yet another address and even with the right password, waits.
        refused = _client(app, "10.0.1.1").post("/accounts/login", data=good)
        assert refused.status_code == 429, email
        assert "this account" in refused.get_data(as_text=True)
    with app.app_context():
        db.engine.dispose()


def test_guest_creation_is_limited_per_address(tmp_path):
    app = _limited_app(tmp_path, QUIRE_GUEST_RATE_LIMIT="5 per minute")
    with app.app_context():
        from app.packs.importer import import_pack
        from tests.conftest import make_pack

        import_pack(make_pack(), {}, filename="lisvale.json")
    statuses = [
        _client(app, "10.1.1.1").post("/learn/plan", data={"pack": "", "mode": "quiz"}).status_code
        for _ in range(8)
    ]
    assert statuses.count(429) == 3, statuses
    assert (
        _client(app, "10.1.1.2").post("/learn/plan", data={"pack": "", "mode": "quiz"}).status_code
        == 302
    )
    with app.app_context():
        assert db.session.scalar(select(func.count(User.id)).where(User.is_guest)) == 6
        db.engine.dispose()


def test_the_editor_form_answers_the_same_whether_or_not_an_email_has_an_account(app, people):
    owner = people["clients"]["owner"]
    url = f"/authoring/packs/{people['pack_id']}/editors"
    owner.get(url.replace("/editors", "/sharing"))  # shows (and so clears) the log-in flash
    answers = set()
    # No account, a learner's, an instructor's: one answer (and one list: see
    # test_account_enumeration).
    for email in ("nobody@example.org", "learner@example.org", "other@example.org"):
        response = owner.post(url, data={"email": email})
        page = owner.get(response.headers["Location"]).get_data(as_text=True)
        flashed = re.findall(r'<p class="flash[^"]*">(.*?)</p>', page.replace(email, "E"))
        answers.add((response.status_code, response.headers["Location"], *flashed))
    assert len(answers) == 1, answers
