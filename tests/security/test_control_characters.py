"""Text the database cannot store (NUL and other control characters) is refused at the edge with a
clear message, on every route, form, URL and import, on both databases: never a 500."""

from __future__ import annotations

import io

import pytest
from sqlalchemy import func, select
from werkzeug.routing import IntegerConverter, PathConverter, Rule, UnicodeConverter

from app.authoring_models import StagedImport
from app.extensions import db
from app.hygiene import controls_in, strip_controls
from tests.security.conftest import client_for
from tests.test_hardening import _sample_value

NUL = "a\x00b"
# The fields of every form in Quire that takes text, each with a NUL in it; the edge must refuse
# whichever a route reads (login email, sign-up fields, titles, prompts, typed answers, codes...).
FIELDS = (
    "email", "password", "display_name", "new_password", "confirm", "title", "description",
    "prompt", "answer", "response", "code", "nickname", "token", "tags", "choices", "ticket",
)  # fmt: skip
CHARACTERS = ("\x00", "\x01", "\x08", "\x0b", "\x1f", "\x7f")


def _url(app, rule: Rule, method: str, ids: dict[str, int]) -> str:
    values = {}
    for name in rule.arguments:
        converter = rule._converters[name]
        if isinstance(converter, IntegerConverter):
            values[name] = ids.get(name, 1)
        elif isinstance(converter, (UnicodeConverter, PathConverter)):
            values[name] = NUL
        else:
            values[name] = _sample_value(rule, name)
    return app.url_map.bind("localhost").build(rule.endpoint, values, method=method)


def _walk(app, people):
    ids = {"pack_id": people["pack_id"]}
    for rule in app.url_map.iter_rules():
        if rule.endpoint == "static":
            continue
        for method in sorted((rule.methods or set()) - {"HEAD", "OPTIONS"}):
            yield rule, method, _url(app, rule, method, ids)


@pytest.mark.parametrize("actor", ["anonymous", "owner"])
def test_a_nul_byte_on_every_route_is_refused_clearly(app, people, actor):
    wrong = []
    for rule, method, url in _walk(app, people):
        client = client_for(app, people, actor)
        data = {name: NUL for name in FIELDS} if method != "GET" else None
        query = {"q": NUL}
        response = client.open(url, method=method, data=data, query_string=query)
        body = response.get_data(as_text=True)
        if response.status_code != 400 or "control character" not in body:
            wrong.append(f"{method} {url!r} ({rule.endpoint}): {response.status_code}")
    assert wrong == []


@pytest.mark.parametrize("character", CHARACTERS)
def test_every_control_character_is_refused_in_a_form(client, character):
    response = client.post(
        "/accounts/login", data={"email": f"x{character}@example.org", "password": "p"}
    )
    assert response.status_code == 400
    assert f"U+{ord(character):04X}" in response.get_data(as_text=True)
    assert "email" in response.get_data(as_text=True)


def test_tab_newline_and_carriage_return_are_text(client):
    response = client.post(
        "/accounts/login", data={"email": "x@example.org", "password": "a\tb\r\nc"}
    )
    assert response.status_code == 200


def test_the_probes_paths_answer_400_not_500(client):
    for path in ("/sources/a%00b", "/authoring/shared/a%00b", "/bank?source=a%00b"):
        response = client.get(path)
        assert response.status_code == 400, path


def test_an_import_with_a_nul_is_refused_with_its_place_and_stores_nothing(app, people):
    owner = people["clients"]["owner"]
    gift = b"::one:: Who sealed the ledger? {=Oda\x00Fenn ~Ann}\n"
    page = owner.post("/authoring/import", data={"file": (io.BytesIO(gift), "nul.gift")})
    text = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "control character (U+0000)" in text and "answer" in text
    with app.app_context():
        assert db.session.scalar(select(func.count(StagedImport.id))) == 0


def test_a_failed_confirm_leaves_no_staged_preview(app, people):
    owner = people["clients"]["owner"]
    gift = b"::one:: Who sealed the ledger? {=Oda Fenn ~Ann}\n"
    page = owner.post("/authoring/import", data={"file": (io.BytesIO(gift), "ok.gift")})
    assert page.status_code == 200
    with app.app_context():
        staged = db.session.scalar(select(StagedImport))
        token = staged.token
        # The staged bytes changed under the preview (as if the file were replaced).
        staged.data = b"::one:: Who? {=Oda\x00Fenn ~Ann}\n"
        db.session.commit()
    response = owner.post("/authoring/import/confirm", data={"token": token})
    assert response.status_code == 200
    assert "control character" in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(select(func.count(StagedImport.id))) == 0


def test_uploaded_text_is_cleaned_and_says_so(app, people):
    owner = people["clients"]["owner"]
    upload = {
        "file": (io.BytesIO(b"Oda Fenn sealed it\x00 in 1744.\x07"), "nul.txt"),
        "title": "Clean",
        "generate": "",
    }
    response = owner.post(
        f"/authoring/packs/{people['pack_id']}/upload", data=upload, follow_redirects=True
    )
    assert response.status_code == 200
    assert "2 control characters" in response.get_data(as_text=True)
    from app.models import Source

    with app.app_context():
        text = db.session.scalar(select(Source.text).where(Source.title == "Clean"))
    assert text == "Oda Fenn sealed it in 1744."


def test_controls_in_names_the_json_path():
    data = {"questions": [{"prompt": "ok"}, {"prompt": "bad\x00", "tags": ["x\x1f"]}]}
    paths = [path for path, _ in controls_in(data)]
    assert paths == [("questions", 1, "prompt"), ("questions", 1, "tags", 0)]
    assert strip_controls("a\x00b\tc\x7f") == ("ab\tc", 2)
