"""Load benchmark: N students join a live, teacher-paced session and answer every question.

    python -m bench.classroom_load [--db sqlite|postgres|both] [--redis] [--students 300]
        [--questions 10]

For each database it builds a fresh one (SQLite: a temporary file; PostgreSQL: its own schema in
the `test` database at 127.0.0.1:5432, dropped at the end), starts gunicorn with several workers,
and drives it from asyncio with httpx, only against 127.0.0.1. Students do what the browser does:
poll the live state with If-None-Match, answer a newly opened question from the poll's JSON
(the page's script draws it without a reload), reload the page on any other change. The teacher
opens each question, reveals it once everyone answered (or the timer ran out), and moves on.
Reported: p50/p99 latency of join (POST /join), live update (state poll) and answer (POST), and
answers lost (acknowledged by the server but missing from the database). With --redis each database
is run twice, without and then with the Redis live cache (REDIS_URL, under a key prefix of its own).
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import os
import random
import re
import resource
import socket
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
PG_URL = "postgresql+psycopg://{user}@127.0.0.1:5432/test"
REDIS_URL = "redis://127.0.0.1:6379/0"
TOKEN = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')
HARD_STOP_S = 900
# Students type the code and a nickname over this many seconds, as a class does.
JOIN_WINDOW_S = 20


@dataclass
class Timings:
    """Latencies in milliseconds, by kind of request, and counters."""

    join: list[float] = field(default_factory=list)
    live: list[float] = field(default_factory=list)
    answer: list[float] = field(default_factory=list)
    acknowledged: int = 0
    refused: int = 0
    errors: int = 0


def percentile(values: list[float], share: float) -> float:
    """The value below which `share` of the sorted values fall (nearest rank)."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))]


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _pack(questions: int) -> dict:
    """A made-up pack: one sentence per question, four choices each."""
    import hashlib

    sentences = [
        f"The beacon number {i} was lit in the year {1700 + 7 * i}." for i in range(questions)
    ]
    text = "\n\n".join(sentences) + "\n"
    items = []
    for i, sentence in enumerate(sentences):
        start = text.index(sentence)
        year = str(1700 + 7 * i)
        items.append(
            {
                "id": f"b{i}",
                "type": "multiple_choice",
                "kind": "date",
                "prompt": f"When was beacon number {i} lit?",
                "answer": year,
                "choices": sorted(
                    {year, str(int(year) + 1), str(int(year) - 3), str(int(year) + 9)}
                ),
                "quote": {
                    "source": "bench",
                    "start": start,
                    "end": start + len(sentence),
                    "text": sentence,
                },
                "explanation": f"It was lit in {year}.",
            }
        )
    return {
        "format": "quire-pack",
        "format_version": 1,
        "id": "bench-beacons",
        "title": "Beacons",
        "description": "",
        "language": "en",
        "generator": {"name": "bench", "version": "1"},
        "sources": [
            {
                "id": "bench",
                "title": "Beacons",
                "text": text,
                "sha256": hashlib.sha256(text.encode()).hexdigest(),
            }
        ],
        "questions": items,
    }


def prepare(url: str, questions: int, time_limit: int) -> tuple[int, str]:
    """Create the tables, a pack, an instructor, a quiz and a live session; (id, join code)."""
    from app import create_app
    from app.accounts_models import User
    from app.classroom.quizzes import create_quiz
    from app.classroom.services import start_session
    from app.extensions import db
    from app.models import Question
    from app.packs.importer import import_pack
    from app.passwords import set_password

    app = create_app(
        {
            "SQLALCHEMY_DATABASE_URI": url,
            "SECRET_KEY": "bench",
            "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000",
        }
    )
    with app.app_context():
        db.create_all()
        import_pack(_pack(questions), {}, filename="bench.json")
        teacher = User(email="bench-teacher@example.org", role="instructor", display_name="T")
        set_password(teacher, "bench password 123")
        db.session.add(teacher)
        db.session.commit()
        chosen = db.session.scalars(db.select(Question).order_by(Question.position)).all()
        quiz = create_quiz(teacher, "Bench quiz", chosen, time_limit)
        session = start_session(
            quiz,
            mode="live",
            speed_bonus=True,
            deadline=None,
            now=datetime.now(UTC),
            rng=random.SystemRandom(),
        )
        result = session.id, session.join_code
        db.session.remove()
        db.engine.dispose()
    return result


