"""In chromium: sign up, a ten-question quiz by keyboard, flashcards, the dashboard, and axe."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import func, select

from app.accounts_models import User
from app.extensions import db
from app.study_models import Card, ReviewLog
from tests.browser.conftest import SHOTS, TREATIES

# Its sites take databases through app_settings: the PostgreSQL run runs it too.
pytestmark = [pytest.mark.browser, pytest.mark.database]

ANSWERS = {f"In which year was the {name} Treaty signed?": str(year) for name, year, _ in TREATIES}
PEOPLE = {
    f"The {name} Treaty was signed in {year} by ____.": person for name, year, person in TREATIES
}


def _count(live, model, email: str, **where) -> int:
    with live.app.app_context():
        user_id = db.session.scalar(select(User.id).where(User.email == email))
        stmt = select(func.count()).select_from(model).where(model.user_id == user_id)
        for name, value in where.items():
            stmt = stmt.where(getattr(model, name) == value)
        return db.session.scalar(stmt)


def _distinct_questions(live, email: str) -> int:
    with live.app.app_context():
        user_id = db.session.scalar(select(User.id).where(User.email == email))
        answered = select(func.count(func.distinct(ReviewLog.question_id)))
        return db.session.scalar(answered.where(ReviewLog.user_id == user_id))


def _sign_up(page, email: str) -> None:
    page.goto("/accounts/signup")
    page.get_by_label("Display name").fill("Bea Browser")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password", exact=True).fill("a long password")
    page.get_by_label("Repeat the password").fill("a long password")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    # Signing up never logs in (it would tell whether the email was new): the login page
    # follows, with the email filled in.
    assert "Sign-up received for" in page.locator("main").inner_text()
    assert page.get_by_label("Email").input_value() == email
    page.get_by_label("Password", exact=True).fill("a long password")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "Welcome back, Bea Browser." in page.locator("main").inner_text()


def _answer_by_keyboard(page, number: int) -> bool:
    """Answer the question on screen with keys only; True if the answer was the right one."""
    prompt = page.locator("#prompt").inner_text()
    typed = page.locator("#response")
    if typed.count():
        # The text box has focus on arrival; one answer right, others wrong on purpose.
        # A date question may be asked typed too, once its choices have been seen.
        right = PEOPLE[prompt] if prompt in PEOPLE else ANSWERS[prompt]
        page.keyboard.type(right if number % 2 else "Nobody")
        page.keyboard.press("Enter")
    else:
        choices = [text.strip() for text in page.locator("button.choice").all_inner_texts()]
        wanted = (
            ANSWERS[prompt] if number % 3 else next(c for c in choices if ANSWERS[prompt] not in c)
        )
        key = next(i for i, text in enumerate(choices, 1) if text.endswith(wanted.split()[-1]))
        page.keyboard.press(str(key))
    page.wait_for_url(re.compile(r"/learn/answers/\d+"))
    return "Right" in page.locator("#verdict").inner_text()


def test_new_learner_quizzes_flips_cards_and_sees_progress(phone, live):
    page = phone
    email = "bea@example.org"
    _sign_up(page, email)

    sent = []
    page.on("request", lambda request: sent.append((request.method, request.url)))
    page.goto("/learn/quiz")
    page.screenshot(path=str(SHOTS / "quiz-question-375.png"), full_page=True)
    right = 0
    for number in range(10):
        page.wait_for_selector("#prompt")
        outcome = _answer_by_keyboard(page, number)
        right += outcome
        assert page.locator("blockquote.quote mark").count() >= 1
        assert page.locator("a[href*='/passage/']").count() == 1
        if number == 0:
            page.screenshot(path=str(SHOTS / "quiz-feedback-375.png"), full_page=True)
            # An in-page link pops history too; it must not reload the swapped page.
            page.evaluate("document.querySelector('.skip-link').click()")
            page.wait_for_url(re.compile(r"#content$"))
            assert "Right" in page.locator("#verdict").inner_text() or outcome is False
            page.locator("#next").focus()
        assert _count(live, ReviewLog, email) == number + 1
        page.keyboard.press("Enter")  # "Next question" has the focus
        page.wait_for_url(re.compile(r"/learn/quiz\?ticket=[^&]+$"))
    assert 0 < right < 10
    assert _count(live, ReviewLog, email, mode="quiz") == 10
    # One request per question: the answer's reply brought its feedback and the next question.
    study = [(method, url) for method, url in sent if "/learn/" in url]
    assert [method for method, _ in study] == ["GET"] + ["POST"] * 10, study
    # Reloading shows the question the address names.
    prompt = page.locator("#prompt").inner_text()
    page.reload()
    assert page.locator("#prompt").inner_text() == prompt

    sent.clear()
    page.goto("/learn/cards")
    for number in range(3):
        page.wait_for_selector("#flip")
        if number == 0:
            page.screenshot(path=str(SHOTS / "card-front-375.png"), full_page=True)
        assert page.locator("#back").is_hidden()
        page.keyboard.press("Space")
        assert page.locator("#back").is_visible() and page.locator("#flip").is_hidden()
        # The flip moves focus to Good, so Enter or 3 both rate Good.
        assert page.evaluate("document.activeElement.dataset.key") == "3"
        if number == 0:
            page.screenshot(path=str(SHOTS / "card-back-375.png"), full_page=True)
        shown = page.url
        page.keyboard.press("3" if number != 1 else "1")
        # The rating's reply brings the next card, whose address the page takes.
        page.wait_for_function("shown => location.href !== shown", arg=shown)
        assert page.locator(".flash").inner_text().startswith("Rated ")
    assert _count(live, ReviewLog, email, mode="flashcard") == 3
    cards = [method for method, url in sent if "/learn/" in url]
    assert cards == ["GET"] + ["POST"] * 3, cards
    # One card per question answered (the policy may review a question again rather than
    # start a new one, so there can be fewer than thirteen).
    assert _count(live, Card, email) == _distinct_questions(live, email) >= 5

    page.goto("/learn/progress")
    assert page.locator("#answered-today").inner_text() == "13"
    assert page.locator("#streak").inner_text() == "1"
    assert page.locator("figure.chart svg").count() == 3
    page.screenshot(path=str(SHOTS / "progress-375.png"), full_page=True)
    # Nothing is wider than the phone's screen.
    assert page.evaluate("document.documentElement.scrollWidth") <= 375


def test_without_javascript_the_forms_still_work(browser, live):
    from playwright.sync_api import expect

    context = browser.new_context(
        java_script_enabled=False, base_url=live.url, viewport={"width": 375, "height": 800}
    )
    page = context.new_page()
    try:
        page.goto("/learn/cards")
        page.get_by_role("button", name="Show answer").click()
        expect(page.locator("#back")).to_be_visible()
        page.get_by_role("button", name=re.compile("^Good")).click()
        # Wait for the page the form posts to, not just the click (content() reads mid-load).
        expect(page.locator("main")).to_contain_text("Rated Good.")
        page.goto("/learn/quiz")
        before = page.locator("#prompt").inner_text()
        if page.locator("#response").count():
            page.locator("#response").fill("x")
            page.get_by_role("button", name="Check").click()
        else:
            page.locator("button.choice").first.click()
        page.wait_for_url(re.compile(r"/learn/answers/\d+$"))
        expect(page.locator("main")).to_contain_text(before)
    finally:
        context.close()


AXE_PAGES = [
    "/learn/",
    "/learn/plan",
    "/learn/quiz",
    "/learn/cards",
    "/learn/progress",
    "/learn/leeches",
    "/learn/cram",
]


def test_study_pages_have_no_serious_accessibility_violations(phone, live):
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    page = phone
    _sign_up(page, "axe@example.org")
    problems = []

    def scan(label: str) -> None:
        results = axe.run(page)
        for violation in results.response["violations"]:
            if violation["impact"] in ("serious", "critical"):
                targets = [node["target"] for node in violation["nodes"]][:3]
                problems.append(f"{label}: {violation['id']} ({violation['impact']}) {targets}")

    page.goto("/learn/quiz")
    _answer_by_keyboard(page, 1)
    scan("feedback")
    for path in AXE_PAGES:
        page.goto(path)
        scan(path)
    page.goto("/learn/cards")
    page.keyboard.press("Space")
    scan("card back")
    page.emulate_media(color_scheme="dark")
    page.goto("/learn/quiz")
    scan("quiz, dark")
    assert problems == []
