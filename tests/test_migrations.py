"""Migrations: a populated database upgraded one step at a time loses nothing, on both databases.

Rows go in with plain SQL at the revision that created their tables; after every later step
each of those rows must still be there with the same values in every column it had, and at the
end the models and the migrated schema must agree (what `flask db check` checks).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from flask import Flask, current_app
from flask_migrate import downgrade, upgrade
from sqlalchemy import MetaData, select, text
from sqlalchemy.engine import Connection

from app import create_app
from app.accounts_models import User
from app.extensions import db
from app.models import Pack, Question
from app.study_models import Card, ReviewLog
from tests.support import databases
from tests.support.components import port_open, require_component

FIRST = "3b48773b431f"
EDITORS_BY_EMAIL = "a7c4e9d2f318"
T0 = "'2026-01-05 09:30:00'"
T1 = "'2026-01-06 10:00:00'"

# Plain SQL, in the columns each table had at the revision that created it.
SEEDS: dict[str, list[str]] = {
    FIRST: [
        "INSERT INTO sources (id, title, author, published, sha256, text, path, notes) VALUES "
        "('src-a', 'Harbour notes', 'A. Writer', '2020-01', "
        f"'{'a' * 64}', 'The harbour opened in 1902. Café owners still talk of it.', "
        "NULL, ''), "
        f"('src-b', 'Fleet notes', NULL, NULL, '{'b' * 64}', 'The fleet had 40 ships.', "
        "'questions/sources/b.txt', 'second')",
        "INSERT INTO packs (id, slug, title, description, language, format_version, generator, "
        f"created_at) VALUES (1, 'harbour', 'Harbour', 'Old pack', 'en', 1, "
        f'\'{{"name": "hand"}}\', {T0}), '
        f"(2, 'fleet', 'Fleet', '', 'en', 1, '{{}}', {T1})",
        "INSERT INTO pack_sources (pack_id, source_id) VALUES (1, 'src-a'), (2, 'src-b')",
        "INSERT INTO questions (id, pack_id, uid, fact, type, kind, prompt, answer, choices, "
        "accept, items, correction, source_id, quote_start, quote_end, quote_text, explanation, "
        "difficulty, quality, tags, position, review_status) VALUES "
        "(1, 1, 'q1', 'f1', 'multiple_choice', 'date', 'When did the harbour open?', '1902', "
        "'[\"1899\", \"1902\", \"1914\"]', '[]', '[]', NULL, 'src-a', 0, 28, "
        "'The harbour opened in 1902.', 'It says 1902.', 0.25, 0.9, '[\"harbour\"]', 0, "
        "'approved'), "
        "(2, 1, 'q2', 'f2', 'cloze', 'place', 'The ____ opened in 1902.', 'harbour', '[]', "
        "'[\"Harbour\"]', '[]', NULL, 'src-a', 0, 28, 'The harbour opened in 1902.', "
        "'The harbour.', NULL, NULL, '[]', 1, 'draft'), "
        "(3, 2, 'q1', 'f3', 'true_false', 'figure', 'The fleet had 30 ships.', 'False', "
        "'[\"True\", \"False\"]', '[]', '[]', 'It had 40.', 'src-b', 0, 23, "
        "'The fleet had 40 ships.', 'Forty.', 0.5, 0.7, '[]', 0, 'approved')",
    ],
    "948cb72c54d3": [
        "INSERT INTO users (id, email, display_name, password_hash, role, is_guest, "
        "session_token, created_at, last_seen_at, desired_retention, new_per_day, "
        "reviews_per_day, timezone) VALUES "
        f"(1, 'teacher@example.org', 'Ida', 'pbkdf2:x', 'instructor', FALSE, 'tok1', {T0}, "
        f"{T1}, 0.9, 20, 200, 'Europe/Paris'), "
        f"(2, NULL, 'Guest 7', NULL, 'learner', TRUE, 'tok2', {T0}, {T0}, 0.85, 10, 100, 'UTC')",
    ],
    "1aac2677e229": [
        "INSERT INTO cards (id, user_id, question_id, state, step, stability, difficulty, due, "
        "last_review, reps, lapses, suspended, leech, last_seen_at, exposures, last_rating) "
        f"VALUES (1, 2, 1, 2, NULL, 3.5, 5.1, {T1}, {T0}, 2, 0, FALSE, FALSE, {T0}, 2, 3)",
        "INSERT INTO review_logs (id, user_id, question_id, card_id, mode, form, response, "
        "correct, rating, duration_ms, reviewed_at, card_state, state_before, client_token, "
        f"undone) VALUES (1, 2, 1, 1, 'quiz', 'choice', '{{\"choice\": 1}}', TRUE, 3, 4200, "
        f"{T0}, NULL, NULL, 'ct-1', FALSE)",
        "INSERT INTO learner_skills (user_id, skill, answered, recent, memory_bias) VALUES "
        "(2, 0.4, 1, '[true]', 0.0)",
        "INSERT INTO item_stats (question_id, difficulty, answers) VALUES (1, -0.2, 1)",
        "INSERT INTO study_plans (user_id, pack_id, source_ids, kinds, tags, last_mode, "
        f"cram_started_at, updated_at) VALUES (2, 1, '[\"src-a\"]', '[\"date\"]', '[]', "
        f"'quiz', NULL, {T1})",
    ],
    "4491e5991542": [
        f"INSERT INTO classroom_quizzes (id, owner_id, title, created_at) VALUES "
        f"(1, 1, 'Harbour check', {T0})",
        "INSERT INTO classroom_quiz_items (id, quiz_id, position, question_id, time_limit_s) "
        "VALUES (1, 1, 0, 1, 30)",
        "INSERT INTO classroom_sessions (id, owner_id, quiz_id, title, mode, join_code, phase, "
        "current_position, speed_bonus, seed, version, deadline, created_at, ended_at, "
        "sent_to_study_at) VALUES (1, 1, 1, 'Harbour check', 'live', NULL, 'ended', 0, TRUE, "
        f"'seed1', 4, NULL, {T0}, {T1}, NULL)",
        "INSERT INTO classroom_session_questions (id, session_id, position, question_id, "
        f"time_limit_s, opened_at, closes_at) VALUES (1, 1, 0, 1, 30, {T0}, {T0})",
        "INSERT INTO classroom_players (id, session_id, nickname, nickname_key, token_hash, "
        f"user_id, joined_at, removed_at) VALUES (1, 1, 'Zoë', 'zoe', '{'c' * 64}', 2, {T0}, "
        "NULL)",
        "INSERT INTO classroom_answers (id, session_id, player_id, session_question_id, "
        "choice_index, response, correct, points, elapsed_ms, answered_at) VALUES "
        f"(1, 1, 1, 1, 1, '1902', TRUE, 950, 2100, {T0})",
    ],
}


def revisions_in_order() -> list[str]:
    """Every revision from the first to the head (one line of history, no branches)."""
    config = current_app.extensions["migrate"].migrate.get_config()
    script = ScriptDirectory.from_config(config)
    assert len(script.get_heads()) == 1, "the migrations have more than one head: merge them"
    return [revision.revision for revision in reversed(list(script.walk_revisions()))]


def snapshot(connection: Connection) -> dict[str, dict[Any, dict[str, Any]]]:
    """Every row of every table, by primary key, with all its columns' values."""
    metadata = MetaData()
    metadata.reflect(connection)
    rows: dict[str, dict[Any, dict[str, Any]]] = {}
    for table in metadata.sorted_tables:
        if table.name == "alembic_version":
            continue
        key_columns = list(table.primary_key.columns)
        rows[table.name] = {
            tuple(row[column.name] for column in key_columns): dict(row)
            for row in connection.execute(select(table)).mappings()
        }
    return rows


