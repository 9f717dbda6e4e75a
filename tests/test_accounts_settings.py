"""Settings (study preferences and password) and the account commands."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from werkzeug.security import check_password_hash

import app.cli as cli
from app.accounts_models import User
from tests.conftest import TEST_PASSWORD

VALID = {
    "display_name": "Lee L.",
    "desired_retention": "0.85",
    "new_per_day": "0",
    "reviews_per_day": "9999",
    "timezone": "Europe/Paris",
    "save_settings": "Save settings",
}
NEW_PASSWORD = "a brand new passphrase"


def _stored(fresh_session, email: str = "learner@example.org") -> User:
    with fresh_session() as session:
        user = session.scalar(select(User).where(User.email == email))
        session.expunge(user)
        return user


def test_settings_page_shows_the_current_values(client, learner):
    page = client.get("/accounts/settings").get_data(as_text=True)
    assert 'value="Lee Learner"' in page and 'value="0.9"' in page
    assert '<option selected value="UTC">UTC</option>' in page
    assert 'aria-describedby="desired_retention-hint"' in page


def test_settings_are_saved(client, learner, fresh_session):
    response = client.post("/accounts/settings", data=VALID)
    assert response.status_code == 302
    assert "Your settings have been saved." in client.get("/accounts/settings").get_data(
        as_text=True
    )
    user = _stored(fresh_session)
    assert user.display_name == "Lee L." and user.desired_retention == 0.85
    assert (user.new_per_day, user.reviews_per_day) == (0, 9999)
    assert user.timezone == "Europe/Paris"


def test_new_cards_a_day_is_auto_by_default_and_a_number_is_a_ceiling(
    client, learner, fresh_session
):
    page = client.get("/accounts/settings").get_data(as_text=True)
    assert 'name="new_per_day"' in page and 'value="auto"' in page
    client.post("/accounts/settings", data=VALID | {"new_per_day": " 15 "})
    assert _stored(fresh_session).new_per_day == 15
    assert 'value="15"' in client.get("/accounts/settings").get_data(as_text=True)
    for auto in ("AUTO", ""):
        client.post("/accounts/settings", data=VALID | {"new_per_day": auto})
        assert _stored(fresh_session).new_per_day is None


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("desired_retention", "0.69", "Choose a value from 0.70 to 0.97."),
        ("desired_retention", "0.98", "Choose a value from 0.70 to 0.97."),
        ("desired_retention", "ninety", "Not a valid float value."),
        ("desired_retention", "", "Enter a number such as 0.90."),
        ("new_per_day", "-1", "Choose a number from 0 to 9999, or auto."),
        ("new_per_day", "2.5", "Enter auto or a whole number from 0 to 9999."),
        ("new_per_day", "fast", "Enter auto or a whole number from 0 to 9999."),
        ("reviews_per_day", "10000", "Choose a number from 0 to 9999."),
        ("timezone", "Mars/Olympus_Mons", "Not a valid choice."),
        ("display_name", "x" * 81, "Use at most 80 characters."),
    ],
)
def test_settings_are_validated(client, learner, fresh_session, field, value, message):
    response = client.post("/accounts/settings", data=VALID | {field: value})
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert f'id="{field}-error">{message}' in page
    user = _stored(fresh_session)
    assert user.desired_retention == 0.9 and user.new_per_day is None
    assert user.reviews_per_day == 200 and user.timezone == "UTC"


def _change_password(client, current: str, new: str = NEW_PASSWORD, confirm: str | None = None):
    return client.post(
        "/accounts/settings",
        data={
            "current_password": current,
            "new_password": new,
            "confirm": new if confirm is None else confirm,
            "change_password": "Change password",
        },
    )


def test_password_change_needs_the_current_password(client, learner, fresh_session):
    before = _stored(fresh_session).password_hash
    response = _change_password(client, "wrong guess")
    assert "That is not your current password." in response.get_data(as_text=True)
    response = _change_password(client, TEST_PASSWORD, confirm="different")
    assert "The two passwords are not the same." in response.get_data(as_text=True)
    # The other form keeps its stored values while this one shows errors.
    assert 'value="Lee Learner"' in response.get_data(as_text=True)
    assert _stored(fresh_session).password_hash == before


def test_password_change_logs_out_other_devices(app, client, learner, auth, fresh_session):
    other_device = app.test_client()
    login = {"email": "learner@example.org", "password": TEST_PASSWORD}
    assert other_device.post("/accounts/login", data=login).status_code == 302

    response = _change_password(client, TEST_PASSWORD)
    assert response.headers["Location"] == "/accounts/settings"
    assert check_password_hash(_stored(fresh_session).password_hash, NEW_PASSWORD)
    assert client.get("/accounts/settings").status_code == 200
    assert other_device.get("/accounts/settings").status_code == 302

    auth.logout()
    assert auth.login(password=TEST_PASSWORD).status_code == 200
    assert auth.login(password=NEW_PASSWORD).status_code == 302


def test_commands_are_on_the_quire_group():
    assert {"create-admin", "reset-password"} <= set(cli.main.commands)


def test_create_admin(runner, fresh_session):
    result = runner.invoke(
        args=["create-admin", "Root@Example.org"], input="short\nlong enough pw\nlong enough pw\n"
    )
    assert result.exit_code == 0, result.output
    assert "Use at least 8 characters." in result.output
    assert "long enough pw" not in result.output
    admin = _stored(fresh_session, "root@example.org")
    assert admin.role == "admin" and admin.is_guest is False
    assert check_password_hash(admin.password_hash, "long enough pw")

    again = runner.invoke(args=["create-admin", "root@example.org"], input="x\n")
    assert again.exit_code == 1
    assert "already exists" in again.output and "quire reset-password" in again.output


def test_create_admin_asks_until_the_passwords_match(runner, fresh_session):
    result = runner.invoke(
        args=["create-admin", "a@example.org"],
        input="first pass\nsecond pass\nsame quiet orchard\nsame quiet orchard\n",
    )
    assert result.exit_code == 0, result.output
    stored = _stored(fresh_session, "a@example.org").password_hash
    assert check_password_hash(stored, "same quiet orchard")


def test_reset_password(runner, make_user, fresh_session):
    make_user()
    token = _stored(fresh_session).session_token
    result = runner.invoke(
        args=["reset-password", "LEARNER@example.org"], input=f"{NEW_PASSWORD}\n{NEW_PASSWORD}\n"
    )
    assert result.exit_code == 0, result.output
    user = _stored(fresh_session)
    assert check_password_hash(user.password_hash, NEW_PASSWORD)
    assert user.session_token != token

    missing = runner.invoke(args=["reset-password", "nobody@example.org"])
    assert missing.exit_code == 1 and "There is no account" in missing.output
