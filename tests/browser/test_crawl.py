"""Every page, as every kind of visitor, on a phone and on a laptop: no sideways scrolling, no
console error, no serious accessibility finding (axe)."""

from __future__ import annotations

import io
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import pytest
from sqlalchemy import select

from app import create_app
from app.accounts_models import User
from app.authoring_models import Job
from app.classroom_models import ClassSession, Player
from app.extensions import db
from app.models import Pack, Question, Source
from app.people import create_invitation
from app.study_models import Card, ReviewLog
from tests.authoring.conftest import TEXT, question_form
from tests.browser.conftest import CHROMIUM_ARGS, LiveServer
from tests.classroom.conftest import control, login, new_quiz, start
from tests.conftest import TEST_PASSWORD, TEST_PASSWORD_HASH, app_settings
from tests.support.components import chromium_path, require_component

# Its sites take databases through app_settings: the PostgreSQL run runs it too.
pytestmark = [pytest.mark.browser, pytest.mark.database]

EMAILS = {
    "learner": "learner@example.org",
    "instructor": "teacher@example.org",
    "admin": "admin@example.org",
}
ROLES = ("anonymous", "learner", "instructor", "admin")
WIDTHS = (375, 1280)
# How many pixels the page is wider than the window (anything above 0 scrolls sideways).
OVERFLOW = "document.documentElement.scrollWidth - document.documentElement.clientWidth"
# Endpoints that answer with something other than a page to look at.
NOT_PAGES = {
    "static",
    "sources.favicon",
    "ops.healthz",
    "ops.row",
    "ops.floor",
    "authoring.export",
    "authoring.job_status",
    "classroom.report_csv",
    "classroom.host_live",
    "classroom.player_live",
    "classroom.host_players",  # the lobby's player list alone, swapped into the host page
}


def _world(folder) -> dict[str, Any]:
    """Users, a public and a private pack, a job, a class session with a player, a study card."""
    from app.import_cli import import_new_packs, project_root

    setup = create_app(app_settings(folder, WTF_CSRF_ENABLED=False))
    with setup.app_context():
        db.create_all()
        # The bundled bank: real titles, long quotes and hundreds of questions to lay out.
        import_new_packs(project_root() / "questions" / "packs")
        for role, email in EMAILS.items():
            db.session.add(
                User(
                    email=email,
                    role=role,
                    display_name=role.capitalize(),
                    password_hash=TEST_PASSWORD_HASH,
                )
            )
        db.session.commit()
        public_pack = db.session.scalar(select(Pack.id).where(Pack.slug == "russia-iran"))
        public_source = db.session.scalar(select(Source.id).order_by(Source.id))
    teacher = setup.test_client()
    login(teacher, EMAILS["instructor"])
    made = teacher.post("/authoring/packs/new", data={"title": "Velmar", "language": "en"})
    pack_id = int(made.headers["Location"].rstrip("/").split("/")[-1])
    upload = {"file": (io.BytesIO(TEXT.encode()), "velmar.txt"), "title": "Velmar charter"}
    assert teacher.post(f"/authoring/packs/{pack_id}/upload", data=upload).status_code == 302
    with setup.app_context():
        source_id = db.session.scalar(select(Source.id).where(Source.title == "Velmar charter"))
    form = question_form("cloze") | {"source_id": source_id}
    teacher.post(f"/authoring/packs/{pack_id}/questions/new", data=form)
    quiz_id = new_quiz(teacher, public_pack)
    session_id = start(teacher, quiz_id)
    student = setup.test_client()
    login(student, EMAILS["learner"])
    with setup.app_context():
        code = db.session.get(ClassSession, session_id).join_code
    student.post("/join", data={"code": code, "nickname": "Pat"})
    control(teacher, session_id, "next", setup)
    student.get("/learn/quiz")
    with setup.app_context():
        question = db.session.scalar(select(Question).where(Question.pack_id == pack_id))
        job = db.session.scalar(select(Job.id).where(Job.pack_id == pack_id))
        _, token = create_invitation(
            role="instructor", max_uses=5, days=5, note="", by=None, now=datetime.now(UTC)
        )
        db.session.commit()
        values = {
            "pack_id": pack_id,
            "question_id": question.id,
            "source_id": public_source,
            "start": question.quote_start,
            "end": question.quote_end,
            "job_id": job,
            "quiz_id": quiz_id,
            "session_id": session_id,
            "token": token,
            "log_id": db.session.scalar(select(ReviewLog.id)),
            "card_id": db.session.scalar(select(Card.id)),
            "player_id": db.session.scalar(select(Player.id)),
        }
        rules = [
            rule
            for rule in setup.url_map.iter_rules()
            if "GET" in (rule.methods or ())
            and rule.endpoint not in NOT_PAGES
            and not rule.rule.startswith("/api/")
            and not rule.rule.endswith(".json")
        ]
        adapter = setup.url_map.bind("localhost")
        paths = sorted(
            {
                adapter.build(rule.endpoint, {a: values[a] for a in rule.arguments})
                for rule in rules
                if all(values.get(a) is not None for a in rule.arguments)
            }
        )
        db.session.remove()
        db.engine.dispose()
    return {"paths": paths, "quiz_id": quiz_id}


