"""PDFs read by their layout: a real Federal Register issue with three columns, running
headers, page numbers and footnotes at the foot of each column (tests/fixtures/extraction)."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.extraction.files import extract
from app.extraction.pdf import NOTES_TITLE
from app.generation.cleaning import analysis_text, segment
from app.generation.types import QUESTION_SOURCE_KINDS

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "extraction"
RUNNING_HEADER = "Federal Register / Vol. 85, No. 152 / Thursday, August 6, 2020 / Proposed Rules"
# Footnotes 1, 4 and 13 (7-point type at the foot of the columns of pages 47699-47703).
FOOTNOTES = (
    "Preliminary KNKT.18.10.35.04 Aircraft Accident Investigation Report",
    "The angle of attack (or AOA) is the angle at which the airplane wing meets the oncoming air.",
    "More than 10 degrees difference for more than 10 seconds.",
)
BODY = (
    "The FAA proposes to supersede Airworthiness Directive (AD) 2018–23–51",
    # This sentence runs from the foot of page 47698 on to the top of page 47699.
    "after takeoff from Soekarno-Hatta International Airport in Jakarta, Indonesia, resulting "
    "in 189 fatalities.",
    "The FAA invites you to participate in this rulemaking by submitting written comments",
)


@pytest.fixture(scope="module")
def register():
    return extract((FIXTURES / "federal-register-2020-17221.pdf").read_bytes(), "fr.pdf")


def _prose(text: str) -> str:
    """The text of every block the cleaning stage would ask questions about."""
    blocks = segment(text)
    return "\n".join(text[b.start : b.end] for b in blocks if b.kind in QUESTION_SOURCE_KINDS)


def test_footnotes_are_set_apart_under_notes_and_kept_out_of_the_prose(register):
    body, notes = register.text.split(f"\n\n{NOTES_TITLE}\n\n", 1)
    prose = _prose(register.text)
    for note in FOOTNOTES:
        assert note in notes
        assert note not in body and note not in prose
    assert notes.startswith("1 Preliminary KNKT")  # the note keeps its number


def test_running_headers_and_page_numbers_are_left_out(register):
    assert RUNNING_HEADER.replace(" ", "") not in register.text.replace(" ", "")
    lines = set(register.text.split("\n"))
    for page in range(47699, 47713):
        assert str(page) not in lines
    assert "Proposed Rules Federal Register" not in register.text


def test_body_sentences_survive_whole_across_columns_and_pages(register):
    prose = _prose(register.text)
    for sentence in BODY:
        assert sentence in prose
    assert "Soekarno- Hatta" not in register.text


def test_analysis_text_keeps_offsets(register):
    text = register.text
    analysis = analysis_text(text, segment(text))
    assert len(analysis) == len(text)
    start = text.index(BODY[1])
    assert analysis[start : start + len(BODY[1])] == BODY[1]
    note = text.index(FOOTNOTES[1])
    assert not analysis[note : note + len(FOOTNOTES[1])].strip()


def test_the_title_is_the_largest_line_of_the_first_page(register):
    assert register.title == "Proposed Rules"


@pytest.mark.slow
def test_questions_from_the_register_quote_only_its_prose(register):
    pytest.importorskip("spacy", reason="spaCy is not installed")
    from app.generation import pipeline
    from app.generation.nlp import load_pipeline
    from app.generation.types import SourceText

    text = register.text
    result = pipeline.generate([SourceText("fr", text)], load_pipeline())
    notes_at = text.index(f"\n\n{NOTES_TITLE}\n\n")
    assert result.questions
    for question in result.questions:
        quote = question.quote
        assert text[quote.start : quote.end] == quote.text
        assert quote.end <= notes_at, quote.text


@pytest.fixture(scope="module")
def article():
    return extract((FIXTURES / "plos-med-2022-1003873.pdf").read_bytes(), "article.pdf")


def test_journal_article_loses_its_running_header_footer_and_page_numbers(article):
    for furniture in (
        "Analysis of health-related events at the UN General Assembly",
        "PLOS Medicine | https://doi.org/10.1371/journal.pmed.1003873",
        "3 / 18",
        "(cid:",
    ):
        assert furniture not in article.text


def test_journal_article_sets_captions_and_side_notes_apart(article):
    body, rest = article.text.split(f"\n\n{NOTES_TITLE}\n\n", 1)
    prose = _prose(article.text)
    assert "\n\nCaptions\n\nTable 1. Rationales, approaches" in rest
    for aside in ("Fig 1. Overview of DAH", "Citation: Rodi P", "Competing interests:"):
        assert aside in rest and aside not in body and aside not in prose


def test_journal_article_prose_runs_on_across_lines_and_pages(article):
    prose = _prose(article.text)
    for sentence in (
        "including the World Health Assembly (WHA) of the World Health Organization (WHO) [1].",
        # The foot of page 3 runs on to the top of page 4.
        "Implementation of UHC, on the other hand, has been associated",
    ):
        assert sentence in prose


def test_journal_article_title_is_its_own(article):
    assert article.title.startswith("Political rationale, aims, and outcomes of health-related")


@pytest.mark.parametrize(
    ("left", "right", "joined"),
    [
        ("the inter-", "national order", "the international order"),
        ("a state-of-", "the-art overview", "a state-of-the-art overview"),
        ("the well-", "known case; a well-known one", "the well-known case; a well-known one"),
        ("from Soekarno-", "Hatta airport", "from Soekarno-Hatta airport"),
        ("Model 737–", "8 airplanes", "Model 737–8 airplanes"),
        ("at https://", "www.example.org", "at https://www.example.org"),
    ],
)
def test_lines_of_a_paragraph_are_joined_and_hyphenation_mended(left, right, joined):
    from app.extraction.pdf import Line, _join, _vocabulary

    lines = [Line(0, 0, 0, 100, 0, 10, 10, text) for text in (left, right)]
    assert _join(left, right, _vocabulary(lines)) == joined


def _page_lines(page: int, height: float, furniture: list[tuple[float, float, str]]) -> list:
    """A page of body prose (10-point lines down its middle) and the given margin lines."""
    from app.extraction.pdf_lines import Line

    body = [
        Line(page, 1, 72, 540, y - 10, y, 10.0, f"Body line {page}-{n} of the article goes on here")
        for n, y in enumerate(range(int(height * 0.75), int(height * 0.3), -12))
    ]
    return body + [Line(page, 0, 72, 400, b, t, 8.0, text) for b, t, text in furniture]


@pytest.mark.parametrize(
    ("height", "furniture"),
    [
        # A journal's running header whose line reaches just past the top 10% of the page.
        (743, [(665, 673, "P.N.J. Lane et al. / Journal of Hydrology 310 (2005) 253–265")]),
        # A footer set on the one-inch margin line: its top is just above the bottom 10%.
        (792, [(72, 84, "Copyright Office Summary"), (72, 84, "Page #")]),
    ],
)
def test_a_running_line_that_only_reaches_into_the_margin_is_left_out(
    monkeypatch, height, furniture
):
    from app.extraction import pdf
    from app.extraction.pdf_lines import PdfPages

    lines = []
    for page in range(4):
        marked = [(b, t, text.replace("#", str(page + 1))) for b, t, text in furniture]
        lines += _page_lines(page, height, marked)
    monkeypatch.setattr(pdf, "read_pages", lambda *_a, **_k: PdfPages(lines, [height] * 4, ""))
    text, _ = pdf.pdf_text(b"", max_pages=10, max_chars=10**6)
    assert "Body line 3-0" in text
    for _, _, words in furniture:
        assert words.split(" #")[0].split(" / ")[0] not in text, text
