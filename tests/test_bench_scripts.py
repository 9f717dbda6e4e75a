"""Smoke tests of bench/: the answer key is sound and coverage matching behaves (no timings)."""

from __future__ import annotations

import importlib
from datetime import UTC, datetime
from pathlib import Path
from types import SimpleNamespace

import pytest
from sqlalchemy import select

from app.clock import as_utc
from app.extensions import db
from app.generation.types import KINDS
from app.study_models import Card, ReviewLog
from tests.learn.conftest import put_card, question_ids

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def bench():
    """bench/ is not an installed package, so import it from the repository root."""
    with pytest.MonkeyPatch.context() as patch:
        patch.syspath_prepend(str(ROOT))
        yield SimpleNamespace(
            corpus=importlib.import_module("bench.corpus"),
            matching=importlib.import_module("bench.matching"),
            coverage=importlib.import_module("bench.coverage"),
        )


def test_answer_key_evidence_is_verbatim_and_fields_are_complete(bench):
    texts = {source.id: source.text for source in bench.corpus.load_sources()}
    key = bench.corpus.load_key()
    assert 80 <= len(key) <= 120
    for entry in key:
        assert set(bench.corpus.KEY_FIELDS) <= entry.keys(), entry.get("id")
        assert entry["kind"] in KINDS, entry["id"]
        assert texts[entry["source"]].find(entry["evidence"]) >= 0, entry["id"]
    assert bench.corpus.key_problems(key, texts) == []


def test_key_problems_names_each_fault(bench):
    texts = {"s": "Russia agreed in 1995 to supply the reactor."}
    good = {
        "id": "a",
        "source": "s",
        "kind": "date",
        "fact": "f",
        "answer": "1995",
        "aliases": [],
        "evidence": "agreed in 1995",
    }
    key = [
        good,
        {**good, "id": "b", "kind": "weather"},
        {**good, "id": "c", "evidence": "agreed in 1996"},
        {**good, "id": "d", "source": "elsewhere"},
        {name: value for name, value in good.items() if name != "answer"} | {"id": "e"},
        good,
    ]
    problems = bench.corpus.key_problems(key, texts)
    assert [problem.split(":")[0] for problem in problems] == ["b", "c", "d", "e", "a"]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("The Treaty of Turkmenchay", "treaty of turkmenchay"),
        ("Iran’s Supreme Leader", "iran supreme leader"),
        ("100,000", "100000"),
        ("27%", "27 percent"),
        ("1804–1813", "1804 1813"),
        ("S-300", "s 300"),
        ("  $40 billion. ", "40 billion"),
        ("Téhéran", "teheran"),
    ],
)
def test_normalise(bench, raw, expected):
    assert bench.matching.normalise(raw) == expected


TEXT = (
    "In 1995, Russia agreed to supply the reactor for the plant in Bushehr. "
    "The S-300 sale stalled. The S-300 sale stalled again."
)
KEY = [
    {
        "id": "k1",
        "source": "s",
        "kind": "date",
        "fact": "",
        "answer": "1995",
        "aliases": [],
        "evidence": "In 1995, Russia agreed",
    },
    {
        "id": "k2",
        "source": "s",
        "kind": "place",
        "fact": "",
        "answer": "Bushehr",
        "aliases": [],
        "evidence": "the plant in Bushehr",
    },
    {
        "id": "k3",
        "source": "s",
        "kind": "equipment",
        "fact": "",
        "answer": "S-300",
        "aliases": ["S300"],
        "evidence": "The S-300 sale stalled",
    },
    {
        "id": "k4",
        "source": "s",
        "kind": "treaty",
        "fact": "",
        "answer": "the reactor deal",
        "aliases": [],
        "evidence": "supply the reactor",
    },
]


def quote(start: int, end: int, source: str = "s") -> dict:
    return {"source": source, "start": start, "end": end, "text": TEXT[start:end]}


FIRST = quote(0, TEXT.index(".") + 1)
SECOND_STALL = quote(TEXT.rindex("The S-300"), len(TEXT))


def test_multiple_choice_and_cloze_need_overlap_source_and_answer(bench):
    questions = [
        {"id": "q1", "type": "multiple_choice", "answer": "1995", "quote": FIRST},
        {"id": "q2", "type": "cloze", "answer": "Bushehr", "quote": FIRST | {"source": "t"}},
        {"id": "q3", "type": "cloze", "answer": "Russia", "quote": FIRST},
        {"id": "q4", "type": "cloze", "answer": "S 300", "quote": FIRST},
    ]
    report = bench.coverage.coverage_report(KEY, questions, {"s": TEXT})
    assert report.covering == {"k1": ["q1"]}
    uncovered = {fact["id"]: [q["id"] for q in misses] for fact, misses in report.uncovered}
    # q2 names k2 but quotes another source; q1, q3, q4 quote k2 and k4 but answer otherwise.
    assert uncovered == {"k2": ["q1", "q3", "q4"], "k3": [], "k4": ["q1", "q3", "q4"]}
    assert report.by_kind["date"] == [1, 1] and (report.covered, report.total) == (1, 4)


