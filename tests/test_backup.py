"""`quire export-all` and `quire import-all`: a studied database survives the round trip exactly,
and a backup that cannot be loaded whole leaves the database as it was."""

from __future__ import annotations

import json
import random
import zipfile
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask_migrate import stamp
from sqlalchemy import select

from app import create_app
from app.accounts_models import User
from app.authoring import editing
from app.authoring_models import StagedImport
from app.backup.codec import select_expression
from app.classroom import answering, controls, quizzes, services
from app.extensions import db
from app.learn import tickets
from app.models import Pack, Question, Source
from app.study_models import Card
from tests.conftest import TEST_PASSWORD, app_settings

# Some of its apps take databases through app_settings: the PostgreSQL run runs it too.
pytestmark = pytest.mark.database

START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
# Bytes no text codec would keep: a staged upload must come back byte for byte.
UPLOAD = bytes(range(256)) + b"\x00\xff PK\x03\x04"
# Line ends of every kind, a character outside the BMP, and trailing spaces: kept as they are.
ODD_TEXT = "Line one\r\nLine two\rLine three\n\tTabbed 🦉 café  \n"


def _ticket(app: Flask, question_id: int, mode: str) -> str:
    with app.test_request_context():
        return tickets.issue(question_id, mode, "choice", 0.5, app.config["QUIRE_CLOCK"]())


def _study(app: Flask, client: Any, question_ids: dict[str, int]) -> None:
    """A learner answers two questions in the quiz and rates a flashcard, through the pages."""
    login = {"email": "learner@example.org", "password": TEST_PASSWORD}
    assert client.post("/accounts/login", data=login).status_code == 302
    for uid, response in (("q1", "1902"), ("q2", "Mara Quell")):
        ticket = _ticket(app, question_ids[uid], "quiz")
        posted = client.post("/learn/quiz", data={"ticket": ticket, "response": response})
        assert posted.status_code == 303, posted.text
    ticket = _ticket(app, question_ids["q3"], "flashcard")
    assert client.post("/learn/cards", data={"ticket": ticket, "rating": 3}).status_code == 303


def _author(instructor: User, learner_id: int) -> None:
    """An instructor's own pack: a source of their own, questions approved and pending, an edit."""
    source = Source(
        id="odd_text",
        title="Odd text",
        sha256="0" * 64,
        text=ODD_TEXT,
        uploaded_by_id=instructor.id,
    )
    db.session.add(source)
    pack = editing.create_pack(instructor, title="Owls", description="Mine", language="en")
    pack.sources.append(source)
    fields = {
        "type": "short_answer",
        "kind": "term",
        "prompt": "Which bird is drawn?",
        "answer": "owl",
        "source_id": "odd_text",
        "quote_start": 0,
        "quote_end": 8,
        "quote_text": "Line one",
        "explanation": "An owl.",
        "difficulty": 0.1 + 0.2,
    }
    editing.add_question(pack, fields)
    draft = editing.add_question(pack, fields | {"prompt": "Still a draft?"}, status="pending")
    editing.update_question(draft, {"prompt": "Still a draft, edited?"})
    db.session.add(
        StagedImport(token="t" * 64, owner_id=instructor.id, filename="x.apkg", data=UPLOAD)
    )
    db.session.add(StagedImport(token="e" * 64, owner_id=learner_id, filename="e.csv", data=b""))
    db.session.commit()


def _classroom(instructor: User, learner_id: int) -> None:
    """A live session of a saved quiz, joined by the learner and a guest, with their answers."""
    questions = db.session.scalars(
        select(Question).where(Question.type == "multiple_choice").order_by(Question.id)
    ).all()
    quiz = quizzes.create_quiz(instructor, "Lisvale check", questions, 30)
    rng = random.Random(3)
    session = services.start_session(
        quiz, mode="live", speed_bonus=True, deadline=None, now=START, rng=rng
    )
    players = [
        services.join(session, name, user_id=uid, cookie_token=None, now=START, rng=rng).player
        for name, uid in (("Lee", learner_id), ("Guest", None))
    ]
    assert controls.advance(session, session.version, START)
    asked = controls.current_question(session)
    for player, choice in zip(players, (1, 0), strict=True):
        answering.submit(
            session,
            player,
            asked.id,
            choice_index=choice,
            typed=None,
            now=START + timedelta(seconds=2),
        )


@pytest.fixture
def populated(app, make_user, imported, client) -> Flask:
    """A database a school has used: study history, an authored pack, a classroom session."""
    app.config.update(QUIRE_CLOCK=lambda: START, QUIRE_RANDOM_SEED=7)
    learner_id = make_user()
    teacher_id = make_user("teacher@example.org", role="instructor", display_name="Ida")
    make_user("admin@example.org", role="admin", display_name="Ada", timezone="Europe/Paris")
    with app.app_context():
        question_ids = dict(db.session.execute(select(Question.uid, Question.id)).all())
    _study(app, client, question_ids)
    with app.app_context():
        teacher = db.session.get(User, teacher_id)
        _author(teacher, learner_id)
        _classroom(teacher, learner_id)
        stamp()
    return app


