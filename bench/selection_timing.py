"""Benchmark 2 of issue 3: time to choose the next question with 1 thousand and 1 million
review-log rows in the database. The ratio should stay under 1.5: choosing reads cards through
their indexes and never scans the log.

Two SQLite files are seeded alike (2,000 questions, 1,000 learners, the measured learner with
600 cards), except for the size of the review log; the two are then timed in alternation, each
timing a full `choose_quiz` (today's counts, candidate queries, `choose_next`) on a fresh
session. With --database-url (PostgreSQL) one database is timed at the small size, grown to the
large size, and timed again.

    python -m bench.selection_timing [--large 1000000] [--repeats 41] [--database-url URL]
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import text

from app import create_app
from app.accounts_models import User
from app.extensions import db
from app.study.scheduling import CARD_STATE_FIELDS
from app.study_service import choosing
from app.study_service.candidates import Scope

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
QUESTIONS = 2_000
USERS = 1_000
CARDS = 600
CHUNK = 50_000


# The review-log columns a seeder fills (every one but the id), shared with production_perf.
REVIEW_LOG_COLUMNS = [
    "user_id",
    "question_id",
    "mode",
    "form",
    "response",
    "correct",
    "rating",
    "duration_ms",
    "reviewed_at",
    "card_state",
    "state_before",
    "client_token",
    "undone",
]


def make_app(url: str):
    """An app on `url` with the tables created."""
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "bench", "TESTING": True})
    with app.app_context():
        db.drop_all()
        db.create_all()
    return app


def _stamp(moment: datetime, sqlite: bool):
    # SQLAlchemy keeps SQLite datetimes as text in this exact format; compare like with like.
    return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f") if sqlite else moment


def _json(value, sqlite: bool):
    if sqlite:
        return json.dumps(value)
    from psycopg.types.json import Json

    return Json(value)


def _insert(raw, table: str, columns: list[str], rows: list[tuple], sqlite: bool) -> None:
    mark = "?" if sqlite else "%s"
    sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join([mark] * len(columns))})"
    cursor = raw.cursor()
    if sqlite:
        # Seeding only: a crash would just mean seeding again.
        cursor.execute("PRAGMA synchronous=OFF")
    for start in range(0, len(rows), CHUNK):
        cursor.executemany(sql, rows[start : start + CHUNK])
    raw.commit()


def seed_base(app) -> None:
    """Questions, learners and the measured learner's cards."""
    sqlite = app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite")
    rng = random.Random(1)
    with app.app_context():
        raw = db.engine.raw_connection()
        try:
            text_body = "Filler sentence.\n" * 10
            _insert(
                raw,
                "sources",
                ["id", "title", "sha256", "text", "notes"],
                [("bench", "Bench", "0" * 64, text_body, "")],
                sqlite,
            )
            _insert(
                raw,
                "packs",
                [
                    "id",
                    "slug",
                    "title",
                    "description",
                    "language",
                    "format_version",
                    "generator",
                    "created_at",
                ],
                [(1, "bench", "Bench", "", "en", 1, _json({}, sqlite), _stamp(NOW, sqlite))],
                sqlite,
            )
            questions = [
                (
                    i,
                    1,
                    f"q{i}",
                    f"f{i}",
                    "multiple_choice",
                    "date",
                    f"Question {i}?",
                    "1",
                    _json(["1", "2", "3", "4"], sqlite),
                    _json([], sqlite),
                    _json([], sqlite),
                    "bench",
                    0,
                    8,
                    "Filler s",
                    "Because.",
                    rng.random(),
                    _json([], sqlite),
                    i,
                    "approved",
                )
                for i in range(1, QUESTIONS + 1)
            ]
            _insert(
                raw,
                "questions",
                [
                    "id",
                    "pack_id",
                    "uid",
                    "fact",
                    "type",
                    "kind",
                    "prompt",
                    "answer",
                    "choices",
                    "accept",
                    "items",
                    "source_id",
                    "quote_start",
                    "quote_end",
                    "quote_text",
                    "explanation",
                    "difficulty",
                    "tags",
                    "position",
                    "review_status",
                ],
                questions,
                sqlite,
            )
            users = [
                (
                    i,
                    f"Learner {i}",
                    "learner",
                    False,
                    f"token{i}",
                    _stamp(NOW, sqlite),
                    _stamp(NOW, sqlite),
                    0.9,
                    20,
                    200,
                    "UTC",
                )
                for i in range(1, USERS + 1)
            ]
            _insert(
                raw,
                "users",
                [
                    "id",
                    "display_name",
                    "role",
                    "is_guest",
                    "session_token",
                    "created_at",
                    "last_seen_at",
                    "desired_retention",
                    "new_per_day",
                    "reviews_per_day",
                    "timezone",
                ],
                users,
                sqlite,
            )
            cards = []
            for i in range(1, CARDS + 1):
                due = NOW + timedelta(hours=rng.uniform(-72, 24 * 30))
                seen = NOW - timedelta(days=rng.uniform(1, 60))
                cards.append(
                    (
                        1,
                        i,
                        2,
                        None,
                        rng.uniform(1, 60),
                        rng.uniform(1, 9),
                        _stamp(due, sqlite),
                        _stamp(seen, sqlite),
                        rng.randint(1, 9),
                        rng.randint(0, 3),
                        False,
                        False,
                        _stamp(seen, sqlite),
                        rng.randint(1, 9),
                        3,
                    )
                )
            _insert(
                raw,
                "cards",
                [
                    "user_id",
                    "question_id",
                    *CARD_STATE_FIELDS,
                    "last_seen_at",
                    "exposures",
                    "last_rating",
                ],
                cards,
                sqlite,
            )
        finally:
            raw.close()


