"""A pack's "new questions" order: its owner (or an admin) sets it on the settings page, an editor
cannot, and the form needs its CSRF token like every other."""

from __future__ import annotations

import re

import pytest

from app.extensions import db
from app.models import Pack
from tests.authoring.conftest import login

SETTINGS = {"title": "Velmar", "description": "", "language": "en"}


def new_order_of(app, pack_id: int) -> str:
    with app.app_context():
        return db.session.get(Pack, pack_id).new_order


@pytest.mark.parametrize("who", ["owner", "admin"])
def test_the_owner_sets_the_order_of_new_questions(app, client, users, pack_id, who):
    login(client, f"{who}@example.org")
    page = client.get(f"/authoring/packs/{pack_id}/edit").get_data(as_text=True)
    assert 'name="new_order"' in page and 'value="easiest first"' in page
    data = SETTINGS | {"new_order": "easiest first"}
    assert client.post(f"/authoring/packs/{pack_id}/edit", data=data).status_code == 302
    assert new_order_of(app, pack_id) == "easiest first"
    # A value outside the three is refused by the form.
    data = SETTINGS | {"new_order": "hardest first"}
    assert client.post(f"/authoring/packs/{pack_id}/edit", data=data).status_code == 200
    assert new_order_of(app, pack_id) == "easiest first"


def test_an_editor_keeps_the_owners_order_and_cannot_change_it(app, client, users, pack_id):
    login(client, "editor@example.org")
    page = client.get(f"/authoring/packs/{pack_id}/edit").get_data(as_text=True)
    assert 'type="radio"' not in page and "only the pack's owner can change this" in page
    # The editor's own settings form (the field hidden, as the page sends it) saves as before.
    hidden = re.search(r'name="new_order" value="([^"]+)"', page).group(1)
    data = SETTINGS | {"title": "Velmar II", "new_order": hidden}
    assert client.post(f"/authoring/packs/{pack_id}/edit", data=data).status_code == 302
    # A forged change is refused, and nothing of that post is saved.
    data = SETTINGS | {"title": "Velmar III", "new_order": "easiest first"}
    assert client.post(f"/authoring/packs/{pack_id}/edit", data=data).status_code == 403
    with app.app_context():
        pack = db.session.get(Pack, pack_id)
        assert (pack.title, pack.new_order) == ("Velmar II", "pack order")


@pytest.mark.parametrize("who", ["owner", "admin"])
def test_the_owner_picks_a_random_order(app, client, users, pack_id, who):
    login(client, f"{who}@example.org")
    page = client.get(f"/authoring/packs/{pack_id}/edit").get_data(as_text=True)
    assert 'value="random"' in page
    data = SETTINGS | {"new_order": "random"}
    assert client.post(f"/authoring/packs/{pack_id}/edit", data=data).status_code == 302
    assert new_order_of(app, pack_id) == "random"


@pytest.mark.parametrize("order", ["easiest first", "random"])
@pytest.mark.parametrize("who", ["other", "learner", "editor"])
def test_no_one_else_sets_the_order(app, client, users, pack_id, who, order):
    login(client, f"{who}@example.org")
    data = SETTINGS | {"new_order": order}
    assert client.post(f"/authoring/packs/{pack_id}/edit", data=data).status_code == 403
    assert new_order_of(app, pack_id) == "pack order"


def test_the_setting_needs_the_forms_csrf_token(app, client, users, pack_id):
    login(client, "owner@example.org")
    app.config["WTF_CSRF_ENABLED"] = True
    try:
        data = SETTINGS | {"new_order": "easiest first"}
        for token in (None, "IjEyMyI.garbage.token"):
            sent = data if token is None else data | {"csrf_token": token}
            response = client.post(f"/authoring/packs/{pack_id}/edit", data=sent)
            assert response.status_code == 400
            assert new_order_of(app, pack_id) == "pack order"
        page = client.get(f"/authoring/packs/{pack_id}/edit").get_data(as_text=True)
        token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
        sent = data | {"csrf_token": token}
        assert client.post(f"/authoring/packs/{pack_id}/edit", data=sent).status_code == 302
        assert new_order_of(app, pack_id) == "easiest first"
    finally:
        app.config["WTF_CSRF_ENABLED"] = False
