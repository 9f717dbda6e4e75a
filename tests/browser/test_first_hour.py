"""A teacher's and a student's first hour in real chromium (issue 16): an admin promotes a
learner, who runs a live quiz; a student rejoins from a second browser; the review queue; the
question form showing only the chosen type's fields. Screenshots go to /tmp/firsthour_shots."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from app import create_app
from app.accounts_models import User
from app.authoring.question_fields import FIELD_TYPES
from app.extensions import db
from app.models import Pack, Question, Source
from tests.authoring.conftest import SIGNED, SOURCE_ID, TEXT
from tests.browser.conftest import CHROMIUM_ARGS, LiveServer
from tests.classroom.conftest import extra_questions
from tests.conftest import TEST_PASSWORD, TEST_PASSWORD_HASH, app_settings, make_pack
from tests.support.components import chromium_path, require_component

# Its sites take databases through app_settings: the PostgreSQL run runs it too.
pytestmark = [pytest.mark.browser, pytest.mark.database]
SHOTS = Path("/tmp/firsthour_shots")
WAIT_MS = 10_000
PEOPLE = {
    "admin@example.org": ("admin", "Ada Admin"),
    "lena@example.org": ("learner", "Lena Learner"),
    "teacher@example.org": ("instructor", "Ida Instructor"),
}
# The teacher's own pack waiting for review: (prompt, answer, quality); the last is flagged.
PENDING = [
    ("Who signed the charter?", "Tesa Brandt", 0.9),
    ("Where was the charter signed?", "Orrin Bay", 0.8),
    ("In which year was the charter signed?", "1788", 0.85),
    ("What was signed at Orrin Bay?", "The Velmar Charter", 0.7),
    ("Which charter is this sentence about?", "Velmar", 0.2),
]


def _teacher_pack(owner_id: int) -> int:
    """A private pack of the instructor's with one source and PENDING questions."""
    source = Source(
        id=SOURCE_ID,
        title="The Velmar Charter",
        text=TEXT,
        uploaded_by_id=owner_id,
        sha256=hashlib.sha256(TEXT.encode()).hexdigest(),
    )
    pack = Pack(
        slug="velmar",
        title="Velmar",
        format_version=1,
        generator={},
        owner_id=owner_id,
        visibility="private",
        sources=[source],
    )
    db.session.add(pack)
    db.session.flush()
    start = TEXT.index(SIGNED)
    for position, (prompt, answer, quality) in enumerate(PENDING):
        db.session.add(
            Question(
                pack_id=pack.id,
                uid=f"r{position}",
                fact=f"r{position}",
                type="short_answer",
                kind="other",
                prompt=prompt,
                answer=answer,
                source_id=SOURCE_ID,
                quote_start=start,
                quote_end=start + len(SIGNED),
                quote_text=SIGNED,
                explanation="",
                quality=quality,
                position=position,
                review_status="pending",
            )
        )
    return pack.id


@pytest.fixture(scope="module")
def served(tmp_path_factory) -> Iterator[dict[str, Any]]:
    """CSRF on, a public class pack, an admin, a learner, an instructor and their pack."""
    from app.packs.importer import import_pack

    require_component(chromium_path() is not None, "Debian's chromium", "apt-get install chromium")
    folder = tmp_path_factory.mktemp("firsthour")
    app = create_app(app_settings(folder, WTF_CSRF_ENABLED=True, QUIRE_POLL_MS=300))
    with app.app_context():
        db.create_all()
        pack = make_pack()
        pack["questions"] += extra_questions()
        import_pack(pack, {}, filename="lisvale.json")
        ids = {}
        for email, (role, name) in PEOPLE.items():
            user = User(email=email, role=role, display_name=name, password_hash=TEST_PASSWORD_HASH)
            db.session.add(user)
            db.session.flush()
            ids[email] = user.id
        pack_id = _teacher_pack(ids["teacher@example.org"])
        db.session.commit()
    with LiveServer(app) as server:
        yield {"url": server.url, "pack_id": pack_id}
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


@pytest.fixture(scope="module")
def browser(served) -> Iterator[Any]:
    """Debian's headless chromium."""
    from playwright.sync_api import sync_playwright

    SHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as pw:
        launched = pw.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def open_page(browser, served) -> Iterator[Any]:
    """Pages in contexts of their own (separate cookies, as separate devices), closed after."""
    contexts = []

    def make(width: int = 1100, scripts: bool = True) -> Any:
        context = browser.new_context(
            viewport={"width": width, "height": 900},
            base_url=served["url"],
            java_script_enabled=scripts,
        )
        context.set_default_timeout(WAIT_MS)
        contexts.append(context)
        page = context.new_page()
        page.on("dialog", lambda dialog: pytest.fail(f"a script ran: {dialog.message}"))
        return page

    yield make
    for context in contexts:
        context.close()