def seed_log(app, count: int, first_id: int = 1) -> None:
    """`count` review-log rows over a year, most of other learners, a few of today's."""
    sqlite = app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite")
    rng = random.Random(count)
    state = _json({"card": None}, sqlite)
    rows = []
    for n in range(first_id, first_id + count):
        user = 1 if n % USERS == 0 else rng.randint(2, USERS)
        when = NOW - timedelta(minutes=rng.uniform(1, 365 * 24 * 60))
        rows.append(
            (
                n,
                user,
                rng.randint(1, QUESTIONS),
                "quiz",
                "choice",
                _json("1", sqlite),
                rng.random() < 0.8,
                3,
                4000,
                _stamp(when, sqlite),
                2,
                state,
                f"token-{n}",
                False,
            )
        )
    with app.app_context():
        raw = db.engine.raw_connection()
        try:
            _insert(
                raw,
                "review_logs",
                ["id", *REVIEW_LOG_COLUMNS],
                rows,
                sqlite,
            )
        finally:
            raw.close()
        # Planner statistics at both sizes, as autovacuum keeps them on a live database: without
        # them PostgreSQL plans the small database's choice badly (230 ms instead of 10).
        db.session.execute(text("ANALYZE"))
        db.session.commit()


def time_choice(app) -> float:
    """Seconds for one choice of the next question, on a fresh session."""
    with app.app_context():
        user = db.session.get(User, 1)
        start = time.perf_counter()
        choice = choosing.choose_quiz(user, Scope(), NOW, random.Random(3))
        elapsed = time.perf_counter() - start
        assert choice is not None
        db.session.remove()
        return elapsed


def _warm(app, times: int = 3) -> None:
    for _ in range(times):
        time_choice(app)


def run_sqlite(small: int, large: int, repeats: int) -> tuple[list[float], list[float]]:
    """Seed two SQLite files and time them in alternation."""
    folder = Path(tempfile.mkdtemp(prefix="quire-bench-"))
    apps = []
    for size in (small, large):
        started = time.perf_counter()
        app = make_app(f"sqlite:///{folder / f'log-{size}.sqlite'}")
        seed_base(app)
        seed_log(app, size)
        print(f"seeded {size:>9,} log rows in {time.perf_counter() - started:5.1f} s")
        _warm(app)
        apps.append(app)
    timings: tuple[list[float], list[float]] = ([], [])
    for _ in range(repeats):
        for index, app in enumerate(apps):
            timings[index].append(time_choice(app))
    return timings


def run_url(url: str, small: int, large: int, repeats: int) -> tuple[list[float], list[float]]:
    """Time one database at the small size, grow its log, and time it again."""
    app = make_app(url)
    seed_base(app)
    seed_log(app, small)
    _warm(app)
    first = [time_choice(app) for _ in range(repeats)]
    seed_log(app, large - small, first_id=small + 1)
    _warm(app)
    return first, [time_choice(app) for _ in range(repeats)]


def main(argv: list[str] | None = None) -> None:
    """Parse arguments, run, print both medians and their ratio."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--small", type=int, default=1_000)
    parser.add_argument("--large", type=int, default=1_000_000)
    parser.add_argument("--repeats", type=int, default=41)
    parser.add_argument("--database-url", default=None)
    args = parser.parse_args(argv)
    if args.database_url:
        small, large = run_url(args.database_url, args.small, args.large, args.repeats)
    else:
        small, large = run_sqlite(args.small, args.large, args.repeats)
    a, b = statistics.median(small) * 1000, statistics.median(large) * 1000
    print(f"choose next question, median of {args.repeats}:")
    print(f"  {args.small:>9,} log rows: {a:7.2f} ms")
    print(f"  {args.large:>9,} log rows: {b:7.2f} ms")
    print(f"  ratio: {b / a:.2f} (target < 1.5)")


if __name__ == "__main__":
    main()
