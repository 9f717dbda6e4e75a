"""Issue 6 benchmark: the study flow under gunicorn over a large database, and the page weight.

    python -m bench.production_perf [--db sqlite|postgres|both] [--small]

For each database (SQLite: a temporary file; PostgreSQL: a private schema in `test` at
127.0.0.1:5432, dropped at the end; both from `bench.classroom_load.database`) it seeds 10
thousand questions in 100 sources, 1 thousand learners (one password hash computed once and
reused), 300 cards per learner and 1 million review-log rows spread over those cards (bulk
`executemany` on SQLite, COPY on PostgreSQL), then starts gunicorn (2 workers × 4 threads,
gthread, as gunicorn.conf.py) and drives it from client threads over keep-alive connections
(http.client), each thread a logged-in learner with its own session cookie.

Three operations are measured in turns, in the same run, with the same clients:

- study, scripted: "answer, then next question" as the study page's script does it: POST
  /learn/quiz asking for JSON, with the CSRF token, the signed ticket and a choice parsed from
  the page; the reply brings the feedback and the next question (one request). This is the
  operation the target is measured on;
- study, no script: the same as a browser without JavaScript does it: the POST, the 303 to the
  feedback page, then GET /learn/quiz for the next question (three requests);
- baseline: GET /healthz/row/<id>, one question read by primary key (bench/floor_app.py,
  whose `create_app` gunicorn serves here: Quire's app plus the two yardsticks);
- floor: POST /healthz/floor, the scripted step's database work and nothing else (logged in,
  with the CSRF token: a review-log row stored, the card and the learner's counts updated, the
  candidate pool read, one commit), so its ratio to the baseline bounds what any rewrite of
  the step's own Python could reach.

Reported per database: operations/s (median over the rounds), p50/p99 latency per operation
and per request, and each study operation's throughput ÷ the baseline's (target ≥ 0.5 for the
scripted one; also per request). Then the
study page's weight: the quiz page's HTML with every linked stylesheet and script, in bytes as
served (the app does not compress; a browser receives these bytes) and gzip-compressed for
comparison (target < 60 KB).
"""

from __future__ import annotations

import argparse
import gzip
import http.client
import json
import os
import random
import re
import statistics
import threading
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from html import unescape
from urllib.parse import urlencode, urlsplit

from app.packs.new_order import NEW_ORDERS, PACK_ORDER
from bench.classroom_load import database, free_port, gunicorn, percentile
from bench.selection_timing import CHUNK, REVIEW_LOG_COLUMNS, _json, _stamp

PASSWORD = "bench password 123"
HASH_METHOD = "pbkdf2:sha256:1000"
TARGET_RATIO = 0.5
# The scripted step against the floor, its database work alone (issue 15: at least 0.7).
TARGET_FLOOR_RATIO = 0.7
# Quire's app with the baseline and floor endpoints, which production code does not carry.
BENCH_APP = "bench.floor_app:create_app()"
TARGET_PAGE_BYTES = 60 * 1024
SENTENCES_PER_SOURCE = 100

TOKEN = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')
TICKET = re.compile(r'name="ticket"[^>]*value="([^"]+)"')
CHOICE = re.compile(r'name="response" value="([^"]*)"')
STYLESHEET = re.compile(r"<link\b[^>]*\brel=\"stylesheet\"[^>]*>", re.I)
SCRIPT = re.compile(r"<script\b[^>]*\bsrc=\"([^\"]+)\"", re.I)
HREF = re.compile(r'\bhref="([^"]+)"', re.I)
ASK_JSON = {"Accept": "application/json"}
OPERATION_LABELS = {
    "baseline": "baseline: GET /healthz/row/<id>",
    "step": "study, scripted: POST answer → feedback + next (JSON)",
    "pages": "study, no script: answer + feedback + next pages",
    "floor": "floor: the step's SQL alone (POST /healthz/floor)",
}
# Measured in turns, in this order and then reversed, so drift touches each alike.
OPERATIONS = tuple(OPERATION_LABELS)
# The study page runs its script, so "answer, then next question" is one request.
TARGET_OPERATION = "step"
PAGE_PARTS = {"answer_ms": "POST answer → 303 → feedback", "next_ms": "GET next question"}


