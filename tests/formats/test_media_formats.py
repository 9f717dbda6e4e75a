"""Media in the formats: Moodle XML <file>, Anki media, what each other format reports lost."""

from __future__ import annotations

import base64
import io
import zipfile
from html import escape
from pathlib import Path

import pytest

from app import media
from app.formats import FormatError, apkg, qti, read
from app.formats.moodle_xml_write import write_report
from app.sanitize import authored, clean_html

XML = Path(__file__).parents[1] / "fixtures" / "moodle-xml"
PNG = bytes.fromhex("89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489")
SVG = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(2)</script></svg>'


def _moodle(text: str, data: bytes, *, name: str = "pic.png", fmt: str = "html") -> str:
    encoded = base64.b64encode(data).decode()
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<quiz><question type="shortanswer"><name><text>Q</text></name>
<questiontext format="{fmt}"><text><![CDATA[{text}]]></text>
<file name="{name}" path="/" encoding="base64">{encoded}</file></questiontext>
<answer fraction="100"><text>yes</text></answer></question></quiz>"""


@pytest.mark.parametrize(
    ("data", "mime"),
    [
        (PNG, "image/png"),
        (b"\xff\xd8\xff\xe0\0\x10JFIF", "image/jpeg"),
        (b"GIF89a\x01\0\x01\0", "image/gif"),
        (b"RIFF\x10\0\0\0WEBPVP8 ", "image/webp"),
        (b"ID3\x03\0\0\0\0\0\0", "audio/mpeg"),
        (b"OggS\0\x02", "audio/ogg"),
        (b"RIFF\x10\0\0\0WAVEfmt ", "audio/wav"),
        (b"\0\0\0\x20ftypM4A \0\0\0\0", "audio/mp4"),
        (SVG, None),
        (b"<html><script>alert(1)</script>", None),
        (b"%PDF-1.7", None),
    ],
)
def test_types_are_told_by_content(data, mime):
    assert media.sniff(data) == mime


def test_an_image_in_a_plain_text_question_is_a_loss_note_naming_the_file():
    parsed = read(
        _moodle(
            'Look <img src="@@PLUGINFILE@@/pic.png" alt="a dot">', PNG, fmt="plain_text"
        ).encode(),
        filename="p.xml",
    )
    (question,) = parsed.pack["questions"]
    assert "media" not in question
    assert question["prompt"] == "Look [a dot]"
    notes = " ".join(str(n) for n in parsed.losses)
    assert "embedded file 'pic.png' not kept: a plain-text question holds no media" in notes


def test_html_named_png_and_svg_are_not_kept_and_say_why():
    parsed = read(
        _moodle(
            '<img src="@@PLUGINFILE@@/pic.png" alt="fake">', b"<!doctype html><script>x()</script>"
        ).encode(),
        filename="h.xml",
    )
    (question,) = parsed.pack["questions"]
    assert "media" not in question
    assert "<img" not in question["prompt"] and "[fake]" in question["prompt"]
    notes = " ".join(str(n) for n in parsed.losses)
    assert "embedded file 'pic.png': expected a PNG, JPEG, GIF or WebP image" in notes
    assert "got HTML or XML text: not kept" in notes

    parsed = read(
        _moodle('<img src="@@PLUGINFILE@@/s.svg" alt="logo">', SVG, name="s.svg").encode(),
        filename="s.xml",
    )
    assert "SVG can carry script" in " ".join(str(n) for n in parsed.losses)
    assert "<svg" not in str(parsed.pack["questions"][0])


def test_bad_base64_refuses_the_file_naming_the_question():
    text = _moodle("x", PNG).replace(base64.b64encode(PNG).decode(), "!!not base64!!")
    with pytest.raises(FormatError) as caught:
        read(text.encode(), filename="b.xml")
    assert "file 'pic.png': expected base64 data" in str(caught.value)
    assert caught.value.location.startswith("question 1")


def test_moodle_round_trip_writes_each_file_beside_the_text_that_shows_it():
    parsed = read((XML / "multichoice.xml").read_bytes(), filename="multichoice.xml")
    output, losses = write_report(parsed.pack)
    assert "not kept" not in " ".join(str(n) for n in losses)
    again = read(output.encode(), filename="again.xml").pack["questions"][0]
    assert sorted(again["media"], key=lambda m: m["name"]) == sorted(
        parsed.pack["questions"][0]["media"], key=lambda m: m["name"]
    )
    # Moodle resolves @@PLUGINFILE@@ per text: the flag goes in its own <answer>.
    answer_start = output.index('alt="British Flag"')
    assert output.index('<file name="flag-uk.jpg"', answer_start) < output.index(
        "</answer>", answer_start
    )


def test_sanitiser_keeps_only_stored_files():
    html = (
        '<img src="@@PLUGINFILE@@/a.png" alt="A" onerror="x()" width="10">'
        '<img src="https://tracker.example/p.gif"><img src="data:image/png;base64,AAAA">'
        '<img src="/media/3/b.png"><audio controls src="@@PLUGINFILE@@/s.mp3"></audio>'
        '<audio controls src="//evil.example/s.mp3">fallback</audio><img src="javascript:x()">'
    )
    cleaned = clean_html(html)
    assert cleaned == (
        '<img src="@@PLUGINFILE@@/a.png" alt="A" width="10"><img src="/media/3/b.png">'
        '<audio controls="" src="@@PLUGINFILE@@/s.mp3"></audio>'
    )
    shown = str(authored(html, "html", 7))
    assert '<img src="/media/7/a.png" alt="A" width="10">' in shown
    assert '<audio controls="" src="/media/7/s.mp3">' in shown
    # Plain text stays escaped, whatever it holds.
    assert "&lt;img" in str(authored(html, None, 7))


def test_a_file_name_with_spaces_is_one_url():
    assert media.to_urls('<img src="@@PLUGINFILE@@/my%20map.png">', 4) == (
        '<img src="/media/4/my%20map.png">'
    )
    assert media.referenced(['<img src="@@PLUGINFILE@@/my%20map.png">']) == ["my map.png"]


def test_anki_package_made_by_anki_keeps_image_and_sound(tmp_path):
    collection = pytest.importorskip("anki.collection")
    col = collection.Collection(str(tmp_path / "maker.anki2"))
    try:
        note = col.new_note(col.models.by_name("Basic"))
        note["Front"] = 'Which flag? <img src="flag.png"> [sound:hello.mp3] <img src="x.svg">'
        note["Back"] = "France"
        col.add_note(note, col.decks.id("Default"))
        col.media.write_data("flag.png", PNG)
        col.media.write_data("hello.mp3", b"ID3\x03\0\0\0\0\0\0")
        col.media.write_data("x.svg", SVG)
        out = tmp_path / "made.apkg"
        options = collection.ExportAnkiPackageOptions(with_media=True, legacy=False)
        col.export_anki_package(out_path=str(out), options=options, limit=None)
    finally:
        col.close()
    parsed = read(out.read_bytes(), filename="made.apkg")
    (question,) = parsed.pack["questions"]
    assert {m["name"]: m["mime"] for m in question["media"]} == {
        "flag.png": "image/png",
        "hello.mp3": "audio/mpeg",
    }
    assert '<img src="@@PLUGINFILE@@/flag.png">' in question["prompt"]
    assert '<audio controls="" src="@@PLUGINFILE@@/hello.mp3"></audio>' in question["prompt"]
    assert "[x.svg]" in question["prompt"]
    assert "SVG can carry script" in " ".join(str(n) for n in parsed.losses)

    # Quire's export puts the files back in the deck's media, opened by anki as such.
    path = tmp_path / "back.apkg"
    path.write_bytes(apkg.write(parsed.pack, now=1_700_000_000))
    col = collection.Collection(str(tmp_path / "user.anki2"))
    try:
        col.import_anki_package(collection.ImportAnkiPackageRequest(package_path=str(path)))
        (nid,) = col.find_notes("")
        front = col.get_note(nid)["Prompt"]
        folder = Path(col.media.dir())
        assert (folder / "flag.png").read_bytes() == PNG
        assert (folder / "hello.mp3").read_bytes().startswith(b"ID3")
    finally:
        col.close()
    assert '<img src="flag.png">' in front and "[sound:hello.mp3]" in front


@pytest.mark.parametrize("fmt", ["gift", "csv", "quizlet", "qti"])
def test_formats_without_files_name_each_and_leave_no_dead_link(fmt):
    from app.formats import FORMATS

    parsed = read((XML / "multichoice.xml").read_bytes(), filename="multichoice.xml")
    output, losses = FORMATS[fmt].write_report(parsed.pack)
    if isinstance(output, bytes):
        with zipfile.ZipFile(io.BytesIO(output)) as archive:
            output = "".join(archive.read(n).decode() for n in archive.namelist())
    notes = " ".join(str(n) for n in losses)
    for name in ("bonjour.mp3", "flag-uk.jpg", "flag-denmark.jpg"):
        assert f"media file '{name}' not kept" in notes, (fmt, name)
    assert "@@PLUGINFILE@@" not in output
    if fmt != "quizlet":  # cards hold prompt and answer only
        assert "[British Flag]" in output


def test_qti_import_names_the_images_it_cannot_keep():
    parsed = read((XML / "multichoice.xml").read_bytes(), filename="multichoice.xml")
    question = parsed.pack["questions"][0]
    question["prompt"] = "<p>MAPHERE Where?</p>"
    del question["media"]
    # Canvas refers to its files as $IMS-CC-FILEBASE$/...; Quire's writer would never write one.
    image = '<img src="%24IMS-CC-FILEBASE%24/Uploaded%20Media/map.png" alt="Map">'
    buffer = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(qti.write_report(parsed.pack)[0])) as source,
        zipfile.ZipFile(buffer, "w") as target,
    ):
        for name in source.namelist():
            data = source.read(name).replace(b"MAPHERE", escape(image).encode())
            target.writestr(name, data)
    back = read(buffer.getvalue(), filename="q.zip")
    notes = " ".join(str(n) for n in back.losses)
    assert "image 'map.png' not kept: files of QTI packages are not read" in notes
    assert "[Map] Where?" in back.pack["questions"][0]["prompt"]


def test_without_a_question_to_serve_from_an_image_shows_its_alt_text():
    html = (
        '<p><img src="@@PLUGINFILE@@/a.png" alt="A map"> '
        '<audio controls src="@@PLUGINFILE@@/s.mp3"></audio></p>'
    )
    assert str(authored(html, "html")) == "<p>[A map] </p>"
