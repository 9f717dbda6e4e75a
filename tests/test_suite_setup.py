"""The suite's own machinery: which tests the PostgreSQL run keeps, and the `app` fixture's
database (a schema reused between tests on PostgreSQL, a copied template on SQLite)."""

from __future__ import annotations

import pytest
from sqlalchemy import func, inspect, select

from app.extensions import db
from tests.conftest import PG_SCHEMAS, SQLITE_NAME, database_settings
from tests.support import selection


def test_a_test_not_marked_database_cannot_take_one(tmp_path):
    # Unmarked, this test would be deselected in the PostgreSQL run: taking a database fails it.
    with pytest.raises(pytest.fail.Exception, match="not marked 'database'"):
        database_settings(tmp_path)


def test_the_app_fixture_marks_its_test(request, app):
    assert selection.uses_database(request.node)


@pytest.mark.database
def test_the_postgresql_run_keeps_only_tests_that_take_a_database(request):
    if PG_SCHEMAS is None:
        pytest.skip("the SQLite run keeps every test")
    assert all(selection.uses_database(item) for item in request.session.items)


def test_the_app_fixtures_schema_is_emptied_and_reused_after_its_test(app, tmp_path):
    if PG_SCHEMAS is None:
        pytest.skip("a schema per test only on PostgreSQL")
    # Recorded as this test's: the next test empties it and takes it again, instead of a new
    # schema per test (made, filled with tables and dropped at the end: seconds per test).
    assert str(tmp_path) in PG_SCHEMAS._test_folders


def test_the_app_fixtures_database_has_every_table_and_no_rows(app, tmp_path):
    with app.app_context():
        assert set(inspect(db.engine).get_table_names()) >= set(db.metadata.tables)
        for table in db.metadata.sorted_tables:
            assert db.session.scalar(select(func.count()).select_from(table)) == 0, table.name
    if PG_SCHEMAS is None:
        assert (tmp_path / SQLITE_NAME).exists()
