"""Import (preview, then all or nothing) and export in every format, on the web and the CLI."""

from __future__ import annotations

import io
import json
import zipfile

import pytest
from sqlalchemy import func, select

from app.extensions import db
from app.formats import FORMATS
from app.models import Pack, Question
from tests.authoring.conftest import FLEET, SIGNED, question_form
from tests.conftest import SOURCE_TEXT, make_pack

IMPORTABLE = [name for name, entry in FORMATS.items() if entry.read]
PROMPTS = {
    "multiple_choice": "In which year was the Velmar Charter signed?",
    "short_answer": "Who signed the Velmar Charter?",
    "true_false": "The Charter was signed at Orrin Bay.",
    "numeric": "How many ships did the fleet have by 1801?",
}


@pytest.fixture
def filled(as_owner, pack_id):
    """The owner's pack with one question of several types."""
    for qtype in PROMPTS:
        form = question_form(qtype, FLEET if qtype == "numeric" else SIGNED)
        assert (
            as_owner.post(f"/authoring/packs/{pack_id}/questions/new", data=form).status_code == 302
        )
    return as_owner


def _pack_count(fresh_session) -> int:
    with fresh_session() as session:
        return session.scalar(select(func.count(Pack.id)))


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_export_downloads_every_format(filled, pack_id, fmt):
    response = filled.get(f"/authoring/packs/{pack_id}/export/{fmt}")
    assert response.status_code == 200
    assert f'filename="velmar{FORMATS[fmt].extension}"' in response.headers["Content-Disposition"]
    body = response.data
    if fmt in ("qti", "apkg"):
        names = zipfile.ZipFile(io.BytesIO(body)).namelist()
        assert ("collection.anki2" in names) if fmt == "apkg" else ("imsmanifest.xml" in names)
    elif fmt == "json":
        assert len(json.loads(body)["questions"]) == len(PROMPTS)
    else:
        assert PROMPTS["short_answer"].encode() in body


@pytest.mark.parametrize("fmt", IMPORTABLE)
def test_web_round_trip_preview_then_confirm(filled, pack_id, fresh_session, fmt):
    exported = filled.get(f"/authoring/packs/{pack_id}/export/{fmt}").data
    name = f"round{FORMATS[fmt].extension}"
    preview = filled.post(
        "/authoring/import", data={"file": (io.BytesIO(exported), name), "fmt": fmt}
    )
    page = preview.get_data(as_text=True)
    assert "Import it as a new private pack" in page, page[:3000]
    assert _pack_count(fresh_session) == 1  # the preview stores no pack
    token = page.split('name="token" type="hidden" value="', 1)[1].split('"', 1)[0]
    done = filled.post("/authoring/import/confirm", data={"token": token})
    assert done.status_code == 302
    with fresh_session() as session:
        new = session.scalars(select(Pack).order_by(Pack.id.desc())).first()
        assert new.id != pack_id and new.visibility == "private" and new.owner_id is not None
        prompts = {q.prompt for q in new.questions}
    expected = {PROMPTS["short_answer"]} if fmt == "quizlet" else set(PROMPTS.values())
    assert expected <= prompts


def test_preview_lists_every_error_and_imports_nothing(filled, fresh_session):
    gift = b"::a:: Who? {=Ann ~Bob}\n\n::b:: Broken { =x \n\n::c:: Also broken {#oops}\n"
    page = filled.post("/authoring/import", data={"file": (io.BytesIO(gift), "bad.gift")}).get_data(
        as_text=True
    )
    assert "Nothing was imported" in page
    assert "bad.gift</code>: line" in page
    assert "Import it as a new private pack" not in page
    assert _pack_count(fresh_session) == 1


def test_loss_notes_are_shown(filled, pack_id):
    exported = filled.get(f"/authoring/packs/{pack_id}/export/gift").data
    page = filled.post(
        "/authoring/import", data={"file": (io.BytesIO(exported), "cards.gift")}
    ).get_data(as_text=True)
    assert "What this format could not carry" in page
    assert "GIFT has no kind or quote" in page


def test_zip_uploads_are_checked_then_refused(filled, pack_id, fresh_session):
    apkg = filled.get(f"/authoring/packs/{pack_id}/export/apkg").data
    page = filled.post(
        "/authoring/import", data={"file": (io.BytesIO(apkg), "deck.apkg")}
    ).get_data(as_text=True)
    assert "Import it as a new private pack" in page  # Anki packages are read now
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("a.xml", b" " * (20 * 1024 * 1024))
    page = filled.post(
        "/authoring/import", data={"file": (io.BytesIO(buffer.getvalue()), "quiz.zip")}
    ).get_data(as_text=True)
    assert "suspiciously well" in page
    assert _pack_count(fresh_session) == 1


def test_confirm_needs_the_owners_own_fresh_token(filled, pack_id, app, fresh_session):
    from tests.authoring.conftest import login

    exported = filled.get(f"/authoring/packs/{pack_id}/export/gift").data
    page = filled.post(
        "/authoring/import", data={"file": (io.BytesIO(exported), "x.gift")}
    ).get_data(as_text=True)
    token = page.split('name="token" type="hidden" value="', 1)[1].split('"', 1)[0]
    other = app.test_client()
    login(other, "other@example.org")
    response = other.post("/authoring/import/confirm", data={"token": token}, follow_redirects=True)
    assert "expired or was replaced" in response.get_data(as_text=True)
    assert _pack_count(fresh_session) == 1


