"""The one mapping between pack questions and question rows (app/packs/record.py)."""

from __future__ import annotations

from sqlalchemy import select

from app.authoring.packdata import pack_dict
from app.extensions import db
from app.generation.types import Question as Generated
from app.generation.types import Quote
from app.models import Pack, Question
from app.packs.importer import import_pack
from app.packs.record import CONTENT_COLUMNS, QuestionRecord
from tests.conftest import make_pack


def test_every_content_column_is_a_field_of_the_record_and_of_the_table():
    names = set(QuestionRecord.__dataclass_fields__)
    assert names == {"uid", *CONTENT_COLUMNS}
    assert names <= set(Question.__table__.columns.keys())


def test_a_pack_question_survives_pack_row_pack():
    for entry in make_pack()["questions"]:
        record = QuestionRecord.from_pack(entry)
        row = Question(**record.to_row(), pack_id=1, position=0)
        assert QuestionRecord.from_row(row) == record
        assert record.to_pack() == entry


def test_import_then_export_gives_the_same_questions(app):
    data = make_pack()
    with app.app_context():
        import_pack(data, {}, filename="lisvale.json")
        pack = db.session.scalar(select(Pack).where(Pack.slug == "lisvale"))
        exported = pack_dict(pack)
    assert exported["questions"] == [
        QuestionRecord.from_pack(q).to_pack() for q in data["questions"]
    ]
    for mine, theirs in zip(exported["questions"], data["questions"], strict=True):
        assert mine["quote"] == theirs["quote"] and mine["answer"] == theirs["answer"]


def test_a_generated_question_becomes_the_row_an_import_of_its_pack_would_make():
    quote = Quote("s", 0, 10, "The Compac")
    generated = Generated(
        id="g1", fact="f", type="short_answer", kind="other", prompt="What?", answer="Compac",
        quote=quote, explanation="", difficulty=0.123456, quality=0.9,
    )  # fmt: skip
    record = QuestionRecord.from_generated(generated, "j1-g1")
    assert record.uid == "j1-g1" and record.source_id == "s" and record.quote_end == 10
    assert record.difficulty == 0.1235  # rounded as the pack writer rounds
    assert QuestionRecord.from_pack(record.to_pack()) == record
