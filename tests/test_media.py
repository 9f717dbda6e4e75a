"""Question media: stored with imported questions, served to their readers only, exported back."""

from __future__ import annotations

import base64
import copy
import json
import re
from pathlib import Path

import pytest
from sqlalchemy import select

from app import create_app, media
from app.extensions import db
from app.formats import FORMATS, read
from app.models import Pack, Question, QuestionMedia
from app.packs.errors import PackValidationError
from app.packs.importer import import_pack
from tests.classroom.conftest import login
from tests.conftest import app_settings, make_pack

# Some of its apps take databases through app_settings: the PostgreSQL run runs it too.
pytestmark = pytest.mark.database

XML = Path(__file__).parent / "fixtures" / "moodle-xml"
PNG = bytes.fromhex("89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489")


def _import_moodle(app, name: str, owner: int | None, visibility: str = "private") -> Pack:
    parsed = read((XML / name).read_bytes(), filename=name)
    with app.app_context():
        pack = import_pack(parsed.pack, {}, filename=name, owner_id=owner, visibility=visibility)
        return pack.id


def _question_id(app, pack_id: int) -> int:
    with app.app_context():
        return db.session.scalar(
            select(Question.id).where(Question.pack_id == pack_id).order_by(Question.position)
        )


@pytest.fixture
def people(app, make_user):
    """Clients of the pack's owner, another instructor, a learner, and a visitor."""
    owner = make_user("teacher@example.org", role="instructor")
    make_user("other@example.org", role="instructor")
    make_user("learner@example.org")
    clients = {}
    for who, email in (("owner", "teacher@example.org"), ("other", "other@example.org")):
        clients[who] = app.test_client()
        login(clients[who], email)
    clients["learner"] = app.test_client()
    login(clients["learner"], "learner@example.org")
    clients["visitor"] = app.test_client()
    return owner, clients


def test_moodle_images_are_served_to_readers_and_hidden_from_others(app, people):
    owner, clients = people
    pack_id = _import_moodle(app, "multichoice.xml", owner)
    question_id = _question_id(app, pack_id)
    original = re.search(
        rb'<file name="flag-uk.jpg" encoding="base64">([^<]+)</file>',
        (XML / "multichoice.xml").read_bytes(),
    )
    expected = base64.b64decode(original.group(1))

    url = f"/media/{question_id}/flag-uk.jpg"
    response = clients["owner"].get(url)
    assert response.status_code == 200
    assert response.data == expected
    assert response.headers["Content-Type"] == "image/jpeg"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Content-Disposition"] == "inline"
    assert response.headers["Cache-Control"] == "private, max-age=3600"
    assert "sandbox" in response.headers["Content-Security-Policy"]
    etag = response.headers["ETag"]
    assert clients["owner"].get(url, headers={"If-None-Match": etag}).status_code == 304
    audio = clients["owner"].get(f"/media/{question_id}/bonjour.mp3")
    assert audio.status_code == 200 and audio.headers["Content-Type"] == "audio/mpeg"

    # The private pack's file is no one else's, and the answer does not say it exists.
    for who in ("other", "learner", "visitor"):
        assert clients[who].get(url).status_code == 404, who
    assert clients["owner"].get(f"/media/{question_id}/nothing.jpg").status_code == 404

    # The owner's pack page shows the images and the player from their served URLs.
    page = clients["owner"].get(f"/authoring/packs/{pack_id}").text
    assert f'<img src="/media/{question_id}/flag-uk.jpg" alt="British Flag"' in page
    assert f'<audio controls="" src="/media/{question_id}/bonjour.mp3">' in page
    assert 'src="@@PLUGINFILE@@' not in page  # (the quote shows the file, escaped)
    csp = clients["owner"].get(f"/authoring/packs/{pack_id}").headers["Content-Security-Policy"]
    assert "img-src 'self'" in csp and "media-src 'self'" in csp

    # Made public, anyone may read the question, so its files too; in the trash, no one.
    with app.app_context():
        db.session.get(Pack, pack_id).visibility = "public"
        db.session.commit()
    assert clients["visitor"].get(url).status_code == 200
    with app.app_context():
        db.session.get(Question, question_id).review_status = "rejected"
        db.session.commit()
    assert clients["visitor"].get(url).status_code == 404
    assert clients["owner"].get(url).status_code == 200
    with app.app_context():
        db.session.get(Question, question_id).deleted_at = db.func.now()
        db.session.commit()
    assert clients["owner"].get(url).status_code == 404


