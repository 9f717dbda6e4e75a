"""The databases: SQLite with WAL and foreign keys by default, the same rules on PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from app import create_app
from app.accounts_models import User
from app.extensions import db
from app.models import Pack


def test_sqlite_runs_in_wal_mode_with_foreign_keys_on(tmp_path):
    app = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "x",
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'quire.sqlite'}",
        }
    )
    with app.app_context():
        db.create_all()
        with db.engine.connect() as connection:
            assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        db.engine.dispose()
    assert (tmp_path / "quire.sqlite-wal").exists() or (tmp_path / "quire.sqlite").exists()


def test_the_default_database_is_a_sqlite_file(tmp_path, monkeypatch):
    monkeypatch.setattr("app.config.Config.SQLALCHEMY_DATABASE_URI", None)
    app = create_app({"TESTING": True, "SECRET_KEY": "x"})
    assert app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite:///")
    assert app.config["SQLALCHEMY_DATABASE_URI"].endswith("quire.sqlite")


def test_foreign_keys_are_enforced(app):
    # Whichever database the suite runs on (SQLite or PostgreSQL), a dangling reference fails.
    with pytest.raises(IntegrityError):
        db.session.execute(
            text(
                "INSERT INTO study_plans (user_id, source_ids, kinds, tags, last_mode, "
                "updated_at) VALUES (999, '[]', '[]', '[]', 'quiz', '2026-01-01 00:00:00')"
            )
        )
    db.session.rollback()


def test_check_constraints_are_enforced(app):
    db.session.add(User(display_name="Odd", role="superuser"))
    with pytest.raises(IntegrityError):
        db.session.commit()
    db.session.rollback()


def test_json_boolean_and_aware_datetime_values_round_trip(app, fresh_session):
    moment = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)
    pack = Pack(slug="p", title="P", format_version=1, generator={"name": "x", "n": [1, 2]})
    user = User(display_name="G", is_guest=True, created_at=moment)
    db.session.add_all([pack, user])
    db.session.commit()
    with fresh_session() as session:
        stored_pack = session.get(Pack, pack.id)
        stored_user = session.get(User, user.id)
        assert stored_pack.generator == {"name": "x", "n": [1, 2]}
        assert stored_user.is_guest is True
        # SQLite gives the instant back without its zone; the app compares in UTC either way.
        created = stored_user.created_at
        assert (created if created.tzinfo else created.replace(tzinfo=UTC)) == moment
