"""Who may use each route: every rule in the URL map, every method, against five kinds of visitor.

Each object the routes take belongs to the instructor ("owner"), except what a learner makes for
themself: their answers, their cards and their place in a classroom session, which are the
learner's. CSRF is off here (as in TestConfig): test_hardening checks the tokens.
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import pytest
from sqlalchemy import select

from app.authoring_models import Job
from app.classroom_models import ClassSession, Player, Quiz
from app.extensions import db
from app.learn import tickets
from app.models import Pack, Question, QuestionMedia, Source
from app.people import create_invitation
from app.study_models import Card, ReviewLog
from tests.authoring.conftest import SOURCE_ID as PRIVATE_SOURCE
from tests.authoring.conftest import TEXT, question_form
from tests.classroom.conftest import control, current, extra_questions, login, new_quiz, start
from tests.conftest import SOURCE_ID as PUBLIC_SOURCE
from tests.conftest import make_pack
from tests.test_hardening import UNSAFE_METHODS

ACTORS = ("anonymous", "learner", "owner", "other", "admin")
EMAILS = {
    "learner": "learner@example.org",
    "owner": "teacher@example.org",
    "other": "other@example.org",
    "admin": "admin@example.org",
}
ROLES = {"learner": "learner", "owner": "instructor", "other": "instructor", "admin": "admin"}

# Expected outcome per actor, in ACTORS order: "ok" (2xx, or a redirect that is neither to the
# login page nor to the join page), "login" (sent to log in), "forbidden" (403 or 404),
# "join" (a student sent to join the session first).
PUBLIC = ("ok", "ok", "ok", "ok", "ok")
SIGNED_IN = ("login", "ok", "ok", "ok", "ok")
AUTHOR = ("login", "forbidden", "ok", "ok", "ok")  # instructors and admins, on their own lists
PACK_EDITOR = ("login", "forbidden", "ok", "forbidden", "ok")  # pack owner, editors, admins
PACK_READER = ("forbidden", "forbidden", "ok", "forbidden", "ok")  # a private pack's readers
CLASS_OWNER = ("login", "forbidden", "ok", "forbidden", "forbidden")  # admins see no one's class
PLAYER_PAGE = ("join", "ok", "join", "join", "join")  # the learner joined; others have no cookie
PLAYER_ONLY = ("forbidden", "ok", "forbidden", "forbidden", "forbidden")
LEARNER_OWN = ("login", "ok", "forbidden", "forbidden", "forbidden")  # the learner's own rows
NOBODY = ("forbidden",) * 5
ADMIN_ONLY = ("login", "forbidden", "forbidden", "forbidden", "ok")
API_SIGNED_IN = ("401", "ok", "ok", "ok", "ok")  # the API answers 401 rather than redirecting

# Every endpoint of the URL map (but static); destructive ones last, each followed by its undo.
TABLE: dict[str, tuple[str, ...]] = {
    "ops.healthz": PUBLIC,
    "sources.favicon": PUBLIC,
    "admin.users": ADMIN_ONLY,
    "admin.set_role": ADMIN_ONLY,
    "admin.invitations": ADMIN_ONLY,
    "admin.revoke_invitation": ADMIN_ONLY,
    # Anyone may open a real invitation; the world's token is a share token, so 404 for all.
    "admin.invitation": NOBODY,
    "sources.index": PUBLIC,
    "sources.read": PUBLIC,
    "bank.index": PUBLIC,
    "bank.media_file": PACK_READER,  # a private question's image: its pack's readers only
    "accounts.settings": SIGNED_IN,
    "learn.home": PUBLIC,
    "learn.quiz": PUBLIC,
    "learn.answer": PUBLIC,
    "learn.cards": PUBLIC,
    "learn.rate": PUBLIC,
    "learn.plan": PUBLIC,
    "learn.progress": PUBLIC,
    "learn.question_history": PACK_READER,  # its prompt and answer: the question is private
    "learn.feedback": LEARNER_OWN,
    "learn.leeches": SIGNED_IN,
    "learn.suspend": LEARNER_OWN,
    "learn.unsuspend": LEARNER_OWN,
    "learn.bury": LEARNER_OWN,
    "learn.unbury": LEARNER_OWN,
    "learn.cram": SIGNED_IN,
    "learn.cram_rate": SIGNED_IN,
    "learn.cram_toggle": SIGNED_IN,
    "learn.undo": SIGNED_IN,
    "authoring.index": AUTHOR,
    "authoring.new_pack": AUTHOR,
    "authoring.import_file": AUTHOR,
    "authoring.confirm_import": AUTHOR,
    "authoring.trash": AUTHOR,
    "authoring.shared": PUBLIC,  # by its unguessable token
    "authoring.shared_media": PUBLIC,  # the files of the questions that link shows
    "authoring.pack": PACK_READER,
    "authoring.export": PACK_READER,
    "authoring.edit_pack": PACK_EDITOR,
    "authoring.new_question": PACK_EDITOR,
    "authoring.upload": PACK_EDITOR,
    "authoring.review": PACK_EDITOR,
    "authoring.review_bulk": PACK_EDITOR,
    "authoring.pack_trash": PACK_EDITOR,
    "authoring.edit_question": PACK_EDITOR,
    "authoring.history": PACK_EDITOR,
    "authoring.job": PACK_EDITOR,
    "authoring.job_json": PACK_EDITOR,
    "authoring.retry_job": PACK_EDITOR,
    "authoring.sharing": PACK_EDITOR,
    "authoring.new_link": PACK_EDITOR,
    "authoring.add_editor": PACK_EDITOR,
    "authoring.remove_editor": PACK_EDITOR,
    "classroom.index": AUTHOR,
    "classroom.new_quiz": AUTHOR,
    "classroom.quiz": CLASS_OWNER,
    "classroom.edit_item": CLASS_OWNER,
    "classroom.host": CLASS_OWNER,
    "classroom.host_live": CLASS_OWNER,
    "classroom.host_players": CLASS_OWNER,
    "classroom.play": PLAYER_PAGE,
    "classroom.player_live": PLAYER_ONLY,
    "classroom.answer": PLAYER_ONLY,
    "classroom.show_results": CLASS_OWNER,
    "classroom.next_question": CLASS_OWNER,
    "classroom.report": CLASS_OWNER,
    "classroom.report_csv": CLASS_OWNER,
    "classroom.send_to_study": CLASS_OWNER,
    "classroom.start": CLASS_OWNER,
    "classroom.join": PUBLIC,
    "classroom.remove": CLASS_OWNER,
    "classroom.end_session": CLASS_OWNER,
    "classroom.delete_quiz": CLASS_OWNER,
    "authoring.delete_question": PACK_EDITOR,
    "authoring.restore_question": PACK_EDITOR,
    "authoring.delete_pack": PACK_EDITOR,
    "authoring.restore_pack": PACK_EDITOR,
    "api.openapi": PUBLIC,
    "api.packs": PUBLIC,
    "api.pack": PACK_READER,
    "api.question": PACK_READER,
    "api.sources": PUBLIC,
    "api.source": PUBLIC,
    "api.my_progress": API_SIGNED_IN,
    "api.unknown_path": NOBODY,
    "accounts.signup": PUBLIC,
    "accounts.login": PUBLIC,
    "accounts.logout": PUBLIC,
}

World = dict[str, Any]
# The form each state-changing route gets: valid for the owner, so a refusal means "not allowed".
FORMS: dict[str, Callable[[World], dict[str, Any]]] = {
    "learn.answer": lambda w: {"ticket": w["ticket"]("quiz"), "response": "1902"},
    "learn.rate": lambda w: {"ticket": w["ticket"]("flashcard"), "rating": 3},
    "learn.cram_rate": lambda w: {"ticket": w["ticket"]("cram"), "rating": 3},
    "learn.plan": lambda w: {"packs": [w["public_pack"]], "new_per_day": 10},
    "learn.suspend": lambda w: {"mode": "quiz"},
    "learn.bury": lambda w: {"mode": "flashcard"},
    "authoring.edit_pack": lambda w: {"title": "Velmar", "description": "", "language": "en"},
    "authoring.edit_question": lambda w: question_form("short_answer"),
    "authoring.new_question": lambda w: question_form("short_answer", prompt="Who signed it?"),
    "authoring.upload": lambda w: {
        "file": (io.BytesIO(b"Tesa Brandt sailed to Orrin Bay in 1790."), "more.txt"),
        "title": "More",
    },
    "authoring.sharing": lambda w: {"visibility": "link"},
    "admin.set_role": lambda w: {"role": "instructor"},
    "admin.invitations": lambda w: {"role": "instructor", "max_uses": 1, "days": 1},
    "authoring.add_editor": lambda w: {"email": "spare@example.org"},
    "classroom.edit_item": lambda w: {"action": "save", "time_limit": 20},
    "classroom.start": lambda w: {"mode": "live"},
    "classroom.answer": lambda w: {"question": w["asked"], "choice": 0},
    "classroom.join": lambda w: {"code": w["code"], "nickname": "Late"},
    "classroom.next_question": lambda w: {"version": w["version"]()},
    "classroom.show_results": lambda w: {"version": w["version"]()},
    "classroom.end_session": lambda w: {"version": w["version"]()},
}


def routes(app) -> list[tuple[str, str, Any]]:
    """(endpoint, method, rule) for every rule but static, in TABLE order (unknown ones last)."""
    order = {endpoint: index for index, endpoint in enumerate(TABLE)}
    found = []
    for rule in app.url_map.iter_rules():
        if rule.endpoint == "static":
            continue
        for method in sorted((rule.methods or set()) - {"HEAD", "OPTIONS"}):
            found.append((rule.endpoint, method, rule))
    return sorted(found, key=lambda row: order.get(row[0], len(order)))


def test_every_route_is_in_the_table(app):
    endpoints = {endpoint for endpoint, _, _ in routes(app)}
    assert endpoints - set(TABLE) == set(), "classify the new routes in TABLE"
    assert set(TABLE) - endpoints == set(), "drop the rows of routes that are gone"
    assert all(len(row) == len(ACTORS) for row in TABLE.values())
    # The walk sees state-changing routes too, with the methods test_hardening checks.
    assert any(method in UNSAFE_METHODS for _, method, _ in routes(app))


def _private_pack(owner: int) -> int:
    source = Source(
        id=PRIVATE_SOURCE,
        title="The Velmar Charter",
        sha256=hashlib.sha256(TEXT.encode()).hexdigest(),
        text=TEXT,
        uploaded_by_id=owner,
    )
    pack = Pack(
        slug="velmar",
        title="Velmar",
        format_version=1,
        generator={},
        owner_id=owner,
        visibility="private",
        sources=[source],
    )
    db.session.add(pack)
    db.session.commit()
    return pack.id


@pytest.fixture
def world(app, make_user) -> World:
    """One object of each kind, owned by the instructor (or by the learner, for study rows)."""
    from app.packs.importer import import_pack

    users = {actor: make_user(email, role=ROLES[actor]) for actor, email in EMAILS.items()}
    spare = make_user("spare@example.org", role="instructor", display_name="Spare")
    data = make_pack()
    data["questions"] += extra_questions()
    with app.app_context():
        import_pack(data, {}, filename="lisvale.json")
        public_pack = db.session.scalar(select(Pack.id).where(Pack.slug == "lisvale"))
        public_question = db.session.scalar(
            select(Question.id).where(Question.pack_id == public_pack, Question.uid == "q1")
        )
        pack_id = _private_pack(users["owner"])

    teacher = app.test_client()
    login(teacher, EMAILS["owner"])
    new = teacher.post(f"/authoring/packs/{pack_id}/questions/new", data=question_form("cloze"))
    assert new.status_code == 302, new.text
    upload = {"file": (io.BytesIO(b"Brandt reached Orrin Bay in 1790."), "notes.txt")}
    assert teacher.post(f"/authoring/packs/{pack_id}/upload", data=upload).status_code == 302
    sharing = {"visibility": "link"}
    assert teacher.post(f"/authoring/packs/{pack_id}/sharing", data=sharing).status_code == 302
    quiz_id = new_quiz(teacher, public_pack)
    session_id = start(teacher, quiz_id)
    control(teacher, session_id, "next", app)
    asked_id, _ = current(app, session_id)

    student = app.test_client()
    login(student, EMAILS["learner"])
    with app.app_context():
        code = db.session.get(ClassSession, session_id).join_code
    joined = student.post("/join", data={"code": code, "nickname": "Pat"})
    assert joined.status_code == 302, joined.text

    def ticket(mode: str) -> str:
        form = "choice" if mode == "quiz" else "recall"
        with app.test_request_context():
            return tickets.issue(public_question, mode, form, 0.5, datetime.now(UTC))

    answered = student.post("/learn/quiz", data={"ticket": ticket("quiz"), "response": "1902"})
    assert answered.status_code == 303, answered.text

    def version() -> int:
        with app.app_context():
            return db.session.get(ClassSession, session_id).version

    with app.app_context():
        pack = db.session.get(Pack, pack_id)
        job = Job(kind="generate", status="done", pack_id=pack_id, payload={}, result={})
        db.session.add(job)
        private_question = db.session.scalar(select(Question).where(Question.pack_id == pack_id))
        pixel = b"\x89PNG\r\n\x1a\n"
        private_question.media.append(
            QuestionMedia(name="pixel.png", mime="image/png", data=pixel, sha256="0" * 64)
        )
        invitation, _ = create_invitation(
            role="instructor", max_uses=1, days=1, note="", by=None, now=datetime.now(UTC)
        )
        db.session.commit()
        values = {
            "pack_id": pack_id,
            "question_id": db.session.scalar(
                select(Question.id).where(Question.pack_id == pack_id)
            ),
            "job_id": job.id,
            "invitation_id": invitation.id,
            "fmt": "gift",
            "token": pack.share_token,
            "user_id": spare,
            "quiz_id": quiz_id,
            "item_id": db.session.get(Quiz, quiz_id).items[0].id,
            "session_id": session_id,
            "player_id": db.session.scalar(select(Player.id)),
            "log_id": db.session.scalar(select(ReviewLog.id)),
            "card_id": db.session.scalar(select(Card.id)),
            "action": "start",
            "source_id": PUBLIC_SOURCE,
            "start": 0,
            "end": 10,
            "unknown": "nothing/here",
            "name": "pixel.png",
        }
    clients = {"owner": teacher, "learner": student}
    for actor in ("other", "admin"):
        clients[actor] = app.test_client()
        login(clients[actor], EMAILS[actor])
    return {
        "values": values,
        "clients": clients,
        "ticket": ticket,
        "version": version,
        "asked": asked_id,
        "code": code,
        "public_pack": public_pack,
        "public_question": public_question,
    }


def outcome(response) -> str:
    """The class of a response, as TABLE names them."""
    status = response.status_code
    location = response.headers.get("Location", "")
    if 300 <= status < 400:
        if "/accounts/login" in location:
            return "login"
        return "join" if location.startswith("/join") else "ok"
    if 200 <= status < 300:
        return "ok"
    return "forbidden" if status in (403, 404) else str(status)


@pytest.mark.parametrize("actor", ACTORS)
def test_authorization_matrix(app, world, actor):
    column = ACTORS.index(actor)
    adapter = app.url_map.bind("localhost")
    wrong = []
    for endpoint, method, rule in routes(app):
        values = {name: world["values"][name] for name in rule.arguments}
        url = adapter.build(endpoint, values, method=method)
        data = FORMS.get(endpoint, lambda w: {})(world) if method in UNSAFE_METHODS else None
        # A visitor gets a fresh client each time: a study answer would make them a guest.
        client = world["clients"].get(actor) or app.test_client()
        response = client.open(url, method=method, data=data)
        seen, expected = outcome(response), TABLE[endpoint][column]
        if seen != expected:
            wrong.append(f"{method} {url} ({endpoint}): {seen}, expected {expected}")
    assert wrong == []


def test_a_private_upload_is_not_readable_on_the_public_reader(app, world):
    with app.app_context():
        uploads = db.session.scalars(select(Source.id).where(Source.id.startswith("upload-"))).all()
    assert uploads
    for actor in ACTORS:
        client = world["clients"].get(actor) or app.test_client()
        for source_id in [*uploads, PRIVATE_SOURCE]:
            assert client.get(f"/sources/{source_id}").status_code == 404, (actor, source_id)


def test_a_public_or_studied_questions_history_stays_open(app, world):
    path = f"/learn/progress/questions/{world['public_question']}"
    assert app.test_client().get(path).status_code == 200
    assert world["clients"]["learner"].get(path).status_code == 200
    with app.app_context():
        db.session.get(Pack, world["public_pack"]).visibility = "private"
        db.session.commit()
    # Gone private: the learner who answered it keeps their history, a visitor sees nothing.
    assert world["clients"]["learner"].get(path).status_code == 200
    assert app.test_client().get(path).status_code == 404
    assert world["clients"]["other"].get(path).status_code == 404