def test_a_learner_sees_the_image_in_the_bank(app, people):
    _, clients = people
    pack_id = _import_moodle(app, "truefalse.xml", None, visibility="public")
    question_id = _question_id(app, pack_id)
    page = clients["learner"].get("/bank").text
    assert f'src="/media/{question_id}/logo.jpg"' in page
    assert clients["learner"].get(f"/media/{question_id}/logo.jpg").status_code == 200


def test_moodle_round_trip_keeps_the_file_bytes(app, people):
    owner, clients = people
    pack_id = _import_moodle(app, "truefalse.xml", owner)
    exported = clients["owner"].get(f"/authoring/packs/{pack_id}/export/moodle-xml")
    assert exported.status_code == 200
    text = exported.data.decode()

    def files(xml: str) -> dict[str, bytes]:
        found = re.findall(r'<file name="([^"]+)"[^>]*encoding="base64">([^<]+)</file>', xml)
        return {name: base64.b64decode("".join(data.split())) for name, data in found}

    source = (XML / "truefalse.xml").read_text()
    assert files(text) == files(source)
    assert files(text)  # logo, infos, thumbs
    assert "@@PLUGINFILE@@/logo.jpg" in text
    # Read back, the files are the same bytes and the same names.
    again = read(text.encode(), filename="again.xml").pack["questions"][0]["media"]
    with app.app_context():
        stored = db.session.scalars(
            select(QuestionMedia).where(QuestionMedia.question_id == _question_id(app, pack_id))
        ).all()
        assert {m.name: m.data for m in stored} == {
            m["name"]: base64.b64decode(m["data"]) for m in again
        }
        assert all(m.sha256 == media.sha256(m.data) for m in stored)


def test_pack_json_export_and_import_carry_media(app, people):
    owner, clients = people
    pack_id = _import_moodle(app, "multichoice.xml", owner)
    exported = clients["owner"].get(f"/authoring/packs/{pack_id}/export/json")
    assert exported.status_code == 200
    parsed = read(exported.data, filename="pack.json")
    (question,) = parsed.pack["questions"]
    assert {m["name"] for m in question["media"]} >= {"bonjour.mp3", "flag-uk.jpg"}
    # Other formats name each file they cannot carry.
    for fmt in ("gift", "csv", "quizlet", "qti"):
        _, losses = FORMATS[fmt].write_report(parsed.pack)
        notes = " ".join(str(n) for n in losses)
        assert "media file 'flag-uk.jpg' not kept" in notes, fmt
        assert "media file 'bonjour.mp3' not kept" in notes, fmt


def _pack_with(items: list[dict]) -> dict:
    data = copy.deepcopy(make_pack())
    question = data["questions"][0]
    question["text_format"] = "html"
    question["prompt"] = (
        f'<img src="@@PLUGINFILE@@/{items[0]["name"]}" alt="x"> {question["prompt"]}'
    )
    question["media"] = items
    return data


def _refused(app, items: list[dict]) -> str:
    with app.app_context():
        with pytest.raises(PackValidationError) as caught:
            import_pack(_pack_with(items), {}, filename="hostile.json")
        assert db.session.scalar(select(QuestionMedia.id)) is None  # all or nothing
    return "\n".join(str(error) for error in caught.value.errors)


