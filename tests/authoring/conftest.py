"""Fixtures for authoring: an instructor's private pack with one source, and role logins."""

from __future__ import annotations

import hashlib
from typing import Any

import pytest

from app.extensions import db
from app.models import Pack, Source
from tests.conftest import TEST_PASSWORD

TEXT = (
    "The Velmar Charter was signed at Orrin Bay in 1788 by Tesa Brandt.\n"
    "\n"
    "Nine harbours joined the league, and its fleet grew to 64 ships by 1801.\n"
    "\n"
    "The Charter was replaced by the Corran Accord in 1823.\n"
)
SOURCE_ID = "velmar"

# A minimal form for each question type; tests override fields.
BASE_FIELDS = {
    "kind": "other",
    "title": "",
    "text_format": "",
    "explanation": "It says so in the text.",
    "tags": "charters, ships",
    "difficulty": "0.4",
    "source_id": SOURCE_ID,
}


def quote_fields(needle: str) -> dict[str, str]:
    """Offsets and text of `needle` in TEXT, as the form sends them."""
    start = TEXT.index(needle)
    return {"quote_start": str(start), "quote_end": str(start + len(needle)), "quote_text": needle}


SIGNED = "The Velmar Charter was signed at Orrin Bay in 1788 by Tesa Brandt."
FLEET = "its fleet grew to 64 ships by 1801"

TYPE_FORMS: dict[str, dict[str, str]] = {
    "multiple_choice": {
        "prompt": "In which year was the Velmar Charter signed?",
        "choices": "1777\n1788\n1799",
        "answer": "1788",
    },
    "multiple_response": {
        "prompt": "Which are true of the Velmar Charter?",
        "choices": "Signed in 1788\nSigned by Tesa Brandt\nSigned in 1823",
        "right_choices": "Signed in 1788\nSigned by Tesa Brandt",
    },
    "true_false": {
        "prompt": "The Charter was signed at Orrin Bay.",
        "answer": "True",
    },
    "short_answer": {
        "prompt": "Who signed the Velmar Charter?",
        "answer": "Tesa Brandt",
        "accept": "Brandt\nT. Brandt",
    },
    "cloze": {
        "prompt": "The Velmar Charter was signed at _____ in 1788.",
        "answer": "Orrin Bay",
    },
    "ordering": {
        "prompt": "Put these in order, earliest first.",
        "items": "Velmar Charter\nCorran Accord",
    },
    "matching": {
        "prompt": "Match each treaty with its year.",
        "pairs": "Velmar Charter => 1788\nCorran Accord => 1823\n=> 1801",
    },
    "numeric": {
        "prompt": "How many ships did the fleet have by 1801?",
        "answer": "64",
        "tolerance": "2",
    },
    "essay": {"prompt": "Why did the league grow?", "answer": ""},
    "description": {"prompt": "The next questions are about the fleet.", "answer": ""},
}


def question_form(qtype: str, needle: str = SIGNED, **overrides: str) -> dict[str, str]:
    """A complete, valid form for a question of this type."""
    return {**BASE_FIELDS, "type": qtype, **TYPE_FORMS[qtype], **quote_fields(needle), **overrides}


@pytest.fixture
def users(make_user) -> dict[str, int]:
    """One user per role in the permission table (nobody logged in yet)."""
    return {
        "learner": make_user("learner@example.org"),
        "owner": make_user("owner@example.org", role="instructor", display_name="Olga Owner"),
        "editor": make_user("editor@example.org", role="instructor", display_name="Eddy Editor"),
        "other": make_user("other@example.org", role="instructor", display_name="Otto Other"),
        "admin": make_user("admin@example.org", role="admin", display_name="Ada Admin"),
    }


@pytest.fixture
def pack_id(app, users) -> int:
    """A private pack owned by "owner", edited by "editor", with the source TEXT."""
    from app.authoring_models import PackEditor

    with app.app_context():
        source = Source(
            id=SOURCE_ID,
            title="The Velmar Charter",
            sha256=hashlib.sha256(TEXT.encode()).hexdigest(),
            text=TEXT,
            uploaded_by_id=users["owner"],
        )
        pack = Pack(
            slug="velmar",
            title="Velmar",
            format_version=1,
            generator={},
            owner_id=users["owner"],
            visibility="private",
            sources=[source],
        )
        db.session.add(pack)
        db.session.flush()
        db.session.add(PackEditor(pack_id=pack.id, email="editor@example.org"))
        db.session.commit()
        return pack.id


def login(client: Any, email: str) -> None:
    """Log `client` in as `email` (with the test password)."""
    response = client.post("/accounts/login", data={"email": email, "password": TEST_PASSWORD})
    assert response.status_code == 302, response.data[:300]


@pytest.fixture
def as_owner(client, users, pack_id):
    """The test client, logged in as the pack's owner."""
    login(client, "owner@example.org")
    return client
