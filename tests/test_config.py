"""Configuration defaults: the instance secret key and database URLs."""

from __future__ import annotations

import stat

from app.config import default_database_url, instance_secret_key, normalise_database_url


def test_secret_key_is_created_once_private_and_reused(tmp_path):
    folder = tmp_path / "instance"
    key = instance_secret_key(str(folder))
    assert len(key) == 64
    assert stat.S_IMODE((folder / "secret_key").stat().st_mode) == 0o600
    assert instance_secret_key(str(folder)) == key
    assert instance_secret_key(str(tmp_path / "other")) != key


def test_database_urls():
    assert normalise_database_url("postgres://u@h/db") == "postgresql+psycopg://u@h/db"
    assert normalise_database_url("postgresql://u@h/db") == "postgresql+psycopg://u@h/db"
    assert normalise_database_url("sqlite:///x.db") == "sqlite:///x.db"


def test_default_database_is_in_the_instance_folder(tmp_path):
    url = default_database_url(str(tmp_path / "inst"))
    assert url == f"sqlite:///{tmp_path / 'inst' / 'quire.sqlite'}"
    assert (tmp_path / "inst").is_dir()