def test_hostile_media_is_refused_with_a_clear_message(app):
    html = b"<!DOCTYPE html><script>alert(1)</script>"
    message = _refused(app, [media.entry("fake.png", html, "image/png")])
    assert "questions[0].media[0]" in message and "'fake.png'" in message
    assert "got HTML or XML text" in message

    svg = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    message = _refused(app, [media.entry("logo.svg", svg, "image/png")])
    assert "SVG can carry script" in message

    # A real PNG that says it is a GIF: the content decides, so the pack is wrong.
    message = _refused(app, [media.entry("dot.gif", PNG, "image/gif")])
    assert "expected its content's type image/png, got image/gif" in message

    message = _refused(app, [{"name": "x.png", "mime": "image/png", "data": "not base64!"}])
    assert "expected base64 data" in message


def test_oversized_media_is_refused_naming_the_limit(tmp_path):
    small = create_app(
        app_settings(tmp_path, QUIRE_MEDIA_MAX_FILE_BYTES=64, QUIRE_MEDIA_MAX_QUESTION_BYTES=100)
    )
    with small.app_context():
        db.create_all()
    big = PNG + b"\0" * 100
    message = _refused(small, [media.entry("big.png", big, "image/png")])
    assert f"'big.png': {len(big)} bytes, over the limit of 64 bytes per file" in message
    assert "QUIRE_MEDIA_MAX_FILE_BYTES" in message
    files = [media.entry(f"p{n}.png", PNG + b"\0" * 20, "image/png") for n in range(3)]
    message = _refused(small, files)
    assert "over the limit of 100 bytes per question (QUIRE_MEDIA_MAX_QUESTION_BYTES)" in message
    with small.app_context():
        db.session.remove()
        db.engine.dispose()


