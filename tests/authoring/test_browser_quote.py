"""In a real browser: selecting text in the source fills the quote's offsets, and they save."""

from __future__ import annotations

import hashlib
import threading

import pytest
from sqlalchemy import select
from werkzeug.serving import make_server

from app import create_app
from app.accounts_models import User
from app.extensions import db
from app.models import Pack, Question, Source
from tests.authoring.conftest import SOURCE_ID, TEXT
from tests.conftest import TEST_PASSWORD, TEST_PASSWORD_HASH, app_settings
from tests.support.components import chromium_path, require_component

# Some of its apps take databases through app_settings: the PostgreSQL run runs it too.
pytestmark = pytest.mark.database

QUOTE = "harbours joined the league"
ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"]
SELECT = """(needle) => {
  for (const p of document.querySelectorAll('[data-source-text] p')) {
    const at = p.textContent.indexOf(needle);
    if (at < 0) continue;
    const range = document.createRange();
    range.setStart(p.firstChild, at - 1);  // with the space before, which the script trims
    range.setEnd(p.firstChild, at + needle.length);
    const selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
    p.dispatchEvent(new MouseEvent('mouseup', {bubbles: true}));
    return true;
  }
  return false;
}"""


@pytest.mark.browser
def test_selecting_text_fills_the_offsets(tmp_path):
    require_component(chromium_path() is not None, "chromium", "apt-get install chromium")
    from playwright.sync_api import sync_playwright

    app = create_app(app_settings(tmp_path, WTF_CSRF_ENABLED=True))
    with app.app_context():
        db.create_all()
        owner = User(
            email="o@example.org",
            role="instructor",
            display_name="O",
            password_hash=TEST_PASSWORD_HASH,
        )
        db.session.add(owner)
        db.session.flush()
        source = Source(
            id=SOURCE_ID,
            title="Velmar",
            text=TEXT,
            uploaded_by_id=owner.id,
            sha256=hashlib.sha256(TEXT.encode()).hexdigest(),
        )
        pack = Pack(
            slug="v",
            title="V",
            format_version=1,
            generator={},
            owner_id=owner.id,
            visibility="private",
            sources=[source],
        )
        db.session.add(pack)
        db.session.commit()
        pack_id = pack.id
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{server.server_port}"
    start = TEXT.index(QUOTE)
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=chromium_path(), headless=True, args=ARGS
            )
            page = browser.new_page()
            page.goto(base + "/accounts/login")
            page.fill("#email", "o@example.org")
            page.fill("#password", TEST_PASSWORD)
            page.click("main form [type=submit]")
            page.goto(f"{base}/authoring/packs/{pack_id}/questions/new?type=short_answer")
            assert not page.is_visible("[data-show-source]")
            page.fill("#prompt", "How many harbours joined?")
            page.fill("#answer", "Nine")
            assert page.evaluate(SELECT, QUOTE)
            assert page.input_value("#quote_start") == str(start)
            assert page.input_value("#quote_end") == str(start + len(QUOTE))
            assert page.input_value("#quote_text") == QUOTE
            page.click("form[data-question-form] button.primary")
            page.wait_for_url(f"{base}/authoring/packs/{pack_id}*")
            browser.close()
    finally:
        server.shutdown()
        thread.join()
    with app.app_context():
        question = db.session.scalar(select(Question))
        assert (question.quote_start, question.quote_text) == (
            start,
            QUOTE,
        )
        db.session.remove()
        db.engine.dispose()