def test_repeated_evidence_accept_forms_true_false_and_ordering(bench):
    questions = [
        # The evidence occurs twice; quoting the second occurrence still counts.
        {"id": "q1", "type": "cloze", "answer": "an S300", "quote": SECOND_STALL},
        {
            "id": "q2",
            "type": "true_false",
            "answer": "True",
            "prompt": "Russia's plant was in Bushehr.",
            "quote": FIRST,
        },
        {
            "id": "q3",
            "type": "true_false",
            "answer": "False",
            "prompt": "It was in 1996.",
            "correction": "It was in 1995.",
            "quote": FIRST,
        },
        {
            "id": "q4",
            "type": "ordering",
            "answer": "1,2",
            "quote": quote(70, 90),
            "items": [
                {"text": "The sale stalled", "date": "1995", "quote": FIRST},
                {"text": "Something else", "date": "2001"},
            ],
        },
        {
            "id": "q5",
            "type": "multiple_choice",
            "answer": "a deal",
            "accept": ["The reactor deal"],
            "quote": FIRST,
        },
    ]
    report = bench.coverage.coverage_report(KEY, questions, {"s": TEXT})
    assert report.covering == {"k1": ["q3", "q4"], "k2": ["q2"], "k3": ["q1"], "k4": ["q5"]}


def test_false_statement_without_correction_does_not_cover(bench):
    question = {
        "id": "q",
        "type": "true_false",
        "answer": "False",
        "prompt": "In 1995 Russia agreed to supply the reactor.",
        "quote": FIRST,
    }
    spans = bench.matching.evidence_spans(TEXT, KEY[0]["evidence"])
    assert not bench.matching.covers(question, KEY[0], spans)


def test_sample_is_seeded_and_acceptability_counts_only_sampled(bench):
    questions = [{"id": f"q{n}"} for n in range(20)]
    first = bench.coverage.sample_questions(questions, 5, seed=7)
    assert first == bench.coverage.sample_questions(questions, 5, seed=7)
    assert len({q["id"] for q in first}) == 5
    verdicts = {
        first[0]["id"]: {"ok": True},
        first[1]["id"]: {"ok": False, "why": "vague"},
        "elsewhere": {"ok": True},
    }
    assert bench.coverage.acceptability(first, verdicts) == (1, 2, 3)


@pytest.fixture
def bench_app(app):
    """The test app with bench/floor_app.py's yardsticks, as the benchmark's gunicorn serves."""
    from bench.floor_app import register

    return register(app)


def test_production_app_carries_no_benchmark_endpoint(app):
    """The yardsticks live in bench/: Quire's own app answers 404 to them."""
    rules = {rule.rule for rule in app.url_map.iter_rules()}
    assert not any(rule.startswith("/healthz/") for rule in rules)
    assert app.test_client().post("/healthz/floor").status_code == 404


def test_production_perf_finds_page_assets_and_the_baseline_row(bench_app, imported, monkeypatch):
    """bench/production_perf.py: the page parser finds CSS and JS; the baseline endpoint reads
    one question by primary key."""
    monkeypatch.syspath_prepend(str(ROOT))
    perf = importlib.import_module("bench.production_perf")
    html = (
        '<link rel="stylesheet" href="/static/quire.css"><link rel="icon" href="/x.ico">'
        '<script src="/static/learn.js" defer></script>'
    )
    links = [perf.HREF.search(tag)[1] for tag in perf.STYLESHEET.findall(html)]
    assert links + perf.SCRIPT.findall(html) == ["/static/quire.css", "/static/learn.js"]
    client = bench_app.test_client()
    found = client.get("/healthz/row/1")
    assert found.status_code == 200 and found.json["id"] == 1
    assert client.get("/healthz/row/999999").status_code == 404


def test_floor_endpoint_does_the_steps_database_work(bench_app, imported, learner, client):
    """/healthz/floor, for a logged-in learner: one review-log row for their most overdue card,
    that card pushed a day on, one commit."""
    app = bench_app
    ids = question_ids(app)
    overdue = put_card(app, learner, ids["q1"], due=datetime(2026, 1, 1, tzinfo=UTC))
    later = put_card(app, learner, ids["q2"], due=datetime(2026, 2, 1, tzinfo=UTC))
    assert app.test_client().post("/healthz/floor").status_code == 401  # not logged in
    reply = client.post("/healthz/floor")
    assert reply.status_code == 200 and reply.json["candidates"] >= 1
    with app.app_context():
        [log] = db.session.scalars(select(ReviewLog)).all()
        assert (log.user_id, log.card_id, log.question_id) == (learner, overdue, ids["q1"])
        card = db.session.get(Card, overdue)
        assert card.exposures == 4 and as_utc(card.due) > datetime(2026, 2, 1, tzinfo=UTC)
        assert db.session.get(Card, later).exposures == 3
