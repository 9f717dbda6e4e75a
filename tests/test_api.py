"""The JSON API under /api/v1: what each reader sees, pagination, and JSON errors."""

from __future__ import annotations

import copy
import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from app.extensions import db
from app.models import Pack, Question
from app.packs.importer import import_pack
from tests.conftest import SOURCE_ID, SOURCE_TEXT, make_pack

OPENAPI = Path(__file__).resolve().parents[1] / "app" / "api" / "openapi.json"


@pytest.fixture
def private_pack(app, make_user) -> int:
    """A private pack owned by an instructor (not logged in); its id."""
    owner = make_user("owner@example.org", role="instructor", display_name="Olga Owner")
    data = copy.deepcopy(make_pack())
    data["id"], data["title"] = "secret", "Secret drafts"
    with app.app_context():
        return import_pack(
            data, {}, filename="secret.json", owner_id=owner, visibility="private"
        ).id


def _public_pack_id(app) -> int:
    with app.app_context():
        return db.session.scalar(db.select(Pack.id).where(Pack.slug == "lisvale"))


def _question_id(app, uid: str, slug: str = "lisvale") -> int:
    with app.app_context():
        return db.session.scalar(
            db.select(Question.id).join(Question.pack).where(Pack.slug == slug, Question.uid == uid)
        )


def _error(response, code: int) -> dict[str, Any]:
    assert response.status_code == code
    assert response.mimetype == "application/json"
    body = response.get_json()
    assert set(body) == {"error", "detail"} and body["detail"]
    return body


def test_packs_lists_public_packs_for_a_visitor(client, imported, private_pack):
    body = client.get("/api/v1/packs").get_json()
    assert body["total"] == 1 and body["limit"] == 20 and body["offset"] == 0
    [pack] = body["items"]
    assert pack["title"] == "Lisvale treaties"
    assert pack["question_count"] == 4
    assert pack["visibility"] == "public" and pack["editable"] is False
    assert pack["source_ids"] == [SOURCE_ID]


@pytest.mark.parametrize(
    ("email", "role", "sees_private"),
    [
        (None, None, False),
        ("learner@example.org", "learner", False),
        ("other@example.org", "instructor", False),
        ("owner@example.org", "instructor", True),
        ("admin@example.org", "admin", True),
    ],
)
def test_private_packs_only_for_owner_and_admin(
    client, app, auth, make_user, imported, private_pack, email, role, sees_private
):
    if email is not None:
        if email != "owner@example.org":
            make_user(email, role=role)
        assert auth.login(email).status_code == 302
    titles = [p["title"] for p in client.get("/api/v1/packs").get_json()["items"]]
    assert ("Secret drafts" in titles) is sees_private
    pack = client.get(f"/api/v1/packs/{private_pack}")
    question = client.get(f"/api/v1/questions/{_question_id(app, 'q1', 'secret')}")
    if sees_private:
        assert pack.status_code == 200 and pack.get_json()["editable"] is True
        assert pack.get_json()["questions"]["total"] == 4
        assert question.status_code == 200
    else:
        _error(pack, 404)
        _error(question, 404)


def test_private_questions_are_hidden_from_others(client, app, private_pack):
    _error(client.get(f"/api/v1/questions/{_question_id(app, 'q1', 'secret')}"), 404)


def test_pack_shows_questions_as_the_bank_does(client, app, imported):
    pack_id = _public_pack_id(app)
    with app.app_context():
        db.session.get(Question, _question_id(app, "q2")).review_status = "pending"
        db.session.get(Question, _question_id(app, "q3")).deleted_at = datetime.now(UTC)
        db.session.commit()
    body = client.get(f"/api/v1/packs/{pack_id}").get_json()
    assert [q["uid"] for q in body["questions"]["items"]] == ["q1", "q4"]
    assert body["question_count"] == body["questions"]["total"] == 2
    first = body["questions"]["items"][0]
    assert first["answer"] == "1902" and first["choices"] == ["1899", "1902", "1914"]
    assert first["quote"]["source_id"] == SOURCE_ID
    assert first["quote"]["text"] == SOURCE_TEXT[first["quote"]["start"] : first["quote"]["end"]]
    ordering = body["questions"]["items"][1]
    assert ordering["items"] == ["Harbour Compact", "Ostrov Accord"]


def test_pack_questions_are_paginated(client, app, imported):
    pack_id = _public_pack_id(app)
    body = client.get(f"/api/v1/packs/{pack_id}?limit=2&offset=1").get_json()
    page = body["questions"]
    assert [q["uid"] for q in page["items"]] == ["q2", "q3"]
    assert (page["total"], page["limit"], page["offset"]) == (4, 2, 1)
    assert client.get(f"/api/v1/packs/{pack_id}?offset=10").get_json()["questions"]["items"] == []


