"""Models: round trips, cascades, constraints, query helpers, and the migration matching them."""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import upgrade
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from app import create_app
from app.extensions import db
from app.models import Pack, Question, Source

TEXT = "Line one\r\nCafé «deux»\n\n\tthree "


def _source(source_id: str = "s1") -> Source:
    return Source(id=source_id, title="S", sha256="0" * 64, text=TEXT)


def _question(uid: str, position: int, source_id: str = "s1", **extra) -> Question:
    values = dict(
        uid=uid,
        type="multiple_choice",
        kind="date",
        prompt="When?",
        answer="1902",
        choices=["1902", "1903", "1904"],
        source_id=source_id,
        quote_start=0,
        quote_end=4,
        quote_text="Line",
        explanation="Because.",
        position=position,
    )
    values.update(extra)
    return Question(**values)


def test_round_trip_keeps_text_and_json(app, fresh_session):
    pack = Pack(slug="p", title="P", format_version=1, generator={"name": "g", "n": [1, 2]})
    pack.sources.append(_source())
    pack.questions.extend([_question("b", 1, items=[{"text": "x"}]), _question("a", 0)])
    db.session.add(pack)
    db.session.commit()

    with fresh_session() as session:
        stored = session.scalar(select(Pack).where(Pack.slug == "p"))
        assert stored.generator == {"name": "g", "n": [1, 2]}
        assert [q.uid for q in stored.questions] == ["a", "b"]  # ordered by position
        assert stored.questions[1].items == [{"text": "x"}]
        assert stored.questions[0].choices == ["1902", "1903", "1904"]
        assert stored.questions[0].review_status == "approved"
        assert stored.questions[0].accept == [] and stored.questions[0].correction is None
        assert stored.sources[0].text == TEXT
        assert stored.created_at is not None


def test_deleting_a_pack_deletes_its_questions_not_sources(app, fresh_session):
    pack = Pack(slug="p", title="P", format_version=1, sources=[_source()])
    pack.questions.append(_question("a", 0))
    db.session.add(pack)
    db.session.commit()
    db.session.delete(pack)
    db.session.commit()
    with fresh_session() as session:
        assert session.scalar(select(func.count(Question.id))) == 0
        assert session.scalar(select(func.count(Source.id))) == 1


def test_foreign_keys_are_enforced(app):
    pack = Pack(slug="p", title="P", format_version=1)
    pack.questions.append(_question("a", 0, source_id="missing"))
    db.session.add(pack)
    with pytest.raises(IntegrityError):
        db.session.commit()
    db.session.rollback()


def test_question_uid_unique_within_pack(app):
    db.session.add(_source())
    pack = Pack(slug="p", title="P", format_version=1)
    pack.questions.extend([_question("a", 0), _question("a", 1)])
    db.session.add(pack)
    with pytest.raises(IntegrityError):
        db.session.commit()
    db.session.rollback()


def test_query_helpers(app):
    db.session.add_all([_source("s1"), _source("s2")])
    pack = Pack(slug="p", title="P", format_version=1)
    pack.questions.extend(
        [_question("a", 0), _question("b", 1, kind="person"), _question("c", 2, source_id="s2")]
    )
    db.session.add(pack)
    db.session.commit()
    counts = {s.id: n for s, n in db.session.execute(Source.select_with_question_counts())}
    assert counts == {"s1": 2, "s2": 1}
    assert db.session.execute(Pack.select_with_question_counts()).one()[1] == 3
    assert db.session.scalar(Pack.select_by_slug("p")) is pack
    uids = lambda **f: [q.uid for q in db.session.scalars(Question.select_filtered(**f))]  # noqa: E731
    assert uids() == ["a", "b", "c"]
    assert uids(kind="person") == ["b"]
    assert uids(source_id="s1", kind="date") == ["a"]
    assert uids(type="cloze") == []


def test_migrations_create_the_models_schema(tmp_path):
    url = f"sqlite:///{tmp_path / 'migrated.sqlite'}"
    app = create_app({"TESTING": True, "SECRET_KEY": "x", "SQLALCHEMY_DATABASE_URI": url})
    with app.app_context():
        upgrade()
        with db.engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"render_as_batch": True})
            assert compare_metadata(context, db.metadata) == []
        db.engine.dispose()
