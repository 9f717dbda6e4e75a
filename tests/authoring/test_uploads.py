"""Uploading texts: each file type, exact storage, size and zip limits, clear refusals."""

from __future__ import annotations

import io
import zipfile
import zlib

import pytest
from docx import Document
from sqlalchemy import select

from app.authoring_models import Job
from app.extraction.archives import ZipLimits, check_zip
from app.extraction.errors import ExtractError
from app.extraction.files import extract
from app.models import Pack, Question, Source

PROSE = "Ada Lorn founded the Mirewick Guild in 1911. The guild had 300 members by 1920."


def minimal_pdf(lines: list[str]) -> bytes:
    """A valid one-page PDF showing `lines` in Helvetica, with a correct xref table."""
    text = " ".join(f"({line}) Tj 0 -16 Td" for line in lines)
    return one_page_pdf(f"BT /F1 12 Tf 72 720 Td {text} ET".encode())


def one_page_pdf(content: bytes, *, flate: bool = False) -> bytes:
    """A one-page PDF whose page content stream is `content` (FlateDecode-compressed if asked)."""
    stream = zlib.compress(content, 9) if flate else content
    length = b"<< /Length %d /Filter /FlateDecode >>" if flate else b"<< /Length %d >>"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        length % len(stream) + b"\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def minimal_docx(paragraphs: list[str]) -> bytes:
    """A Word file written with python-docx."""
    document = Document()
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


PAGE = f"""<!doctype html><html><head><title>Guild news</title></head><body>
<nav><a href="/">Home</a> <a href="/about">About us</a> <a href="/shop">Shop</a></nav>
<header><p>Subscribe to our newsletter for weekly updates!</p></header>
<article><h1>The Mirewick Guild</h1>
<p>{PROSE}</p>
<p>Its charter was written by Ada Lorn and two carpenters from the harbour district, and the
guild hall was built on the old market square in the spring of 1913.</p>
</article>
<footer><p>Copyright 2024 Example Media. All rights reserved. Cookie settings.</p></footer>
</body></html>"""


def extract_text(data: bytes, name: str) -> str:
    return extract(data, name).text


def test_txt_is_stored_byte_for_byte_and_md_as_prose():
    text = "Title\r\n\r\nLine one — with a dash.\r\nLine two.\n"
    assert extract_text(text.encode(), "notes.txt") == text
    assert extract_text(("# Head\n\n" + PROSE).encode(), "notes.md") == "Head\n\n" + PROSE


def test_html_keeps_the_main_text_and_drops_boilerplate():
    text = extract_text(PAGE.encode(), "page.html")
    assert PROSE in text
    assert "guild hall was built" in text
    for boilerplate in ("Subscribe", "Cookie settings", "About us"):
        assert boilerplate not in text


def test_pdf_text_is_extracted():
    text = extract_text(minimal_pdf(["Ada Lorn founded the guild in 1911.", "It grew."]), "g.pdf")
    assert "Ada Lorn founded the guild in 1911." in text and "It grew." in text


def test_docx_paragraphs_are_extracted():
    data = minimal_docx(["First paragraph about the guild.", "", "Second one, in 1920."])
    assert (
        extract_text(data, "g.docx") == "First paragraph about the guild.\n\nSecond one, in 1920."
    )


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (b"x", "evil.exe", "not a supported file"),
        (b"\x81\x8d bad", "latin.txt", "not UTF-8 or Windows-1252"),
        (b"   \n ", "empty.txt", "No text was found"),
        (b"x" * (2 * 1024 * 1024 + 1), "big.txt", "may be up to 2 MB"),
        (b"not a zip", "broken.docx", "not a readable zip"),
        (b"%PDF-1.4 garbage", "broken.pdf", "PDF"),
    ],
)
def test_bad_files_are_refused_with_a_reason(data, name, message):
    with pytest.raises(ExtractError, match=message):
        extract_text(data, name)


def _bomb(size: int = 20 * 1024 * 1024) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"\0" * size)
    return buffer.getvalue()


def test_zip_limits_refuse_bombs_and_floods():
    with pytest.raises(ExtractError, match="compressed suspiciously well"):
        extract_text(_bomb(), "bomb.docx")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for number in range(30):
            archive.writestr(f"f{number}.txt", b"x")
    with pytest.raises(ExtractError, match="30 entries"):
        check_zip(buffer.getvalue(), ZipLimits(entries=20))
    with pytest.raises(ExtractError, match="unpacks to"):
        check_zip(_bomb(3 * 1024 * 1024), ZipLimits(total_bytes=1024 * 1024, ratio=10**6))


@pytest.mark.parametrize(
    ("name", "make", "expected"),
    [
        ("guild.txt", lambda: PROSE.encode(), PROSE),
        ("guild.md", lambda: ("## Guild\n\n" + PROSE).encode(), "Guild\n\n" + PROSE),
        ("guild.html", lambda: PAGE.encode(), PROSE),
        ("guild.pdf", lambda: minimal_pdf([PROSE]), PROSE),
        ("guild.docx", lambda: minimal_docx([PROSE]), PROSE),
    ],
)
def test_upload_each_type_through_the_web(as_owner, pack_id, fresh_session, name, make, expected):
    data = {"file": (io.BytesIO(make()), name), "title": ""}
    response = as_owner.post(f"/authoring/packs/{pack_id}/upload", data=data)
    assert response.status_code == 302, response.get_data(as_text=True)[:1500]
    with fresh_session() as session:
        pack = session.get(Pack, pack_id)
        [source] = [s for s in pack.sources if s.id.startswith("upload-")]
        assert expected in source.text
        # A page names itself; the other files here have no title of their own.
        assert source.title == ("The Mirewick Guild" if name.endswith(".html") else "guild")
        assert pack.version == 2


