"""A PDF whose compressed streams inflate to gigabytes is refused before the parser runs."""

from __future__ import annotations

import tracemalloc

import pytest

from app.extraction.errors import MB, ExtractError
from app.extraction.files import extract
from app.extraction.pdf_guard import check_pdf_streams
from tests.authoring.test_uploads import one_page_pdf


def pdf_with_stream(content: bytes) -> bytes:
    """A one-page PDF whose page content is `content`, FlateDecode-compressed."""
    return one_page_pdf(content, flate=True)


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