def _shot(page: Any, name: str) -> None:
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def _log_in(page: Any, email: str) -> None:
    page.goto("/accounts/login")
    page.fill("#email", email)
    page.fill("#password", TEST_PASSWORD)
    page.click("main form [type=submit]")
    expect(page.locator(".user-name")).to_contain_text(PEOPLE[email][1])


def _start_live_quiz(host: Any, title: str, shot: str | None = None) -> str:
    """From the Classroom menu: a two-question quiz from the class pack, started live."""
    host.click("nav[aria-label=Main] >> text=Classroom")
    host.click("text=New quiz")
    host.fill("#title", title)
    host.select_option("#pack", label="Lisvale treaties")
    host.select_option("#type", "multiple_choice")
    host.fill("#count", "2")
    host.fill("#time_limit", "60")
    if shot:
        _shot(host, shot)
    host.click("#submit")
    host.click("text=Start session")
    code = host.inner_text(".join-code").replace(" ", "")
    assert re.fullmatch(r"\d{6}", code)
    return code


def _join(page: Any, code: str, nickname: str, rejoin: str | None = None) -> None:
    page.goto(f"/join?code={code}")
    page.fill("#nickname", nickname)
    if rejoin:
        page.fill("#rejoin_code", rejoin)
    page.click("#submit")


def test_a_learner_promoted_on_the_admin_page_runs_a_live_quiz(open_page):
    admin = open_page()
    _log_in(admin, "admin@example.org")
    admin.click("nav[aria-label=Main] >> text=Admin")
    expect(admin.locator("h1")).to_have_text("People and roles")
    row = admin.locator("table.people tr", has_text="lena@example.org")
    assert row.locator("select").input_value() == "learner"
    row.locator("select").select_option("instructor")
    _shot(admin, "a1-admin-people-and-roles")
    row.locator("button", has_text="Save").click()
    expect(admin.locator(".flash, [role=alert], .flashes").first).to_contain_text(
        "lena@example.org is now an instructor."
    )
    row = admin.locator("table.people tr", has_text="lena@example.org")
    assert row.locator("select").input_value() == "instructor"
    _shot(admin, "a2-admin-promoted")

    host = open_page()
    _log_in(host, "lena@example.org")
    code = _start_live_quiz(host, "Lena's first class", shot="a3-new-quiz")
    _shot(host, "a4-host-lobby")

    students = []
    for nickname in ("Ada", "Bo"):
        page = open_page(400)
        _join(page, code, nickname)
        expect(page.locator("h1")).to_have_text("You're in!")
        students.append(page)
    expect(host.locator(".players li")).to_have_count(2)
    host.click("text=Start the first question")
    ada = students[0]
    ada.locator(".choice-grid .choice").first.wait_for()
    students[1].locator(".choice-grid .choice").first.wait_for()
    _shot(ada, "a5-student-question")
    # The class pack's first multiple-choice question, in pack order: the Harbour Compact's year.
    ada.click(".choice:text-is('1902')")
    expect(ada.locator("text=Answer received")).to_be_visible()
    # The host's count follows from the poll; Bo has not answered, so nothing reveals yet.
    expect(host.locator("[data-field=answered]")).to_have_text("1")
    assert host.locator("svg.distribution").count() == 0
    _shot(host, "a6-host-one-of-two-answered")
    host.click("button:text-is('Show results')")
    host.wait_for_selector("svg.distribution")
    assert "1 of 1 answers right (2 players)" in host.inner_text("figcaption")
    _shot(host, "a7-host-reveal")
    expect(ada.locator(".verdict")).to_contain_text("Right!")
    assert int(ada.inner_text("[data-field=score]")) > 0
    expect(students[1].locator(".verdict")).to_contain_text("You did not answer this one.")
    host.click("button:text-is('End session')")
    host.wait_for_selector("text=This session has ended")
    for page in students:
        expect(page.locator("h1")).to_have_text("That's the end")
    host.click("text=Open the report")
    host.wait_for_selector("text=Most missed")
    assert "Ada" in host.inner_text("main") and "Bo" in host.inner_text("main")
    _shot(host, "a8-report")


