"""Script, markup and template payloads in what people write come out escaped on every page.

tests/authoring/test_payloads.py covers the authoring pages, the bank and the quiz through the
authoring forms; this covers the other pages that show authored text (flashcards, cram,
progress, history, leeches, settings, the classroom's host, player and report pages) and the
HTML-carrying exports, for a pack imported with a payload in every field, a learner's typed
answer, a display name, a quiz title and a player's nickname.
"""

from __future__ import annotations

import hashlib
import html
import io
import sqlite3
import tempfile
import xml.etree.ElementTree as ET
import zipfile
from contextlib import closing
from datetime import UTC, datetime
from html.parser import HTMLParser
from pathlib import Path

import pytest
from markupsafe import escape
from sqlalchemy import select

from app.class_codes import NICKNAME_MAX
from app.classroom_models import ClassSession
from app.extensions import db
from app.learn import tickets
from app.models import Pack, Question
from app.study_models import Card, ReviewLog
from tests.authoring.test_payloads import live
from tests.classroom.conftest import control, current, login, start
from tests.conftest import SOURCE_ID, make_pack

PAYLOADS = {
    "script": "<script>alert(1)</script>",
    "attribute": '"><img src=x onerror=alert(1)>',
    "template": "{{7*7}}",
    "link": '<a href="javascript:alert(1)">x</a>',
}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href"}


