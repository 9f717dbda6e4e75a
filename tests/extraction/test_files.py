"""One way in for every text: web pages, Markdown and Word files to prose and a title, with
real pages from other projects' fixtures (tests/fixtures/extraction/PROVENANCE.md)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from docx import Document

from app.extraction.errors import ExtractError
from app.extraction.files import Extracted, extract

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "extraction"


def _fixture(name: str):
    return extract((FIXTURES / name).read_bytes(), name)


def test_wikipedia_page_loses_its_reference_markers_and_edit_links():
    page = _fixture("en.wikipedia.org.tsne.html")
    assert page.title == "T-distributed stochastic neighbor embedding"
    assert (
        "developed by Laurens van der Maaten and Geoffrey Hinton. It is a nonlinear "
        "dimensionality reduction technique" in page.text
    )
    assert "computer security research, music analysis, cancer research" in page.text
    for residue in ("[1]", "[edit]", "[9][10]", "&#91;", "Jump to navigation"):
        assert residue not in page.text
    assert "\n\n" in page.text  # paragraphs are blocks, as from every other kind of file


def test_news_page_keeps_the_article_without_captions_menus_or_teasers():
    page = _fixture("theguardian.com.academics.html")
    assert page.title == "Thousands of UK academics 'treated as second-class citizens'"
    assert "Chi Onwurah, the Labour MP for Newcastle Central, who is supporting the report" in (
        page.text
    )
    for furniture in (
        "Photograph: Guy Smallman/Getty Images",
        "Striking members of the UCU",
        "Share on Facebook",
        "Most popular",
        "Sign up",
    ):
        assert furniture not in page.text


def test_a_news_page_gives_the_date_its_markup_says_it_was_published():
    # bench.news_yield: the date was read by trafilatura and dropped, so "on Tuesday", "this
    # year" and "currently" had no time frame any prompt could give them.
    assert _fixture("theguardian.com.academics.html").published == "2020-01-20"


def test_a_wiki_page_has_no_date_of_publication():
    # Its markup gives 2013-06-23, the article's creation; what it says now was written since.
    assert _fixture("en.wikipedia.org.tsne.html").published is None


def _dated_page(published: str, modified: str = "", prose_date: str = "") -> bytes:
    meta = f'<meta property="article:published_time" content="{published}">' if published else ""
    if modified:
        meta += f'<meta property="article:modified_time" content="{modified}">'
    prose = "The council met on Tuesday and agreed the budget for the coming year. " * 6
    return (
        f"<html><head><title>Council news</title>{meta}</head><body><article>"
        f"<p>{prose_date} {prose}</p></article></body></html>"
    ).encode()


@pytest.mark.parametrize(
    ("page", "published"),
    [
        (_dated_page("2019-11-19T08:00:00Z"), "2019-11-19"),
        # Corrected a week later: still the report of 19 November.
        (_dated_page("2019-11-19T08:00:00Z", "2019-11-26T08:00:00Z"), "2019-11-19"),
        # Kept up to date for years: its statements are of no one date.
        (_dated_page("2019-11-19T08:00:00Z", "2023-05-02T08:00:00Z"), None),
        # A date in the prose is what the text is about, not when it was written.
        (_dated_page("", prose_date="Posted 3 March 2018."), None),
    ],
)
def test_a_page_is_dated_only_by_its_markup_and_only_if_not_revised_later(page, published):
    assert extract(page, "council.html").published == published


def test_an_old_table_layout_page_still_gives_its_article():
    # trafilatura's precision mode finds nothing in this page; its balanced mode finds the story.
    page = _fixture("thespacereview.com.sls.html")
    assert "Seeking a bigger role for a big rocket" in page.title
    assert "NASA announced the newest milestone in the development of its long-awaited" in (
        page.text
    )
    for furniture in ("htsearch", "builtin-long"):
        assert furniture not in page.text


def test_a_page_without_prose_is_refused_with_a_message_about_pages():
    # A page its script fills in: nothing to read in what the server sent.
    page = b"<html><head><title>Loading</title></head><body><script>app()</script></body></html>"
    with pytest.raises(ExtractError) as refused:
        extract(page, "menu.html")
    assert "menu.html" in str(refused.value)
    assert "PDF" not in str(refused.value)
    assert "no article text" in str(refused.value).lower()


def test_markdown_becomes_prose_with_its_lists_and_title():
    source = (
        "# The Guild\n\nAda *Lorn* founded **the guild** in [1911](https://example.org).\n"
        "It grew &amp; prospered.\n\n## Members\n\n- carpenters\n- masons\n\n"
        "1. first\n2. second\n\n```\ncode = 1\n```\n\n> Quoted words.\n\n---\n"
    )
    page = extract(source.encode(), "guild.md")
    assert page.title == "The Guild"
    assert page.text == (
        "The Guild\n\nAda Lorn founded the guild in 1911. It grew & prospered.\n\nMembers\n\n"
        "- carpenters\n- masons\n\n1. first\n2. second\n\nQuoted words."
    )


def _docx(paragraphs: list[tuple[str, str | None]], title: str = "") -> bytes:
    document = Document()
    document.core_properties.title = title
    for text, style in paragraphs:
        document.add_paragraph(text, style=style)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_word_title_comes_from_its_properties_then_its_first_heading():
    body = [("Guild history", "Heading 1"), ("The guild was founded in 1911.", None)]
    assert extract(_docx(body, title="The Mirewick Guild"), "a.docx").title == "The Mirewick Guild"
    named = extract(_docx(body), "a.docx")
    assert named.title == "Guild history"
    assert named.text == "Guild history\n\nThe guild was founded in 1911."
    assert extract(_docx([("Plain words.", None)]), "a.docx").title is None


def test_errors_name_the_file():
    with pytest.raises(ExtractError, match=r"“report\.pdf”: The PDF could not be read"):
        extract(b"%PDF-1.4 nothing else", "report.pdf")
    with pytest.raises(ExtractError, match=r"“data\.csv” is not a supported file"):
        extract(b"a,b", "data.csv")
    # 0x81 is neither UTF-8 nor a Windows-1252 character.
    with pytest.raises(ExtractError, match=r"“notes\.txt”: The file is not UTF-8 or Windows-1252"):
        extract(b"caf\x81", "notes.txt")


def test_a_page_in_its_own_charset_is_read():
    prose = "The café opened in 1911 and served the whole harbour district for decades. " * 3
    page = (
        '<html><head><meta charset="windows-1252"><title>Café news</title></head><body>'
        f"<article><p>{prose}</p><p>It closed in 1960 after a long decline.</p></article>"
        "</body></html>"
    ).encode("cp1252")
    extracted = extract(page, "cafe.html")
    assert extracted.title == "Café news"
    assert "The café opened in 1911" in extracted.text


def test_markdown_footnotes_are_set_apart_and_their_markers_dropped():
    source = (
        "The treaty was signed in 1921.[^1] It held until 1939.[citation needed]\n\n"
        "[^1]: Signed in Riga, after long talks.\n"
    )
    text = extract(source.encode(), "treaty.md").text
    assert text == (
        "The treaty was signed in 1921. It held until 1939.\n\nNotes\n\n"
        "Signed in Riga, after long talks."
    )


MACDOWELL = Path(__file__).resolve().parents[2] / "bench" / "corpus"
MACDOWELL /= "macdowell-critical-historical-essays.txt"


def test_a_gutenberg_book_in_iso_8859_1_is_read_as_windows_1252_and_said_so():
    data = MACDOWELL.read_bytes()
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    book = extract(data, MACDOWELL.name)
    # Every character as the file has it, CRLF line ends included, so offsets stay valid.
    assert book.text == data.decode("latin-1")
    assert "played an\r\nimportant rôle in the" in book.text
    assert "Windows-1252" in book.note and "not UTF-8" in book.note
    markdown = extract("# Café\n\nLe café est ouvert.\n".encode("cp1252"), "cafe.md")
    assert (markdown.text, markdown.title, markdown.note) == (
        "Café\n\nLe café est ouvert.",
        "Café",
        book.note,
    )


@pytest.mark.parametrize(
    "data",
    [
        "Le café “ouvert”.".encode(),
        "\ufeffLe café “ouvert”.".encode(),
        "Le café “ouvert”.".encode("utf-16"),  # with its byte-order mark, in this machine's order
        "\ufeffLe café “ouvert”.".encode("utf-16-be"),
        "\ufeffLe café “ouvert”.".encode("utf-16-le"),
    ],
    ids=["utf-8", "utf-8-bom", "utf-16", "utf-16-be-bom", "utf-16-le-bom"],
)
def test_unicode_text_is_read_as_such_without_a_note(data):
    assert extract(data, "cafe.txt") == Extracted("Le café “ouvert”.", None, None)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ("\ufeffLe café".encode() + b"\xe9", "not UTF-8 text"),  # marked UTF-8: no guessing
        ("\ufeffLe café".encode("utf-16-le") + b"\x00", "UTF-16 text but is cut short"),
    ],
    ids=["utf-8-bom", "utf-16-bom"],
)
def test_marked_text_that_breaks_its_encoding_is_refused(data, message):
    with pytest.raises(ExtractError, match=message):
        extract(data, "cafe.txt")
