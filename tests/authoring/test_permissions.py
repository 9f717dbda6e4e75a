"""Who may open each authoring route: a table of routes against six kinds of visitor."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from app.authoring_models import Job
from app.extensions import db
from app.models import Question
from tests.authoring.conftest import login, question_form

ROLES = {
    "anonymous": None,
    "learner": "learner@example.org",
    "owner": "owner@example.org",
    "editor": "editor@example.org",
    "other": "other@example.org",
    "admin": "admin@example.org",
}
# What each kind of route lets each role do: "ok", "login" (sent to log in), or a status.
RULES = {
    "author": {"anonymous": "login", "learner": 403, "other": "ok", "editor": "ok"},
    "edit": {"anonymous": "login", "learner": 403, "other": 403, "editor": "ok"},
    "manage": {"anonymous": "login", "learner": 403, "other": 403, "editor": 403},
    "read": {"anonymous": 404, "learner": 404, "other": 404, "editor": "ok"},
}
# (endpoint, method, path, kind); destructive rows last, each followed by its undo.
ROUTES = [
    ("authoring.index", "GET", "/authoring/", "author"),
    ("authoring.new_pack", "GET", "/authoring/packs/new", "author"),
    ("authoring.import_file", "GET", "/authoring/import", "author"),
    ("authoring.confirm_import", "POST", "/authoring/import/confirm", "author"),
    ("authoring.trash", "GET", "/authoring/trash", "author"),
    ("authoring.pack", "GET", "/authoring/packs/{pack}", "read"),
    ("authoring.export", "GET", "/authoring/packs/{pack}/export/gift", "read"),
    ("authoring.edit_pack", "GET", "/authoring/packs/{pack}/edit", "edit"),
    ("authoring.new_question", "GET", "/authoring/packs/{pack}/questions/new", "edit"),
    ("authoring.upload", "GET", "/authoring/packs/{pack}/upload", "edit"),
    ("authoring.review", "GET", "/authoring/packs/{pack}/review", "edit"),
    ("authoring.review_bulk", "POST", "/authoring/packs/{pack}/review", "edit"),
    ("authoring.pack_trash", "GET", "/authoring/packs/{pack}/trash", "edit"),
    ("authoring.edit_question", "GET", "/authoring/questions/{question}/edit", "edit"),
    ("authoring.history", "GET", "/authoring/questions/{question}/history", "edit"),
    ("authoring.job", "GET", "/authoring/jobs/{job}", "edit"),
    ("authoring.job_json", "GET", "/authoring/jobs/{job}.json", "edit"),
    ("authoring.retry_job", "POST", "/authoring/jobs/{job}/retry", "edit"),
    ("authoring.sharing", "GET", "/authoring/packs/{pack}/sharing", "manage"),
    ("authoring.new_link", "POST", "/authoring/packs/{pack}/sharing/new-link", "manage"),
    ("authoring.add_editor", "POST", "/authoring/packs/{pack}/editors", "manage"),
    ("authoring.delete_question", "POST", "/authoring/questions/{question}/delete", "edit"),
    ("authoring.restore_question", "POST", "/authoring/questions/{question}/restore", "edit"),
    ("authoring.remove_editor", "POST", "/authoring/packs/{pack}/editors/remove", "manage"),
    ("authoring.delete_pack", "POST", "/authoring/packs/{pack}/delete", "manage"),
    ("authoring.restore_pack", "POST", "/authoring/packs/{pack}/restore", "manage"),
]
# By their unguessable token: tested in test_sharing and test_media.
PUBLIC = {"authoring.shared", "authoring.shared_media"}


def test_every_authoring_route_is_in_the_table(app):
    endpoints = {rule.endpoint for rule in app.url_map.iter_rules()}
    authoring = {e for e in endpoints if e.startswith("authoring.")}
    assert authoring == {row[0] for row in ROUTES} | PUBLIC


@pytest.fixture
def ids(app, users, pack_id, client):
    login(client, "owner@example.org")
    assert (
        client.post(
            f"/authoring/packs/{pack_id}/questions/new", data=question_form("short_answer")
        ).status_code
        == 302
    )
    client.post("/accounts/logout")
    with app.app_context():
        job = Job(
            kind="generate",
            status="done",
            pack_id=pack_id,
            payload={},
            result={},
            finished_at=datetime.now(UTC),
        )
        db.session.add(job)
        db.session.commit()
        question = db.session.scalar(select(Question.id).where(Question.pack_id == pack_id))
        return {"pack": pack_id, "question": question, "job": job.id, "nobody": users["learner"]}


@pytest.mark.parametrize("role", list(ROLES))
def test_permission_table(app, ids, role):
    client = app.test_client()
    if ROLES[role]:
        login(client, ROLES[role])
    for endpoint, method, path, kind in ROUTES:
        expected = RULES[kind].get(role, "ok")
        response = client.open(path.format(**ids), method=method)
        where = f"{role} {method} {path} ({endpoint})"
        if expected == "ok":
            assert response.status_code in (200, 302), where
            assert "/accounts/login" not in (response.location or ""), where
        elif expected == "login":
            assert response.status_code == 302, where
            assert "/accounts/login" in response.location, where
        else:
            assert response.status_code == expected, where