@dataclass(frozen=True)
class Size:
    """How big a database to seed, and how long to measure."""

    questions: int
    learners: int
    cards_per_learner: int
    log_rows: int
    clients: int
    rounds: int
    phase_s: float
    # The bench pack's "new questions" setting (app/packs/new_order.py): the new sample's order.
    new_order: str = "pack order"


FULL = Size(10_000, 1_000, 300, 1_000_000, clients=32, rounds=3, phase_s=20)
SMALL = Size(1_000, 100, 100, 50_000, clients=16, rounds=2, phase_s=6)


# ---------------------------------------------------------------- seeding


def _copy(raw, table: str, columns: list[str], rows) -> None:
    """Bulk-load `rows` (an iterable of tuples) with COPY (PostgreSQL)."""
    sql = f"COPY {table} ({', '.join(columns)}) FROM STDIN"
    with raw.cursor() as cursor, cursor.copy(sql) as copy:
        for row in rows:
            copy.write_row(row)
    raw.commit()


def _bulk(raw, table: str, columns: list[str], rows, sqlite: bool) -> None:
    """executemany in chunks on SQLite (synchronous off while seeding), COPY on PostgreSQL."""
    if not sqlite:
        _copy(raw, table, columns, rows)
        return
    sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"
    cursor = raw.cursor()
    cursor.execute("PRAGMA synchronous=OFF")
    chunk: list[tuple] = []
    for row in rows:
        chunk.append(row)
        if len(chunk) >= CHUNK:
            cursor.executemany(sql, chunk)
            chunk = []
    if chunk:
        cursor.executemany(sql, chunk)
    raw.commit()


