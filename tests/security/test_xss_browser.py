"""Hostile markup stored in every field a visitor's pages show, rendered in Chromium: none of it
becomes an element or runs (escaping is checked apart from the Content-Security-Policy, which
would also block inline scripts)."""

from __future__ import annotations

import copy
from collections.abc import Iterator
from typing import Any

import pytest

from app.extensions import db
from tests.browser.conftest import CHROMIUM_ARGS, LiveServer, production_like_app
from tests.conftest import make_pack
from tests.support.components import chromium_path, require_component

# Its sites take databases through app_settings: the PostgreSQL run runs it too.
pytestmark = [pytest.mark.browser, pytest.mark.database]

PAYLOADS = (
    "<script>window.__xss=1;alert(1)</script>",
    '<img src=x class=xss onerror="window.__xss=1;alert(1)">',
    '"><svg class=xss onload="window.__xss=1;alert(1)">',
    '\'><iframe class=xss srcdoc="<script>parent.__xss=1</script>"></iframe>',
    "javascript:window.__xss=1",
    '<a class=xss href="javascript:window.__xss=1">x</a>',
    "</textarea></title><b class=xss>bold</b>",
)
PAGES = ("/", "/bank", "/sources/test_lisvale", "/learn/plan", "/learn/quiz", "/learn/cards")


def hostile_pack(payload: str) -> dict[str, Any]:
    """The sample pack with `payload` in its title, description, source title, prompts,
    choices, explanations and tags."""
    pack = copy.deepcopy(make_pack())
    pack["title"] = f"Pack {payload}"
    pack["description"] = f"About {payload}"
    pack["sources"][0]["title"] = f"Source {payload}"
    for question in pack["questions"]:
        question["prompt"] = f"{question['prompt']} {payload}"
        question["explanation"] = f"{question['explanation']} {payload}"
        question["tags"] = [payload[:60]]
        if question["type"] == "multiple_choice":
            question["choices"] = [*question["choices"][:2], payload]
    return pack


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Iterator[LiveServer]:
    """Quire serving one pack per payload."""
    require_component(chromium_path() is not None, "chromium", "apt-get install chromium")
    from app.packs.importer import import_pack

    app = production_like_app(tmp_path_factory.mktemp("xss"))
    with app.app_context():
        db.create_all()
        first = hostile_pack(PAYLOADS[0])
        import_pack(first, {}, filename="xss.json")
        for index, payload in enumerate(PAYLOADS[1:]):
            pack = hostile_pack(payload)
            pack["id"] = f"xss{index}"
            pack["sources"] = [{"id": pack["sources"][0]["id"], "title": "x", **{
                key: first["sources"][0][key] for key in ("text", "sha256")}}]  # fmt: skip
            import_pack(pack, {}, filename=f"xss{index}.json")
    with LiveServer(app) as server:
        yield server
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


def test_no_payload_runs_or_becomes_markup_in_chromium(hostile_site):
    from playwright.sync_api import sync_playwright

    executed: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium_path(), headless=True, args=CHROMIUM_ARGS
        )
        context = browser.new_context(base_url=hostile_site.url)
        page = context.new_page()
        page.on("dialog", lambda dialog: (executed.append(dialog.message), dialog.dismiss()))
        rendered = []
        for path in PAGES:
            page.goto(path)
            rendered.append(path)
            assert page.evaluate("window.__xss === undefined"), path
            # Escaped, so none of the payloads' elements exists (CSP aside).
            assert page.locator(".xss").count() == 0, path
            assert page.locator("iframe[srcdoc]").count() == 0, path
            assert "window.__xss" not in "".join(
                page.eval_on_selector_all("a[href]", "els => els.map(e => e.href)")
            ), path
            # The payload is shown as text somewhere on the pages that list packs.
            if path in ("/", "/bank"):
                assert "<script>window.__xss=1" in page.inner_text("body"), path
        browser.close()
    assert executed == []
    assert rendered == list(PAGES)
