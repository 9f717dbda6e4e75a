"""Making someone a teacher: the admin's people page, invitations, and the commands."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from app import cli
from app.accounts_models import User
from app.admin_models import Invitation
from app.roles import role_after_invitation, role_change_problem


def _role(fresh_session, email: str) -> str:
    with fresh_session() as session:
        return session.scalar(select(User.role).where(User.email == email))


@pytest.fixture
def admin(make_user, auth) -> int:
    user_id = make_user("admin@example.org", role="admin", display_name="Ada Admin")
    assert auth.login("admin@example.org").status_code == 302
    return user_id


@pytest.mark.parametrize(
    ("target", "new", "guest", "self_", "admins", "allowed"),
    [
        ("learner", "instructor", False, False, 1, True),
        ("instructor", "learner", False, False, 1, True),
        ("learner", "teacher", False, False, 1, False),
        ("learner", "instructor", True, False, 1, False),
        ("admin", "learner", False, False, 1, False),
        ("admin", "learner", False, False, 2, True),
        ("admin", "instructor", False, True, 2, False),
        ("admin", "admin", False, True, 1, True),
    ],
)
def test_role_change_rules(target, new, guest, self_, admins, allowed):
    problem = role_change_problem(
        target_role=target, new_role=new, is_guest=guest, is_self=self_, admins=admins
    )
    assert (problem is None) is allowed


def test_an_invitation_raises_a_role_and_never_lowers_it():
    assert role_after_invitation("learner", "instructor") == "instructor"
    assert role_after_invitation("admin", "instructor") == "admin"
    assert role_after_invitation("instructor", "admin") == "admin"


def test_an_admin_makes_a_learner_an_instructor(admin, make_user, client, fresh_session):
    learner_id = make_user("pupil@example.org")
    page = client.get("/admin/users?q=pupil").get_data(as_text=True)
    assert "pupil@example.org" in page and "admin@example.org" not in page
    response = client.post(f"/admin/users/{learner_id}/role", data={"role": "instructor"})
    assert response.status_code == 302
    assert _role(fresh_session, "pupil@example.org") == "instructor"
    landed = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "pupil@example.org is now an instructor." in landed


def test_the_last_admin_cannot_be_demoted(admin, client, fresh_session):
    response = client.post(f"/admin/users/{admin}/role", data={"role": "learner"})
    assert "last admin" in client.get(response.headers["Location"]).get_data(as_text=True)
    assert _role(fresh_session, "admin@example.org") == "admin"


@pytest.mark.parametrize("role", ["learner", "instructor"])
def test_only_admins_reach_the_admin_pages(make_user, auth, client, role):
    make_user("someone@example.org", role=role)
    target = make_user("other@example.org")
    auth.login("someone@example.org")
    assert client.get("/admin/users").status_code == 403
    assert client.get("/admin/invitations").status_code == 403
    assert client.post(f"/admin/users/{target}/role", data={"role": "admin"}).status_code == 403


def test_visitors_are_sent_to_log_in(client):
    response = client.get("/admin/users")
    assert response.status_code == 302 and "/accounts/login" in response.headers["Location"]


def test_an_invitation_signs_someone_up_as_an_instructor(admin, auth, client, fresh_session):
    page = client.post(
        "/admin/invitations", data={"role": "instructor", "max_uses": 1, "days": 7, "note": "Maths"}
    ).get_data(as_text=True)
    link = re.search(r'value="(http://localhost/invite/[^"]+)"', page).group(1)
    path = link.removeprefix("http://localhost")
    with fresh_session() as session:
        stored = session.scalars(select(Invitation)).one()
        # Only a digest is kept: the link is shown once.
        assert path.rsplit("/", 1)[1] not in stored.token_hash
    auth.logout()
    offer = client.get(path).get_data(as_text=True)
    assert "sign up" in offer and "next=" in offer
    client.post(
        "/accounts/signup",
        data={
            "email": "new.teacher@example.org",
            "display_name": "New Teacher",
            "password": "a long new password",
            "confirm": "a long new password",
        },
    )
    assert _role(fresh_session, "new.teacher@example.org") == "learner"
    assert auth.login("new.teacher@example.org", "a long new password").status_code == 302
    response = client.post(path)
    assert response.status_code == 302 and response.headers["Location"].endswith("/authoring/")
    assert _role(fresh_session, "new.teacher@example.org") == "instructor"
    # Used up: the link no longer works for anyone else.
    assert client.get(path).status_code == 404


def test_a_withdrawn_or_unknown_invitation_does_not_work(admin, client, fresh_session):
    page = client.post(
        "/admin/invitations", data={"role": "instructor", "max_uses": 5, "days": 7}
    ).get_data(as_text=True)
    path = re.search(r'value="http://localhost(/invite/[^"]+)"', page).group(1)
    assert client.get(path).status_code == 200
    with fresh_session() as session:
        invitation_id = session.scalars(select(Invitation.id)).one()
    client.post(f"/admin/invitations/{invitation_id}/revoke")
    assert client.get(path).status_code == 404
    assert client.get("/invite/not-a-real-token").status_code == 404


def test_set_role_and_invite_commands(runner, make_user, fresh_session):
    assert {"set-role", "invite"} <= set(cli.main.commands)
    make_user("pupil@example.org")
    result = runner.invoke(args=["set-role", "Pupil@Example.org", "instructor"])
    assert result.exit_code == 0, result.output
    assert _role(fresh_session, "pupil@example.org") == "instructor"
    missing = runner.invoke(args=["set-role", "nobody@example.org", "admin"])
    assert missing.exit_code == 1 and "no account" in missing.output
    invite = runner.invoke(args=["invite", "--uses", "3", "--base-url", "https://quire.school/"])
    assert invite.exit_code == 0, invite.output
    assert re.search(r"^https://quire\.school/invite/\S{20,}$", invite.stdout.strip(), re.M)
    with fresh_session() as session:
        assert session.scalars(select(Invitation.max_uses)).one() == 3
