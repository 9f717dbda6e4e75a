"""The tests' databases: a SQLite file per test, or a PostgreSQL schema per test.

With TEST_DATABASE_URL set, every folder a test hands to `app_settings` gets its own schema
(reached through `search_path`), so two apps of one test on two folders stay apart exactly as two
SQLite files would. Creating Quire's tables on PostgreSQL costs about half a second, so a
schema is not dropped after its test: its rows are deleted, its sequences restarted, and it
waits for the next test. A schema whose tables a test changed (a migration, a dropped table) is
dropped instead, so every test still starts from the same state.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import psycopg
from psycopg import sql
from sqlalchemy import MetaData
from sqlalchemy.engine import make_url
from sqlalchemy.pool import NullPool

from app.config import normalise_database_url

URL_ENV = "TEST_DATABASE_URL"
SCHEMA_PREFIX = "quire_test_"


def url_from_environment() -> str | None:
    """The PostgreSQL URL the suite runs on, or None for SQLite files."""
    url = os.environ.get(URL_ENV, "").strip()
    return normalise_database_url(url) if url else None


def libpq_url(url: str) -> str:
    """`url` without SQLAlchemy's driver name, as psycopg and psql take it."""
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


def _pid_of(schema: str) -> int | None:
    head = schema.removeprefix(SCHEMA_PREFIX).split("_", 1)[0]
    return int(head) if head.isdigit() else None


def _process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