def seed(url: str, size: Size) -> dict:
    """Create the tables and fill them; returns the question ids and learner emails."""
    from sqlalchemy import select, text
    from werkzeug.security import generate_password_hash

    from app import create_app
    from app.accounts_models import User
    from app.extensions import db
    from app.models import Pack, Question, Source
    from app.study.scheduling import CARD_STATE_FIELDS
    from app.study_models import ItemStat, LearnerSkill

    sqlite = url.startswith("sqlite")
    now = datetime.now(UTC)
    rng = random.Random(6)
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "bench"})
    started = time.perf_counter()
    with app.app_context():
        db.create_all()
        # Core inserts, so every column default of the models applies.
        pack_id = db.session.execute(
            Pack.__table__.insert().returning(Pack.__table__.c.id),
            {
                "slug": "bench-lighthouses",
                "title": "Lighthouses",
                "format_version": 1,
                "generator": {"name": "bench"},
                "visibility": "public",
                "new_order": size.new_order,
            },
        ).scalar_one()
        sources, questions = [], []
        for s in range((size.questions + SENTENCES_PER_SOURCE - 1) // SENTENCES_PER_SOURCE):
            numbers = range(
                s * SENTENCES_PER_SOURCE, min(size.questions, (s + 1) * SENTENCES_PER_SOURCE)
            )
            sentences = {
                i: f"The lighthouse number {i} was first lit in the year {1600 + i % 400}."
                for i in numbers
            }
            body = " ".join(sentences.values()) + "\n"
            sources.append(
                {"id": f"bench-{s}", "title": f"Lighthouses {s}", "sha256": "0" * 64, "text": body}
            )
            for i, sentence in sentences.items():
                year = 1600 + i % 400
                start = body.index(sentence)
                typed = i % 5 == 0
                questions.append(
                    {
                        "pack_id": pack_id,
                        "uid": f"l{i}",
                        "fact": f"f{i}",
                        "type": "cloze" if typed else "multiple_choice",
                        "kind": "date",
                        "prompt": f"When was lighthouse number {i} first lit?",
                        "answer": str(year),
                        "choices": []
                        if typed
                        else sorted({str(year), str(year + 1), str(year - 3), str(year + 9)}),
                        "source_id": f"bench-{s}",
                        "quote_start": start,
                        "quote_end": start + len(sentence),
                        "quote_text": sentence,
                        "explanation": f"It was first lit in {year}.",
                        "difficulty": rng.uniform(-1.5, 1.5),
                        "position": i,
                    }
                )
        db.session.execute(Source.__table__.insert(), sources)
        db.session.execute(Question.__table__.insert(), questions)
        password_hash = generate_password_hash(PASSWORD, method=HASH_METHOD)  # once for all
        db.session.execute(
            User.__table__.insert(),
            [
                {
                    "email": f"learner{n}@bench.example",
                    "display_name": f"Learner {n}",
                    "password_hash": password_hash,
                    "role": "learner",
                    # Enough for the whole run: nobody runs out of new cards or reviews.
                    "new_per_day": 10_000,
                    "reviews_per_day": 100_000,
                }
                for n in range(size.learners)
            ],
        )
        db.session.commit()
        question_ids = db.session.scalars(select(Question.id).order_by(Question.id)).all()
        user_ids = db.session.scalars(select(User.id).order_by(User.id)).all()
        # As after a million answers: every question has its Elo difficulty, every learner a
        # skill (a fresh pack would instead create these rows on the first answers).
        db.session.execute(
            ItemStat.__table__.insert(),
            [
                {"question_id": q, "difficulty": rng.uniform(-1.5, 1.5), "answers": 100}
                for q in question_ids
            ],
        )
        db.session.execute(
            LearnerSkill.__table__.insert(),
            [
                {
                    "user_id": u,
                    "skill": rng.uniform(-1, 1),
                    "answered": size.log_rows // len(user_ids),
                    "recent": [rng.random() < 0.8 for _ in range(20)],
                    "memory_bias": 0.0,
                }
                for u in user_ids
            ],
        )
        db.session.commit()
        raw = db.engine.raw_connection()
        try:
            picked = {
                user: rng.sample(question_ids, min(size.cards_per_learner, len(question_ids)))
                for user in user_ids
            }

            def cards():
                for user, chosen in picked.items():
                    for question in chosen:
                        seen = now - timedelta(days=rng.uniform(1, 120))
                        # A third are due now; the rest within the month.
                        due = now + timedelta(hours=rng.uniform(-96, 24 * 60))
                        yield (
                            user,
                            question,
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

            card_columns = [
                "user_id",
                "question_id",
                *CARD_STATE_FIELDS,
                "last_seen_at",
                "exposures",
                "last_rating",
            ]
            _bulk(raw, "cards", card_columns, cards(), sqlite)
            state = _json({"card": None}, sqlite)
            answer = _json("1", sqlite)
            users = list(picked)

            def logs():
                for n in range(size.log_rows):
                    user = users[n % len(users)]
                    when = now - timedelta(minutes=rng.uniform(1, 365 * 24 * 60))
                    yield (
                        user,
                        rng.choice(picked[user]),
                        "quiz",
                        "choice",
                        answer,
                        rng.random() < 0.8,
                        3,
                        rng.randint(1500, 20000),
                        _stamp(when, sqlite),
                        2,
                        state,
                        f"seed-{n}",
                        False,
                    )

            _bulk(raw, "review_logs", REVIEW_LOG_COLUMNS, logs(), sqlite)
        finally:
            raw.close()
        db.session.execute(text("ANALYZE"))
        db.session.commit()
        db.session.remove()
        db.engine.dispose()
    seconds = time.perf_counter() - started
    print(
        f"  seeded {len(question_ids):,} questions, {len(user_ids):,} learners, "
        f"{len(user_ids) * size.cards_per_learner:,} cards, {size.log_rows:,} log rows "
        f"in {seconds:.0f} s",
        flush=True,
    )
    return {
        "question_ids": question_ids,
        "emails": [f"learner{n}@bench.example" for n in range(size.learners)],
    }


# ---------------------------------------------------------------- client


class Browser:
    """One learner's keep-alive connection and cookies (no redirects followed by itself)."""

    def __init__(self, base: str) -> None:
        parts = urlsplit(base)
        self.host, self.port = parts.hostname, parts.port
        self.connection = http.client.HTTPConnection(self.host, self.port, timeout=60)
        self.cookies: dict[str, str] = {}

    def request(
        self, method: str, path: str, form: dict | None = None, headers: dict | None = None
    ) -> tuple[int, dict, bytes]:
        """(status, headers with lower-case names, body); retried once on a closed connection."""
        sent = {"Host": f"{self.host}:{self.port}", **(headers or {})}
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if form is not None:
            body = urlencode(form, doseq=True)
            sent["Content-Type"] = "application/x-www-form-urlencoded"
        for attempt in (1, 2):
            try:
                self.connection.request(method, path, body=body, headers=sent)
                response = self.connection.getresponse()
                data = response.read()
                break
            except (http.client.HTTPException, ConnectionError):
                self.connection.close()
                self.connection = http.client.HTTPConnection(self.host, self.port, timeout=60)
                if attempt == 2:
                    raise
        for cookie in response.headers.get_all("Set-Cookie") or []:
            name, _, rest = cookie.partition("=")
            self.cookies[name.strip()] = rest.split(";", 1)[0]
        return response.status, {k.lower(): v for k, v in response.getheaders()}, data

    def login(self, email: str) -> None:
        _, _, page = self.request("GET", "/accounts/login")
        token = TOKEN.search(page.decode())[1]
        status, _, _ = self.request(
            "POST",
            "/accounts/login",
            {"csrf_token": token, "email": email, "password": PASSWORD},
        )
        if status != 302:
            raise RuntimeError(f"login of {email} answered {status}")


@dataclass
class Phase:
    """What one phase of one kind measured (latencies in ms)."""

    kind: str
    seconds: float = 0.0
    ops: int = 0
    requests: int = 0
    errors: int = 0
    nothing_left: int = 0
    # CPU cores busy on average during the phase: gunicorn (master and workers), this client.
    server_cpu: float = 0.0
    client_cpu: float = 0.0
    restarts: int = 0
    op_ms: list[float] = field(default_factory=list)
    answer_ms: list[float] = field(default_factory=list)
    next_ms: list[float] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)


class Learner:
    """A logged-in simulated learner holding the quiz page it was last shown."""

    def __init__(self, base: str, email: str, question_ids: list[int], seed: int) -> None:
        self.browser = Browser(base)
        self.browser.login(email)
        self.rng = random.Random(seed)
        self.question_ids = question_ids
        self.page = ""

    def load_next(self) -> tuple[int, float]:
        start = time.perf_counter()
        status, _, body = self.browser.request("GET", "/learn/quiz")
        self.page = body.decode()
        return status, (time.perf_counter() - start) * 1000

    def _form(self, phase: Phase) -> dict | None:
        """The answer form for the question on the page (None: nothing left to study)."""
        if not self.page or 'name="ticket"' not in self.page:
            self.load_next()
            if 'name="ticket"' not in self.page:
                with phase.lock:
                    phase.nothing_left += 1
                return None
        choices = CHOICE.findall(self.page)
        response = (
            unescape(self.rng.choice(choices)) if choices else str(self.rng.randint(1600, 2000))
        )
        return {
            "csrf_token": TOKEN.search(self.page)[1],
            "ticket": unescape(TICKET.search(self.page)[1]),
            "duration_ms": str(self.rng.randint(1500, 9000)),
            "response": response,
        }

    def step(self, phase: Phase) -> None:
        """As the page's script does: post the answer asking for JSON, which brings the
        feedback and the next question (one request)."""
        form = self._form(phase)
        if form is None:
            return
        start = time.perf_counter()
        status, _, body = self.browser.request("POST", "/learn/quiz", form, headers=ASK_JSON)
        elapsed = (time.perf_counter() - start) * 1000
        reply = json.loads(body) if status == 200 else {}
        self.page = reply.get("next") or ""
        with phase.lock:
            phase.requests += 1
            if not reply.get("feedback"):
                phase.errors += 1
                return
            phase.ops += 1
            phase.op_ms.append(elapsed)

    def pages(self, phase: Phase) -> None:
        """As a browser without the script does: post the answer, follow the 303 to the
        feedback page, then load the next question (three requests)."""
        form = self._form(phase)
        if form is None:
            return
        start = time.perf_counter()
        status, headers, _ = self.browser.request("POST", "/learn/quiz", form)
        ok = status == 303 and "/learn/answers/" in headers.get("location", "")
        if ok:
            status, _, _ = self.browser.request("GET", urlsplit(headers["location"]).path)
            ok = status == 200
        answered = time.perf_counter()
        status, next_ms = self.load_next()
        ok = ok and status == 200
        with phase.lock:
            phase.requests += 3
            if not ok:
                phase.errors += 1
                return
            phase.ops += 1
            phase.answer_ms.append((answered - start) * 1000)
            phase.next_ms.append(next_ms)
            phase.op_ms.append((answered - start) * 1000 + next_ms)

    def floor(self, phase: Phase) -> None:
        """The step's database work alone (on the learner's most overdue card)."""
        if TOKEN.search(self.page) is None:
            self.load_next()
        self._timed(phase, "POST", "/healthz/floor", {"csrf_token": TOKEN.search(self.page)[1]})

    def baseline(self, phase: Phase) -> None:
        self._timed(phase, "GET", f"/healthz/row/{self.rng.choice(self.question_ids)}")

    def _timed(self, phase: Phase, method: str, path: str, form: dict | None = None) -> None:
        """One request as one operation, counted when it answers 200."""
        start = time.perf_counter()
        status, _, _ = self.browser.request(method, path, form)
        elapsed = (time.perf_counter() - start) * 1000
        with phase.lock:
            phase.requests += 1
            if status != 200:
                phase.errors += 1
                return
            phase.ops += 1
            phase.op_ms.append(elapsed)


def _stat(pid: int) -> list[str]:
    """The fields of /proc/<pid>/stat after the command name (state is field 0)."""
    with open(f"/proc/{pid}/stat") as stat:
        return stat.read().rsplit(")", 1)[1].split()


def gunicorn_master(port: int) -> int | None:
    """The gunicorn master listening on `port`, a child of this process."""
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/cmdline", "rb") as cmdline:
                command = cmdline.read().decode(errors="replace")
            if int(_stat(int(entry))[1]) == os.getpid() and f"127.0.0.1:{port}" in command:
                return int(entry)
        except (OSError, ValueError, IndexError):
            continue
    return None


def server_cpu(master: int | None) -> tuple[float, set[int]]:
    """CPU seconds used so far by gunicorn: the master, its live workers, and its reaped
    workers (the master's cutime/cstime), so a worker replaced mid-phase is still counted;
    and the live workers' pids."""
    if master is None:
        return 0.0, set()
    ticks, workers = 0, set()
    try:
        fields = _stat(master)
        ticks += sum(int(fields[i]) for i in (11, 12, 13, 14))
    except (OSError, ValueError, IndexError):
        return 0.0, set()
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            fields = _stat(int(entry))
            if int(fields[1]) == master:
                ticks += int(fields[11]) + int(fields[12])
                workers.add(int(entry))
        except (OSError, ValueError, IndexError):
            continue
    return ticks / os.sysconf("SC_CLK_TCK"), workers


def run_phase(
    learners: list[Learner], kind: str, seconds: float, master: int | None = None
) -> Phase:
    """Every learner repeats `kind` until the time is up; ops counted until then."""
    phase = Phase(kind)
    barrier = threading.Barrier(len(learners) + 1)
    deadline = [0.0]

    def loop(learner: Learner) -> None:
        act = getattr(learner, kind)
        barrier.wait()
        while time.perf_counter() < deadline[0]:
            act(phase)

    threads = [threading.Thread(target=loop, args=(learner,)) for learner in learners]
    for thread in threads:
        thread.start()
    deadline[0] = time.perf_counter() + seconds
    started = time.perf_counter()
    (server_before, workers), client_before = server_cpu(master), sum(os.times()[:2])
    barrier.wait()
    for thread in threads:
        thread.join()
    # Operations finishing after the deadline are counted; so is the time they took.
    phase.seconds = time.perf_counter() - started
    server_after, workers_after = server_cpu(master)
    phase.server_cpu = (server_after - server_before) / phase.seconds
    # Workers started during the phase (gunicorn.conf.py's max_requests recycles them).
    phase.restarts = len(workers_after - workers)
    phase.client_cpu = (sum(os.times()[:2]) - client_before) / phase.seconds
    return phase


# ---------------------------------------------------------------- page weight


def page_weight(base: str, email: str) -> dict:
    """The quiz page and its linked CSS and JS: bytes as served and gzip-compressed."""
    browser = Browser(base)
    browser.login(email)
    asks = {"Accept-Encoding": "gzip, deflate, br", "Accept": "text/html,*/*"}
    status, headers, html = browser.request("GET", "/learn/quiz", headers=asks)
    if status != 200:
        raise RuntimeError(f"GET /learn/quiz answered {status}")
    encodings = {"/learn/quiz": headers.get("content-encoding", "identity")}
    text = (gzip.decompress(html) if encodings["/learn/quiz"] == "gzip" else html).decode()
    links = [HREF.search(tag)[1] for tag in STYLESHEET.findall(text) if HREF.search(tag)]
    links += SCRIPT.findall(text)
    rows = [("/learn/quiz", len(html), len(gzip.compress(text.encode(), 6)))]
    for link in links:
        path = urlsplit(unescape(link)).path
        status, headers, body = browser.request("GET", path, headers=asks)
        encodings[path] = headers.get("content-encoding", "identity")
        plain = gzip.decompress(body) if encodings[path] == "gzip" else body
        rows.append((path, len(body), len(gzip.compress(plain, 6))))
    return {"rows": rows, "encodings": encodings}


def print_page_weight(weight: dict) -> None:
    print("\nStudy page weight (first visit, nothing cached):\n")
    print("| resource | bytes as served | gzip -6 | served encoding |")
    print("|---|---|---|---|")
    for path, served, zipped in weight["rows"]:
        print(f"| {path} | {served:,} | {zipped:,} | {weight['encodings'][path]} |")
    served = sum(row[1] for row in weight["rows"])
    zipped = sum(row[2] for row in weight["rows"])
    verdict = "met" if served < TARGET_PAGE_BYTES else "MISSED"
    print(
        f"| **total** | **{served:,}** | **{zipped:,}** | |\n\nTarget < {TARGET_PAGE_BYTES:,} "
        f"bytes as served: {verdict} ({served / TARGET_PAGE_BYTES:.0%} of it)."
    )


# ---------------------------------------------------------------- run


def _cpu(phases: list[Phase]) -> str:
    server = _median(phases, lambda p: p.server_cpu)
    client = _median(phases, lambda p: p.client_cpu)
    return f"{server:.2f} / {client:.2f}"


def _median(phases: list[Phase], what) -> float:
    return statistics.median(what(p) for p in phases)


def run(kind: str, size: Size, workers: int, threads: int) -> dict:
    """Seed one database, start gunicorn, measure page weight and the alternating phases."""
    print(f"\n== {kind} ==", flush=True)
    os.environ["PASSWORD_HASH_METHOD"] = HASH_METHOD
    with database(kind) as url:
        seeded = seed(url, size)
        port = free_port()
        with gunicorn(url, port, workers, threads, app=BENCH_APP) as base:
            master = gunicorn_master(port)
            weight = page_weight(base, seeded["emails"][-1])
            rng = random.Random(1)
            emails = rng.sample(seeded["emails"][:-1], min(size.clients, len(seeded["emails"]) - 1))
            learners = [
                Learner(base, email, seeded["question_ids"], n) for n, email in enumerate(emails)
            ]
            for learner in learners:
                learner.load_next()
            # Warm-up: connections, caches, each worker's first requests.
            for op in OPERATIONS:
                run_phase(learners, op, 3)
            rounds: dict[str, list[Phase]] = {op: [] for op in OPERATIONS}
            for r in range(size.rounds):
                for op in OPERATIONS if r % 2 == 0 else OPERATIONS[::-1]:
                    phase = run_phase(learners, op, size.phase_s, master)
                    rounds[op].append(phase)
                    print(
                        f"  round {r + 1} {op:8}: {phase.ops / phase.seconds:7.1f} ops/s, "
                        f"p50 {percentile(phase.op_ms, 0.5):6.1f} ms, errors {phase.errors}, "
                        f"nothing left {phase.nothing_left}, CPU cores busy: server "
                        f"{phase.server_cpu:.2f}, client {phase.client_cpu:.2f}; "
                        f"workers started {phase.restarts}",
                        flush=True,
                    )
    return {"db": kind, "rounds": rounds, "weight": weight}


def print_results(results: list[dict], size: Size, workers: int, threads: int) -> bool:
    print(
        f"\n{size.questions:,} questions, {size.learners:,} learners, {size.log_rows:,} log rows; "
        f"gunicorn {workers} workers × {threads} threads; {size.clients} client threads; "
        f"{size.rounds} rounds of {size.phase_s:.0f} s per operation; {os.cpu_count()} CPUs; "
        f"new questions: {size.new_order}\n"
    )
    print(
        "| DB | operation | ops/s (median) | req/s | p50 ms | p99 ms | errors "
        "| ops/s ratio | req/s ratio | server / client CPU cores |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|")
    ok = True
    for result in results:
        rounds, db = result["rounds"], result["db"]
        base = rounds["baseline"]
        base_ops = _median(base, lambda p: p.ops / p.seconds)
        base_req = _median(base, lambda p: p.requests / p.seconds)
        for op, label in OPERATION_LABELS.items():
            phases = rounds[op]
            ops = _median(phases, lambda p: p.ops / p.seconds)
            req = _median(phases, lambda p: p.requests / p.seconds)
            times = [x for p in phases for x in p.op_ms]
            ratio = ops / base_ops
            if op == TARGET_OPERATION:
                ok = ok and ratio >= TARGET_RATIO
            shown = f"**{ratio:.3f}**" if op == TARGET_OPERATION else f"{ratio:.3f}"
            print(
                f"| {db} | {label} | {ops:.1f} | {req:.1f} | {percentile(times, 0.5):.1f} "
                f"| {percentile(times, 0.99):.1f} | {sum(p.errors for p in phases)} "
                f"| {shown} | {req / base_req:.3f} | {_cpu(phases)} |"
            )
        pooled = {k: [x for p in rounds["pages"] for x in getattr(p, k)] for k in PAGE_PARTS}
        for key, label in PAGE_PARTS.items():
            print(
                f"| {db} | … {label} | | | {percentile(pooled[key], 0.5):.1f} "
                f"| {percentile(pooled[key], 0.99):.1f} | | | | |"
            )
    print(
        f"\nTarget: {OPERATION_LABELS[TARGET_OPERATION]} ops/s ÷ baseline ops/s ≥ {TARGET_RATIO}."
    )
    for result in results:
        rounds = result["rounds"]
        step = _median(rounds[TARGET_OPERATION], lambda p: p.ops / p.seconds)
        floor = _median(rounds["floor"], lambda p: p.ops / p.seconds)
        verdict = "met" if step / floor >= TARGET_FLOOR_RATIO else "MISSED"
        print(
            f"{result['db']}: study, scripted ÷ floor = {step / floor:.2f} "
            f"(target ≥ {TARGET_FLOOR_RATIO}: {verdict})"
        )
    for result in results[:1]:
        print_page_weight(result["weight"])
        ok = ok and sum(row[1] for row in result["weight"]["rows"]) < TARGET_PAGE_BYTES
    return ok


def profile(kind: str, size: Size, operations: int = 30) -> None:
    """In-process: SQL statements per request and the costliest functions of the study flow."""
    import cProfile
    import pstats

    from flask import request_finished, request_started
    from sqlalchemy import event

    from app import create_app
    from app.extensions import db

    os.environ["PASSWORD_HASH_METHOD"] = HASH_METHOD
    with database(kind) as url:
        seeded = seed(url, size)
        app = create_app(
            {
                "SQLALCHEMY_DATABASE_URI": url,
                "SECRET_KEY": "bench",
                "RATELIMIT_ENABLED": False,
                "QUIRE_REQUEST_LOG": False,
            }
        )
        app.config["QUIRE_REQUEST_LOG"] = False
        counts: dict[str, list[int]] = {}
        current = {"n": 0}

        def started(sender, **extra) -> None:
            current["n"] = 0

        def finished(sender, response, **extra) -> None:
            from flask import request

            counts.setdefault(f"{request.method} {request.url_rule}", []).append(current["n"])

        with app.app_context():
            event.listen(
                db.engine,
                "before_cursor_execute",
                lambda *a: current.__setitem__("n", current["n"] + 1),
            )
        request_started.connect(started, app)
        request_finished.connect(finished, app)
        client = app.test_client()
        page = client.get("/accounts/login").get_data(as_text=True)
        client.post(
            "/accounts/login",
            data={
                "csrf_token": TOKEN.search(page)[1],
                "email": seeded["emails"][0],
                "password": PASSWORD,
            },
        )
        rng = random.Random(2)

        page = [client.get("/learn/quiz").get_data(as_text=True)]

        def once() -> None:
            # The scripted step: one POST whose JSON brings the next question's fragment.
            choices = CHOICE.findall(page[0])
            form = {
                "csrf_token": TOKEN.search(page[0])[1],
                "ticket": unescape(TICKET.search(page[0])[1]),
                "duration_ms": "3000",
                "response": unescape(rng.choice(choices)) if choices else "1700",
            }
            reply = client.post("/learn/quiz", data=form, headers=ASK_JSON).get_json()
            page[0] = reply["next"] or client.get("/learn/quiz").get_data(as_text=True)

        once()
        counts.clear()
        profiler = cProfile.Profile()
        started_at = time.perf_counter()
        profiler.enable()
        for _ in range(operations):
            once()
        profiler.disable()
        elapsed = time.perf_counter() - started_at
        print(
            f"\n{kind}: {operations} scripted study steps in process, "
            f"{elapsed / operations * 1000:.1f} ms each (under the profiler)"
        )
        print("SQL statements per request (median):")
        for rule, values in counts.items():
            print(f"  {rule:40} {statistics.median(values):5.0f}")
        stats = pstats.Stats(profiler)
        stats.sort_stats("cumulative").print_stats(35)
        if os.environ.get("QUIRE_PROFILE_APP"):
            stats.print_stats("/app/", 60)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", choices=("sqlite", "postgres", "both"), default="both")
    parser.add_argument("--small", action="store_true", help="a quick run on a small database")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--clients", type=int, help="client threads (learners studying at once)")
    parser.add_argument("--rounds", type=int)
    parser.add_argument("--phase-seconds", type=float)
    parser.add_argument(
        "--new-order",
        choices=NEW_ORDERS,
        default=PACK_ORDER,
        help="the bench pack's order of new questions (the bundled bank's is easiest first)",
    )
    parser.add_argument(
        "--profile", action="store_true", help="profile the study flow in process instead"
    )
    args = parser.parse_args(argv)
    size = SMALL if args.small else FULL
    size = Size(
        size.questions,
        size.learners,
        size.cards_per_learner,
        size.log_rows,
        args.clients or size.clients,
        args.rounds or size.rounds,
        args.phase_seconds or size.phase_s,
        args.new_order,
    )
    kinds = ("sqlite", "postgres") if args.db == "both" else (args.db,)
    if args.profile:
        for kind in kinds:
            profile(kind, size)
        return 0
    results = [run(kind, size, args.workers, args.threads) for kind in kinds]
    return 0 if print_results(results, size, args.workers, args.threads) else 1


if __name__ == "__main__":
    raise SystemExit(main())
