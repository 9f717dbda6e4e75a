"""A PDF's compressed streams checked by what they inflate to, before the parser reads them.

pdfminer.six inflates every stream it needs in one piece, without a limit, so a small PDF
holding a "flate bomb" would take gigabytes. Each stream here is inflated as a stream with a
cap, in constant memory; a PDF with a stream or a total over the caps is refused.
"""

from __future__ import annotations

import re
import zlib

from app.extraction.archives import inflated_size
from app.extraction.errors import MB, ExtractError

STREAM_CAP = 64 * MB  # one stream: a large page or image, never a whole book
TOTAL_CAP = 1024 * MB
_STREAM_RE = re.compile(rb"stream\r?\n")


def check_pdf_streams(
    data: bytes, stream_cap: int = STREAM_CAP, total_cap: int = TOTAL_CAP
) -> None:
    """Refuse a PDF whose deflate streams inflate past the caps (found by their keywords)."""
    total = 0
    view = memoryview(data)
    for match in _STREAM_RE.finditer(data):
        start = match.end()
        end = data.find(b"endstream", start)
        if end < 0:
            break
        try:
            size = inflated_size(view[start:end], stream_cap + 1, wbits=zlib.MAX_WBITS)
        except zlib.error:
            continue  # not deflate (an image, another filter): the parser judges it
        if size > stream_cap:
            raise ExtractError(
                f"The PDF holds a stream that inflates to more than {stream_cap / MB:.0f} MB; "
                "it was refused."
            )
        total += size
        if total > total_cap:
            raise ExtractError(
                f"The PDF's streams inflate to more than {total_cap / MB:.0f} MB; it was refused."
            )