class SchemaPool:
    """PostgreSQL schemas for tests: handed out per folder, emptied and reused between tests."""

    def __init__(self, url: str, metadata: MetaData) -> None:
        self.url = url
        self.metadata = metadata
        self._admin: psycopg.Connection | None = None
        self._counter = 0
        self._free: list[str] = []
        # Folder -> schema, for every schema handed out and not yet emptied.
        self._in_use: dict[str, str] = {}
        # Folders given out while a test ran; a module fixture takes its own outside any test.
        self._test_folders: set[str] | None = None
        self._finished: list[str] = []

    @property
    def admin(self) -> psycopg.Connection:
        """An autocommit connection for creating, emptying and dropping schemas."""
        if self._admin is None or self._admin.closed:
            self._admin = psycopg.connect(libpq_url(self.url), autocommit=True)
            self._admin.execute("SET lock_timeout = '2s'")
            self._admin.execute("SET synchronous_commit = off")
            self._drop_abandoned()
        return self._admin

    def _drop_abandoned(self) -> None:
        # Schemas left by a run that was killed; a run still going (another pid) keeps its own.
        names = self.admin.execute(
            "SELECT nspname FROM pg_namespace WHERE nspname LIKE %s", (SCHEMA_PREFIX + "%",)
        ).fetchall()
        for (name,) in names:
            pid = _pid_of(name)
            if pid is not None and pid != os.getpid() and not _process_alive(pid):
                self._drop(name)

    def settings_for(self, folder: Path, *, empty: bool = False) -> dict[str, Any]:
        """Flask settings that put an app for `folder` on its own schema.

        A reused schema already has Quire's tables (with no rows); `empty` asks for a schema
        with no tables at all, for running the migrations.
        """
        key = str(folder)
        if key not in self._in_use:
            reuse = self._free and not empty
            self._in_use[key] = self._free.pop() if reuse else self._create()
        schema = self._in_use[key]
        if self._test_folders is not None:
            self._test_folders.add(key)
        return {
            "SQLALCHEMY_DATABASE_URI": self.url,
            # No pool: a connection a test forgot to return would otherwise outlive the test.
            "SQLALCHEMY_ENGINE_OPTIONS": {
                "poolclass": NullPool,
                "connect_args": {
                    # A test's commits need not reach the disk, which makes them much faster.
                    "options": f"-c search_path={schema} -c synchronous_commit=off",
                    "application_name": schema,
                },
            },
        }

    def _create(self) -> str:
        self._counter += 1
        schema = f"{SCHEMA_PREFIX}{os.getpid()}_{self._counter}"
        self.admin.execute(sql.SQL("CREATE SCHEMA {}").format(sql.Identifier(schema)))
        return schema

    def start_test(self) -> None:
        """Before a test: empty the last test's schemas, whose fixtures are all gone by now."""
        for key in self._finished:
            self._release(self._in_use.pop(key))
        self._finished = []
        self._test_folders = set()

    def end_test(self) -> None:
        """After a test: its schemas are emptied before the next (its app may still be open)."""
        self._finished = sorted(self._test_folders or ())
        self._test_folders = None

    def close(self) -> None:
        """At the end of the run: drop every schema this process made."""
        for schema in [*self._in_use.values(), *self._free]:
            self._end_connections(schema)
            self._drop(schema)
        self._in_use.clear()
        self._free.clear()
        if self._admin is not None:
            self._admin.close()

    def _release(self, schema: str) -> None:
        try:
            reusable = self._reset(schema)
        except psycopg.errors.LockNotAvailable:
            # A connection the last test never closed still holds locks in the schema.
            self._end_connections(schema)
            reusable = False
        if reusable:
            self._free.append(schema)
        else:
            self._drop(schema)

    def _tables(self, schema: str) -> set[str]:
        rows = self.admin.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = %s", (schema,)
        ).fetchall()
        return {name for (name,) in rows}

    def _reset(self, schema: str) -> bool:
        tables = self._tables(schema)
        if not tables:
            return True
        # Children before parents, so no foreign key stops a delete.
        delete_order = [table.name for table in reversed(self.metadata.sorted_tables)]
        if tables != set(delete_order):
            return False
        sequences = self.admin.execute(
            "SELECT sequencename FROM pg_sequences WHERE schemaname = %s", (schema,)
        ).fetchall()
        with self.admin.transaction():
            # DELETE, not TRUNCATE: on a few rows it is ten times faster (no new files to sync).
            for table in delete_order:
                self.admin.execute(sql.SQL("DELETE FROM {}").format(sql.Identifier(schema, table)))
            # Ids start at 1 again, as they would in a new SQLite file.
            for (sequence,) in sequences:
                self.admin.execute("SELECT setval(%s, 1, false)", (f'"{schema}"."{sequence}"',))
        return True

    def _end_connections(self, schema: str) -> None:
        self.admin.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE application_name = %s AND pid <> pg_backend_pid()",
            (schema,),
        )

    def _drop(self, schema: str) -> None:
        self.admin.execute(
            sql.SQL("DROP SCHEMA IF EXISTS {} CASCADE").format(sql.Identifier(schema))
        )


DEFAULT_POSTGRES_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
_POOLS: dict[str, SchemaPool] = {}
# Whether a test is running now: a pool first used inside a test must know it.
_in_test = False


def postgres_url() -> str:
    """The PostgreSQL server for tests that need one: TEST_DATABASE_URL, else the local one."""
    return url_from_environment() or DEFAULT_POSTGRES_URL


def pool_for(url: str, metadata: MetaData) -> SchemaPool:
    """The run's one pool of schemas on `url`.

    One per process, even though pytest imports conftest twice (as `conftest` for its fixtures
    and as `tests.conftest` for the tests that import its helpers).
    """
    if url not in _POOLS:
        _POOLS[url] = SchemaPool(url, metadata)
        if _in_test:
            _POOLS[url].start_test()
    return _POOLS[url]


def start_test() -> None:
    """Before each test: every pool empties the last test's schemas."""
    global _in_test
    for pool in _POOLS.values():
        pool.start_test()
    _in_test = True


def end_test() -> None:
    """After each test."""
    global _in_test
    for pool in _POOLS.values():
        pool.end_test()
    _in_test = False


def close_all() -> None:
    """At the end of the run: drop every schema the run made."""
    for pool in _POOLS.values():
        pool.close()
    _POOLS.clear()
