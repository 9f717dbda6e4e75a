"""Fixtures for the security suite: a public pack, and a private pack whose every listed name is a
marker that must never reach anyone but its owner, editors and admins."""

from __future__ import annotations

import hashlib
from typing import Any

import pytest

from app.extensions import db
from app.models import Pack, Question, Source
from tests.classroom.conftest import login

SECRET_TITLE = "Zarnic Ledger secret title"
SECRET_SOURCE = "upload-zarnic-ledger"
SECRET_TAG = "zarnic-secret-tag"
SECRET_PACK = "Zarnic private pack"
SECRET_TEXT = "The Zarnic Ledger was sealed in 1744 by Oda Fenn.\n"
SECRETS = (SECRET_TITLE, SECRET_SOURCE, SECRET_TAG, SECRET_PACK)
ACTORS = ("anonymous", "learner", "other", "owner", "admin")
EMAILS = {
    "learner": "learner@example.org",
    "owner": "teacher@example.org",
    "other": "other@example.org",
    "admin": "admin@example.org",
}
ROLES = {"learner": "learner", "owner": "instructor", "other": "instructor", "admin": "admin"}


def private_pack(owner_id: int) -> int:
    """An owner's private pack with an uploaded source and one tagged, approved question."""
    source = Source(
        id=SECRET_SOURCE,
        title=SECRET_TITLE,
        sha256=hashlib.sha256(SECRET_TEXT.encode()).hexdigest(),
        text=SECRET_TEXT,
        uploaded_by_id=owner_id,
    )
    pack = Pack(
        slug="zarnic",
        title=SECRET_PACK,
        format_version=1,
        generator={},
        owner_id=owner_id,
        visibility="private",
        sources=[source],
    )
    needle = "sealed in 1744"
    start = SECRET_TEXT.index(needle)
    pack.questions = [
        Question(
            uid="z1",
            type="short_answer",
            kind="date",
            prompt="When was the ledger sealed?",
            answer="1744",
            source=source,
            quote_start=start,
            quote_end=start + len(needle),
            quote_text=needle,
            explanation="It says so.",
            tags=[SECRET_TAG],
            position=0,
        )
    ]
    db.session.add(pack)
    db.session.commit()
    return pack.id


@pytest.fixture
def people(app, make_user, imported) -> dict[str, Any]:
    """A logged-in client per actor (None for the anonymous visitor) and the private pack's id."""
    ids = {actor: make_user(email, role=ROLES[actor]) for actor, email in EMAILS.items()}
    with app.app_context():
        pack_id = private_pack(ids["owner"])
    clients: dict[str, Any] = {"anonymous": None}
    for actor, email in EMAILS.items():
        clients[actor] = app.test_client()
        login(clients[actor], email)
    return {"clients": clients, "ids": ids, "pack_id": pack_id}


def client_for(app, people: dict[str, Any], actor: str):
    """The actor's client; a fresh one for the anonymous visitor."""
    return people["clients"][actor] or app.test_client()