def _other_app(tmp_path: Path, name: str) -> Flask:
    (tmp_path / name).mkdir()
    app = create_app(app_settings(tmp_path / name))
    with app.app_context():
        db.create_all()
        stamp()
    return app


@pytest.fixture
def fresh_app(tmp_path) -> Any:
    """A second application on a database of its own, at the same revision as `populated`."""
    apps: list[Flask] = []

    def make(name: str = "restored") -> Flask:
        apps.append(_other_app(tmp_path, name))
        return apps[-1]

    yield make
    for other in apps:
        with other.app_context():
            db.session.remove()
            db.engine.dispose()


def table_rows(app: Flask) -> dict[str, list[tuple]]:
    """Every row of every table, in key order; JSON columns as their stored text."""
    with app.app_context(), db.engine.connect() as connection:
        found = {}
        for table in db.metadata.sorted_tables:
            columns = [select_expression(c) for c in table.columns]
            order = list(table.primary_key.columns) or list(table.columns)
            found[table.name] = [
                tuple(row) for row in connection.execute(select(*columns).order_by(*order))
            ]
        return found


def cli(app: Flask, *args: str) -> Any:
    """Run a quire command against `app`."""
    # with_appcontext keeps a pushed context: pytest-flask's, for `app`, would win otherwise.
    with app.app_context():
        return app.test_cli_runner().invoke(args=list(args))


def export(app: Flask, path: Path) -> Path:
    """export-all into `path`, which must succeed."""
    result = cli(app, "export-all", str(path))
    assert result.exit_code == 0, result.output
    return path


Edit = Callable[[str, bytes, dict], bytes | None]


def rewrite(source: Path, target: Path, edit: Edit) -> Path:
    """Copy a backup, passing each member and the manifest through `edit` (None drops it)."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        manifest = json.loads(old.read("manifest.json"))
        for name in old.namelist():
            data = edit(name, old.read(name), manifest)
            if data is not None:
                new.writestr(name, data)
    return target


def test_round_trip_keeps_every_row_exactly(populated, fresh_app, tmp_path):
    before = table_rows(populated)
    # Everything the school did is there to lose: guard the fixture itself.
    for table in (
        "users",
        "sources",
        "questions",
        "cards",
        "review_logs",
        "learner_skills",
        "question_versions",
        "staged_imports",
        "classroom_answers",
        "classroom_players",
        "pack_sources",
    ):
        assert before[table], f"the fixture left {table} empty"
    path = export(populated, tmp_path / "quire.zip")
    with zipfile.ZipFile(path) as archive:
        manifest = json.loads(archive.read("manifest.json"))
    assert manifest["format"] == "quire-backup" and manifest["alembic_revision"]
    assert [t["name"] for t in manifest["tables"]] == list(before)

    restored = fresh_app()
    result = cli(restored, "import-all", str(path))
    assert result.exit_code == 0, result.output
    total = sum(len(rows) for rows in before.values())
    assert f"Imported {total:,} rows into {len(before)} tables" in result.output
    assert table_rows(restored) == before
    with restored.app_context():
        assert db.session.get(Source, "odd_text").text == ODD_TEXT
        assert db.session.scalar(
            select(StagedImport.data).where(StagedImport.token == "t" * 64)
        ) == (UPLOAD)


def test_restored_learner_logs_in_and_new_rows_get_fresh_ids(populated, fresh_app, tmp_path):
    path = export(populated, tmp_path / "quire.zip")
    restored = fresh_app()
    assert cli(restored, "import-all", str(path)).exit_code == 0
    client = restored.test_client()
    login = {"email": "learner@example.org", "password": TEST_PASSWORD}
    assert client.post("/accounts/login", data=login).status_code == 302
    with restored.app_context():
        largest = {
            model: db.session.scalar(select(db.func.max(model.id))) for model in (User, Pack, Card)
        }
        user = User(email="new@example.org", display_name="New")
        db.session.add(user)
        db.session.commit()
        pack = editing.create_pack(user, title="Fresh", description="", language="en")
        assert user.id == largest[User] + 1 and pack.id == largest[Pack] + 1


def test_non_empty_database_refused_then_replaced(populated, fresh_app, make_user, tmp_path):
    path = export(populated, tmp_path / "quire.zip")
    restored = fresh_app()
    with restored.app_context():
        db.session.add(User(email="someone@example.org", display_name="Someone"))
        db.session.commit()
    occupied = table_rows(restored)
    refused = cli(restored, "import-all", str(path))
    assert refused.exit_code == 1
    assert "this database is not empty (rows in users)" in refused.output
    assert "--replace" in refused.output
    assert table_rows(restored) == occupied
    replaced = cli(restored, "import-all", "--replace", str(path))
    assert replaced.exit_code == 0, replaced.output
    assert table_rows(restored) == table_rows(populated)


def _with_line(table: str, number: int, change: Callable[[list, list[str]], str]) -> Edit:
    """An `edit` for `rewrite` that changes one row of one table's file."""

    def edit(name: str, data: bytes, manifest: dict) -> bytes:
        if name != f"tables/{table}.jsonl":
            return data
        [entry] = [t for t in manifest["tables"] if t["name"] == table]
        lines = data.decode("utf-8").splitlines()
        lines[number - 1] = change(json.loads(lines[number - 1]), entry["columns"])
        return ("\n".join(lines) + "\n").encode("utf-8")

    return edit


