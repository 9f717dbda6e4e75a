"""Rules for changing roles (plain functions: no request, no session), for the admin pages and
the command line alike."""

from __future__ import annotations

from app.accounts_models import ROLES

RANK = {role: rank for rank, role in enumerate(ROLES)}


def role_change_problem(
    *, target_role: str, new_role: str, is_guest: bool, is_self: bool, admins: int
) -> str | None:
    """Why a role may not change this way, or None when it may."""
    if new_role not in ROLES:
        return f'"{new_role}" is not a role; expected one of {", ".join(ROLES)}.'
    if is_guest and new_role != "learner":
        return "A guest has no account to log in with; they need to sign up first."
    if target_role == "admin" and new_role != "admin" and admins <= 1:
        return "This is the last admin: make someone else an admin first."
    if is_self and target_role == "admin" and new_role != "admin":
        return "You cannot take away your own admin role; ask another admin."
    return None


def role_after_invitation(current: str, invited: str) -> str:
    """The role after accepting an invitation: raised to it, never lowered."""
    return invited if RANK[invited] > RANK[current] else current