def test_trashed_pack_is_not_found(client, app, imported):
    pack_id = _public_pack_id(app)
    with app.app_context():
        db.session.get(Pack, pack_id).deleted_at = datetime.now(UTC)
        db.session.commit()
    _error(client.get(f"/api/v1/packs/{pack_id}"), 404)
    assert client.get("/api/v1/packs").get_json()["total"] == 0


def test_question_as_in_the_bank(client, app, imported):
    body = client.get(f"/api/v1/questions/{_question_id(app, 'q3')}").get_json()
    assert body["type"] == "true_false" and body["answer"] == "False"
    assert body["correction"] == "The fleet grew to 40 ships."
    assert body["explanation"] == "It grew to 40 ships."


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/packs/999",
        "/api/v1/packs/0",
        "/api/v1/packs/-3",
        "/api/v1/packs/2147483648",
        "/api/v1/packs/99999999999999999999999",
        "/api/v1/packs/abc",
        "/api/v1/questions/999",
        "/api/v1/questions/-1",
        "/api/v1/questions/99999999999999999999999",
        "/api/v1/sources/nope",
        "/api/v1/sources/" + "x" * 200,
        "/api/v1/nothing/here",
    ],
)
def test_unknown_resources_are_json_404s(client, imported, url):
    _error(client.get(url), 404)


def test_a_nul_in_the_path_is_a_json_400(client, imported):
    # Refused at the edge (app/ops/input_hygiene.py) before any query: PostgreSQL cannot store it.
    body = _error(client.get("/api/v1/sources/%00"), 400)
    assert "control character" in body["detail"]


@pytest.mark.parametrize(
    "query",
    [
        "limit=abc",
        "limit=0",
        "limit=101",
        "limit=-1",
        "offset=-1",
        "offset=1.5",
        "limit=",
        "limit=²",
    ],
)
@pytest.mark.parametrize("path", ["/api/v1/packs", "/api/v1/sources", "/api/v1/packs/{pack}"])
def test_bad_pagination_is_a_json_400(client, app, imported, query, path):
    url = path.format(pack=_public_pack_id(app))
    assert "limit" in _error(client.get(f"{url}?{query}"), 400)["detail"] or "offset" in query


def test_sources_list_and_one_source(client, imported):
    body = client.get("/api/v1/sources?limit=1").get_json()
    assert body["total"] == 1
    [source] = body["items"]
    assert source["id"] == SOURCE_ID and source["question_count"] == 4
    assert source["length"] == len(SOURCE_TEXT) and "text" not in source
    one = client.get(f"/api/v1/sources/{SOURCE_ID}").get_json()
    assert one == source
    assert client.get(f"/api/v1/sources/{SOURCE_ID}?text=true").get_json()["text"] == SOURCE_TEXT
    _error(client.get(f"/api/v1/sources/{SOURCE_ID}?text=maybe"), 400)


def test_uploaded_sources_of_private_packs_are_not_listed(client, app, make_user):
    owner = make_user("owner@example.org", role="instructor")
    with app.app_context():
        import_pack(make_pack(), {}, filename="p.json", owner_id=owner, visibility="private")
    assert client.get("/api/v1/sources").get_json()["items"] == []
    _error(client.get(f"/api/v1/sources/{SOURCE_ID}"), 404)


def test_my_progress_needs_a_login(client):
    assert _error(client.get("/api/v1/me/progress"), 401)["error"] == "Unauthorized"


def test_my_progress_for_a_learner(client, imported, learner):
    body = client.get("/api/v1/me/progress").get_json()
    assert body["due_today"] == 0 and body["answered_total"] == 0
    assert body["unseen"] >= body["new_available"] > 0
    assert body["today"]["new_left"] is None  # "auto": no fixed daily count
    assert len(body["forecast"]) == 30
    assert [row["name"] for row in body["mastery"]["by_source"]] == ["Treaties of Lisvale"]
    assert all(row["studied"] == 0 for row in body["mastery"]["by_kind"])


def test_api_never_creates_a_guest(client, app, imported):
    client.get("/api/v1/me/progress")
    client.get("/api/v1/packs")
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count()).select_from(db.text("users"))) == 0


def test_openapi_document_is_served_and_covers_every_route(client, app):
    served = client.get("/api/v1/openapi.json").get_json()
    assert served == json.loads(OPENAPI.read_text(encoding="utf-8"))
    documented = set(served["paths"])
    routes = {
        rule.rule.replace("<int(signed=True):", "{").replace("<", "{").replace(">", "}")
        for rule in app.url_map.iter_rules()
        if rule.rule.startswith("/api/v1/") and "path:" not in rule.rule
    }
    assert routes == {path for path in documented if path.startswith("/api/v1/")}
    assert {
        "/healthz",
        "/classroom/sessions/{session_id}/live",
        "/play/{session_id}/state",
        "/learn/quiz",
        "/learn/cards",
    } <= documented
