import random
import re
import time
from pathlib import Path

import pytest

from app.generation import cleaning_rules as rules
from app.generation import end_matter
from app.generation.cleaning import (
    analysis_text,
    question_blocks,
    segment,
    skipped_chars,
    split_blocks,
)
from app.generation.types import (
    BIO,
    BODY,
    BOILERPLATE,
    BYLINE,
    CAPTION,
    COMMENTS,
    DATELINE,
    FOOTNOTE,
    HEADING,
    LIST_ITEM,
    PULLQUOTE,
    QUESTION_SOURCE_KINDS,
    REFERENCES,
    Block,
)

TEXTS = Path(__file__).parent / "texts"
SOURCES = Path(__file__).parents[2] / "questions" / "sources"
ALL_KINDS = {
    BODY,
    LIST_ITEM,
    HEADING,
    BYLINE,
    DATELINE,
    CAPTION,
    PULLQUOTE,
    FOOTNOTE,
    REFERENCES,
    BIO,
    COMMENTS,
    BOILERPLATE,
}


def load(name: str) -> str:
    return (TEXTS / name).read_text(encoding="utf-8")


def labelled(text: str) -> list[tuple[str, str]]:
    """(kind, block text) for every block of text."""
    return [(b.kind, text[b.start : b.end]) for b in segment(text)]


def block_at(text: str, blocks: list[Block], needle: str) -> Block:
    """The block holding the first occurrence of needle."""
    pos = text.index(needle)
    return next(b for b in blocks if b.start <= pos < b.end)


def kind_of(text: str, needle: str) -> str:
    return block_at(text, segment(text), needle).kind


def assert_well_formed(text: str, blocks: list[Block]) -> None:
    covered = 0
    for prev, b in zip([None, *blocks], blocks, strict=False):
        assert 0 <= b.start < b.end <= len(text)
        assert b.kind in ALL_KINDS
        chunk = text[b.start : b.end]
        assert chunk == chunk.strip()
        if prev is not None:
            assert prev.end < b.start
            assert text[prev.end : b.start].strip() == ""
        covered += len(chunk)
    assert text[: blocks[0].start].strip() == "" and text[blocks[-1].end :].strip() == ""


# --- segmentation ---------------------------------------------------------------------------


def test_single_newline_paragraphs_are_one_block_per_line():
    text = load("blog_thread.txt")
    lines = [ln for ln in text.split("\n") if ln.strip()]
    blocks = segment(text)
    assert [text[b.start : b.end] for b in blocks] == lines
    assert_well_formed(text, blocks)


def test_blank_line_paragraphs_keep_short_multi_line_entries_together():
    text = "First paragraph here.\n\nDr. Karin Weber\nVorsitzende\nHafenbank AG\n\nLast one.\n"
    spans = split_blocks(text)
    assert [text[s:e] for s, e in spans] == [
        "First paragraph here.",
        "Dr. Karin Weber\nVorsitzende\nHafenbank AG",
        "Last one.",
    ]


def test_hard_wrapped_paragraph_stays_one_block():
    text = (
        "The canal was dug in 1824 by a company of mill owners who wanted\n"
        "a cheaper route to the sea for their cloth and their coal.\n\nNext.\n"
    )
    blocks = segment(text)
    assert len(blocks) == 2
    assert blocks[0].kind == BODY
    assert text[blocks[0].start : blocks[0].end].endswith("coal.")


def test_bullet_lines_are_split_into_list_items():
    text = load("pullquote.txt")
    blocks = segment(text)
    assert kind_of(text, "Key points:") == HEADING
    items = [text[b.start : b.end] for b in blocks if b.kind == LIST_ITEM]
    assert items == [
        "- The treaty fixed the frontier on the river.",
        "- Trade grew after the fords were opened.",
    ]


# --- the texts' parts -----------------------------------------------------------------------