def test_a_student_rejoins_from_a_second_browser(open_page):
    host = open_page()
    _log_in(host, "teacher@example.org")
    code = _start_live_quiz(host, "Rejoin check")
    phone = open_page(400)
    _join(phone, code, "Mo")
    expect(phone.locator("h1")).to_have_text("You're in!")
    host.click("text=Start the first question")
    phone.click(".choice:text-is('1902')")
    # Mo is the only player: the last answer reveals at once.
    phone.locator(".verdict").wait_for()
    verdict = phone.inner_text(".verdict")
    score = phone.inner_text("[data-field=score]")
    assert "Right!" in verdict and int(score) > 0
    rejoin = phone.inner_text(".player-bar .code")
    assert re.fullmatch(r"[A-Z0-9]{6}", rejoin), rejoin
    _shot(phone, "b1-first-browser-rejoin-code")

    laptop = open_page()
    _join(laptop, code, "Mo")
    expect(laptop.locator(".field-error, .form-error").first).to_contain_text("rejoin code")
    _shot(laptop, "b2-second-browser-nickname-taken")
    _join(laptop, code, "Mo", rejoin=rejoin.lower())
    laptop.locator(".verdict").wait_for()
    assert laptop.inner_text("[data-field=score]") == score
    assert laptop.inner_text(".verdict") == verdict and "You answered" in verdict
    assert laptop.inner_text(".player-bar .nickname") == "Mo"
    # The new browser holds a new token, so a new code; the host still lists one Mo.
    assert laptop.inner_text(".player-bar .code") != rejoin
    expect(host.locator(".players li")).to_have_count(1)
    _shot(laptop, "b3-second-browser-rejoined")

    # The first browser is let go: its open page stops polling at the refusal and says why.
    polls: list[str] = []
    phone.on(
        "request", lambda request: polls.append(request.url) if "/state" in request.url else None
    )
    expect(phone.locator("h1")).to_have_text("Not playing here any more")
    expect(phone.locator("[data-stage] .status")).to_contain_text("rejoined on another device")
    assert phone.locator(".player-bar .code").count() == 0
    asked = len(polls)
    phone.wait_for_timeout(1500)  # five polling intervals of this site
    assert len(polls) == asked
    _shot(phone, "b4-first-browser-let-go")
    # On its next load it is asked to join again, and told why.
    phone.reload()
    expect(phone.locator("h1")).to_have_text("Join a class")
    expect(phone.locator("main")).to_contain_text("rejoined on another device")


# The host's first poll that reports a player is held in the page (its answer already read)
# until the test releases it, so the lobby's redraw comes at a chosen moment: in the same task
# as a click on Start, just before or just after it.
HOLD_POLLS = """
(() => {
  const real = window.fetch.bind(window);
  let release;
  const gate = new Promise((resolve) => { release = resolve; });
  window.__releasePoll = () => release();
  window.fetch = (url, options) => {
    if (!String(url).endsWith("/live")) { return real(url, options); }
    return real(url, options).then((response) => {
      if (response.status !== 200) { return response; }
      return response.json().then((state) => {
        const answer = {
          status: 200, ok: true, headers: { get: () => null }, json: () => Promise.resolve(state),
        };
        if (!state.players) { return answer; }
        document.documentElement.dataset.held = "1";
        return gate.then(() => answer);
      });
    });
  };
})();
"""
START = "form[action$='/next'] button"


@pytest.mark.parametrize("redraw_first", [False, True], ids=["then-redraw", "after-redraw"])
def test_start_clicked_during_the_lobbys_redraw_opens_the_question(open_page, redraw_first):
    host = open_page()
    _log_in(host, "teacher@example.org")
    host.context.add_init_script(HOLD_POLLS)
    code = _start_live_quiz(host, "Redraw check")
    phone = open_page(400)
    _join(phone, code, "Mo")
    expect(phone.locator("h1")).to_have_text("You're in!")
    # The host's poll has seen Mo; the lobby redraws the moment it is let through.
    expect(host.locator("html[data-held]")).to_have_count(1)
    expect(host.locator(".players li")).to_have_count(0)
    click = "document.querySelector(start).click();"
    steps = f"__releasePoll(); {click}" if redraw_first else f"{click} __releasePoll();"
    host.evaluate(f"(start) => {{ {steps} }}", START)
    expect(host.locator(".meta")).to_have_text("Question 1 of 2")
    expect(phone.locator(".choice-grid")).to_be_visible()


def _prompts(page: Any) -> list[str]:
    return [text.strip() for text in page.locator("ol.questions .prompt").all_inner_texts()]


def _selected_tab(page: Any) -> str:
    return page.inner_text(".filters a[aria-current=page]")