@pytest.mark.parametrize("fmt", ["json", "gift", "moodle-xml", "csv", "tsv", "quizlet"])
def test_cli_export_then_import(filled, pack_id, runner, tmp_path, fresh_session, fmt):
    out = tmp_path / f"velmar-copy{FORMATS[fmt].extension}"
    result = runner.invoke(args=["export", "velmar", "--format", fmt, "--out", str(out)])
    assert result.exit_code == 0, result.output
    if fmt == "json":  # the same id: replace, or import under another id
        data = json.loads(out.read_text())
        data["id"] = "velmar-copy"
        out.write_text(json.dumps(data))
    dry = runner.invoke(args=["import", "--dry-run", str(out)])
    assert dry.exit_code == 0 and "OK, would import" in dry.output, dry.output
    assert _pack_count(fresh_session) == 1
    result = runner.invoke(args=["import", str(out)])
    assert result.exit_code == 0, result.output
    with fresh_session() as session:
        copy = session.scalar(select(Pack).where(Pack.slug == "velmar-copy"))
        assert copy is not None and copy.visibility == "public"
        count = session.scalar(select(func.count(Question.id)).where(Question.pack_id == copy.id))
    assert count == len(PROMPTS)


def test_cli_convert_and_errors(filled, runner, tmp_path):
    gift = tmp_path / "v.gift"
    assert (
        runner.invoke(args=["export", "velmar", "--format", "gift", "--out", str(gift)]).exit_code
        == 0
    )
    xml = tmp_path / "v.xml"
    result = runner.invoke(args=["convert", str(gift), "--to", "moodle-xml", "--out", str(xml)])
    assert result.exit_code == 0, result.output
    assert "<quiz>" in xml.read_text()
    bad = tmp_path / "bad.gift"
    bad.write_text("::q:: Broken {=x\n")
    result = runner.invoke(args=["convert", str(bad), "--to", "json", "--out", str(tmp_path / "o")])
    assert result.exit_code == 1 and "bad.gift: line" in result.output
    result = runner.invoke(args=["import", "--format", "gift", str(bad)])
    assert result.exit_code == 1 and "not imported" in result.output
    missing = runner.invoke(
        args=["export", "nope", "--format", "gift", "--out", str(tmp_path / "x")]
    )
    assert missing.exit_code != 0 and 'no pack "nope"' in missing.output


def test_export_by_reader_leaves_out_unreviewed(filled, app, pack_id):
    with app.app_context():
        question = db.session.scalars(select(Question).where(Question.pack_id == pack_id)).first()
        question.review_status = "pending"
        db.session.commit()
    filled.post(f"/authoring/packs/{pack_id}/sharing", data={"visibility": "public"})
    visitor = app.test_client()
    data = json.loads(visitor.get(f"/authoring/packs/{pack_id}/export/json").data)
    assert len(data["questions"]) == len(PROMPTS) - 1
    data = json.loads(filled.get(f"/authoring/packs/{pack_id}/export/json").data)
    assert len(data["questions"]) == len(PROMPTS)


def test_web_import_stores_marked_questions_pending(as_owner, app):
    data = make_pack()
    data["id"] = "marked"
    data["questions"][2]["review"] = "pending"
    upload = io.BytesIO(json.dumps(data).encode())
    page = as_owner.post("/authoring/import", data={"file": (upload, "marked.json")})
    text = page.get_data(as_text=True)
    token = text.split('name="token" type="hidden" value="', 1)[1].split('"', 1)[0]
    assert as_owner.post("/authoring/import/confirm", data={"token": token}).status_code == 302
    with app.app_context():
        pack = db.session.scalar(select(Pack).where(Pack.slug == "marked"))
        statuses = [q.review_status for q in sorted(pack.questions, key=lambda q: q.position)]
    assert statuses == ["approved", "approved", "pending"] + ["approved"] * (len(statuses) - 3)


def test_cli_converts_a_local_pack_whose_sources_are_files(runner, tmp_path):
    # A pack as `quire generate` writes it: sources by path, beside the pack's folder.
    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / "velmar.txt").write_bytes(SOURCE_TEXT.encode())
    pack = make_pack()
    for source in pack["sources"]:
        source.pop("text", None)
        source["path"] = "sources/velmar.txt"
    pack_file = tmp_path / "velmar.json"
    pack_file.write_text(json.dumps(pack))
    out = tmp_path / "velmar.gift"
    result = runner.invoke(args=["convert", str(pack_file), "--to", "gift", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "missing or unreadable" not in result.output
    assert "::" in out.read_text()


@pytest.mark.parametrize("order", ["easiest first", "random"])
def test_the_order_of_new_questions_survives_export_then_import(
    filled, pack_id, app, fresh_session, order
):
    with app.app_context():
        db.session.get(Pack, pack_id).new_order = order
        db.session.commit()
    exported = filled.get(f"/authoring/packs/{pack_id}/export/json").data
    assert json.loads(exported)["new_order"] == order
    page = filled.post(
        "/authoring/import", data={"file": (io.BytesIO(exported), "round.json")}
    ).get_data(as_text=True)
    token = page.split('name="token" type="hidden" value="', 1)[1].split('"', 1)[0]
    assert filled.post("/authoring/import/confirm", data={"token": token}).status_code == 302
    with fresh_session() as session:
        new = session.scalars(select(Pack).order_by(Pack.id.desc())).first()
        assert new.id != pack_id and new.new_order == order


def test_an_unknown_order_of_new_questions_is_named_and_nothing_imported(
    filled, pack_id, fresh_session
):
    data = json.loads(filled.get(f"/authoring/packs/{pack_id}/export/json").data)
    data["new_order"] = "hardest first"
    page = filled.post(
        "/authoring/import", data={"file": (io.BytesIO(json.dumps(data).encode()), "bad.json")}
    ).get_data(as_text=True)
    assert "Nothing was imported" in page and "Import it as a new private pack" not in page
    assert "new_order" in page
    for allowed in ("pack order", "easiest first", "random", "hardest first"):
        assert allowed in page
    assert _pack_count(fresh_session) == 1
