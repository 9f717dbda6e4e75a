"""The bundled question bank: valid, faithful to its sources, and reproduced exactly.

Every check but the last reads only the pack and its source files. The last regenerates the
pack with the `quire generate` command the README gives and compares it with the file: the
bank in the repository is what the generator makes, byte for byte.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from app.generation.cleaning import segment
from app.generation.dates import date_sort_key, parse_date
from app.generation.types import KINDS, QUESTION_SOURCE_KINDS, TYPES
from app.packs.format import load_pack, validate_pack

ROOT = Path(__file__).resolve().parents[1]
PACK = ROOT / "questions" / "packs" / "russia-iran.json"
TITLE = "Russia and Iran: five articles"
_MARKERS = re.compile(r"\[(?:[ivxlcdm]+|\d+)\]|[⁰¹²³⁴⁵⁶⁷⁸⁹]+")
_FALSE = re.compile(
    r"False\. The text says (?P<right>.+?), not (?P<wrong>.+?): (?P<true>.+)$", re.S
)


@pytest.fixture(scope="module")
def pack() -> dict[str, Any]:
    data, _texts = load_pack(PACK, base_dir=ROOT)
    return data


@pytest.fixture(scope="module")
def questions(pack) -> list[dict[str, Any]]:
    # The learned ranker keeps what judges would accept: a few dozen, not hundreds (34 since
    # names everyday English knows are refused as guessable; 20 since the failures of the
    # bundled judging of seed 126 are refused: general knowledge, untested news, lost parties;
    # 19 since "the country" needs a country's name; 13 since issue 14's strict gate keeps
    # what passes the model's strict threshold, at least one a text: 10). The floor catches a
    # collapse, not a drift.
    assert len(pack["questions"]) >= 10
    return pack["questions"]


@pytest.fixture(scope="module")
def sources(pack) -> dict[str, str]:
    """Each source's text, read here from its file's bytes (not through the pack reader)."""
    texts = {}
    for source in pack["sources"]:
        assert source.get("path"), f"{source['id']} should live in the repository"
        texts[source["id"]] = (ROOT / source["path"]).read_bytes().decode("utf-8")
    return texts


def quotes_of(q: dict[str, Any]) -> list[dict[str, Any]]:
    return [q["quote"], *(item["quote"] for item in q.get("items", []) if "quote" in item)]


def test_pack_is_valid():
    data, texts = load_pack(PACK, base_dir=ROOT)
    assert validate_pack(data, filename=str(PACK), source_texts=texts) == []
    assert data["title"] == TITLE
    assert len(texts) == len(data["sources"]) == 5


def test_ids_are_unique(questions):
    repeated = [qid for qid, n in Counter(q["id"] for q in questions).items() if n > 1]
    assert repeated == []


def test_kinds_and_types(questions):
    for q in questions:
        assert q["type"] in TYPES and q["kind"] in KINDS, q["id"]


def test_every_quote_is_verbatim(questions, sources):
    for q in questions:
        for quote in quotes_of(q):
            text = sources[quote["source"]]
            assert 0 <= quote["start"] < quote["end"] <= len(text), q["id"]
            assert text[quote["start"] : quote["end"]] == quote["text"], q["id"]


def test_no_question_quotes_what_is_not_prose(questions, sources):
    outside = {
        source: [b for b in segment(text) if b.kind not in QUESTION_SOURCE_KINDS]
        for source, text in sources.items()
    }
    for q in questions:
        for quote in quotes_of(q):
            for block in outside[quote["source"]]:
                overlaps = quote["start"] < block.end and block.start < quote["end"]
                assert not overlaps, f"{q['id']} quotes a {block.kind} block"


def test_choices_are_distinct_and_hold_the_answer(questions):
    for q in questions:
        if "choices" in q:
            assert len({c.casefold() for c in q["choices"]}) == len(q["choices"]), q["id"]
            assert q["answer"] in q["choices"], q["id"]
        if q["type"] == "multiple_choice":
            assert len(q["choices"]) == 4, q["id"]
        if q["type"] == "true_false":
            assert q["choices"] == ["True", "False"], q["id"]


def test_answers_are_in_the_quote(questions):
    for q in questions:
        if q["type"] in {"multiple_choice", "cloze"}:
            assert q["answer"] in q["quote"]["text"], q["id"]


def _passage(quote_text: str) -> str:
    """The quote as statements are made from it: no note markers, single spaces."""
    return re.sub(r"\s+", " ", _MARKERS.sub("", quote_text))


def test_true_false_statements_come_from_the_quote(questions):
    answers_by_fact: dict[str, set[str]] = {}
    for q in questions:
        if q["type"] == "cloze" or q["id"].endswith(("-mc", "-mc-blank")):
            answers_by_fact.setdefault(q["fact"], set()).add(q["answer"])
    for q in (q for q in questions if q["type"] == "true_false"):
        shown = q["prompt"].removeprefix("True or false? ")
        if q["answer"] == "False":
            match = _FALSE.match(q["explanation"])
            assert match, q["id"]
            right, wrong, true = match["right"], match["wrong"], match["true"]
            # The explanation names the right answer, the one the passage gives.
            assert right in q["quote"]["text"], q["id"]
            assert right != wrong
            # Exactly the answer was swapped: one occurrence, nothing else changed.
            assert shown.count(wrong) == 1, q["id"]
            assert shown.replace(wrong, right) == true, q["id"]
            # The true statement is the passage's sentence (a leading "But," may go, and the
            # first letter is capitalised again).
            assert true[1:] in _passage(q["quote"]["text"]), q["id"]
        else:
            assert q["explanation"].startswith("True."), q["id"]
            true = shown
            # A true statement is the passage's sentence reworded, never copied word for word.
            assert true[1:] not in _passage(q["quote"]["text"]), q["id"]
            passage_words = set(re.findall(r"\w+", q["quote"]["text"].casefold()))
            assert set(re.findall(r"\w+", true.casefold())) <= passage_words, q["id"]
        for answer in answers_by_fact.get(q["fact"], ()):
            assert answer in true, q["id"]


def test_ordering_items(questions, sources):
    orderings = [q for q in questions if q["type"] == "ordering"]
    for q in orderings:
        assert 3 <= len(q["items"]) <= 5
        keys = []
        for item in q["items"]:
            assert item["date"] in item["quote"]["text"], q["id"]
            value = parse_date(item["date"])
            assert value is not None, item["date"]
            keys.append(date_sort_key(value))
        assert keys == sorted(keys) and len(set(keys)) == len(keys), q["id"]
        assert q["answer"] == " → ".join(item["text"] for item in q["items"])


@pytest.mark.slow
def test_pack_is_reproduced_exactly(runner, tmp_path):
    """`quire generate --out questions/packs/russia-iran.json --title ...` gives this file."""
    out = tmp_path / "russia-iran.json"
    result = runner.invoke(args=["generate", "--out", str(out), "--title", TITLE])
    assert result.exit_code == 0, result.output
    fresh, _ = load_pack(out, base_dir=ROOT)
    bundled, _ = load_pack(PACK, base_dir=ROOT)
    assert fresh["sources"] == bundled["sources"]
    assert fresh["generator"]["model"] == bundled["generator"]["model"]
    assert [q["id"] for q in fresh["questions"]] == [q["id"] for q in bundled["questions"]]
    for new, old in zip(fresh["questions"], bundled["questions"], strict=True):
        assert new == old, new["id"]
    strip = ("generator",)
    assert {k: v for k, v in fresh.items() if k not in strip} == {
        k: v for k, v in bundled.items() if k not in strip
    }


def test_every_bundled_source_has_a_title_a_reader_can_use():
    # A teacher picks texts by title; "Untitled article by ..." says nothing of the article.
    import json
    from pathlib import Path

    listing = json.loads(
        (Path(__file__).parent.parent / "questions" / "sources" / "sources.json").read_text()
    )
    titles = [source["title"] for source in listing["sources"]]
    assert len(titles) == 5 and not [t for t in titles if t.lower().startswith("untitled")]
