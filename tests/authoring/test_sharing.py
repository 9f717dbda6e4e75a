"""Packs: creating one, visibility (private, link, public), share links, editors."""

from __future__ import annotations

from sqlalchemy import select

from app.authoring_models import PackEditor
from app.models import Pack
from tests.authoring.conftest import login, question_form


def test_new_pack_is_private_and_owned(app, users, client, fresh_session):
    login(client, "other@example.org")
    response = client.post(
        "/authoring/packs/new", data={"title": "My <b>pack</b>", "language": "en"}
    )
    assert response.status_code == 302
    with fresh_session() as session:
        pack = session.scalar(select(Pack).where(Pack.title == "My <b>pack</b>"))
        assert (pack.owner_id, pack.visibility, pack.slug) == (
            users["other"],
            "private",
            "my-b-pack-b",
        )
    assert "My &lt;b&gt;pack&lt;/b&gt;" in client.get("/authoring/").get_data(as_text=True)
    assert "My <b>pack" not in app.test_client().get("/").get_data(as_text=True)
    page = client.post("/authoring/packs/new", data={"title": "", "language": "english"})
    html = page.get_data(as_text=True)
    assert 'id="title-error"' in html and 'id="language-error"' in html


def test_share_by_link_is_read_only_and_revocable(as_owner, app, pack_id, fresh_session):
    as_owner.post(f"/authoring/packs/{pack_id}/questions/new", data=question_form("cloze"))
    as_owner.post(f"/authoring/packs/{pack_id}/sharing", data={"visibility": "link"})
    with fresh_session() as session:
        token = session.get(Pack, pack_id).share_token
    assert token and len(token) >= 32
    visitor = app.test_client()
    page = visitor.get(f"/authoring/shared/{token}")
    assert page.status_code == 200 and "signed at _____" in page.get_data(as_text=True)
    assert "Edit" not in page.get_data(as_text=True)
    assert visitor.get(f"/authoring/packs/{pack_id}").status_code == 404  # not listed
    assert visitor.get("/authoring/shared/guessed-token").status_code == 404
    as_owner.post(f"/authoring/packs/{pack_id}/sharing/new-link")
    assert visitor.get(f"/authoring/shared/{token}").status_code == 404
    as_owner.post(f"/authoring/packs/{pack_id}/sharing", data={"visibility": "private"})
    with fresh_session() as session:
        new_token = session.get(Pack, pack_id).share_token
    assert visitor.get(f"/authoring/shared/{new_token}").status_code == 404


def test_public_pack_is_listed_and_studied(as_owner, app, pack_id):
    as_owner.post(f"/authoring/packs/{pack_id}/questions/new", data=question_form("cloze"))
    visitor = app.test_client()
    assert "Velmar" not in visitor.get("/").get_data(as_text=True)
    as_owner.post(f"/authoring/packs/{pack_id}/sharing", data={"visibility": "public"})
    assert "Velmar" in visitor.get("/").get_data(as_text=True)
    assert visitor.get(f"/authoring/packs/{pack_id}").status_code == 200
    assert "signed at _____" in visitor.get("/learn/quiz").get_data(as_text=True)


def test_invite_and_remove_editors(as_owner, app, users, pack_id, fresh_session):
    url = f"/authoring/packs/{pack_id}/editors"
    html = as_owner.post(url, data={"email": "not-an-email"}).get_data(as_text=True)
    assert 'id="email-error"' in html and "not an email address" in html
    # The same answer whether the email has no account, a learner's, or an editor's already.
    for email in ("nobody@example.org", "learner@example.org", "editor@example.org"):
        response = as_owner.post(url, data={"email": email}, follow_redirects=True)
        assert f"{email} is invited to edit this pack" in response.get_data(as_text=True)
    with fresh_session() as session:
        invited = session.scalars(select(PackEditor.email).where(PackEditor.pack_id == pack_id))
        assert sorted(invited) == [
            "editor@example.org",
            "learner@example.org",
            "nobody@example.org",
        ]
    assert as_owner.post(url, data={"email": "Other@Example.org"}).status_code == 302
    other = app.test_client()
    login(other, "other@example.org")
    assert other.get(f"/authoring/packs/{pack_id}/questions/new").status_code == 200
    assert "Velmar" in other.get("/authoring/").get_data(as_text=True)
    # Editors change questions but not sharing.
    assert other.get(f"/authoring/packs/{pack_id}/sharing").status_code == 403
    as_owner.post(f"{url}/remove", data={"email": "other@example.org"})
    with fresh_session() as session:
        assert session.get(PackEditor, (pack_id, "other@example.org")) is None
    assert other.get(f"/authoring/packs/{pack_id}/questions/new").status_code == 403
