"""`quire create-admin` and `quire reset-password`: account chores for whoever runs the server."""

from __future__ import annotations

import click
from flask.cli import with_appcontext

from app.accounts_models import User, normalise_email
from app.extensions import db
from app.passwords import password_problem, set_password


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
            f"An account with {email} already exists. To set its password, run "
            f"`quire reset-password {email}`.",
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


COMMANDS = (create_admin_command, reset_password_command)
