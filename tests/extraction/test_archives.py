"""Archives checked by what they really inflate to, not by what their headers say."""

from __future__ import annotations

import io
import struct
import tracemalloc
import zipfile

import pytest

from app.extraction.archives import ZipLimits, check_zip
from app.extraction.errors import MB, ExtractError
from app.extraction.files import extract


def lying_zip(real_size: int, claimed: int) -> bytes:
    """A .docx-like zip whose one member inflates to real_size bytes but whose local and
    central headers both claim `claimed` bytes (the CRC is that of the first `claimed`)."""
    content = b"<w:document>" + b" " * real_size
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", content)
    data = bytearray(buffer.getvalue())
    crc = zipfile.crc32(content[:claimed])
    # Local header: CRC at 14, compressed size at 18, size at 22.
    struct.pack_into("<I", data, 14, crc)
    struct.pack_into("<I", data, 22, claimed)
    central = data.rfind(b"PK\x01\x02")  # central header: CRC at 16, size at 24
    struct.pack_into("<I", data, central + 16, crc)
    struct.pack_into("<I", data, central + 24, claimed)
    return bytes(data)


def test_the_lie_is_there():
    data = lying_zip(64 * MB, 1000)
    [info] = zipfile.ZipFile(io.BytesIO(data)).infolist()
    assert info.file_size == 1000 and len(data) < MB // 4


def test_a_zip_that_understates_its_size_is_refused_in_bounded_memory():
    data = lying_zip(64 * MB, 1000)
    tracemalloc.start()
    try:
        with pytest.raises(ExtractError, match="inflates to more than 10 MB"):
            check_zip(data, ZipLimits(total_bytes=10 * MB, ratio=10**6), what="Word file")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 4 * MB  # counted in 64 KB steps, never held whole


def test_a_small_understatement_is_refused_too():
    with pytest.raises(ExtractError, match="inflates to 1,012 bytes but its header says 1,000"):
        check_zip(lying_zip(1000, 1000))


def test_upload_of_a_lying_docx_names_the_file():
    with pytest.raises(ExtractError, match=r"“report\.docx”: The Word file inflates to more than"):
        extract(lying_zip(120 * MB, 1000), "report.docx")


def test_an_honest_archive_passes():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("a.txt", "words " * 1000)
        archive.writestr("b.bin", bytes(range(256)) * 4, compress_type=zipfile.ZIP_STORED)
    check_zip(buffer.getvalue())
