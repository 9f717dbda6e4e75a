"""`quire generate --review-pool`, and a pack's `"review": "pending"` through validation,
import (the CLI's and the web's) and export."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from sqlalchemy import select

import app.generate_cli as generate_cli
from app.authoring.packdata import pack_dict
from app.extensions import db
from app.generation import pipeline
from app.generation.types import Question, Quote
from app.models import Question as QuestionRow
from app.packs.format import load_pack, validate_pack
from app.packs.importer import import_pack

ROOT = Path(__file__).resolve().parents[1]
# One bundled article: enough prose for people, places and organisations the bank leaves out.
ARTICLE = ROOT / "questions" / "sources" / "001_3abda2184af09f36.txt"


class FakeNlp:
    meta = {"lang": "xx", "name": "fake", "version": "0.0"}  # noqa: RUF012


def _fake_generate(sources, nlp, *, progress=None, review_pool=False):
    questions = []
    for source in sources:
        end = source.text.index(".") + 1
        quote = Quote(source.id, 0, end, source.text[:end])
        for number, kind in enumerate(("date", "person")[: 2 if review_pool else 1]):
            questions.append(
                Question(
                    id=f"{source.id}-{number}", fact=f"f{number}", type="cloze", kind=kind,
                    prompt="____ it.", answer="It", quote=quote, explanation="So.",
                    difficulty=0.5, quality=0.5,
                )
            )  # fmt: skip
    pending = frozenset(q.id for q in questions if q.kind == "person")
    return pipeline.GenerationResult(questions, pending=pending)


def test_the_flag_passes_the_pool_and_marks_what_the_bank_leaves(runner, tmp_path, monkeypatch):
    monkeypatch.setattr(generate_cli, "load_spacy", lambda name: FakeNlp())
    monkeypatch.setattr(pipeline, "generate", _fake_generate)
    (tmp_path / "a.txt").write_text("One fact here. More.", encoding="utf-8")
    out = tmp_path / "pack.json"
    result = runner.invoke(args=["generate", str(tmp_path / "a.txt"), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "review" not in out.read_text()
    result = runner.invoke(
        args=["generate", str(tmp_path / "a.txt"), "--out", str(out), "--review-pool"]
    )
    assert result.exit_code == 0, result.output
    assert '1 of them marked "review": "pending"' in result.output
    data, texts = load_pack(out)
    assert validate_pack(data, source_texts=texts) == []
    assert [q.get("review") for q in data["questions"]] == [None, "pending"]
    assert data["generator"]["command"].endswith("--review-pool")


@pytest.mark.slow
def test_the_real_pool_is_the_bank_plus_pending_questions(runner, tmp_path):
    pytest.importorskip("spacy", reason="spaCy is not installed")
    shutil.copy(ARTICLE, tmp_path / "article.txt")
    strict, pool = tmp_path / "strict.json", tmp_path / "pool.json"
    for out, more in ((strict, []), (pool, ["--review-pool"])):
        result = runner.invoke(
            args=["generate", str(tmp_path / "article.txt"), "--out", str(out), *more]
        )
        assert result.exit_code == 0, result.output
    bank = json.loads(strict.read_text())["questions"]
    data, texts = load_pack(pool)
    assert validate_pack(data, source_texts=texts) == []
    marked = [q for q in data["questions"] if q.get("review") == "pending"]
    unmarked = [q for q in data["questions"] if "review" not in q]
    assert len(data["questions"]) > len(bank) and marked
    assert {q["id"] for q in unmarked} == {q["id"] for q in bank}
    assert all("review" not in q for q in bank)


def test_a_bad_review_value_is_refused_naming_question_and_field(pack_data):
    pack_data["questions"][1]["review"] = "later"
    errors = validate_pack(pack_data, filename="p.json")
    assert [str(e) for e in errors] == [
        'p.json: questions[1].review: expected one of "pending", got "later"'
    ]


def _write(tmp_path: Path, data: dict) -> Path:
    path = tmp_path / "pack.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_cli_import_stores_marked_questions_pending(runner, tmp_path, pack_data, app):
    pack_data["questions"][0]["review"] = "pending"
    result = runner.invoke(args=["import", str(_write(tmp_path, pack_data))])
    assert result.exit_code == 0, result.output
    with app.app_context():
        rows = db.session.scalars(select(QuestionRow).order_by(QuestionRow.position)).all()
        assert [q.review_status for q in rows] == ["pending"] + ["approved"] * (len(rows) - 1)
        assert not rows[0].is_studyable and rows[1].is_studyable


def test_export_keeps_the_mark_for_a_round_trip(app, pack_data):
    pack_data["questions"][0]["review"] = "pending"
    with app.app_context():
        pack = import_pack(pack_data, {}, filename="lisvale.json")
        exported = pack_dict(pack)
        assert [q.get("review") for q in exported["questions"]] == [
            q.get("review") for q in pack_data["questions"]
        ]
        exported["id"] = "lisvale-again"
        again = import_pack(exported, {}, filename="again.json")
        statuses = [q.review_status for q in sorted(again.questions, key=lambda q: q.position)]
    assert statuses == ["pending"] + ["approved"] * (len(statuses) - 1)