@pytest.fixture(scope="module")
def crawl_site(tmp_path_factory) -> Iterator[tuple[str, list[str]]]:
    require_component(chromium_path() is not None, "chromium", "apt-get install chromium")
    folder = tmp_path_factory.mktemp("crawl")
    world = _world(folder)
    app = create_app(
        app_settings(
            folder,
            WTF_CSRF_ENABLED=True,
            TESTING=False,
            SESSION_COOKIE_SECURE=False,
            REMEMBER_COOKIE_SECURE=False,
            QUIRE_REQUEST_LOG=False,
            RATELIMIT_ENABLED=False,
        )
    )
    with LiveServer(app) as server:
        yield server.url, world["paths"]
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


def _log_in(page, role: str) -> None:
    if role == "anonymous":
        return
    page.goto("/accounts/login")
    page.fill("#email", EMAILS[role])
    page.fill("#password", TEST_PASSWORD)
    page.click("button[type=submit], input[type=submit]")
    page.wait_for_load_state()


def test_every_page_fits_a_phone_and_a_laptop_without_errors(crawl_site):
    from axe_playwright_python.sync_playwright import Axe
    from playwright.sync_api import sync_playwright

    url, paths = crawl_site
    assert len(paths) > 25, paths
    axe = Axe()
    scanned: set[str] = set()
    problems: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium_path(), headless=True, args=CHROMIUM_ARGS
        )
        errors: list[str] = []
        for role in ROLES:
            context = browser.new_context(viewport={"width": 375, "height": 800}, base_url=url)
            context.set_default_timeout(10_000)
            page = context.new_page()
            page.on("console", lambda m: m.type == "error" and errors.append(m.text))
            page.on("pageerror", lambda e: errors.append(str(e)))
            _log_in(page, role)
            for path in paths:
                errors.clear()
                page.set_viewport_size({"width": 375, "height": 800})
                response = page.goto(path)
                status = response.status if response else 0
                if status >= 500:
                    problems.append(f"{role} {path}: HTTP {status}")
                    continue
                for width in WIDTHS:
                    page.set_viewport_size({"width": width, "height": 800})
                    overflow = page.evaluate(OVERFLOW)
                    if overflow > 0:
                        problems.append(f"{role} {path} at {width}px: {overflow}px too wide")
                # A refused page (403/404) is expected for some roles; its own page still counts.
                key = page.url.split("?")[0] if status < 400 else f"error {status}"
                if key not in scanned:
                    scanned.add(key)
                    page.set_viewport_size({"width": 375, "height": 800})
                    for violation in axe.run(page).response["violations"]:
                        if violation["impact"] in ("serious", "critical"):
                            nodes = [n["target"] for n in violation["nodes"]][:2]
                            problems.append(f"{role} {path}: axe {violation['id']} {nodes}")
                # 404/403 responses log a console error for the failed resource itself.
                real = [e for e in errors if "status of 40" not in e]
                problems.extend(f"{role} {path}: console: {e}" for e in real)
            context.close()
        browser.close()
    assert problems == [], "\n".join(problems)