def test_the_review_queue_approves_rejects_and_filters(open_page, served):
    page = open_page()
    _log_in(page, "teacher@example.org")
    page.goto(f"/authoring/packs/{served['pack_id']}/review")
    assert _prompts(page) == [prompt for prompt, _, _ in PENDING]
    assert _selected_tab(page) == "Pending (5)"
    _shot(page, "c1-review-pending")

    page.click("text=Flagged only")
    assert _prompts(page) == [PENDING[4][0]]
    expect(page.locator("li.question.flagged .flag")).to_contain_text("Low quality score")
    assert _selected_tab(page) == "Pending (5)"
    _shot(page, "c2-review-flagged-only")
    page.click("text=Show all")
    assert len(_prompts(page)) == 5

    def row(prompt: str) -> Any:
        return page.locator("li.question", has_text=prompt)

    row(PENDING[0][0]).locator("button:text-is('Approve')").click()
    expect(page.locator("main")).to_contain_text("1 question approved.")
    row(PENDING[1][0]).locator("button:text-is('Reject')").click()
    expect(page.locator("main")).to_contain_text("1 question rejected.")
    row(PENDING[2][0]).get_by_label("Select question").check()
    row(PENDING[3][0]).get_by_label("Select question").check()
    page.select_option("#action", "approve")
    # All five quote one sentence: bulk approve takes one per sentence unless told otherwise.
    page.get_by_label("Approve several questions from one sentence").check()
    _shot(page, "c3-review-two-ticked")
    page.click("text=Apply to the ticked questions")
    expect(page.locator("main")).to_contain_text("2 questions approved.")
    # Back on the tab it was on, with only the flagged question left to review.
    assert _selected_tab(page) == "Pending (1)"
    assert _prompts(page) == [PENDING[4][0]]

    page.click(".filters >> text=Approved (3)")
    assert _selected_tab(page) == "Approved (3)"
    assert page.locator(".filters a[aria-current]").count() == 1
    assert _prompts(page) == [PENDING[i][0] for i in (0, 2, 3)]
    _shot(page, "c4-review-approved-tab")
    page.click("text=Flagged only")
    expect(page.locator("p.empty")).to_have_text("No approved questions with flags.")
    page.click(".filters >> text=Rejected (1)")
    assert _selected_tab(page) == "Rejected (1)"
    assert _prompts(page) == [PENDING[1][0]]
    _shot(page, "c5-review-rejected-tab")


def _shown(page: Any) -> set[str]:
    """Names of the answer fields the form shows now."""
    return {name for name in FIELD_TYPES if page.is_visible(f"#{name}")}


def test_the_question_form_shows_only_the_chosen_types_fields(open_page, served):
    page = open_page()
    _log_in(page, "teacher@example.org")
    page.goto(f"/authoring/packs/{served['pack_id']}/questions/new")
    assert page.input_value("#type") == "multiple_choice"
    assert _shown(page) == {"answer", "choices"}
    page.fill("#choices", "1777\n1788\n1799")
    page.select_option("#type", "numeric")
    assert _shown(page) == {"answer", "tolerance"}
    _shot(page, "d1-question-form-numeric")
    page.select_option("#type", "matching")
    assert _shown(page) == {"pairs"}
    page.select_option("#type", "multiple_response")
    assert _shown(page) == {"choices", "right_choices"}
    # What was typed before switching is still there.
    assert page.input_value("#choices") == "1777\n1788\n1799"
    page.select_option("#type", "true_false")
    assert _shown(page) == {"answer", "correction"}
    page.select_option("#type", "short_answer")
    assert _shown(page) == {"answer", "accept"}
    page.select_option("#type", "ordering")
    assert _shown(page) == {"items"}
    page.select_option("#type", "description")
    assert _shown(page) == set()
    assert page.is_visible("[data-no-fields]")
    page.select_option("#type", "essay")
    assert _shown(page) == {"answer"} and not page.is_visible("[data-no-fields]")
    # The common fields stay whatever the type.
    assert page.is_visible("#prompt") and page.is_visible("#explanation")
    # A type given in the address is shown from the start.
    page.goto(f"/authoring/packs/{served['pack_id']}/questions/new?type=cloze")
    assert _shown(page) == {"answer", "accept"}

    # Without scripts, every field shows.
    bare = open_page(scripts=False)
    _log_in(bare, "teacher@example.org")
    bare.goto(f"/authoring/packs/{served['pack_id']}/questions/new?type=numeric")
    assert len(_shown(bare)) == 8
