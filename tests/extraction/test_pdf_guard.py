"""A PDF whose compressed streams inflate to gigabytes is refused before the parser runs."""

from __future__ import annotations

import tracemalloc
import zlib

import pytest

from app.extraction.errors import MB, ExtractError
from app.extraction.files import extract
from app.extraction.pdf_guard import check_pdf_streams


def pdf_with_stream(content: bytes) -> bytes:
    """A one-page PDF whose page content is `content`, FlateDecode-compressed."""
    stream = zlib.compress(content, 9)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
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


def test_a_flate_bomb_is_refused_in_bounded_memory():
    text = b"BT /F1 12 Tf 72 720 Td (The guild was founded in 1911.) Tj ET\n"
    bomb = pdf_with_stream(text + b" " * (80 * MB))
    assert len(bomb) < MB // 2
    tracemalloc.start()
    try:
        with pytest.raises(ExtractError, match=r"“bomb\.pdf”: .*inflates to more than 64 MB"):
            extract(bomb, "bomb.pdf")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 8 * MB + len(bomb)


def test_a_small_compressed_page_is_read():
    page = pdf_with_stream(b"BT /F1 12 Tf 72 720 Td (The guild was founded in 1911.) Tj ET\n")
    check_pdf_streams(page)
    assert extract(page, "guild.pdf").text == "The guild was founded in 1911."


def test_the_total_is_capped_too():
    page = pdf_with_stream(b" " * (3 * MB))
    with pytest.raises(ExtractError, match="streams inflate to more than 2 MB"):
        check_pdf_streams(page + page, stream_cap=4 * MB, total_cap=2 * MB)