@contextmanager
def gunicorn(
    url: str,
    port: int,
    workers: int,
    threads: int,
    extra_env: dict[str, str] | None = None,
    app: str = "app:create_app()",
):
    """gunicorn serving the app on 127.0.0.1:port until the block ends.

    gunicorn reads the repository's gunicorn.conf.py (as deployed); the options given here win.
    `app` is the application gunicorn loads (production_perf adds its yardsticks to Quire's).
    """
    # Redis only when asked for: a REDIS_URL in the caller's environment must not leak in.
    env = {k: v for k, v in os.environ.items() if k not in ("REDIS_URL", "QUIRE_LIVE_CACHE_PREFIX")}
    env |= {
        "DATABASE_URL": url,
        "SECRET_KEY": "bench",
        "RATELIMIT_ENABLED": "0",
        "QUIRE_POLL_MS": "1500",
        # Plain HTTP on localhost: cookies marked Secure would never come back.
        "QUIRE_SECURE_COOKIES": "0",
        # One log line per request would cost time and bury the table in output.
        "QUIRE_REQUEST_LOG": "0",
        "PYTHONPATH": str(ROOT),
        **(extra_env or {}),
    }
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "-k",
        "gthread",
        "-w",
        str(workers),
        "--threads",
        str(threads),
        "-b",
        f"127.0.0.1:{port}",
        "--log-level",
        "warning",
        # Longer than the students' polling interval, as behind a load balancer.
        "--keep-alive",
        "30",
        app,
    ]
    process = subprocess.Popen(command, env=env, cwd=ROOT)
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                httpx.get(f"http://127.0.0.1:{port}/join", timeout=1)
                break
            except httpx.HTTPError:
                time.sleep(0.2)
        else:
            raise RuntimeError("gunicorn did not start within 30 s")
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=20)


async def send(client: httpx.AsyncClient, method: str, url: str, **kwargs) -> httpx.Response:
    """One request, retried once when a kept-alive connection was closed under it (as browsers
    do); safe for the answer POST too, since the server stores an answer only once."""
    try:
        return await client.request(method, url, **kwargs)
    except (httpx.RemoteProtocolError, httpx.ConnectError, httpx.ReadError):
        return await client.request(method, url, **kwargs)


async def timed(
    times: list[float], client: httpx.AsyncClient, method: str, url: str, **kwargs
) -> httpx.Response:
    """Send a request, adding its latency (with any retry) to `times`."""
    start = time.perf_counter()
    response = await send(client, method, url, **kwargs)
    times.append((time.perf_counter() - start) * 1000)
    return response


async def student(
    base: str, number: int, session_id: int, code: str, t: Timings, rng: random.Random
) -> None:
    """Join, then poll and answer each question once until the session ends."""
    limits = httpx.Limits(max_connections=2)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=30) as client:
        await asyncio.sleep(rng.uniform(0, JOIN_WINDOW_S))  # a class joins over some seconds
        page = await send(client, "GET", f"/join?code={code}")
        data = {"csrf_token": TOKEN.search(page.text)[1], "code": code, "nickname": f"S{number}"}
        joined = await timed(t.join, client, "POST", "/join", data=data)
        if joined.status_code != 302:
            t.errors += 1
            return
        await send(client, "GET", joined.headers["Location"])  # the browser follows it
        etag, seen, last = None, set(), None
        while True:
            headers = {"If-None-Match": etag} if etag else {}
            state = await timed(t.live, client, "GET", f"/play/{session_id}/state", headers=headers)
            if state.status_code == 200:
                etag = state.headers.get("ETag")
                body = state.json()
                if body["phase"] == "ended":
                    await send(client, "GET", f"/play/{session_id}")  # the final score page
                    return
                question, moved = body.get("question"), (body["version"], body["phase"])
                if question and body["position"] not in seen:
                    # As the page's script does: the form is drawn from the poll, no reload.
                    seen.add(body["position"])
                    await _answer(client, session_id, question, t, rng)
                elif last is not None and moved != last:
                    await send(client, "GET", f"/play/{session_id}")  # the script reloads
                last = moved
            elif state.status_code != 304:
                t.errors += 1
            await asyncio.sleep(rng.uniform(1.2, 1.8))