def lost_values(before: dict, after: dict) -> list[str]:
    """What was in `before` and is missing or changed in `after`, one line per difference."""
    problems = []
    for table, rows in before.items():
        if table not in after:
            problems.append(f"table {table} is gone with its {len(rows)} rows")
            continue
        for key, row in rows.items():
            now = after[table].get(key)
            if now is None:
                problems.append(f"{table} {key}: the row is gone")
                continue
            for column, value in row.items():
                if column not in now:
                    problems.append(f"{table} {key}: column {column} is gone")
                elif now[column] != value:
                    problems.append(f"{table} {key}.{column}: {value!r} became {now[column]!r}")
    return problems


def advance_sequences(connection: Connection) -> None:
    """On PostgreSQL, move each id sequence past the seeded ids, as a restore from pg_dump does.

    The seeds give ids explicitly (so rows can refer to each other), which sequences ignore.
    """
    if connection.dialect.name != "postgresql":
        return
    serials = connection.execute(
        text(
            "SELECT table_name FROM information_schema.columns WHERE table_schema = "
            "current_schema() AND column_name = 'id' AND column_default LIKE 'nextval(%'"
        )
    ).scalars()
    for table in list(serials):
        connection.execute(
            text(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                f"COALESCE((SELECT max(id) FROM {table}), 0) + 1, false)"
            )
        )