def test_a_stored_file_cannot_be_served_as_html(app, people):
    """Even a row written behind the importer's back is sent with nosniff and a sandbox."""
    owner, clients = people
    pack_id = _import_moodle(app, "multichoice.xml", owner)
    question_id = _question_id(app, pack_id)
    response = clients["owner"].get(f"/media/{question_id}/flag-uk.jpg")
    assert response.headers["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert not response.headers["Content-Type"].startswith("text/")


def test_an_anki_package_image_is_stored_and_served(app, people, tmp_path):
    collection = pytest.importorskip("anki.collection")
    owner, clients = people
    col = collection.Collection(str(tmp_path / "maker.anki2"))
    try:
        note = col.new_note(col.models.by_name("Basic"))
        note["Front"], note["Back"] = 'Whose flag? <img src="flag one.png">', "Nobody's"
        col.add_note(note, col.decks.id("Default"))
        col.media.write_data("flag one.png", PNG)
        out = tmp_path / "made.apkg"
        options = collection.ExportAnkiPackageOptions(with_media=True, legacy=False)
        col.export_anki_package(out_path=str(out), options=options, limit=None)
    finally:
        col.close()
    parsed = read(out.read_bytes(), filename="made.apkg")
    with app.app_context():
        pack = import_pack(
            parsed.pack, {}, filename="made.apkg", owner_id=owner, visibility="private"
        )
        pack_id = pack.id
    question_id = _question_id(app, pack_id)
    served = clients["owner"].get(f"/media/{question_id}/flag%20one.png")
    assert served.status_code == 200 and served.data == PNG
    assert served.headers["Content-Type"] == "image/png"
    assert clients["other"].get(f"/media/{question_id}/flag%20one.png").status_code == 404
    page = clients["owner"].get(f"/authoring/packs/{pack_id}").text
    assert f'<img src="/media/{question_id}/flag%20one.png">' in page


def test_a_class_player_sees_the_files_of_a_question_asked_from_a_private_pack(app, people):
    from app.classroom.quizzes import create_quiz
    from app.models import User
    from tests.classroom.conftest import control, join, session_row, start

    owner, clients = people
    pack_id = _import_moodle(app, "multichoice.xml", owner)
    question_id = _question_id(app, pack_id)
    with app.app_context():
        teacher = db.session.get(User, owner)
        quiz_id = create_quiz(teacher, "Flags", [db.session.get(Question, question_id)], 30).id
    session_id = start(clients["owner"], quiz_id)
    url = f"/media/{question_id}/flag-uk.jpg"
    student, _ = join(app, session_row(app, session_id).join_code, "Kim")
    # Not yet asked: the question is the teacher's private pack's, so nothing to see.
    assert student.get(url).status_code == 404
    control(clients["owner"], session_id, "next", app)
    assert student.get(url).status_code == 200
    # Another browser, and the same browser once removed from the class, see nothing.
    assert clients["visitor"].get(url).status_code == 404
    with app.app_context():
        from app.classroom_models import Player

        player = db.session.scalar(select(Player).where(Player.session_id == session_id))
        player.removed_at = db.func.now()
        db.session.commit()
    assert student.get(url).status_code == 404


def test_a_share_link_reader_sees_the_files_of_the_questions_it_shows(app, people):
    owner, clients = people
    pack_id = _import_moodle(app, "multichoice.xml", owner)
    question_id = _question_id(app, pack_id)
    # A question of another private pack of the owner's, with files of its own.
    other_question = _question_id(app, _import_moodle(app, "truefalse.xml", owner))
    with app.app_context():
        db.session.get(Question, question_id).review_status = "approved"
        db.session.commit()
    clients["owner"].post(f"/authoring/packs/{pack_id}/sharing", data={"visibility": "link"})
    with app.app_context():
        token = db.session.get(Pack, pack_id).share_token
    reader = clients["visitor"]
    page = reader.get(f"/authoring/shared/{token}").text
    url = f"/authoring/shared/{token}/media/{question_id}/flag-uk.jpg"
    assert f'<img src="{url}" alt="British Flag"' in page
    response = reader.get(url)
    assert response.status_code == 200 and response.headers["Content-Type"] == "image/jpeg"
    assert "sandbox" in response.headers["Content-Security-Policy"]
    # /media itself stays for the pack's readers; the link serves only the questions it shows.
    assert reader.get(f"/media/{question_id}/flag-uk.jpg").status_code == 404
    base = f"/authoring/shared/{token}/media"
    assert clients["owner"].get(f"/media/{other_question}/logo.jpg").status_code == 200
    assert reader.get(f"{base}/{other_question}/logo.jpg").status_code == 404
    assert reader.get(f"{base}/{question_id}/nothing.jpg").status_code == 404
    with app.app_context():
        db.session.get(Question, question_id).review_status = "rejected"
        db.session.commit()
    assert reader.get(url).status_code == 404
    with app.app_context():
        db.session.get(Question, question_id).review_status = "approved"
        db.session.commit()
    # Revoked: the link and its files are gone together.
    clients["owner"].post(f"/authoring/packs/{pack_id}/sharing", data={"visibility": "private"})
    assert reader.get(url).status_code == 404


def test_the_api_gives_file_urls_not_moodle_placeholders(app, people):
    owner, clients = people
    pack_id = _import_moodle(app, "multichoice.xml", owner, visibility="public")
    question_id = _question_id(app, pack_id)
    reader = clients["learner"]
    one = reader.get(f"/api/v1/questions/{question_id}").get_json()
    listed = reader.get(f"/api/v1/packs/{pack_id}").get_json()["questions"]["items"]
    for body in (one, next(q for q in listed if q["id"] == question_id)):
        # (The quote is the imported file's own text, verbatim, so it keeps what it says.)
        text = json.dumps({key: value for key, value in body.items() if key != "quote"})
        assert "@@PLUGINFILE@@" not in text
        url = f"http://localhost/media/{question_id}/flag-uk.jpg"
        assert f'src="{url}"' in body["prompt"] + "".join(body["choices"])
        # The URL works for the same reader.
        assert reader.get(url).status_code == 200