class ScriptUrls(HTMLParser):
    """Collects URL attributes a browser would follow into script (entities decoded)."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            url = "".join((value or "").split()).lower()
            if name in URL_ATTRIBUTES and url.startswith(("javascript:", "data:", "vbscript:")):
                self.found.append(f"{tag} {name}={value}")


def inert(markup: str) -> list[str]:
    """Live script, handlers or script URLs in `markup` (the server-drawn SVG charts allowed)."""
    parser = ScriptUrls()
    parser.feed(markup)
    return [found for found in live(markup) if found != "<svg>"] + parser.found


HTML_PROMPT = "<b>bold</b> {payload} <a href='javascript:alert(2)'>y</a>"


def payload_pack(payload: str) -> dict:
    """The sample pack with `payload` in every authored field, and one question written in HTML."""
    pack = make_pack()
    pack["title"] = f"Pack {payload}"
    pack["description"] = f"About {payload}"
    source = pack["sources"][0]
    source["title"] = f"Source {payload}"
    source["text"] += f"\nA closing line: {payload}\n"
    source["sha256"] = hashlib.sha256(source["text"].encode()).hexdigest()
    q1, q2, q3, _ = pack["questions"]
    q1.update(
        prompt=f"Year {payload}?",
        choices=[f"1899 {payload}", "1902", "1914"],
        explanation=f"Because {payload}",
        tags=[f"tag {payload}"],
    )
    q2.update(explanation=f"Quell {payload}", accept=["Quell", f"Q {payload}"])
    q3["correction"] = f"Forty {payload}"
    pack["questions"].append(
        {
            **q1,
            "id": "q9",
            "fact": "f9",
            "text_format": "html",
            "prompt": HTML_PROMPT.format(payload=payload),
            "explanation": f"<i>it</i> {payload}",
        }
    )
    return pack


@pytest.fixture(params=list(PAYLOADS), ids=list(PAYLOADS))
def stage(request, app, make_user):
    """The payload everywhere, a learner who studied with it, and a live session showing it."""
    from app.packs.importer import import_pack

    payload = PAYLOADS[request.param]
    nickname = payload[:NICKNAME_MAX]
    with app.app_context():
        import_pack(payload_pack(payload), {}, filename="payload.json")
        pack_id = db.session.scalar(select(Pack.id))
        ids = {uid: qid for uid, qid in db.session.execute(select(Question.uid, Question.id))}
    make_user(display_name=f"Lee {payload}")
    make_user("teacher@example.org", role="instructor", display_name=f"Ida {payload}")

    learner = app.test_client()
    login(learner, "learner@example.org")

    def ticket(uid: str, mode: str = "quiz", form: str = "choice") -> str:
        with app.test_request_context():
            return tickets.issue(ids[uid], mode, form, 0.5, datetime.now(UTC))

    typed = {"ticket": ticket("q2", form="typed"), "response": f"Mara {payload}"}
    assert learner.post("/learn/quiz", data=typed).status_code == 303
    with app.app_context():
        log_id = db.session.scalar(select(ReviewLog.id))
        db.session.scalar(select(Card)).leech = True
        db.session.commit()

    teacher = app.test_client()
    login(teacher, "teacher@example.org")
    quiz = {"title": f"Quiz {payload}", "pack": pack_id, "count": 10, "time_limit": 30}
    response = teacher.post("/classroom/quizzes/new", data=quiz)
    assert response.status_code == 302, response.text
    quiz_id = int(response.location.rstrip("/").split("/")[-1])
    session_id = start(teacher, quiz_id)
    with app.app_context():
        code = db.session.get(ClassSession, session_id).join_code
    player = app.test_client()
    joined = player.post("/join", data={"code": code, "nickname": nickname})
    assert joined.status_code == 302, joined.text
    control(teacher, session_id, "next", app)
    asked_id, _ = current(app, session_id)
    player.post(f"/play/{session_id}/answer", data={"question": asked_id, "choice": 0})

    pages = {
        "/": app.test_client(),
        "/bank": app.test_client(),
        f"/sources/{SOURCE_ID}": app.test_client(),
        f"/learn/quiz?ticket={ticket('q1')}": learner,
        f"/learn/quiz?ticket={ticket('q9')}": learner,
        f"/learn/answers/{log_id}": learner,
        f"/learn/cards?ticket={ticket('q1', 'flashcard', 'recall')}&show=1": learner,
        f"/learn/cram?ticket={ticket('q9', 'cram', 'recall')}&show=1": learner,
        "/learn/progress": learner,
        f"/learn/progress/questions/{ids['q2']}": learner,
        "/learn/leeches": learner,
        "/accounts/settings": learner,
        "/classroom/": teacher,
        f"/classroom/quizzes/{quiz_id}": teacher,
        f"/classroom/sessions/{session_id}": teacher,
        f"/classroom/sessions/{session_id}/report": teacher,
        f"/play/{session_id}": player,
    }
    return {
        "payload": payload,
        "nickname": nickname,
        "pages": pages,
        "pack": pack_id,
        "teacher": teacher,
        "session": session_id,
    }


def test_every_page_shows_the_payload_escaped_and_never_live(stage):
    payload = stage["payload"]
    problems = []
    for path, client in stage["pages"].items():
        response = client.get(path)
        page = response.get_data(as_text=True)
        found = [
            *inert(page),
            *(["escaped payload missing"] if str(escape(payload)) not in page else []),
            *(["raw payload"] if escape(payload) != payload and payload in page else []),
            *(["49"] if payload == "{{7*7}}" and "Year 49?" in page else []),
        ]
        if response.status_code != 200 or found:
            problems.append(f"{path}: {response.status_code} {found}")
    assert problems == [], "\n".join(problems)


def test_nicknames_are_escaped_where_the_teacher_sees_them(stage):
    nickname = stage["nickname"]
    session = stage["session"]
    for path in (f"/classroom/sessions/{session}", f"/classroom/sessions/{session}/report"):
        page = stage["teacher"].get(path).get_data(as_text=True)
        assert str(escape(nickname)) in page, path
        assert escape(nickname) == nickname or nickname not in page, path


def _export(stage, fmt: str) -> dict[str, bytes]:
    response = stage["teacher"].get(f"/authoring/packs/{stage['pack']}/export/{fmt}")
    assert response.status_code == 200, fmt
    with zipfile.ZipFile(io.BytesIO(response.data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def test_html_exports_carry_no_live_markup(stage):
    payload = stage["payload"]
    # QTI holds its HTML as the text of <mattext> elements: that text is what an LMS renders.
    fields = [
        node.text or ""
        for name, data in _export(stage, "qti").items()
        if name.endswith(".xml")
        for node in ET.fromstring(data).iter()
        if node.tag.endswith("mattext")
    ]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "collection.anki2"
        path.write_bytes(_export(stage, "apkg")["collection.anki2"])
        with closing(sqlite3.connect(path)) as anki:
            fields += [flds for (flds,) in anki.execute("SELECT flds FROM notes")]
    rendered = "\n".join(fields)
    assert "<b>bold</b>" in rendered  # the HTML question keeps its allowed markup
    assert html.escape(payload) in rendered
    assert inert(rendered) == []
    assert escape(payload) == payload or payload not in rendered