def upgrade_populated(app: Flask) -> dict[str, dict[Any, dict[str, Any]]]:
    """Upgrade step by step from nothing, seeding each step's rows; the final rows."""
    with app.app_context():
        order = revisions_in_order()
        assert order[0] == FIRST
        assert set(SEEDS) <= set(order), "a seeded revision is not in the history"
        rows: dict[str, dict[Any, dict[str, Any]]] = {}
        for revision in order:
            upgrade(revision=revision)
            with db.engine.begin() as connection:
                now = snapshot(connection)
                assert lost_values(rows, now) == [], f"upgrading to {revision} lost data"
                for statement in SEEDS.get(revision, []):
                    connection.execute(text(statement))
                advance_sequences(connection)
                rows = snapshot(connection)
        return rows


def check_models_match(app: Flask) -> None:
    """The migrated schema is what the models describe, by autogenerate and by `db check`."""
    with app.app_context():
        with db.engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"render_as_batch": True})
            assert compare_metadata(context, db.metadata) == []
        result = app.test_cli_runner().invoke(args=["db", "check"])
        assert result.exit_code == 0, result.output


def check_models_read_old_rows(app: Flask) -> None:
    """The seeded rows read back through today's models, with types the code relies on."""
    with app.app_context():
        question = db.session.get(Question, 1)
        assert question.choices == ["1899", "1902", "1914"] and question.tags == ["harbour"]
        assert db.session.get(Question, 2).accept == ["Harbour"]
        assert db.session.get(Pack, 1).generator == {"name": "hand"}
        assert db.session.get(User, 2).is_guest is True
        assert db.session.get(User, 1).is_guest is False
        assert db.session.get(Card, 1).suspended is False
        assert db.session.get(ReviewLog, 1).response == {"choice": 1}
        # New rows after migrating get ids after the seeded ones (sequences on PostgreSQL).
        user = User(email="new@example.org", display_name="New")
        db.session.add(user)
        db.session.commit()
        assert user.id == 3
        db.session.remove()
        db.engine.dispose()


def upgrade_seeded_before(target: str) -> str:
    """Upgrade step by step to the revision before `target`, seeding each step's rows; that
    revision."""
    order = revisions_in_order()
    for revision in order[: order.index(target)]:
        upgrade(revision=revision)
        with db.engine.begin() as connection:
            for statement in SEEDS.get(revision, []):
                connection.execute(text(statement))
    return order[order.index(target) - 1]


def postgresql_migration_app(folder: Path) -> Flask:
    """`migration_app` on an empty PostgreSQL database of the test pool (skipped without one)."""
    require_component(
        port_open("127.0.0.1", 5432),
        "PostgreSQL",
        "the server at 127.0.0.1:5432 with a database `test` (see .ci/run for the start command)",
    )
    pool = databases.pool_for(databases.postgres_url(), db.metadata)
    return migration_app(pool.settings_for(folder, empty=True))


def migration_app(settings: dict[str, Any]) -> Flask:
    """An app whose database is empty: no tables until the migrations make them."""
    return create_app({"TESTING": True, "SECRET_KEY": "x", **settings})