async def _answer(
    client: httpx.AsyncClient, session_id: int, question: dict, t: Timings, rng: random.Random
) -> None:
    await asyncio.sleep(rng.uniform(0.5, 4.0))  # reading and thinking
    data = {
        "csrf_token": question["csrf_token"],
        "question": str(question["id"]),
        "choice": str(rng.choice(question["choices"])[0]),
    }
    # As the page's script does: one POST asking for JSON, which says whether it was taken.
    response = await timed(
        t.answer,
        client,
        "POST",
        f"/play/{session_id}/answer",
        data=data,
        headers={"Accept": "application/json"},
    )
    if response.status_code == 200 and response.json()["status"] in ("received", "duplicate"):
        t.acknowledged += 1
    elif response.status_code == 409:
        t.refused += 1
    else:
        t.errors += 1


async def teacher(base: str, session_id: int, students: int, questions: int) -> None:
    """Log in, wait for the class, then open, reveal and move on through every question."""
    async with httpx.AsyncClient(base_url=base, timeout=30) as client:
        page = await send(client, "GET", "/accounts/login")
        await send(
            client,
            "POST",
            "/accounts/login",
            data={
                "csrf_token": TOKEN.search(page.text)[1],
                "email": "bench-teacher@example.org",
                "password": "bench password 123",
            },
        )
        live = f"/classroom/sessions/{session_id}/live"
        while (await send(client, "GET", live)).json()["players"] < students:
            await asyncio.sleep(0.5)
        for _ in range(questions + 1):
            await _press(client, session_id, "next")
            state = (await send(client, "GET", live)).json()
            while (
                state["phase"] == "question"
                and state["answered"] < state["players"]
                and (state["remaining_ms"] or 0) > 0
            ):
                await asyncio.sleep(0.5)
                state = (await send(client, "GET", live)).json()
            if state["phase"] == "question":
                await _press(client, session_id, "reveal")
                await asyncio.sleep(1.0)


async def _press(client: httpx.AsyncClient, session_id: int, action: str) -> None:
    page = (await send(client, "GET", f"/classroom/sessions/{session_id}")).text
    version = (await send(client, "GET", f"/classroom/sessions/{session_id}/live")).json()[
        "version"
    ]
    await send(
        client,
        "POST",
        f"/classroom/sessions/{session_id}/{action}",
        data={"csrf_token": TOKEN.search(page)[1], "version": version},
    )


async def drive(base: str, session_id: int, code: str, students: int, questions: int) -> Timings:
    """Run the class and the teacher together, with a hard time limit."""
    t, rng = Timings(), random.Random(7)
    jobs = [
        student(base, i, session_id, code, t, random.Random(rng.random())) for i in range(students)
    ]
    jobs.append(teacher(base, session_id, students, questions))
    await asyncio.wait_for(asyncio.gather(*jobs), HARD_STOP_S)
    return t


def stored_answers(url: str) -> tuple[int, int]:
    """(answers stored, players with a duplicate answer) in the benchmark database."""
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    with engine.connect() as conn:
        stored = conn.execute(text("SELECT count(*) FROM classroom_answers")).scalar_one()
        dupes = conn.execute(
            text(
                "SELECT count(*) FROM (SELECT player_id, session_question_id "
                "FROM classroom_answers GROUP BY player_id, session_question_id "
                "HAVING count(*) > 1) d"
            )
        ).scalar_one()
    engine.dispose()
    return stored, dupes


@contextmanager
def database(kind: str):
    """A fresh database URL: a temporary SQLite file, or a private PostgreSQL schema."""
    if kind == "sqlite":
        with tempfile.TemporaryDirectory() as folder:
            yield f"sqlite:///{folder}/bench.sqlite"
        return
    import psycopg

    user = os.environ.get("PGUSER", "postgres")
    schema = f"quire_bench_{os.getpid()}"
    admin = PG_URL.format(user=user).replace("postgresql+psycopg", "postgresql")
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE SCHEMA "{schema}"')
    try:
        yield PG_URL.format(user=user) + f"?options=-csearch_path%3D{schema}"
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP SCHEMA "{schema}" CASCADE')


