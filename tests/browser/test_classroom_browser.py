"""A live classroom in real chromium: an instructor and three students in separate contexts."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import expect

from app import create_app
from app.accounts_models import User
from app.extensions import db
from tests.browser.conftest import CHROMIUM_ARGS, LiveServer
from tests.classroom.conftest import extra_questions
from tests.conftest import TEST_PASSWORD, TEST_PASSWORD_HASH, app_settings, make_pack
from tests.support.components import chromium_path, require_component

# Its sites take databases through app_settings: the PostgreSQL run runs it too.
pytestmark = [pytest.mark.browser, pytest.mark.database]
SHOTS = Path("/tmp/classroom_shots")
WAIT_MS = 10_000


@pytest.fixture
def served(tmp_path) -> Iterator[str]:
    """The app with CSRF on, a pack and an instructor, served on a free localhost port."""
    from app.packs.importer import import_pack

    app = create_app(app_settings(tmp_path, WTF_CSRF_ENABLED=True, QUIRE_POLL_MS=300))
    with app.app_context():
        db.create_all()
        pack = make_pack()
        pack["questions"] += extra_questions()
        import_pack(pack, {}, filename="lisvale.json")
        db.session.add(
            User(
                email="teacher@example.org",
                role="instructor",
                display_name="Ida Instructor",
                password_hash=TEST_PASSWORD_HASH,
            )
        )
        db.session.commit()
    with LiveServer(app) as server:
        yield server.url
    with app.app_context():
        db.engine.dispose()


def test_instructor_and_three_students_play_a_live_quiz(served):
    require_component(
        chromium_path() is not None,
        "Debian's chromium",
        "apt-get install chromium, or set QUIRE_CHROMIUM",
    )
    playwright_api = pytest.importorskip("playwright.sync_api")
    SHOTS.mkdir(parents=True, exist_ok=True)
    with playwright_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        try:
            _play(browser, served)
        finally:
            browser.close()


def _play(browser, base: str) -> None:
    host = browser.new_context(viewport={"width": 1100, "height": 900}).new_page()
    host.set_default_timeout(WAIT_MS)
    host.goto(f"{base}/accounts/login")
    host.fill("#email", "teacher@example.org")
    host.fill("#password", TEST_PASSWORD)
    host.click("input[type=submit]")
    host.goto(f"{base}/classroom/quizzes/new")
    host.fill("#title", "Lisvale <check>")
    host.select_option("#type", "multiple_choice")
    host.fill("#count", "2")
    # Long enough that the clock never reveals a question first on a loaded machine: the
    # reveals here come from every student answering (CI once saw the 20 s run out).
    host.fill("#time_limit", "120")
    host.click("#submit")
    host.click("text=Start session")
    code = host.inner_text(".join-code").replace(" ", "")
    assert len(code) == 6 and host.locator(".qr svg").count() == 1

    def joined(nickname: str):
        page = browser.new_context(viewport={"width": 420, "height": 800}).new_page()
        page.set_default_timeout(WAIT_MS)
        page.on("dialog", lambda dialog: pytest.fail(f"a script ran: {dialog.message}"))
        page.goto(f"{base}/join?code={code}")
        page.fill("#nickname", nickname)
        page.click("#submit")
        return page

    students = []
    for nickname in ("Ada", "<svg onload=alert(1)>"):
        page = joined(nickname)
        page.wait_for_selector("text=You're in!")
        students.append(page)
    # The lobby redraws its player list as players join, nicknames shown as text.
    # (A locator, not wait_for_function: that evaluates a string, which the CSP refuses.)
    expect(host.locator(".players li")).to_have_count(2, timeout=WAIT_MS)
    assert host.locator(".players .nickname").nth(1).inner_text() == "<svg onload=alert(1)>"
    host.screenshot(path=str(SHOTS / "1-host-lobby.png"), full_page=True)

    loads = [0] * len(students)
    for index, page in enumerate(students):
        page.on("load", lambda _, index=index: loads.__setitem__(index, loads[index] + 1))
    host.click("text=Start the first question")
    host.wait_for_selector(".host-choices")
    host_loads = []
    host.on("load", lambda page: host_loads.append(page.url))
    # A late joiner counts on the host's question screen at once, without a reload. (Cy joins
    # late rather than a fourth student: five pages polling at once made a screenshot time out
    # on a loaded machine.)
    students.append(joined("Cy"))
    loads.append(0)
    expect(host.locator(".status [data-field=players]")).to_have_text("3", timeout=WAIT_MS)
    expect(host.locator(".players li")).to_have_count(3, timeout=WAIT_MS)
    assert host.inner_text("#players-heading") == "Players (3)" and host_loads == []
    for index, page in enumerate(students):
        page.wait_for_selector(".choice-grid")
        # The question is drawn from the poll, with its timer, not by reloading the page.
        assert loads[index] == 0 and page.locator(".timer").count() == 1
        if index == 0:
            page.screenshot(path=str(SHOTS / "2-student-question.png"), full_page=True)
        # Ada and Cy pick the right answer; the second student picks a wrong one.
        wanted = "1902" if index != 1 else "1899"
        page.click(f".choice:text-is('{wanted}')")
        # The last answer makes the host's screen reveal at once, so that student may go
        # straight from answering to the reveal.
        received = page.locator("text=Answer received")
        if index == len(students) - 1:
            received = received.or_(page.locator("text=Right!"))
        received.first.wait_for(timeout=WAIT_MS)
        if index == 0:
            expect(host.locator("[data-field=answered]")).to_have_text("1", timeout=WAIT_MS)
            assert host_loads == []
    # Everyone answered: the host screen reveals by itself.
    host.wait_for_selector("svg.distribution")
    assert "2 of 3 answers right" in host.inner_text("figcaption")
    host.screenshot(path=str(SHOTS / "3-host-reveal.png"), full_page=True)
    students[0].wait_for_selector("text=Right!")
    students[1].wait_for_selector("text=Not this time.")
    students[1].screenshot(path=str(SHOTS / "4-student-reveal.png"), full_page=True)

    host.click("text=Finish" if host.locator("text=Finish").count() else "text=Next question")
    for page in students:
        page.wait_for_selector(".choice-grid")
        page.click(".choice:text-is('40')")
    host.wait_for_selector("svg.distribution")
    host.click("text=Finish")
    host.wait_for_selector("text=This session has ended")
    for page in students:
        page.wait_for_selector("text=That's the end")
    assert "place 1 of 3" in students[0].inner_text(".final")
    students[0].screenshot(path=str(SHOTS / "5-student-end.png"), full_page=True)

    host.click("text=Open the report")
    host.wait_for_selector("text=Most missed")
    assert host.locator("table.results tbody tr").count() == 5  # 3 students + 2 questions
    host.screenshot(path=str(SHOTS / "6-report.png"), full_page=True)