def test_populated_sqlite_database_upgrades_without_loss(tmp_path: Path):
    app = migration_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'old.sqlite'}"})
    final = upgrade_populated(app)
    assert len(final["questions"]) == 3 and len(final["classroom_answers"]) == 1
    check_models_match(app)
    check_models_read_old_rows(app)


@pytest.mark.postgres
def test_populated_postgresql_database_upgrades_without_loss(tmp_path: Path):
    app = postgresql_migration_app(tmp_path / "migrations")
    final = upgrade_populated(app)
    assert len(final["questions"]) == 3 and len(final["classroom_answers"]) == 1
    check_models_match(app)
    check_models_read_old_rows(app)


def test_pack_editors_move_to_their_accounts_emails_and_back(tmp_path: Path):
    app = migration_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'editors.sqlite'}"})
    editors = text("SELECT * FROM pack_editors ORDER BY pack_id")
    with app.app_context():
        order = revisions_in_order()
        upgrade_seeded_before(EDITORS_BY_EMAIL)
        with db.engine.begin() as connection:
            # The instructor (user 1) and a guest without an email (user 2).
            connection.execute(
                text(
                    "INSERT INTO pack_editors (pack_id, user_id, added_at) "
                    f"VALUES (1, 1, {T0}), (2, 2, {T0})"
                )
            )
        upgrade(revision=EDITORS_BY_EMAIL)
        with db.engine.connect() as connection:
            rows = [dict(row) for row in connection.execute(editors).mappings()]
        assert [(row["pack_id"], row["email"]) for row in rows] == [(1, "teacher@example.org")]
        assert "user_id" not in rows[0]
        downgrade(revision=order[order.index(EDITORS_BY_EMAIL) - 1])
        with db.engine.connect() as connection:
            rows = [dict(row) for row in connection.execute(editors).mappings()]
        assert [(row["pack_id"], row["user_id"]) for row in rows] == [(1, 1)]
        db.engine.dispose()


NEW_ORDER = "c9d4e2a7f813"


def check_new_order_up_and_down(app: Flask) -> None:
    """Generated packs (generator "quire") start easiest first, others in pack order; the
    downgrade drops the column and keeps the packs; the upgrade runs again after it."""
    packs = text("SELECT * FROM packs ORDER BY id")
    with app.app_context():
        before = upgrade_seeded_before(NEW_ORDER)
        with db.engine.begin() as connection:
            connection.execute(
                text(
                    "INSERT INTO packs (id, slug, title, description, language, format_version, "
                    "generator, created_at) VALUES (3, 'bank', 'Bank', '', 'en', 1, "
                    f'\'{{"name": "quire", "version": "0.1.0"}}\', {T1})'
                )
            )
        upgrade(revision=NEW_ORDER)
        with db.engine.connect() as connection:
            rows = [dict(row) for row in connection.execute(packs).mappings()]
        assert [(row["id"], row["new_order"]) for row in rows] == [
            (1, "pack order"),
            (2, "pack order"),
            (3, "easiest first"),
        ]
        downgrade(revision=before)
        with db.engine.connect() as connection:
            rows = [dict(row) for row in connection.execute(packs).mappings()]
        assert [row["id"] for row in rows] == [1, 2, 3] and "new_order" not in rows[0]
        upgrade()
        with db.engine.connect() as connection:
            values = connection.execute(text("SELECT new_order FROM packs ORDER BY id")).scalars()
            assert list(values) == ["pack order", "pack order", "easiest first"]
        db.session.remove()
        db.engine.dispose()


def test_packs_new_order_upgrades_and_downgrades_on_sqlite(tmp_path: Path):
    app = migration_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'order.sqlite'}"})
    check_new_order_up_and_down(app)


@pytest.mark.postgres
def test_packs_new_order_upgrades_and_downgrades_on_postgresql(tmp_path: Path):
    check_new_order_up_and_down(postgresql_migration_app(tmp_path / "order"))


ATTEMPTED_ON = "b7e4c2a9f1d3"


