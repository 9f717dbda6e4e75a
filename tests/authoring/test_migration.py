"""The authoring migration keeps existing packs public, and their questions studyable."""

from __future__ import annotations

from flask_migrate import upgrade
from sqlalchemy import text

from app import create_app
from app.extensions import db

BEFORE = "4491e5991542"
ROWS = [
    "INSERT INTO sources (id, title, sha256, text, notes) VALUES ('s', 'S', 'h', 'Hi there.', '')",
    "INSERT INTO packs (id, slug, title, description, language, format_version, generator, "
    "created_at) VALUES (1, 'p', 'P', '', 'en', 1, '{}', '2026-01-01 00:00:00')",
    "INSERT INTO questions (id, pack_id, uid, fact, type, kind, prompt, answer, choices, accept, "
    "items, source_id, quote_start, quote_end, quote_text, explanation, tags, position, "
    "review_status) VALUES (1, 1, 'q', '', 'cloze', 'other', 'Hi ___', 'there', '[]', '[]', "
    "'[]', 's', 0, 2, 'Hi', '', '[]', 0, 'approved')",
]


def test_upgrade_keeps_existing_packs_public(tmp_path):
    url = f"sqlite:///{tmp_path / 'old.sqlite'}"
    app = create_app({"TESTING": True, "SECRET_KEY": "x", "SQLALCHEMY_DATABASE_URI": url})
    with app.app_context():
        upgrade(revision=BEFORE)
        with db.engine.begin() as connection:
            for statement in ROWS:
                connection.execute(text(statement))
        upgrade()
        from app.models import Pack, Question

        pack = db.session.get(Pack, 1)
        question = db.session.get(Question, 1)
        assert (pack.visibility, pack.version, pack.serve_unreviewed) == ("public", 1, False)
        assert (question.answers, question.pairs, question.version) == ([], [], 1)
        assert question.is_studyable
        db.session.remove()
        db.engine.dispose()
