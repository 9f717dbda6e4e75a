"""A revoked share link never works again, and the SQLite database is private to its owner."""

from __future__ import annotations

import stat

from app.extensions import db
from app.models import Pack


def _token(app, pack_id: int) -> str | None:
    with app.app_context():
        return db.session.get(Pack, pack_id).share_token


def test_a_revoked_share_link_never_comes_back(app, people):
    owner, pack_id = people["clients"]["owner"], people["pack_id"]
    sharing = f"/authoring/packs/{pack_id}/sharing"
    assert owner.post(sharing, data={"visibility": "link"}).status_code == 302
    first = _token(app, pack_id)
    assert app.test_client().get(f"/authoring/shared/{first}").status_code == 200
    assert owner.post(sharing, data={"visibility": "private"}).status_code == 302
    assert app.test_client().get(f"/authoring/shared/{first}").status_code == 404
    assert owner.post(sharing, data={"visibility": "link"}).status_code == 302
    second = _token(app, pack_id)
    assert second and second != first
    assert app.test_client().get(f"/authoring/shared/{first}").status_code == 404
    assert app.test_client().get(f"/authoring/shared/{second}").status_code == 200


def _mode(path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_the_default_sqlite_database_and_instance_folder_are_private(tmp_path):
    from app.config import default_database_url, instance_secret_key

    instance = tmp_path / "instance"
    url = default_database_url(str(instance))
    instance_secret_key(str(instance))
    database = instance / "quire.sqlite"
    assert url == f"sqlite:///{database}"
    assert _mode(instance) == 0o700
    assert _mode(database) == 0o600
    assert _mode(instance / "secret_key") == 0o600


def test_an_existing_world_readable_database_is_tightened(tmp_path):
    from app.config import default_database_url

    instance = tmp_path / "old"
    instance.mkdir(mode=0o755)
    (instance / "quire.sqlite").touch(mode=0o644)
    default_database_url(str(instance))
    assert _mode(instance) == 0o700
    assert _mode(instance / "quire.sqlite") == 0o600