@contextmanager
def live_cache(enabled: bool):
    """Environment for the app servers: the Redis live cache under a fresh key prefix, or none.

    The prefix's keys are deleted at the end, so runs never read each other's cached rows.
    """
    if not enabled:
        yield {}
        return
    import redis

    prefix = f"quire:bench:{os.getpid()}:{time.monotonic_ns()}"
    try:
        yield {"REDIS_URL": REDIS_URL, "QUIRE_LIVE_CACHE_PREFIX": prefix}
    finally:
        client = redis.Redis.from_url(REDIS_URL)
        keys = list(client.scan_iter(match=f"{prefix}:*", count=1000))
        if keys:
            client.delete(*keys)
        else:
            # The servers read QUIRE_LIVE_CACHE_PREFIX from their environment; no key under it
            # means the "with Redis" figures were not measured with this run's cache.
            print(f"warning: no live-cache key under {prefix}: the prefix was not used")
        client.close()


def run(kind: str, redis: bool, args: argparse.Namespace) -> dict:
    """One benchmark on one database, with or without Redis; the row of the results table."""
    with database(kind) as url, live_cache(redis) as extra_env:
        session_id, code = prepare(url, args.questions, args.time_limit)
        # prepare() left the whole app imported in this process. Out of the collector's sight,
        # or each full collection pauses every simulated student for ~200 ms, which would be
        # timed as server latency.
        gc.collect()
        gc.freeze()
        client_before = _cpu_seconds(resource.RUSAGE_SELF)
        server_before = _cpu_seconds(resource.RUSAGE_CHILDREN)
        with gunicorn(url, free_port(), args.workers, args.threads, extra_env) as base:
            started = time.perf_counter()
            t = asyncio.run(drive(base, session_id, code, args.students, args.questions))
            elapsed = time.perf_counter() - started
        # gunicorn has exited and reaped its workers, so its CPU time is in RUSAGE_CHILDREN.
        cpu = (
            _cpu_seconds(resource.RUSAGE_SELF) - client_before,
            _cpu_seconds(resource.RUSAGE_CHILDREN) - server_before,
        )
        stored, dupes = stored_answers(url)
    label = f"{kind} + redis" if redis else kind
    return {"db": label, "t": t, "stored": stored, "dupes": dupes, "seconds": elapsed, "cpu": cpu}


def _cpu_seconds(who: int) -> float:
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


def main(argv: list[str] | None = None) -> int:
    """Parse the options, run the benchmark on each database, print a Markdown table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", choices=("sqlite", "postgres", "both"), default="both")
    parser.add_argument("--students", type=int, default=300)
    parser.add_argument("--questions", type=int, default=10)
    parser.add_argument("--time-limit", type=int, default=20)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument(
        "--redis",
        action="store_true",
        help=f"run each database again with the Redis live cache at {REDIS_URL}",
    )
    args = parser.parse_args(argv)
    kinds = ("sqlite", "postgres") if args.db == "both" else (args.db,)
    caches = (False, True) if args.redis else (False,)
    print(
        f"{args.students} students, {args.questions} questions, gunicorn {args.workers} "
        f"workers × {args.threads} threads, {os.cpu_count()} CPUs\n"
    )
    print(
        "| DB | join p50/p99 ms | live p50/p99 ms | answer p50/p99 ms | answers acked/stored/lost "
        "| dupes | refused | errors | run s | CPU s client / server |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|")
    ok = True
    for kind, redis in [(kind, redis) for kind in kinds for redis in caches]:
        row = run(kind, redis, args)
        t = row["t"]
        lost = max(0, t.acknowledged - row["stored"])
        ok = ok and lost == 0 and row["dupes"] == 0 and percentile(t.answer, 0.99) < 300
        cells = [
            f"{percentile(v, 0.5):.0f} / {percentile(v, 0.99):.0f}"
            for v in (t.join, t.live, t.answer)
        ]
        print(
            f"| {row['db']} | {' | '.join(cells)} | {t.acknowledged}/{row['stored']}/{lost} "
            f"| {row['dupes']} | {t.refused} | {t.errors} | {row['seconds']:.0f} "
            f"| {row['cpu'][0]:.0f} / {row['cpu'][1]:.0f} |",
            flush=True,
        )
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
