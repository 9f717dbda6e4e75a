"""Reading and changing roles and invitations in the database."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import func, or_, select
from sqlalchemy.sql import Select

from app.accounts_models import User
from app.admin_models import Invitation, new_token, token_digest
from app.extensions import db
from app.roles import role_after_invitation, role_change_problem


def people(query: str | None, role: str | None) -> Select[tuple[User]]:
    """Signed-up accounts (no guests) matching an email or name fragment and a role."""
    stmt = select(User).where(User.is_guest.is_(False))
    if query:
        pattern = f"%{query.strip().lower()}%"
        stmt = stmt.where(
            or_(func.lower(User.email).like(pattern), func.lower(User.display_name).like(pattern))
        )
    if role:
        stmt = stmt.where(User.role == role)
    return stmt.order_by(User.email)


def admin_count() -> int:
    """How many admins there are."""
    return db.session.scalar(select(func.count()).where(User.role == "admin")) or 0


def set_role(user: User, new_role: str, *, by: User) -> str | None:
    """Give `user` a new role (not committed); the reason it can't be done, or None."""
    problem = role_change_problem(
        target_role=user.role,
        new_role=new_role,
        is_guest=user.is_guest,
        is_self=user.id == by.id,
        admins=admin_count(),
    )
    if problem is None:
        user.role = new_role
    return problem


def create_invitation(
    *, role: str, max_uses: int, days: int, note: str, by: User | None, now: datetime
) -> tuple[Invitation, str]:
    """A new invitation (not committed) and its token, which is shown once and never stored."""
    token = new_token()
    invitation = Invitation(
        token_hash=token_digest(token),
        role=role,
        max_uses=max_uses,
        note=note,
        created_by_id=by.id if by else None,
        created_at=now,
        expires_at=now + timedelta(days=days),
    )
    db.session.add(invitation)
    return invitation, token


def open_invitations(now: datetime) -> list[Invitation]:
    """Invitations that still work, newest first."""
    rows = db.session.scalars(
        select(Invitation).where(Invitation.revoked_at.is_(None)).order_by(Invitation.id.desc())
    )
    return [invitation for invitation in rows if invitation.usable_at(now)]


def invitation_for(token: str) -> Invitation | None:
    """The invitation behind a token, whatever its state."""
    return db.session.scalar(select(Invitation).where(Invitation.token_hash == token_digest(token)))


def accept(invitation: Invitation, user: User) -> str:
    """Raise `user` to the invitation's role and count the use (not committed); the new role."""
    user.role = role_after_invitation(user.role, invitation.role)
    # Counted in SQL so two people accepting at once cannot both take the last use.
    db.session.execute(
        Invitation.__table__.update()
        .where(Invitation.id == invitation.id)
        .values(uses=Invitation.uses + 1)
    )
    return user.role