def test_blog_post_bio_then_comment_thread_without_marker():
    text = load("blog_thread.txt")
    kinds = [k for k, _ in labelled(text)]
    assert kinds[0] == BYLINE
    assert kinds[1:5] == [BODY] * 4
    assert kinds[5] == BIO
    # The first comment has no handle line; handles and replies after it are all comments.
    assert kinds[6:] == [COMMENTS] * 7
    assert kind_of(text, "Oskar_B") == COMMENTS
    assert kind_of(text, "You forgot the flood") == COMMENTS


def test_post_ending_with_comment_count_and_reply_form():
    text = load("post_reply.txt")
    assert labelled(text) == [
        (HEADING, "Why the Old Canal Was Closed"),
        (DATELINE, "Posted on March 3, 2019"),
        (BODY, text[text.index("The canal between") : text.index("to the sea.") + 11]),
        (CAPTION, "Photo Credit: Town Archive"),
        (BODY, text[text.index("Traffic peaked") : text.index("their trade.") + 12]),
        (BODY, text[text.index("The canal company") : text.index("years later.") + 12]),
        (BOILERPLATE, "Share this:"),
        (COMMENTS, "3 comments"),
        (COMMENTS, "Leave a Reply"),
        (
            BOILERPLATE,
            "Your email address will not be published. Required fields are marked *",
        ),
        (
            BOILERPLATE,
            "This site uses Akismet to reduce spam. Learn how your comment data is processed.",
        ),
    ]


def test_comment_thread_of_handles_without_marker_or_bio():
    text = load("forum_tail.txt")
    blocks = segment(text)
    assert block_at(text, blocks, "sold to a museum").kind == BODY
    for needle in ("Anna K says:", "I really liked", "Ben", "You are wrong"):
        assert block_at(text, blocks, needle).kind == COMMENTS
    assert block_at(text, blocks, "Reply").kind == BOILERPLATE


def test_first_person_essay_with_headings_is_not_a_comment_thread():
    text = load("essay.txt")
    kinds = [k for k, _ in labelled(text)]
    assert kinds == [HEADING, HEADING, BODY, HEADING, BODY, HEADING, BODY]


def test_article_with_roman_endnotes():
    text = load("endnotes.txt")
    blocks = segment(text)
    assert [b.kind for b in blocks] == [
        HEADING,
        BYLINE,
        DATELINE,
        BODY,
        HEADING,
        BODY,
        FOOTNOTE,
        FOOTNOTE,
        FOOTNOTE,
    ]
    clean = analysis_text(text, blocks)
    assert "[i]" not in clean and "[iii]" not in clean
    start = text.index("paved in 1911.")
    assert clean[start : start + 19] == "paved in 1911.    B"


def test_pdf_extraction_footnotes_joins_bibliography_and_imprint():
    text = load("pdf_extract.txt")
    blocks = segment(text)
    assert_well_formed(text, blocks)
    assert kind_of(text, "The Harbour Question") == HEADING
    assert kind_of(text, "Ausgabe Mai 2011") == DATELINE
    assert kind_of(text, "- The northern ports grew") == LIST_ITEM
    assert kind_of(text, "- Their growth slowed") == LIST_ITEM
    assert kind_of(text, "Jonas Lindqvist") == BYLINE
    assert kind_of(text, "I. Early Growth") == HEADING
    assert kind_of(text, "II. A Changing Market") == HEADING
    assert kind_of(text, "¹ Berg") == FOOTNOTE
    assert kind_of(text, "² Holm") == FOOTNOTE
    assert kind_of(text, "³ Ibid.") == FOOTNOTE
    for needle in ("Bibliography", "BERG, ANNA", "HOLM, ERIK", "All internet sources"):
        assert kind_of(text, needle) == REFERENCES
    for needle in ("Impressum", "Herausgeber", "Hafenstraße 4", "Tel.:", "Alle Rechte", "Vorstand"):
        assert kind_of(text, needle) == BOILERPLATE
    assert kind_of(text, "Dr. Karin Weber") == BOILERPLATE
    assert kind_of(text, "Prof. Dr. Lars Berg") == BOILERPLATE

    cut = block_at(text, blocks, "new ferry routes opened between")
    assert cut.kind == BODY and cut.joins_next
    assert block_at(text, blocks, "the mainland and the islands").kind == BODY
    # Ends with "a": joined over the running page header to its continuation.
    assert block_at(text, blocks, "new piers and a").joins_next
    assert kind_of(text, "Nordic Port Studies 3") == HEADING
    assert block_at(text, blocks, "would not survive compe-").joins_next
    assert not block_at(text, blocks, "tripled within a decade").joins_next
    assert not block_at(text, blocks, "doubled the capacity").joins_next