def test_an_uploaded_news_page_is_stored_with_its_date(as_owner, pack_id, fresh_session):
    # The date the page's markup gives is what "on Tuesday" and "currently" in it are dated by.
    page = PAGE.replace(
        "<head>", '<head><meta property="article:published_time" content="2019-11-19T08:00Z">'
    )
    data = {"file": (io.BytesIO(page.encode()), "guild.html"), "title": ""}
    response = as_owner.post(f"/authoring/packs/{pack_id}/upload", data=data)
    assert response.status_code == 302
    with fresh_session() as session:
        [source] = [s for s in session.get(Pack, pack_id).sources if s.id.startswith("upload-")]
        assert source.published == "2019-11-19"


def test_refused_upload_shows_the_reason_on_its_job_page(as_owner, pack_id, fresh_session):
    # The file is read by the job (not the request): its reason is on the job's page.
    data = {"file": (io.BytesIO(_bomb()), "bomb.docx")}
    response = as_owner.post(f"/authoring/packs/{pack_id}/upload", data=data)
    assert response.status_code == 302 and "/authoring/jobs/" in response.location
    page = as_owner.get(response.location).get_data(as_text=True)
    assert "Failed: “bomb.docx”" in page and "suspiciously well" in page
    with fresh_session() as session:
        assert session.scalars(select(Source).where(Source.id.like("upload-%"))).all() == []


def test_unsupported_or_oversized_files_are_refused_at_once(
    as_owner, pack_id, fresh_session, monkeypatch
):
    from app.extraction.files import SIZE_LIMITS

    # A small limit keeps the body under the test client's spooling size (no temporary file).
    monkeypatch.setitem(SIZE_LIMITS, ".txt", 1000)
    data = {"file": (io.BytesIO(b"MZ"), "setup.exe")}
    page = as_owner.post(f"/authoring/packs/{pack_id}/upload", data=data).get_data(as_text=True)
    assert 'id="file-error"' in page and "“setup.exe” is not a supported file" in page
    data = {"file": (io.BytesIO(b"x" * 5000), "long.txt")}
    page = as_owner.post(f"/authoring/packs/{pack_id}/upload", data=data).get_data(as_text=True)
    assert 'id="file-error"' in page and "“long.txt”: It is 0.0 MB; .txt files may be" in page
    with fresh_session() as session:
        assert session.scalars(select(Job)).all() == []


def test_request_over_max_content_length_is_refused(as_owner, app, pack_id):
    app.config["MAX_CONTENT_LENGTH"] = 1000
    data = {"file": (io.BytesIO(b"x" * 5000), "big.txt")}
    response = as_owner.post(f"/authoring/packs/{pack_id}/upload", data=data)
    assert response.status_code == 413
    # The upload form again, with the reason beside the file field, not a bare error page.
    page = response.get_data(as_text=True)
    assert 'id="file-error"' in page and 'enctype="multipart/form-data"' in page
    assert "That file is 5 KB; the largest upload is 1000 bytes." in page


def test_an_import_over_max_content_length_shows_the_import_form(as_owner, app):
    # Kept under the test client's spooling size (a larger body goes through a temporary file).
    app.config["MAX_CONTENT_LENGTH"] = 200 * 1024
    data = {"file": (io.BytesIO(b"x" * (300 * 1024)), "big.gift")}
    response = as_owner.post("/authoring/import", data=data)
    assert response.status_code == 413
    page = response.get_data(as_text=True)
    assert "That file is 300 KB; the largest upload is 200 KB." in page
    assert 'id="file-error"' in page


def test_uploaded_sources_stay_unlisted_until_a_public_pack_uses_them(as_owner, app, pack_id):
    data = {"file": (io.BytesIO(PROSE.encode()), "secret.txt")}
    as_owner.post(f"/authoring/packs/{pack_id}/upload", data=data)
    visitor = app.test_client()
    assert "secret" not in visitor.get("/").get_data(as_text=True)
    as_owner.post(f"/authoring/packs/{pack_id}/sharing", data={"visibility": "public"})
    assert "secret" in visitor.get("/").get_data(as_text=True)


def test_an_iso_8859_1_book_is_uploaded_with_a_note_and_exact_quotes(
    as_owner, app, pack_id, fresh_session
):
    from app.generation.types import Question as Generated
    from app.generation.types import Quote
    from tests.extraction.test_files import MACDOWELL

    phrase = "important rôle in the"

    def quoting(sources, progress):
        [source] = sources
        start = source.text.index(phrase)
        quote = Quote(source.id, start, start + len(phrase), phrase)
        question = Generated(
            id="r1", fact="f", type="short_answer", kind="other", prompt="What was it?",
            answer="rôle", quote=quote, explanation="", difficulty=0.5, quality=0.9,
        )  # fmt: skip
        return [question]

    app.config.update(QUIRE_GENERATOR=quoting)
    data = {"file": (io.BytesIO(MACDOWELL.read_bytes()), "essays.txt"), "generate": "y"}
    response = as_owner.post(f"/authoring/packs/{pack_id}/upload", data=data)
    assert response.status_code == 302 and "/authoring/jobs/" in response.location
    page = as_owner.get(response.location).get_data(as_text=True)
    assert "Done: 1 questions" in page and "read as Windows-1252" in page
    with fresh_session() as session:
        [source] = session.scalars(select(Source).where(Source.id.like("upload-%"))).all()
        assert source.text == MACDOWELL.read_bytes().decode("latin-1")
        assert "Windows-1252" in source.notes
        question = session.scalars(select(Question).where(Question.pack_id == pack_id)).one()
        assert source.text[question.quote_start : question.quote_end] == phrase
        assert question.quote_text == phrase
