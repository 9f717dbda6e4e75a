"""`quire generate` reads every kind of file the upload reads, through the same extraction."""

from __future__ import annotations

import io
import json

import pytest
from docx import Document

import app.generate_cli as generate_cli
from app.generation import genres, pipeline
from app.generation.types import Question, Quote
from app.packs.format import load_pack, validate_pack
from tests.authoring.test_uploads import PAGE, PROSE, minimal_pdf


class FakeNlp:
    meta = {"lang": "xx", "name": "fake", "version": "0.0"}  # noqa: RUF012


def _first_sentence_questions(sources, nlp, *, progress=None):
    questions = []
    for source in sources:
        end = source.text.index(".") + 1
        quote = Quote(source.id, 0, end, source.text[:end])
        questions.append(
            Question(
                id=f"{source.id}-1", fact="f", type="cloze", kind="date", prompt="____ it.",
                answer="It", quote=quote, explanation="So.", difficulty=0.5, quality=0.5,
            )
        )  # fmt: skip
    return pipeline.GenerationResult(questions)


@pytest.fixture
def fake_pipeline(monkeypatch):
    monkeypatch.setattr(generate_cli, "load_spacy", lambda name: FakeNlp())
    monkeypatch.setattr(pipeline, "generate", _first_sentence_questions)


def _docx(title: str, text: str) -> bytes:
    document = Document()
    document.add_paragraph(title, style="Title")
    document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_a_folder_gives_every_supported_file_as_prose(runner, tmp_path, fake_pipeline):
    folder = tmp_path / "texts"
    folder.mkdir()
    (folder / "a.txt").write_text(PROSE, encoding="utf-8")
    (folder / "b.md").write_text(f"# Guild notes\n\n**{PROSE}**\n", encoding="utf-8")
    dated = '<head><meta property="article:published_time" content="2019-11-19T08:00Z">'
    (folder / "c.html").write_text(PAGE.replace("<head>", dated), encoding="utf-8")
    (folder / "d.pdf").write_bytes(minimal_pdf([PROSE]))
    (folder / "e.docx").write_bytes(_docx("The Guild in Word", PROSE))
    (folder / "f.csv").write_text("not,a,text\n", encoding="utf-8")
    listing = {"sources": [{"id": "a", "path": "a.txt", "title": "Listed title"}]}
    (folder / "sources.json").write_text(json.dumps(listing), encoding="utf-8")
    out = tmp_path / "pack.json"

    result = runner.invoke(args=["generate", str(folder), "--out", str(out)])
    assert result.exit_code == 0, result.output
    data, texts = load_pack(out)
    assert validate_pack(data, source_texts=texts) == []
    titles = {source["id"]: source["title"] for source in data["sources"]}
    assert titles == {
        "a": "Listed title",  # sources.json first
        "b": "Guild notes",
        "c": "The Mirewick Guild",  # the page's own title, not "c"
        "d": "d",  # a PDF without a title of its own: the file name
        "e": "The Guild in Word",
    }
    # The page's own date, as the upload stores it; the other files give none.
    dates = {source["id"]: source.get("published") for source in data["sources"]}
    assert dates == {"a": None, "b": None, "c": "2019-11-19", "d": None, "e": None}
    for source_id, text in texts.items():
        assert PROSE in text, source_id
        assert "<" not in text and "**" not in text and "#" not in text
    assert "Subscribe" not in texts["c"]


def test_an_unsupported_file_is_refused_by_name(runner, tmp_path, fake_pipeline):
    path = tmp_path / "table.csv"
    path.write_text("a,b\n", encoding="utf-8")
    result = runner.invoke(args=["generate", str(path), "--out", str(tmp_path / "p.json")])
    assert result.exit_code != 0
    assert "table.csv" in result.output and "not a supported file" in result.output
    assert not (tmp_path / "p.json").exists()


def test_a_broken_pdf_is_refused_by_name_and_nothing_is_written(runner, tmp_path, fake_pipeline):
    (tmp_path / "good.txt").write_text(PROSE, encoding="utf-8")
    (tmp_path / "broken.pdf").write_bytes(b"%PDF-1.4 then nothing")
    result = runner.invoke(args=["generate", str(tmp_path), "--out", str(tmp_path / "p.json")])
    assert result.exit_code != 0
    assert "broken.pdf" in result.output and "could not be read" in result.output
    assert "UnicodeDecodeError" not in result.output
    assert not (tmp_path / "p.json").exists()


def test_a_book_in_iso_8859_1_is_read_as_windows_1252_with_a_note(runner, tmp_path, fake_pipeline):
    from tests.extraction.test_files import MACDOWELL

    data = MACDOWELL.read_bytes()
    (tmp_path / "essays.txt").write_bytes(data)
    out = tmp_path / "pack.json"
    result = runner.invoke(args=["generate", str(tmp_path / "essays.txt"), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "essays.txt: It is not UTF-8 text, so it was read as Windows-1252" in result.output
    pack, texts = load_pack(out)
    assert validate_pack(pack, source_texts=texts) == []
    # The decoded text travels in the pack; the quote's offsets point into it.
    assert texts["essays"] == data.decode("latin-1")
    [question] = pack["questions"]
    quote = question["quote"]
    assert texts["essays"][quote["start"] : quote["end"]] == quote["text"]


def test_the_summary_names_a_text_whose_genre_holds_its_questions_for_review(
    runner, tmp_path, monkeypatch
):
    def with_genres(sources, nlp, *, progress=None):
        result = _first_sentence_questions(sources, nlp)
        result.genres = {source.id: genres.genre(source.text) for source in sources}
        return result

    monkeypatch.setattr(generate_cli, "load_spacy", lambda name: FakeNlp())
    monkeypatch.setattr(pipeline, "generate", with_genres)
    book = "CHAPTER I\n\nThe guild met in the year 1820 to elect its master. " * 8
    (tmp_path / "book.txt").write_text(book, encoding="utf-8")
    (tmp_path / "guild.txt").write_text(PROSE, encoding="utf-8")
    result = runner.invoke(args=["generate", str(tmp_path), "--out", str(tmp_path / "p.json")])
    assert result.exit_code == 0, result.output
    assert "“book” reads as a book" in result.output
    assert "1 kept" in result.output and "--review-pool" in result.output
    assert "guild" not in result.output.split("Wrote")[1].split("Questions by kind")[0]
