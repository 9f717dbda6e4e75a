"""A Word (.docx) file's paragraphs and title, after its zip has been checked."""

from __future__ import annotations

import io
import zipfile

from app.extraction.archives import check_zip
from app.extraction.errors import ExtractError


def docx_text(data: bytes) -> tuple[str, str | None]:
    """The document's non-empty paragraphs, list items marked, and its title.

    The title is the file's own Title property, else its first Title- or Heading-styled
    paragraph. Footnotes live in their own part of the file and never enter the text.
    """
    from docx import Document

    check_zip(data, what="Word file")
    try:
        document = Document(io.BytesIO(data))
    except (ValueError, KeyError, zipfile.BadZipFile) as exc:
        raise ExtractError(f"The Word file could not be read ({exc}).") from exc
    blocks, title = [], (document.core_properties.title or "").strip() or None
    for paragraph in document.paragraphs:
        text = " ".join(paragraph.text.split())
        if not text:
            continue
        style = (paragraph.style.name if paragraph.style is not None else "") or ""
        if title is None and style.startswith(("Title", "Heading")):
            title = text
        if style.startswith("List") and not text.startswith(("-", "•")):
            text = f"- {text}"
        blocks.append(text)
    return "\n\n".join(blocks), title