def test_fsrs_refit_attempts_move_out_of_the_fitted_count_and_back(tmp_path: Path):
    app = migration_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'fitted.sqlite'}"})
    skills = text(
        "SELECT user_id, fsrs_fitted_on, fsrs_attempted_on FROM learner_skills ORDER BY user_id"
    )
    with app.app_context():
        before = upgrade_seeded_before(ATTEMPTED_ON)
        with db.engine.begin() as connection:
            connection.execute(text("DELETE FROM learner_skills"))
            # User 1's last attempt was rejected (defaults in force); user 2's fit was kept.
            connection.execute(
                text(
                    "INSERT INTO learner_skills (user_id, skill, answered, recent, memory_bias, "
                    "fsrs_parameters, fsrs_fitted_on) VALUES (1, 0, 520, '[]', 0, NULL, 500), "
                    "(2, 0, 630, '[]', 0, '[0.2]', 600)"
                )
            )
        upgrade(revision=ATTEMPTED_ON)
        with db.engine.connect() as connection:
            assert [tuple(row) for row in connection.execute(skills)] == [
                (1, None, 500),
                (2, 600, 600),
            ]
        downgrade(revision=before)
        with db.engine.connect() as connection:
            rows = connection.execute(text("SELECT * FROM learner_skills ORDER BY user_id"))
            rows = [dict(row) for row in rows.mappings()]
        assert [(r["user_id"], r["fsrs_fitted_on"]) for r in rows] == [(1, 500), (2, 600)]
        assert "fsrs_attempted_on" not in rows[0]
        db.engine.dispose()


FORECAST_STATE = "e8c3f1a6d2b5"


def mapped_rows(statement: Any) -> list[dict[str, Any]]:
    """The rows `statement` selects, as dicts (in an app context)."""
    with db.engine.connect() as connection:
        return [dict(row) for row in connection.execute(statement).mappings()]


def check_forecast_state_up_and_down(app: Flask) -> None:
    """Existing learners and questions start the forecast at its prior (slope 1, the rest 0),
    which states the reference; the downgrade drops the columns and keeps the rows."""
    skills = text("SELECT * FROM learner_skills ORDER BY user_id")
    items = text("SELECT * FROM item_stats ORDER BY question_id")
    with app.app_context():
        before = upgrade_seeded_before(FORECAST_STATE)
        upgrade(revision=FORECAST_STATE)
        [skill], [item] = mapped_rows(skills), mapped_rows(items)
        weights = {name: skill[name] for name in skill if name.startswith("forecast_")}
        assert weights == {
            "forecast_bias": 0.0,
            "forecast_slope": 1.0,
            "forecast_last": 0.0,
            "forecast_once": 0.0,
            "forecast_twice": 0.0,
            "forecast_elapsed": 0.0,
        }
        assert (item["forecast_offset"], item["forecast_answers"]) == (0.0, 0)
        downgrade(revision=before)
        [skill], [item] = mapped_rows(skills), mapped_rows(items)
        assert (skill["user_id"], skill["answered"], item["difficulty"]) == (2, 1, -0.2)
        assert not any(name.startswith("forecast_") for name in [*skill, *item])
        db.session.remove()
        db.engine.dispose()


@pytest.mark.parametrize("database", ["sqlite", pytest.param("pg", marks=pytest.mark.postgres)])
def test_forecast_state_upgrades_and_downgrades(tmp_path: Path, database: str):
    if database == "pg":
        app = postgresql_migration_app(tmp_path / "fcast")
    else:
        app = migration_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'fcast.sqlite'}"})
    check_forecast_state_up_and_down(app)


FORECAST_ITEM = "d5a8e3c1f7b2"


def test_forecast_item_weight_starts_at_one_and_downgrades(tmp_path: Path):
    # Existing learners keep stating what they stated: the item's offset added in full.
    app = migration_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'item.sqlite'}"})
    skills = text("SELECT * FROM learner_skills ORDER BY user_id")
    with app.app_context():
        before = upgrade_seeded_before(FORECAST_ITEM)
        upgrade(revision=FORECAST_ITEM)
        [skill] = mapped_rows(skills)
        assert (skill["forecast_item"], skill["forecast_slope"]) == (1.0, 1.0)
        downgrade(revision=before)
        [skill] = mapped_rows(skills)
        assert "forecast_item" not in skill and skill["answered"] == 1
        db.session.remove()
        db.engine.dispose()
