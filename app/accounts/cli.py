"""Account chores for whoever runs the server: admins, passwords, roles and invitations."""

from __future__ import annotations

import click
from flask.cli import with_appcontext

from app.accounts_models import ROLES, User, normalise_email
from app.admin_models import INVITABLE_ROLES
from app.clock import utcnow
from app.extensions import db
from app.passwords import password_problem, set_password
from app.people import admin_count, create_invitation
from app.roles import role_change_problem


def _valid_password(value: str) -> str:
    problem = password_problem(value)
    if problem:
        # click shows this and asks again.
        raise click.UsageError(problem)
    return value


def _prompt_password(label: str) -> str:
    return click.prompt(
        label,
        hide_input=True,
        confirmation_prompt="Repeat the password",
        value_proc=_valid_password,
    )


@click.command("create-admin")
@click.argument("email")
@click.option("--name", "display_name", default="Administrator", show_default=True)
@with_appcontext
def create_admin_command(email: str, display_name: str) -> None:
    """Create an admin account for EMAIL, asking for its password twice."""
    email = normalise_email(email)
    if "@" not in email:
        raise click.BadParameter("expected an email address", param_hint="EMAIL")
    if db.session.scalar(User.select_by_email(email)) is not None:
        click.echo(
            f"An account with {email} already exists. To make it an admin, run "
            f"`quire set-role {email} admin`; to set its password, `quire reset-password {email}`.",
            err=True,
        )
        raise click.exceptions.Exit(1)
    user = User(email=email, display_name=display_name, role="admin")
    set_password(user, _prompt_password("Password"))
    db.session.add(user)
    db.session.commit()
    click.echo(f"Created admin {email}.")


@click.command("reset-password")
@click.argument("email")
@with_appcontext
def reset_password_command(email: str) -> None:
    """Set a new password for EMAIL's account and log it out everywhere."""
    user = db.session.scalar(User.select_by_email(email))
    if user is None:
        click.echo(f"There is no account with the email {normalise_email(email)}.", err=True)
        raise click.exceptions.Exit(1)
    set_password(user, _prompt_password("New password"))
    db.session.commit()
    click.echo(f"Changed the password of {user.email}; its sessions elsewhere are logged out.")


@click.command("set-role")
@click.argument("email")
@click.argument("role", type=click.Choice(ROLES))
@with_appcontext
def set_role_command(email: str, role: str) -> None:
    """Make EMAIL's account a learner, an instructor or an admin."""
    user = db.session.scalar(User.select_by_email(email))
    if user is None:
        click.echo(f"There is no account with the email {normalise_email(email)}.", err=True)
        raise click.exceptions.Exit(1)
    problem = role_change_problem(
        target_role=user.role,
        new_role=role,
        is_guest=user.is_guest,
        is_self=False,
        admins=admin_count(),
    )
    if problem:
        click.echo(problem, err=True)
        raise click.exceptions.Exit(1)
    user.role = role
    db.session.commit()
    click.echo(f"{user.email} is now {'an' if role[0] in 'aeiou' else 'a'} {role}.")


@click.command("invite")
@click.option("--role", type=click.Choice(INVITABLE_ROLES), default="instructor", show_default=True)
@click.option("--uses", type=click.IntRange(1, 500), default=1, show_default=True)
@click.option("--days", type=click.IntRange(1, 90), default=7, show_default=True)
@click.option("--note", default="", help="A note shown on the admin page.")
@click.option(
    "--base-url", default="http://127.0.0.1:5000", show_default=True, help="Where Quire is served."
)
@with_appcontext
def invite_command(role: str, uses: int, days: int, note: str, base_url: str) -> None:
    """Print a link that makes whoever opens it (and signs up or logs in) an instructor."""
    _, token = create_invitation(
        role=role, max_uses=uses, days=days, note=note, by=None, now=utcnow()
    )
    db.session.commit()
    click.echo(f"{base_url.rstrip('/')}/invite/{token}")
    click.echo(f"Valid for {days} days and {uses} use{'s' if uses != 1 else ''}.", err=True)


COMMANDS = (create_admin_command, reset_password_command, set_role_command, invite_command)
