"""In chromium: a wrong answer then Progress (issue 16 item 4), on a bank whose sources carry
the bundled bank's real, long titles: recall below 100% (the chooser's recall), and the
mastery-by-source chart's labels whole and legible at 375 and 1280 px."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from app import create_app
from app.accounts_models import User
from app.clock import utcnow
from app.extensions import db
from app.study.learner import calibrated_recall
from app.study_models import Card
from app.study_service.choosing import learner_state
from app.study_service.rows import card_state
from tests.browser.conftest import SHOTS, LiveServer
from tests.browser.test_study_flow import _sign_up
from tests.conftest import app_settings
from tests.support.components import chromium_path, require_component

# Its sites take databases through app_settings: the PostgreSQL run runs it too.
pytestmark = [pytest.mark.browser, pytest.mark.database]

TITLES = [
    source["title"]
    for source in json.loads(Path("questions/sources/sources.json").read_text(encoding="utf-8"))[
        "sources"
    ]
]
EMAIL = "lena@example.org"
LATER = [timedelta(0)]  # how far the app's clock runs ahead of the real one


def _clock():
    return utcnow() + LATER[0]


def titled_pack() -> dict[str, Any]:
    """One source per bundled title, each with one multiple-choice question."""
    sources, questions = [], []
    for number, title in enumerate(TITLES):
        sentence = f"The Orrin Accord number {number} was signed in {1900 + number}."
        sources.append(
            {
                "id": f"s{number}",
                "title": title,
                "text": sentence + "\n",
                "sha256": hashlib.sha256((sentence + "\n").encode("utf-8")).hexdigest(),
            }
        )
        year = 1900 + number
        questions.append(
            {
                "id": f"q{number}",
                "fact": f"q{number}",
                "type": "multiple_choice",
                "kind": "date",
                "prompt": f"In which year was the Orrin Accord number {number} signed?",
                "answer": str(year),
                "choices": [str(year), str(year + 20), str(year + 40), str(year + 60)],
                "quote": {"source": f"s{number}", "start": 0, "end": len(sentence),
                          "text": sentence},
                "explanation": f"It was signed in {year}.",
                "difficulty": 0.3,
            }
        )  # fmt: skip
    return {
        "format": "quire-pack",
        "format_version": 1,
        "id": "titled",
        "title": "Real titles",
        "language": "en",
        "generator": {"name": "hand", "version": "1"},
        "sources": sources,
        "questions": questions,
    }


@pytest.fixture(scope="module")
def titled(tmp_path_factory) -> Iterator[LiveServer]:
    require_component(chromium_path() is not None, "chromium", "apt-get install chromium")
    # As tests/browser/conftest.py's production_like_app, with a clock the test can move on.
    app = create_app(
        app_settings(
            tmp_path_factory.mktemp("titled"),
            WTF_CSRF_ENABLED=True,
            TESTING=False,
            SESSION_COOKIE_SECURE=False,
            REMEMBER_COOKIE_SECURE=False,
            QUIRE_CLOCK=_clock,
        )
    )
    with app.app_context():
        db.create_all()
        from app.packs.importer import import_pack

        import_pack(titled_pack(), {}, filename="titled.json")
    with LiveServer(app) as server:
        yield server
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


def _labels_fit(page, width: int) -> None:
    chart = page.get_by_role("img", name="Mastery by source")
    box = chart.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= width
    labels = chart.locator("text.label")
    assert labels.count() == len(TITLES)
    for index, title in enumerate(TITLES):
        label = labels.nth(index)
        # Every line of the label inside the chart, whole (the title, wrapped), and legible.
        lines = label.locator("tspan")
        assert " ".join(lines.all_text_contents()) == title
        for line in range(lines.count()):
            part = lines.nth(line).bounding_box()
            assert part["x"] >= box["x"] and part["x"] + part["width"] <= box["x"] + box["width"]
        assert label.locator("title").text_content() == title
        height = label.evaluate(
            "e => e.getBoundingClientRect().height / e.querySelectorAll('tspan').length"
        )
        assert height >= 11, (title, height)
    # Two bars per source, each on a visible track.
    bars = chart.locator("rect.bar")
    assert bars.count() == 2 * len(TITLES)
    tracks = [chart.locator("rect.track").nth(i).bounding_box() for i in range(bars.count())]
    assert all(track["width"] > box["width"] / 2 for track in tracks)


def test_a_wrong_answer_then_progress(browser, titled):
    context = browser.new_context(viewport={"width": 375, "height": 800}, base_url=titled.url)
    context.set_default_timeout(10_000)
    page = context.new_page()
    _sign_up(page, EMAIL)
    page.goto("/learn/quiz")
    prompt = page.locator("#prompt").inner_text()
    number = int(re.search(r"number (\d+)", prompt).group(1))
    wrong = str(1900 + number + 20)
    page.locator("button.choice", has_text=wrong).click()
    page.wait_for_url(re.compile(r"/learn/answers/\d+"))
    assert "Right" not in page.locator("#verdict").inner_text()

    # Later that day (FSRS's recall of a card is all but 1 in the minutes after an answer, right
    # or wrong: the answer was just shown; a lapsed card fades within hours).
    LATER[0] = timedelta(hours=6)
    page.goto("/learn/progress")
    row = page.locator("table tr", has_text=prompt)
    cell = row.locator("td.num").first.inner_text()
    assert "missed last time" in cell
    shown = int(re.match(r"(\d+)%", cell).group(1))
    assert shown < 100
    # The chooser's recall for that card, computed as the quiz computes it.
    with titled.app.app_context():
        user = db.session.scalar(select(User).where(User.email == EMAIL))
        card = db.session.scalar(select(Card).where(Card.user_id == user.id))
        now = titled.app.config["QUIRE_CLOCK"]()
        chooser = calibrated_recall(card_state(card), learner_state(user.id), now)
    assert abs(shown - 100 * chooser) <= 1
    # The question's own page says the same.
    with page.expect_navigation():
        row.locator("a").click()
    expect(page.locator("main")).to_contain_text(f"Chance of recall now: {shown}%")

    page.goto("/learn/progress")
    _labels_fit(page, 375)
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.get_by_role("img", name="Mastery by source").screenshot(
        path=str(SHOTS / "mastery-by-source-375.png")
    )
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    page.set_viewport_size({"width": 1280, "height": 900})
    page.reload()
    _labels_fit(page, 1280)
    context.close()
