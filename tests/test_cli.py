"""The command line: import (and dry run), generate with a stand-in pipeline, and the real one."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import func, select

import app.cli as cli
import app.generate_cli as generate_cli
import app.import_cli as import_cli
from app.config import FALLBACK_SPACY_MODEL, resolve_spacy_model
from app.generation import pipeline
from app.generation.types import Question, Quote
from app.models import Pack
from app.models import Question as QuestionRow
from app.packs.format import dump_pack, load_pack, validate_pack


def _write(tmp_path: Path, data) -> Path:
    path = tmp_path / "pack.json"
    path.write_text(dump_pack(data), encoding="utf-8")
    return path


def _pack_count(fresh_session) -> int:
    with fresh_session() as session:
        return session.scalar(select(func.count(Pack.id)))


def test_main_group_has_the_commands():
    assert {"generate", "import", "run", "demo", "shell", "routes"} <= set(cli.main.commands)


def test_import_command(runner, tmp_path, pack_data, fresh_session):
    result = runner.invoke(args=["import", str(_write(tmp_path, pack_data))])
    assert result.exit_code == 0, result.output
    assert 'Imported pack "lisvale": 4 questions from 1 source.' in result.output
    with fresh_session() as session:
        assert session.scalar(select(func.count(QuestionRow.id))) == 4


def test_import_dry_run_writes_nothing(runner, tmp_path, pack_data, fresh_session):
    result = runner.invoke(args=["import", "--dry-run", str(_write(tmp_path, pack_data))])
    assert result.exit_code == 0, result.output
    assert 'OK, would import pack "lisvale" with 4 questions' in result.output
    assert _pack_count(fresh_session) == 0


def test_import_errors_one_per_line_exit_1(runner, tmp_path, pack_data, fresh_session):
    pack_data["questions"][0]["quote"]["end"] = 20000
    pack_data["questions"][3]["type"] = "riddle"
    path = _write(tmp_path, pack_data)
    for args in (["import", str(path)], ["import", "--dry-run", str(path)]):
        result = runner.invoke(args=args)
        assert result.exit_code == 1
        lines = result.output.splitlines()
        assert lines[0] == f"{path}: not imported (2 errors):"
        assert lines[1].startswith(f"{path}: questions[0].quote.end: expected an offset within")
        assert lines[2].startswith(f'{path}: questions[3].type: expected one of "multiple_choice"')
    assert _pack_count(fresh_session) == 0


def test_import_twice_then_replace(runner, tmp_path, pack_data):
    path = str(_write(tmp_path, pack_data))
    assert runner.invoke(args=["import", path]).exit_code == 0
    again = runner.invoke(args=["import", path])
    assert again.exit_code == 1 and "--replace" in again.output
    assert runner.invoke(args=["import", "--replace", path]).exit_code == 0


def test_import_missing_file(runner, tmp_path):
    result = runner.invoke(args=["import", str(tmp_path / "none.json")])
    assert result.exit_code == 1
    assert "(file): expected a readable UTF-8 file" in result.output


def test_import_new_packs_skips_known_ones(app, tmp_path, pack_data, fresh_session):
    _write(tmp_path, pack_data)
    (tmp_path / "second.json").write_text(dump_pack(dict(pack_data, id="second")), "utf-8")
    assert import_cli.import_new_packs(tmp_path) == ["lisvale", "second"]
    assert import_cli.import_new_packs(tmp_path) == []
    assert _pack_count(fresh_session) == 2


def test_spacy_model_falls_back_to_the_packaged_copy():
    assert resolve_spacy_model("json") == "json"  # any importable name is taken as is
    if resolve_spacy_model() != "en_core_web_sm":
        assert resolve_spacy_model() == FALLBACK_SPACY_MODEL
    with pytest.raises(LookupError, match="QUIRE_SPACY_MODEL"):
        resolve_spacy_model("no_such_model_xyz")


class FakeNlp:
    def __init__(self) -> None:
        self.meta = {"lang": "xx", "name": "fake", "version": "0.0"}


def _fake_generate(sources, nlp, *, progress=None):
    questions = []
    for source in sources:
        end = source.text.index(".") + 1
        questions.append(
            Question(
                id=f"{source.id}-1", fact="f", type="cloze", kind="date",
                prompt="____ happened.", answer="It",
                quote=Quote(source.id, 0, end, source.text[:end]),
                explanation="The first sentence says so.", difficulty=0.5, quality=0.5,
            )
        )  # fmt: skip
        if progress:
            progress(sum(len(s.text) for s in sources[: len(questions)]), 0)
    return pipeline.GenerationResult(
        questions, skipped_chars={"byline": 12}, facts_found=3, facts_dropped={"no_date": 1}
    )


def test_generate_with_stand_in_pipeline(runner, tmp_path, monkeypatch):
    monkeypatch.setattr(generate_cli, "load_spacy", lambda name: FakeNlp())
    monkeypatch.setattr(pipeline, "generate", _fake_generate)
    texts = tmp_path / "texts"
    texts.mkdir()
    (texts / "a.txt").write_bytes("First fact here.\r\nMore text é.".encode())
    (texts / "b.txt").write_text("Second one. Yes.", encoding="utf-8")
    listing = {
        "sources": [{"id": "alpha", "path": "texts/a.txt", "title": "Alpha", "author": "Ann"}]
    }
    (texts / "sources.json").write_text(json.dumps(listing), encoding="utf-8")
    out = tmp_path / "out" / "my-pack.json"

    result = runner.invoke(args=["generate", str(texts), "--out", str(out), "--title", "Mine"])
    assert result.exit_code == 0, result.output
    assert "Wrote 2 questions" in result.output
    assert "byline" in result.output and "no_date" in result.output
    data, texts_by_id = load_pack(out)
    assert validate_pack(data, source_texts=texts_by_id) == []
    assert data["id"] == "my-pack" and data["title"] == "Mine"
    assert [s["id"] for s in data["sources"]] == ["alpha", "b"]
    assert data["sources"][0]["author"] == "Ann"
    assert data["sources"][0]["text"] == "First fact here.\r\nMore text é."  # outside the repo
    assert data["generator"]["model"] == "xx_fake-0.0"
    # Same input, same bytes.
    first = out.read_bytes()
    assert (
        runner.invoke(args=["generate", str(texts), "--out", str(out), "--title", "Mine"]).exit_code
        == 0
    )
    assert out.read_bytes() == first


@pytest.mark.slow
def test_generate_with_spacy(runner, tmp_path):
    pytest.importorskip("spacy", reason="spaCy is not installed")
    text = (
        "The Harbour Compact was signed in Lisvale in 1902 by Mara Quell. "
        "In 1914 the Ostrov Accord replaced it, and the Lisvale Navy grew to 40 ships.\n"
    )
    (tmp_path / "lisvale.txt").write_text(text, encoding="utf-8")
    out = tmp_path / "pack.json"
    result = runner.invoke(args=["generate", str(tmp_path / "lisvale.txt"), "--out", str(out)])
    if isinstance(result.exception, NotImplementedError):
        pytest.skip("app.generation.pipeline.generate() is not written yet")
    assert result.exit_code == 0, result.output
    data, texts = load_pack(out)
    assert validate_pack(data, source_texts=texts) == []


def test_quire_run_logs_each_request_once(app, caplog):
    from werkzeug.serving import WSGIRequestHandler

    from app.cli import request_handler_for

    app.config["QUIRE_REQUEST_LOG"] = True
    handler = request_handler_for(app)
    assert issubclass(handler, WSGIRequestHandler)
    # Werkzeug's own "GET / 200" line would repeat the app's JSON line for every request.
    quiet = handler.__new__(handler)
    with caplog.at_level("INFO", logger="werkzeug"):
        quiet.log_request(200, 10)
    assert caplog.records == []
    app.config["QUIRE_REQUEST_LOG"] = False
    assert request_handler_for(app) is WSGIRequestHandler
