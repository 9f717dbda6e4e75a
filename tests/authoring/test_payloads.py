"""Script and markup payloads in every authored field never come out as live HTML."""

from __future__ import annotations

import io
from datetime import UTC, datetime
from html.parser import HTMLParser

from app.accounts_models import User
from app.extensions import db
from app.learn import tickets
from app.sanitize import authored, clean_html
from tests.authoring.conftest import login, question_form

SCRIPT = "<script>alert('x')</script>"
IMG = '<img src=x onerror="alert(1)">'
PAYLOAD = f'{SCRIPT}{IMG}"><b onclick=alert(2)>bold</b>'


class LiveMarkup(HTMLParser):
    """Collects what a browser would run: script tags (other than ours), images, on* handlers."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        names = {name for name, _ in attrs}
        if tag == "script" and dict(attrs).get("src", "").startswith("/static/") is False:
            self.found.append(f"<script> {attrs}")
        if tag in ("img", "iframe", "object", "embed", "svg"):
            self.found.append(f"<{tag}>")
        self.found.extend(f"{tag} {name}" for name in names if name.startswith("on"))


def live(html: str) -> list[str]:
    """Live script or handler markup in the page."""
    parser = LiveMarkup()
    parser.feed(html)
    return parser.found


def test_sanitiser_keeps_a_few_tags_and_drops_the_rest():
    assert len(live(PAYLOAD)) == 4  # the detector sees script, img, onerror and onclick
    assert clean_html("<b>bold</b><i>it</i>" + SCRIPT) == "<b>bold</b><i>it</i>"
    assert clean_html(IMG + '<a href="javascript:x">l</a>') == "l"
    assert str(authored(PAYLOAD)).startswith("&lt;script&gt;")
    assert live(str(authored(PAYLOAD, "html"))) == []
    assert "<b>bold</b>" in str(authored(PAYLOAD, "html"))


def _payload_question(text_format: str = "") -> dict[str, str]:
    form = question_form(
        "multiple_choice",
        title=f"T {PAYLOAD}",
        prompt=f"Q {PAYLOAD}?",
        choices=f"A {PAYLOAD}\nB {PAYLOAD}\nC",
        answer="C",
        explanation=f"E {PAYLOAD}",
        tags=f"t{SCRIPT}, ok",
        text_format=text_format,
    )
    return form


def test_payloads_in_every_field_are_inert_on_every_page(app, users, pack_id, client):
    with app.app_context():
        db.session.get(User, users["editor"]).display_name = f"Ed {SCRIPT}"
        db.session.commit()
    login(client, "owner@example.org")
    client.post(
        f"/authoring/packs/{pack_id}/edit",
        data={"title": f"P {PAYLOAD}", "description": f"D {PAYLOAD}", "language": "en"},
    )
    upload = {
        "file": (io.BytesIO(f"Text {PAYLOAD} here.".encode()), f"n{SCRIPT}.txt"),
        "title": f"S {PAYLOAD}",
    }
    assert client.post(f"/authoring/packs/{pack_id}/upload", data=upload).status_code == 302
    for fmt in ("", "html", "markdown"):
        response = client.post(
            f"/authoring/packs/{pack_id}/questions/new", data=_payload_question(fmt)
        )
        assert response.status_code == 302, response.get_data(as_text=True)[:500]
    for qtype, extra in (
        ("ordering", {"items": f"I {PAYLOAD}\nJ"}),
        ("matching", {"pairs": f"L {PAYLOAD} => R {PAYLOAD}\nM => N"}),
        ("short_answer", {"answer": f"A {PAYLOAD}", "accept": f"B {PAYLOAD}"}),
        ("true_false", {"answer": "False", "correction": f"C {PAYLOAD}"}),
    ):
        form = question_form(qtype, **extra)
        assert (
            client.post(f"/authoring/packs/{pack_id}/questions/new", data=form).status_code == 302
        )
    client.post(f"/authoring/packs/{pack_id}/sharing", data={"visibility": "link"})
    with app.app_context():
        from app.models import Pack

        pack = db.session.get(Pack, pack_id)
        token = pack.share_token
        ids = [q.id for q in pack.questions]
        upload_source = next(s.id for s in pack.sources if s.id.startswith("upload-"))
    # A question quoting the uploaded source, whose text carries the payload.
    page_text = f"Text {PAYLOAD} here."
    start = page_text.index("<b")
    quoted = question_form(
        "short_answer",
        source_id=upload_source,
        quote_start=str(start),
        quote_end=str(start + 10),
        quote_text=page_text[start : start + 10],
    )
    assert client.post(f"/authoring/packs/{pack_id}/questions/new", data=quoted).status_code == 302

    pages = [
        "/authoring/",
        f"/authoring/packs/{pack_id}",
        f"/authoring/packs/{pack_id}/review?status=approved",
        f"/authoring/packs/{pack_id}/edit",
        f"/authoring/packs/{pack_id}/sharing",
        f"/authoring/packs/{pack_id}/questions/new?source_id={upload_source}",
        f"/authoring/shared/{token}",
        *(f"/authoring/questions/{qid}/edit" for qid in ids),
        *(f"/authoring/questions/{qid}/history" for qid in ids),
    ]
    client.post("/authoring/packs/1/editors", data={"email": "editor@example.org"})
    for path in pages:
        response = client.get(path)
        assert response.status_code == 200, path
        html = response.get_data(as_text=True)
        assert live(html) == [], path
        assert "&lt;script&gt;" in html or "alert" not in html, path
    client.post(f"/authoring/packs/{pack_id}/sharing", data={"visibility": "public"})
    visitor = app.test_client()
    for path in ("/", "/bank", f"/sources/{upload_source}"):
        html = visitor.get(path).get_data(as_text=True)
        assert live(html) == [], path
    for question_id in ids:
        with app.test_request_context():
            ticket = tickets.issue(question_id, "quiz", "choice", 0.5, datetime.now(UTC))
        response = visitor.get("/learn/quiz", query_string={"ticket": ticket})
        assert response.status_code == 200, question_id
        html = response.get_data(as_text=True)
        assert live(html) == [], question_id
        answered = visitor.post("/learn/quiz", data={"ticket": ticket, "response": "C"})
        html = visitor.get(answered.location).get_data(as_text=True)
        assert live(html) == [], question_id
    # The import preview shows file names, prompts and errors from the file.
    gift = f"::t{SCRIPT}:: Q {PAYLOAD} {{=A {SCRIPT} ~B ~C}}\n".encode()
    html = client.post(
        "/authoring/import", data={"file": (io.BytesIO(gift), f"f{SCRIPT}.gift")}
    ).get_data(as_text=True)
    assert "Import it as a new private pack" in html and live(html) == []
    html = client.post(
        "/authoring/import", data={"file": (io.BytesIO(b"{" + SCRIPT.encode()), f"{IMG}.gift")}
    ).get_data(as_text=True)
    assert "Nothing was imported" in html and live(html) == []
