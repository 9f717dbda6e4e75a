"""No page tells whether an email has an account: sign-up answers the same either way (and never
logs in as or alters the account that exists), and so do the editor form and the editors list."""

from __future__ import annotations

from http.cookies import SimpleCookie

import pytest
from sqlalchemy import select

from app import guests
from app.accounts_models import User
from app.extensions import db
from app.guests import current_learner
from tests.conftest import TEST_PASSWORD

EMAIL = "learner@example.org"
PER_REQUEST = ("Set-Cookie", "X-Request-ID")


@pytest.fixture
def guest_maker(app):
    """A route that starts a guest, as answering a question does."""
    app.add_url_rule(
        "/stub/guest", "stub_guest", lambda: str(current_learner(create=True).id), methods=["POST"]
    )


def _form(password: str, name: str = "Mallory Probe") -> dict[str, str]:
    return {"display_name": name, "email": EMAIL, "password": password, "confirm": password}


def _seen(app, response) -> dict:
    """What a visitor can observe in a response: status, headers, body, cookies decoded."""
    # A request id is new on every response, whoever asks.
    headers = [(k, v) for k, v in response.headers.items() if k not in PER_REQUEST]
    cookies = {}
    for header in response.headers.getlist("Set-Cookie"):
        for name, morsel in SimpleCookie(header).items():
            value = morsel.value
            if name == app.config["SESSION_COOKIE_NAME"] and value:
                # Signed with a timestamp: compare what it holds, not its bytes.
                value = app.session_interface.get_signing_serializer(app).loads(value)
            cookies[name] = (value, sorted((k, v) for k, v in morsel.items() if v))
    return {
        "status": response.status_code,
        "headers": headers,
        "cookies": cookies,
        "body": response.get_data(as_text=True),
    }


def _sign_up_then_follow(app, client, password: str) -> tuple[dict, dict]:
    response = client.post("/accounts/signup?next=/bank", data=_form(password))
    page = client.get(response.headers.get("Location", "/"))
    return _seen(app, response), _seen(app, page)


def _account(fresh_session) -> User:
    with fresh_session() as session:
        user = session.scalar(select(User).where(User.email == EMAIL))
        session.expunge(user)
        return user


@pytest.mark.parametrize("as_guest", [False, True], ids=["visitor", "guest"])
def test_signup_for_a_taken_email_looks_like_one_for_a_free_email(
    app, fresh_session, guest_maker, as_guest
):
    first, second = app.test_client(), app.test_client()
    if as_guest:
        for client in (first, second):
            client.post("/stub/guest")
    free = _sign_up_then_follow(app, first, "velmar harbour lantern")
    account = _account(fresh_session)

    taken = _sign_up_then_follow(app, second, "quillon marrow tundra")

    assert taken == free
    response, page = taken
    assert response["status"] == 302
    assert dict(response["headers"])["Location"] == "/accounts/login?next=/bank"
    assert "Sign-up received for learner@example.org." in page["body"]
    assert f'value="{EMAIL}"' in page["body"]
    # The account that existed is as it was: same password, name, and logins still valid.
    after = _account(fresh_session)
    assert (after.id, after.password_hash, after.session_token, after.display_name) == (
        account.id,
        account.password_hash,
        account.session_token,
        account.display_name,
    )
    # Neither visitor is logged in, as an account or as a guest.
    for client in (first, second):
        assert client.get("/accounts/settings").status_code == 302
    # Only the first password opens the account; the second sign-up gave nothing.
    login = {"email": EMAIL, "password": "quillon marrow tundra"}
    assert second.post("/accounts/login", data=login).status_code == 200
    login["password"] = "velmar harbour lantern"
    assert second.post("/accounts/login", data=login).status_code == 302


def test_signup_for_an_existing_account_does_not_log_in_or_change_it(
    app, client, make_user, fresh_session
):
    make_user(EMAIL)
    before = _account(fresh_session)
    response = client.post("/accounts/signup", data=_form("quillon marrow tundra"))
    assert response.status_code == 302
    assert response.headers["Location"] == "/accounts/login"
    assert client.get("/accounts/settings").status_code == 302
    after = _account(fresh_session)
    assert after.password_hash == before.password_hash
    assert after.display_name == before.display_name == "Lee Learner"
    login = {"email": EMAIL, "password": TEST_PASSWORD}
    assert client.post("/accounts/login", data=login).status_code == 302


def test_signup_hashes_a_password_whether_or_not_the_email_is_taken(app, make_user, monkeypatch):
    hashed = []
    real = guests.hash_password
    monkeypatch.setattr(guests, "hash_password", lambda p: hashed.append(p) or real(p))
    make_user(EMAIL)
    app.test_client().post("/accounts/signup", data=_form("quillon marrow tundra"))
    app.test_client().post(
        "/accounts/signup", data=_form("velmar harbour lantern") | {"email": "new@example.org"}
    )
    # One hash each, so the time taken tells nothing either.
    assert hashed == ["quillon marrow tundra", "velmar harbour lantern"]


def _normalised(page: str, email: str) -> str:
    return page.replace(email, "E")


def test_the_editors_list_looks_the_same_for_any_email(app, people):
    owner = people["clients"]["owner"]
    pack_id = people["pack_id"]
    sharing = f"/authoring/packs/{pack_id}/sharing"
    owner.get(sharing)  # shows (and so clears) the log-in flash
    pages = set()
    # No account, a learner's, another instructor's, an admin's.
    for email in ("nobody@example.org", EMAIL, "other@example.org", "admin@example.org"):
        response = owner.post(f"/authoring/packs/{pack_id}/editors", data={"email": email})
        assert response.headers["Location"] == sharing
        page = owner.get(sharing).get_data(as_text=True)
        assert f"{email} is invited to edit this pack" in page
        assert f"<li>{email}" in page
        pages.add(_normalised(page, email))
        removed = owner.post(f"/authoring/packs/{pack_id}/editors/remove", data={"email": email})
        assert removed.headers["Location"] == sharing
        assert f"<li>{email}" not in owner.get(sharing).get_data(as_text=True)
    assert len(pages) == 1


def test_an_invitation_binds_when_the_email_becomes_an_instructors(app, people, fresh_session):
    owner = people["clients"]["owner"]
    pack_id = people["pack_id"]
    new_question = f"/authoring/packs/{pack_id}/questions/new"
    owner.post(f"/authoring/packs/{pack_id}/editors", data={"email": "Late@Example.org"})

    late = app.test_client()
    late.post(
        "/accounts/signup", data=_form("velmar harbour lantern") | {"email": "late@example.org"}
    )
    late.post(
        "/accounts/login", data={"email": "late@example.org", "password": "velmar harbour lantern"}
    )
    # A learner holding the invited email edits nothing.
    assert late.get(new_question).status_code == 403
    with app.app_context():
        user = db.session.scalar(User.select_by_email("late@example.org"))
        user.role = "instructor"
        db.session.commit()
    assert late.get(new_question).status_code == 200
    assert "Zarnic private pack" in late.get("/authoring/").get_data(as_text=True)

    owner.post(f"/authoring/packs/{pack_id}/editors/remove", data={"email": "late@example.org"})
    assert late.get(new_question).status_code == 403
    # Another instructor, never invited, never could.
    other = people["clients"]["other"]
    assert other.get(new_question).status_code == 403