def _set_cell(column: str, value: Any) -> Callable[[list, list[str]], str]:
    def change(row: list, columns: list[str]) -> str:
        row[columns.index(column)] = value
        return json.dumps(row)

    return change


def _unknown_table(name: str, data: bytes, manifest: dict) -> bytes:
    if name != "manifest.json":
        return data
    manifest["tables"].append({"name": "gradebook", "columns": ["id"], "rows": 0, "file": "g"})
    return json.dumps(manifest).encode()


CORRUPTIONS = {
    "bad json": (
        _with_line("review_logs", 2, lambda row, columns: '{"not": json'),
        "table review_logs row 2: not valid JSON",
    ),
    "unknown table": (
        _unknown_table,
        "the backup has tables this database does not: gradebook",
    ),
    "wrong type": (
        _with_line("classroom_answers", 1, _set_cell("answered_at", 12)),
        "table classroom_answers row 1 column answered_at: expected an ISO 8601 date and time",
    ),
    "boolean for integer": (
        _with_line("cards", 1, _set_cell("reps", True)),
        "table cards row 1 column reps: expected an integer, got true",
    ),
    "null in not null": (
        _with_line("users", 1, _set_cell("display_name", None)),
        "table users row 1 column display_name: expected a value: the column is NOT NULL",
    ),
    "short row": (
        _with_line("questions", 3, lambda row, columns: json.dumps(row[:-1])),
        "table questions row 3: expected a list of",
    ),
    "broken reference": (
        _with_line("cards", 1, _set_cell("question_id", 9999)),
        "table cards rows 1-",
    ),
    "no manifest": (lambda name, data, manifest: None, "no manifest.json"),
}


@pytest.mark.parametrize("corruption", list(CORRUPTIONS))
def test_corrupted_backup_refused_and_database_unchanged(
    corruption, populated, fresh_app, tmp_path
):
    edit, message = CORRUPTIONS[corruption]
    broken = rewrite(export(populated, tmp_path / "quire.zip"), tmp_path / "broken.zip", edit)
    restored = fresh_app()
    with restored.app_context():
        # Something to lose: --replace deletes it before the bad row is reached.
        db.session.add(User(email="keep@example.org", display_name="Keep"))
        db.session.commit()
    before = table_rows(restored)
    result = cli(restored, "import-all", "--replace", str(broken))
    assert result.exit_code == 1
    assert "Nothing imported, the database is unchanged" in result.output
    assert message in result.output
    assert table_rows(restored) == before


def test_file_that_is_not_a_zip_refused(app, tmp_path):
    path = tmp_path / "notes.zip"
    path.write_text("hello", encoding="utf-8")
    result = cli(app, "import-all", str(path))
    assert result.exit_code == 1 and "not a readable zip file" in result.output


def test_revision_mismatch_refused(populated, tmp_path):
    path = export(populated, tmp_path / "quire.zip")
    (tmp_path / "unstamped").mkdir()
    unstamped = create_app(app_settings(tmp_path / "unstamped"))
    with unstamped.app_context():
        db.create_all()
    try:
        result = cli(unstamped, "import-all", str(path))
        assert result.exit_code == 1
        assert "the backup was made at database revision" in result.output
        assert "but this database is at (none)" in result.output
        assert table_rows(unstamped)["users"] == []
    finally:
        with unstamped.app_context():
            db.engine.dispose()


def test_export_refuses_to_overwrite_without_force(app, tmp_path):
    path = tmp_path / "quire.zip"
    path.write_bytes(b"yesterday")
    refused = cli(app, "export-all", str(path))
    assert refused.exit_code == 1 and "--force" in refused.output
    assert path.read_bytes() == b"yesterday"
    assert cli(app, "export-all", "--force", str(path)).exit_code == 0
    assert zipfile.is_zipfile(path) and not (tmp_path / "quire.zip.partial").exists()