def test_pdf_analysis_text_reads_across_page_breaks():
    text = load("pdf_extract.txt")
    clean = analysis_text(text, segment(text))
    assert len(clean) == len(text)
    assert re.search(r"opened between +the mainland and the islands", clean)
    assert re.search(r"new piers and a +container terminal", clean)
    assert "Berg, *Ports" not in clean and "Nordic Port Studies 3" not in clean
    assert "decade.²" not in clean and "decade. " in clean
    assert "Impressum" not in clean and "Vorstand" not in clean


def test_pull_quotes_repeat_a_body_sentence():
    text = load("pullquote.txt")
    blocks = segment(text)
    assert block_at(text, blocks, "21 February 2023").kind == DATELINE
    assert block_at(text, blocks, "Elena Marsh").kind == BYLINE
    assert block_at(text, blocks, "The treaty of 1821 finally").kind == BODY
    assert block_at(text, blocks, "between the kingdoms.").kind == PULLQUOTE
    assert block_at(text, blocks, "Not everyone welcomed").kind == BODY
    assert block_at(text, blocks, "Trade across the fords").kind == BODY


def test_of_two_identical_short_paragraphs_the_later_is_the_pull_quote():
    para = "The bridge changed the town more than any war had done."
    text = (
        f"The town stood on the river for centuries.\n\n{para}\n\n"
        "Markets moved to the new square within a year.\n\n"
        f"{para}\n\nBy 1900 the old ferry had closed for good.\n"
    )
    kinds = [k for k, _ in labelled(text)]
    assert kinds == [BODY, BODY, BODY, PULLQUOTE, BODY]


# --- analysis text and summary --------------------------------------------------------------


def join_ranges(blocks: list[Block]) -> list[tuple[int, int]]:
    """(end of a cut block, start of its continuation) for every joins_next block."""
    out = []
    for i, b in enumerate(blocks):
        if b.joins_next:
            nxt = next(x for x in blocks[i + 1 :] if x.kind == BODY)
            out.append((b.end, nxt.start))
    return out


@pytest.mark.parametrize("name", sorted(p.name for p in TEXTS.glob("*.txt")))
def test_analysis_text_keeps_offsets_and_body(name):
    text = load(name)
    blocks = segment(text)
    clean = analysis_text(text, blocks)
    assert len(clean) == len(text)
    joined = join_ranges(blocks)
    for b in blocks:
        got, orig = clean[b.start : b.end], text[b.start : b.end]
        if b.kind in QUESTION_SOURCE_KINDS:
            if b.kind == LIST_ITEM:  # its bullet is markup, blanked too
                orig = rules.BULLET_RE.sub(lambda m: " " * len(m.group()), orig, count=1)
            assert got == rules.NOTE_MARKER_RE.sub(lambda m: " " * len(m.group()), orig)
        elif any(lo <= b.start < hi for lo, hi in joined):
            assert set(got) == {" "}
        else:
            assert got == re.sub(r"[^\n]", " ", orig)
    for lo, hi in joined:
        assert set(clean[lo:hi]) == {" "}


def test_skipped_chars_counts_non_question_kinds():
    text = load("post_reply.txt")
    blocks = segment(text)
    skipped = skipped_chars(blocks)
    assert BODY not in skipped and LIST_ITEM not in skipped
    assert skipped[CAPTION] == len("Photo Credit: Town Archive")
    assert skipped[COMMENTS] == len("3 comments") + len("Leave a Reply")
    assert sum(skipped.values()) == sum(
        b.end - b.start for b in blocks if b.kind not in QUESTION_SOURCE_KINDS
    )
    assert {b.kind for b in question_blocks(blocks)} == {BODY}


