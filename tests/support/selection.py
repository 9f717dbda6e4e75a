"""Which tests the PostgreSQL run runs: those that get a database of the suite's own.

CI runs the suite twice, on SQLite and then with TEST_DATABASE_URL set. Only a test whose
database comes from `tests.conftest.database_settings` (through the `app` fixture or
`app_settings`) can behave differently the second time; a pure domain test, or one that names
its own SQLite file, would only repeat itself. So such tests carry the `database` marker and
the PostgreSQL run deselects the rest (pytest reports them as "deselected").

The marker is not kept by hand: a test whose fixtures include one of DATABASE_FIXTURES gets it
at collection. A test that calls `app_settings` itself, or through a fixture of another name,
says `pytest.mark.database`; if it forgets, `database_settings` fails it in every run, so the
PostgreSQL run can never silently drop a test that uses the database.
"""

from __future__ import annotations

from typing import Any

import pytest

MARKER = "database"
# Fixtures that give a test a database of its own.
DATABASE_FIXTURES = frozenset({"app"})

# The test being run (its setup, call and teardown), set by tests/conftest.py.
running: pytest.Item | None = None


def uses_database(item: pytest.Item) -> bool:
    """True when `item` is marked `database` (by hand, or for its fixtures at collection)."""
    return item.get_closest_marker(MARKER) is not None


def mark_database_tests(items: list[pytest.Item]) -> None:
    """Mark `database` every test whose fixtures give it a database of its own."""
    for item in items:
        if DATABASE_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(MARKER)


def keep_database_tests(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Deselect, in place, the tests that never get a database of the suite's own."""
    kept = [item for item in items if uses_database(item)]
    dropped = [item for item in items if not uses_database(item)]
    if dropped:
        config.hook.pytest_deselected(items=dropped)
    items[:] = kept


def check_database_allowed(what: Any) -> None:
    """Fail the running test if it takes a database (for `what`) without the `database` mark."""
    if running is None or uses_database(running):
        return
    pytest.fail(
        f"{running.nodeid} takes a test database ({what}) but is not marked "
        f"'{MARKER}', so the PostgreSQL run would skip it: add `pytestmark = "
        f"pytest.mark.{MARKER}` to its module (or the mark to the test), or use the `app` "
        "fixture (see tests/support/selection.py)",
        pytrace=False,
    )
