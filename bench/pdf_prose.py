"""How many questions from real PDFs quote page furniture, notes or captions, before and after.

"Before" is the old reading (pypdf's text, pages joined, if pypdf is installed); "after" is
`app.extraction`. A question counts as non-prose when its quote shares a 40-character stretch
with the notes, captions, running headers or page numbers that the layout reading set apart
(after: by position, under the Notes or Captions titles, or by the same match on furniture).
Also prints seconds per page for both readings. Run: `python -m bench.pdf_prose`.
"""

from __future__ import annotations

import argparse
import io
import re
import time
from pathlib import Path

from app.extraction.files import extract
from app.extraction.pdf import CAPTIONS_TITLE, NOTES_TITLE
from app.extraction.pdf_lines import read_pages

FIXTURES = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "extraction"
WINDOW = 40


def _squeeze(text: str) -> str:
    return re.sub(r"[\W_]+", "", text).casefold()


def _old_text(data: bytes) -> tuple[str, int] | None:
    try:
        from pypdf import PdfReader
    except ImportError:
        return None
    reader = PdfReader(io.BytesIO(data))
    pages = [(page.extract_text() or "").strip() for page in reader.pages]
    return "\n\n".join(p for p in pages if p), len(reader.pages)


def _set_apart(data: bytes, text: str) -> str:
    """Everything the layout reading kept out of the prose, squeezed for matching."""
    notes = text.split(f"\n\n{NOTES_TITLE}\n\n", 1)[1] if NOTES_TITLE in text else ""
    kept = _squeeze(text)
    dropped = [ln.text for ln in read_pages(data, 500, 2_000_000).lines if _squeeze(ln.text)]
    furniture = " ".join(t for t in dropped if _squeeze(t) not in kept)
    return _squeeze(notes) + "|" + _squeeze(furniture)


def _prose_end(text: str) -> int:
    ends = [text.find(f"\n\n{title}\n\n") for title in (NOTES_TITLE, CAPTIONS_TITLE)]
    return min((end for end in ends if end >= 0), default=len(text))


def _non_prose(quote: str, apart: str) -> bool:
    q = _squeeze(quote)
    if len(q) <= WINDOW:
        return q in apart
    return any(q[i : i + WINDOW] in apart for i in range(0, len(q) - WINDOW + 1, 10))


def main() -> None:
    """Print, per PDF, questions and non-prose questions before and after, and reading speed."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("pdfs", nargs="*", type=Path, default=sorted(FIXTURES.glob("*.pdf")))
    args = parser.parse_args()
    from app.generation import pipeline
    from app.generation.nlp import load_pipeline
    from app.generation.types import SourceText

    nlp = load_pipeline()
    print(f"{'file':38} {'reading':8} {'s/page':>7} {'questions':>9} {'non-prose':>9}")
    for path in args.pdfs:
        data = path.read_bytes()
        started = time.perf_counter()
        new = extract(data, path.name).text
        new_seconds = time.perf_counter() - started
        apart = _set_apart(data, new)
        furniture = apart.split("|", 1)[1]
        started = time.perf_counter()
        old = _old_text(data)
        old_seconds = time.perf_counter() - started
        pages = old[1] if old else len(read_pages(data, 500, 2_000_000).heights)
        runs = [("after", new, new_seconds)] + ([("before", old[0], old_seconds)] if old else [])
        for label, text, seconds in runs:
            questions = pipeline.generate([SourceText(path.stem, text)], nlp).questions
            if label == "after":  # by position: what lies under the Notes or Captions titles
                bad = sum(q.quote.end > _prose_end(text) for q in questions)
                bad += sum(_non_prose(q.quote.text, furniture) for q in questions)
            else:
                bad = sum(_non_prose(q.quote.text, apart) for q in questions)
            print(
                f"{path.name[:38]:38} {label:8} {seconds / pages:7.3f} {len(questions):9} "
                f"{bad:9} ({100 * bad / max(1, len(questions)):.0f}%)"
            )


if __name__ == "__main__":
    main()