# --- single rules ---------------------------------------------------------------------------

# Each rule with lines it must judge: True/False, or the name or kind it must find.
RULE_CASES = {
    rules.is_dateline: [
        ("May 13, 2016", True),
        ("21 February 2023", True),
        ("Posted on March 3, 2019", True),
        ("Updated: 2016-05-13 14:20", True),
        ("In May 2016 the talks resumed.", False),
    ],
    rules.byline_name: [
        ("By: Ian K, Columnist", "Ian K"),
        ("by Jane Doe", "Jane Doe"),
        ("Written by Ana María Ruiz | Staff", "Ana María Ruiz"),
        ("By then the war was over.", None),
        ("By Moscow standards this was small.", None),
    ],
    rules.is_footnote: [
        ("¹ Andreeva, *Russia and Its Neighbours*, 2007, 13.", True),
        ("[iv] Ibid.", True),
        ("12 Smith, The Long Road, 1999, 4.", True),
        ("3 September 2014, Putin met the delegation in Astrakhan.", False),
        ("12 countries signed the treaty in 1995.", False),
    ],
    rules.is_reference: [
        ("DOE, JANE, *A History of Ports* (London: Routledge, 2007).", True),
        ("Doe, J. (2007) A History of Ports. London: Routledge.", True),
        ("https://example.org/a/very/long/path/to/a/document.pdf", True),
        ("All sources were accessed on 31st March, 2017", True),
        ("The port was rebuilt in 2007 after the storm.", False),
        ("NATO, the Western alliance, expanded east in 1999.", False),
        ("NATO, Russia and China met in Rome in 1999 to talk.", False),
    ],
    end_matter.section_title_kind: [
        ("References", REFERENCES),
        ("Literaturangaben", REFERENCES),
        ("Notes:", REFERENCES),
        ("Impressum", BOILERPLATE),
        ("12 Comments", COMMENTS),
        ("No comments:", COMMENTS),
        ("Leave a Reply", COMMENTS),
        ("About the Author", BIO),
        ("Notes on the Economy", None),
        ("Discussion", None),
    ],
    rules.is_bare_name: [
        ("Jonas Lindqvist", True),
        ("Ludwig van Beethoven", True),
        ("A Good Year", False),
        ("IX. Conclusion", False),
        ("ODD COUPLE", False),
        ("Nordic Port Studies", False),
    ],
    rules.is_boilerplate: [
        ("Share this:", True),
        ("Tel.: +49 40 123 45 67", True),
        ("© 2016 Harbour Press", True),
        ("Vorstand", True),
        ("Tel Aviv and Haifa both grew after 1950.", False),
        ("Subscribers to the canal company lost their money.", False),
        ("Vorstandswahlen were held in 1931.", False),
    ],
}


@pytest.mark.parametrize(
    ("rule", "line", "expected"),
    [
        pytest.param(rule, line, expected, id=f"{rule.__name__}-{line}")
        for rule, cases in RULE_CASES.items()
        for line, expected in cases
    ],
)
def test_single_rule(rule, line, expected):
    result = rule(line)
    assert result == expected and type(result) is type(expected)


def test_ends_sentence_looks_past_quotes_and_markers():
    assert rules.ends_sentence("as they said.”²")
    assert rules.ends_sentence("it was over.[iv]")
    assert not rules.ends_sentence("the Russian Empire and")


def test_mid_article_named_person_is_not_a_bio_without_byline():
    text = (
        "The harbour was rebuilt after the storm of 1881.\n\n"
        "Anna Berg is a historian and the author of a book on the harbour. "
        "She found the plans of the first pier in a church archive.\n\n"
        "The new pier was twice as long as the old one.\n\n"
        "Ships from the south began to call in the following spring.\n\n"
        "Fishing boats moved to a smaller basin on the east side.\n\n"
        "A lighthouse was added at the end of the pier in 1890.\n\n"
        "Trade fell again after the railway reached the next town.\n"
    )
    assert {k for k, _ in labelled(text)} == {BODY}


