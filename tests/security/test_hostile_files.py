"""Hostile files, imported and uploaded: each refused with a message (or handled), quickly, with
nothing stored. (The .docx whose zip headers lie about its size is the extraction work's.)"""

from __future__ import annotations

import io
import time
import zipfile

import pytest
from sqlalchemy import func, select

from app.authoring_models import StagedImport
from app.extensions import db
from app.models import Pack, Source

XXE = b"""<?xml version="1.0"?>
<!DOCTYPE quiz [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<quiz><question type="shortanswer"><name><text>&xxe;</text></name>
<questiontext format="html"><text>&xxe;</text></questiontext>
<answer fraction="100"><text>a</text></answer></question></quiz>"""
LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
<!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">]>
<quiz><question type="shortanswer"><questiontext><text>&lol4;</text></questiontext>
<answer fraction="100"><text>a</text></answer></question></quiz>"""


def _zip_bomb(inner: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(inner, b"0" * (60 * 1024 * 1024))
    return buffer.getvalue()


def _traversal_zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("../../../../tmp/quire-escaped.txt", b"escaped")
        archive.writestr("word/document.xml", b"<w:document/>")
    return buffer.getvalue()


IMPORTS = {
    "xxe.xml": XXE,
    "laughs.xml": LAUGHS,
    "bomb.zip": _zip_bomb("imsmanifest.xml"),
    "traversal.zip": _traversal_zip(),
    "binary.gift": bytes(range(256)) * 40,
    "../../etc/passwd.gift": b"::a:: Who? {=Ann ~Bob}\n::b:: Broken {",
    "empty.csv": b"",
    "nested.json": b"[" * 100_000 + b"]" * 100_000,
}
UPLOADS = {
    "bomb.docx": _zip_bomb("word/document.xml"),
    "traversal.docx": _traversal_zip(),
    "broken.pdf": b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >> garbage",
    # Neither UTF-8 nor Windows-1252 (which leaves 0x81, 0x8d, 0x8f, 0x90 and 0x9d undefined);
    # a Latin-1 text is read as Windows-1252 (tests/extraction/test_files.py).
    "undecodable.txt": b"Caf\x81 owners signed it in 1902.\x8d\x90",
    "x.exe": b"MZ\x90\x00",
    "../../../etc/cron.d/evil.txt": b"",
}


def _counts(app) -> tuple[int, int, int]:
    with app.app_context():
        return (
            db.session.scalar(select(func.count(Pack.id))),
            db.session.scalar(select(func.count(Source.id))),
            db.session.scalar(select(func.count(StagedImport.id))),
        )


@pytest.mark.parametrize("name", sorted(IMPORTS))
def test_a_hostile_import_is_refused_clearly(app, people, name):
    before = _counts(app)
    started = time.monotonic()
    response = people["clients"]["owner"].post(
        "/authoring/import", data={"file": (io.BytesIO(IMPORTS[name]), name)}
    )
    seconds = time.monotonic() - started
    page = response.get_data(as_text=True)
    assert response.status_code in (200, 400, 413), response.status_code
    assert 'class="errors"' in page or "error" in page.lower()
    assert "root:x:0" not in page
    assert seconds < 10, seconds
    assert _counts(app) == before


def test_a_gift_file_in_an_old_encoding_is_read_with_a_note_not_stored(app, people):
    # Moodle reads older GIFT files as Windows-1252 when told; Quire does so and says it did.
    before = _counts(app)
    data = "::a:: Café? {=Oui ~Non}\n".encode("latin-1")
    response = people["clients"]["owner"].post(
        "/authoring/import", data={"file": (io.BytesIO(data), "latin1.gift")}
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Café?" in page and "read as Windows-1252" in page
    packs, sources, _staged = _counts(app)
    assert (packs, sources) == before[:2]  # a preview only: nothing imported yet


@pytest.mark.parametrize("name", sorted(UPLOADS))
def test_a_hostile_upload_is_refused_clearly(app, people, name):
    before = _counts(app)
    response = people["clients"]["owner"].post(
        f"/authoring/packs/{people['pack_id']}/upload",
        data={"file": (io.BytesIO(UPLOADS[name]), name), "title": "", "generate": ""},
    )
    # Refused at once (type, size), or, once the worker reads the file, its job fails and
    # says why on the job page; either way no source is stored.
    if response.status_code == 302:
        page = people["clients"]["owner"].get(response.headers["Location"])
        assert "Failed:" in page.get_data(as_text=True)
    else:
        assert response.status_code in (200, 400, 413), response.status_code
        assert 'id="file-error"' in response.get_data(as_text=True)
    assert _counts(app) == before