# --- speed and the bundled texts ------------------------------------------------------------


VOCAB = (
    "harbour trade river treaty council port grain ferry bridge town market railway century "
    "merchants fleet border valley quay toll canal barge winter cargo owners shipping route"
)


def generated_article(size: int) -> str:
    """A made-up article of about `size` characters: paragraphs, headings, notes, references."""
    rng = random.Random(7)
    vocab = VOCAB.split()
    parts = ["The Long History of the Northern Harbours", "By: Sam Doe, Staff Writer"]
    n = 0
    while sum(map(len, parts)) < size:
        n += 1
        if n % 6 == 0:
            parts.append(f"The {rng.choice(vocab).title()} and the {rng.choice(vocab).title()}")
        sentences = [
            " ".join(rng.choice(vocab) for _ in range(rng.randint(10, 24))).capitalize() + "."
            for _ in range(rng.randint(3, 7))
        ]
        parts.append(" ".join(sentences))
        if n % 9 == 0:
            parts.append(f"¹ Doe, *Harbours {n}*, 2001, {n}.")
    parts.append("References")
    parts += [f"DOE, SAM, *Harbours {i}* (London: Harbour Press, 2001)." for i in range(20)]
    return "\n\n".join(parts) + "\n"


def test_segment_of_50_kb_is_fast():
    text = generated_article(50_000)
    blocks = segment(text)
    assert sum(b.kind == BODY for b in blocks) > 50
    assert blocks[-1].kind == REFERENCES
    best = min(_timed(text) for _ in range(5))
    assert best < 0.010


def _timed(text: str) -> float:
    t0 = time.perf_counter()
    segment(text)
    return time.perf_counter() - t0


BUNDLED = sorted(SOURCES.glob("*.txt"))


@pytest.mark.parametrize("path", BUNDLED, ids=[p.stem for p in BUNDLED])
def test_bundled_texts_general_properties(path):
    text = path.read_text(encoding="utf-8")
    blocks = segment(text)
    assert_well_formed(text, blocks)
    body = [b for b in blocks if b.kind == BODY]
    assert body
    end_matter = [b.start for b in blocks if b.kind in (REFERENCES, COMMENTS)]
    if end_matter:
        assert body[-1].end <= min(end_matter)
    for b in blocks:
        chunk = text[b.start : b.end]
        if re.match(r"[¹²³⁴⁵⁶⁷⁸⁹⁰]|\[[ivxlc]+\] ", chunk):
            assert b.kind not in QUESTION_SOURCE_KINDS
        if b.joins_next:
            assert b.kind == BODY
    assert len(analysis_text(text, blocks)) == len(text)


def test_empty_and_blank_texts_have_no_blocks():
    assert segment("") == []
    assert segment("\n \n\t\n") == []
    assert analysis_text("\n \n", []) == "\n \n"
    assert skipped_chars([]) == {}


def test_what_follows_the_end_of_the_work_is_boilerplate():
    """A judge: "The quote is Project Gutenberg licence boilerplate, not the authors' prose"
    (the licence sentence itself never names Project Gutenberg)."""
    text = (
        "Critical Essays\n\n"
        "Bach twice made an effort to see Händel at Halle, but without success.\n\n"
        "*** END OF THIS PROJECT GUTENBERG EBOOK CRITICAL & HISTORICAL ESSAYS ***\n\n"
        "The Foundation is committed to complying with the laws regulating charities and "
        "charitable donations in all 50 states of the United States.\n"
    )
    kinds = {text[b.start : b.end][:14]: b.kind for b in segment(text)}
    assert kinds["Bach twice mad"] == BODY
    assert kinds["The Foundation"] == BOILERPLATE
