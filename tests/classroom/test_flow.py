"""A whole live session: an instructor and several students, each with their own client."""

from __future__ import annotations

import csv
import io
import re

from sqlalchemy import func, select

from app.accounts_models import User
from app.classroom_models import ClassAnswer, Player, Quiz
from app.extensions import db
from app.models import Pack
from app.study_models import Card, ReviewLog
from tests.classroom.conftest import (
    answer,
    control,
    current,
    join,
    login,
    new_quiz,
    session_row,
    start,
)


def test_a_live_session_from_join_to_report(app, classroom_pack, teacher, make_user, fresh_session):
    quiz_id = new_quiz(teacher, classroom_pack)
    with fresh_session() as s:
        quiz = s.get(Quiz, quiz_id)
        # Ordering questions are left out: a class answers choices or a short typed answer.
        assert [item.question.type for item in quiz.items] == [
            "multiple_choice",
            "cloze",
            "true_false",
            "multiple_choice",
            "multiple_choice",
        ]
    session_id = start(teacher, quiz_id, speed_bonus=None)
    code = session_row(app, session_id).join_code
    assert len(code) == 6

    host = teacher.get(f"/classroom/sessions/{session_id}")
    assert code[:3] in host.text and "<svg" in host.text  # the QR code, inline

    make_user("lee@example.org")
    logged_in = app.test_client()
    login(logged_in, "lee@example.org")
    ada, response = join(app, code, "Ada")
    assert response.status_code == 302
    bob, _ = join(app, f"{code[:3]} {code[3:]}", "<b>Bob</b>")
    lee, _ = join(app, code, "Lee", client=logged_in)
    assert "Waiting for your teacher" in ada.get(f"/play/{session_id}").text
    lobby = teacher.get(f"/classroom/sessions/{session_id}").text
    assert "&lt;b&gt;Bob&lt;/b&gt;" in lobby and "<b>Bob</b>" not in lobby

    picks = {  # position → what each student answers
        0: {"Ada": "1902", "Bob": "1899", "Lee": "1902"},
        1: {"Ada": "Quell", "Bob": "nobody", "Lee": "mara quell"},
        2: {"Ada": "False", "Bob": "True", "Lee": "True"},
        3: {"Ada": "40", "Bob": "40", "Lee": "12"},
        4: {"Ada": "Lisvale", "Bob": "Ostrov", "Lee": "Ostrov"},
    }
    clients = {"Ada": ada, "Bob": bob, "Lee": lee}
    for position, chosen in picks.items():
        assert control(teacher, session_id, "next", app).status_code == 302
        asked_id, question = current(app, session_id)
        page = ada.get(f"/play/{session_id}").text
        assert question.prompt in page and "s left" in page
        for name, text in chosen.items():
            assert answer(clients[name], session_id, asked_id, question, text).status_code == 302
        live = teacher.get(f"/classroom/sessions/{session_id}/live").get_json()
        assert live["answered"] == 3 and live["players"] == 3 and live["phase"] == "question"
        assert control(teacher, session_id, "reveal", app).status_code == 302
        reveal = teacher.get(f"/classroom/sessions/{session_id}").text
        assert 'class="distribution"' in reveal and question.quote_text in reveal
        if "<b>99</b>" in question.choices:  # markup in a choice stays text, in the chart too
            assert "<b>99</b>" not in reveal and "&lt;b&gt;99&lt;/b&gt;" in reveal
        ada_page = ada.get(f"/play/{session_id}").text
        assert "Right answer" in ada_page
        # Ada is right every time; Lee twice, then wrong; Bob's one right answer is no streak.
        assert (f"Answer streak: {position + 1} right" in ada_page) == (position >= 1)
        lee_page = lee.get(f"/play/{session_id}").text
        assert ("Answer streak: 2 right" in lee_page) == (position == 1)
        assert "Answer streak" not in bob.get(f"/play/{session_id}").text
    control(teacher, session_id, "next", app)  # after the last question: the end
    assert session_row(app, session_id).phase == "ended"
    assert session_row(app, session_id).join_code is None
    assert "place 1 of 3" in ada.get(f"/play/{session_id}").text

    with fresh_session() as s:
        totals = dict(
            s.execute(
                select(Player.nickname, func.sum(ClassAnswer.points))
                .join(ClassAnswer, ClassAnswer.player_id == Player.id)
                .group_by(Player.nickname)
            ).all()
        )
        assert totals == {"Ada": 5000, "<b>Bob</b>": 1000, "Lee": 2000}  # no speed bonus
        lee_id = s.scalar(select(Player.user_id).where(Player.nickname == "Lee"))
        logs = s.scalars(select(ReviewLog).where(ReviewLog.user_id == lee_id)).all()
        assert len(logs) == 5 and sum(log.correct for log in logs) == 2
        assert s.scalar(select(func.count(ReviewLog.id)).where(ReviewLog.user_id != lee_id)) == 0

    report = teacher.get(f"/classroom/sessions/{session_id}/report")
    assert report.status_code == 200
    assert "Most missed" in report.text and "&lt;b&gt;Bob&lt;/b&gt;" in report.text
    assert "Cronbach" in report.text
    # Three students: the report says the item statistics are only hints.
    words = " ".join(report.text.split())
    assert "Only 3 students took part. Item statistics need about 30" in words
    assert "3 students · 5 questions asked" in words

    exported = teacher.get(f"/classroom/sessions/{session_id}/report.csv")
    assert exported.mimetype == "text/csv"
    rows = list(csv.DictReader(io.StringIO(exported.text.lstrip("\ufeff"))))
    assert len(rows) == 15
    bob_rows = [r for r in rows if r["nickname"] == "<b>Bob</b>"]
    assert [r["correct"] for r in bob_rows] == ["no", "no", "no", "yes", "no"]

    sent = teacher.post(f"/classroom/sessions/{session_id}/send-to-study", follow_redirects=True)
    assert "Queued 3 missed questions for 1 students" in sent.text
    with fresh_session() as s:
        due = s.scalars(select(Card).where(Card.user_id == lee_id)).all()
        assert len(due) == 5  # every question has a card from the live answers


def test_late_join_and_rejoin_with_the_cookie(app, classroom_pack, teacher):
    session_id = start(teacher, new_quiz(teacher, classroom_pack))
    code = session_row(app, session_id).join_code
    control(teacher, session_id, "next", app)
    asked_id, question = current(app, session_id)
    late, response = join(app, code, "Late")
    assert response.status_code == 302
    assert question.prompt in late.get(f"/play/{session_id}").text
    answer(late, session_id, asked_id, question, "1902")
    score_before = late.get(f"/play/{session_id}").text

    # A reload or a lost connection: the same browser joins again with the same nickname.
    again = late.post("/join", data={"code": code, "nickname": "late"})
    assert again.status_code == 302
    assert "Answer received" in late.get(f"/play/{session_id}").text
    assert score_before.count("Score") == 1
    # Someone else cannot take the nickname (or the score) by typing it.
    _, thief = join(app, code, "LATE")
    assert thief.status_code == 422 and "already taken" in thief.text
    with app.app_context():
        assert db.session.scalar(select(func.count(Player.id))) == 1


def _rejoin_code(page: str) -> str:
    return re.search(r'Rejoin code <strong class="code">(\w+)</strong>', page).group(1)


def test_a_student_rejoins_from_another_device_with_the_rejoin_code(app, classroom_pack, teacher):
    session_id = start(teacher, new_quiz(teacher, classroom_pack))
    code = session_row(app, session_id).join_code
    control(teacher, session_id, "next", app)
    asked_id, question = current(app, session_id)
    phone, _ = join(app, code, "Mo")
    answer(phone, session_id, asked_id, question, "1902")
    first_page = phone.get(f"/play/{session_id}").text
    rejoin = _rejoin_code(first_page)
    # The teacher sees the same code beside the nickname, to read out to a student.
    assert rejoin in teacher.get(f"/classroom/sessions/{session_id}").text

    _, wrong = join(app, code, "mo", client=None)
    assert wrong.status_code == 422 and "rejoin code" in wrong.text
    laptop = app.test_client()
    bad = laptop.post("/join", data={"code": code, "nickname": "mo", "rejoin_code": "ZZZZZZ"})
    assert bad.status_code == 422
    moved = laptop.post(
        "/join", data={"code": code, "nickname": "mo", "rejoin_code": rejoin.lower()}
    )
    assert moved.status_code == 302
    # The laptop is the same player, with the answer already given; the phone is let go.
    assert "Answer received" in laptop.get(f"/play/{session_id}").text
    assert phone.get(f"/play/{session_id}").status_code == 302
    assert _rejoin_code(laptop.get(f"/play/{session_id}").text) != rejoin
    with app.app_context():
        assert db.session.scalar(select(func.count(Player.id))) == 1


def test_a_logged_in_student_rejoins_from_another_browser_by_their_account(
    app, classroom_pack, teacher, make_user
):
    make_user("lee@example.org")
    session_id = start(teacher, new_quiz(teacher, classroom_pack))
    code = session_row(app, session_id).join_code
    first = app.test_client()
    login(first, "lee@example.org")
    join(app, code, "Lee", client=first)
    second = app.test_client()
    login(second, "lee@example.org")
    _, response = join(app, code, "Lee", client=second)
    assert response.status_code == 302
    with app.app_context():
        assert db.session.scalar(select(func.count(Player.id))) == 1


def test_the_instructor_removes_a_player(app, classroom_pack, teacher):
    session_id = start(teacher, new_quiz(teacher, classroom_pack))
    code = session_row(app, session_id).join_code
    pest, _ = join(app, code, "Pest")
    with app.app_context():
        player_id = db.session.scalar(select(Player.id))
    response = teacher.post(f"/classroom/sessions/{session_id}/players/{player_id}/remove")
    assert response.status_code == 302
    assert "You have been removed" in pest.get(f"/play/{session_id}").text
    control(teacher, session_id, "next", app)
    asked_id, question = current(app, session_id)
    refused = answer(pest, session_id, asked_id, question, "1902")
    assert "removed you" in pest.get(refused.headers["Location"]).text
    with app.app_context():
        assert db.session.scalar(select(func.count(ClassAnswer.id))) == 0
    assert teacher.get(f"/classroom/sessions/{session_id}/live").get_json()["players"] == 0


def test_an_assignment_is_played_at_each_students_pace(app, classroom_pack, teacher):
    quiz_id = new_quiz(teacher, classroom_pack, count=2)
    session_id = start(teacher, quiz_id, mode="assignment", deadline="2999-01-01T12:00")
    session = session_row(app, session_id)
    assert session.phase == "open" and not session.speed_bonus
    student, _ = join(app, session.join_code, "Homer")
    page = student.get(f"/play/{session_id}").text
    assert "Question 1 of 2" in page
    with app.app_context():
        from app.classroom_models import SessionQuestion

        rows = db.session.scalars(
            select(SessionQuestion)
            .where(SessionQuestion.session_id == session_id)
            .order_by(SessionQuestion.position)
        ).all()
        firsts = [(r.id, r.question) for r in rows]
        for _, q in firsts:
            db.session.expunge(q)
    done = answer(student, session_id, firsts[0][0], firsts[0][1], "1902")
    feedback = student.get(done.headers["Location"]).text
    assert "Right!" in feedback and "Next question" in feedback
    assert "Question 2 of 2" in student.get(f"/play/{session_id}").text
    answer(student, session_id, firsts[1][0], firsts[1][1], "Quell")
    assert "All done" in student.get(f"/play/{session_id}").text


def test_an_assignment_needs_a_deadline(app, classroom_pack, teacher):
    quiz_id = new_quiz(teacher, classroom_pack)
    response = teacher.post(f"/classroom/quizzes/{quiz_id}/start", data={"mode": "assignment"})
    assert response.status_code == 200 and "Give the assignment a deadline" in response.text


def test_quiz_items_can_be_retimed_moved_and_removed(app, classroom_pack, teacher, fresh_session):
    quiz_id = new_quiz(teacher, classroom_pack, count=3)
    with fresh_session() as s:
        ids = [i.id for i in s.get(Quiz, quiz_id).items]
    url = f"/classroom/quizzes/{quiz_id}/items"
    teacher.post(f"{url}/{ids[0]}", data={"action": "save", "time_limit": 45})
    teacher.post(f"{url}/{ids[2]}", data={"action": "up"})
    teacher.post(f"{url}/{ids[1]}", data={"action": "remove"})
    with fresh_session() as s:
        items = s.get(Quiz, quiz_id).items
        assert [i.id for i in items] == [ids[0], ids[2]]
        assert [i.position for i in items] == [0, 1]
        assert items[0].time_limit_s == 45
    bad = teacher.post(f"{url}/{ids[0]}", data={"action": "save", "time_limit": 2})
    assert bad.status_code == 400


def test_the_csv_cannot_smuggle_a_formula(app, classroom_pack, teacher):
    session_id = start(teacher, new_quiz(teacher, classroom_pack))
    student, _ = join(app, session_row(app, session_id).join_code, "=HYPERLINK(1)")
    control(teacher, session_id, "next", app)
    asked_id, question = current(app, session_id)
    answer(student, session_id, asked_id, question, "1902")
    exported = teacher.get(f"/classroom/sessions/{session_id}/report.csv").text
    assert "'=HYPERLINK(1)" in exported
    assert not any(line.startswith("=") for line in exported.splitlines())


def test_an_instructor_quizzes_from_their_own_private_pack_only(
    app, classroom_pack, teacher, make_user
):
    with app.app_context():
        pack = db.session.get(Pack, classroom_pack)
        pack.visibility = "private"
        pack.owner_id = db.session.scalar(
            select(User.id).where(User.email == "teacher@example.org")
        )
        title = pack.title
        db.session.commit()
    form = teacher.get("/classroom/quizzes/new").text
    assert title in form
    assert "Harbour Compact" in form or "Lisvale" in form  # its source is offered as a filter
    assert new_quiz(teacher, classroom_pack, count=3)

    make_user("other@example.org", role="instructor")
    other = app.test_client()
    login(other, "other@example.org")
    assert title not in other.get("/classroom/quizzes/new").text
    refused = other.post(
        "/classroom/quizzes/new",
        data={"title": "Not mine", "pack": classroom_pack, "count": 3, "time_limit": 20},
    )
    assert refused.status_code == 200
    assert "Not a valid choice" in refused.text


def test_a_browser_let_go_after_a_rejoin_is_told_to_stop_polling(app, classroom_pack, teacher):
    session_id = start(teacher, new_quiz(teacher, classroom_pack))
    code = session_row(app, session_id).join_code
    phone, _ = join(app, code, "Mo")
    state = f"/play/{session_id}/state"
    assert phone.get(state).json["phase"] == "lobby"
    rejoin = _rejoin_code(phone.get(f"/play/{session_id}").text)
    laptop = app.test_client()
    laptop.post("/join", data={"code": code, "nickname": "mo", "rejoin_code": rejoin})
    assert laptop.get(state).status_code == 200

    # The phone's open tab polls on: the refusal says why and tells its script to stop.
    refused = phone.get(state, headers={"Accept": "application/json"})
    assert refused.status_code == 403 and refused.headers["Cache-Control"] == "no-store"
    assert refused.json["stop"] is True and refused.json["join_url"] == "/join"
    assert "rejoined on another device" in refused.json["detail"]
    # Loaded again, its page says the same on the join form.
    page = phone.get(f"/play/{session_id}", follow_redirects=True).text
    assert "rejoined on another device" in page and 'name="rejoin_code"' in page
    # A browser that never joined is told to join, and also to stop.
    stranger = app.test_client().get(state)
    assert stranger.status_code == 403 and stranger.json["stop"] is True
    assert stranger.json["detail"].startswith("Join the session first")


def test_the_question_screen_counts_a_late_joiner_and_answers_as_they_come(
    app, classroom_pack, teacher
):
    session_id = start(teacher, new_quiz(teacher, classroom_pack), speed_bonus=None)
    code = session_row(app, session_id).join_code
    ada, _ = join(app, code, "Ada")
    assert control(teacher, session_id, "next", app).status_code == 302
    asked_id, question = current(app, session_id)
    host = teacher.get(f"/classroom/sessions/{session_id}").text
    # The counts the poll redraws, and the list it swaps in, are on the question screen.
    assert re.search(r'data-field="answered">0</span> of\s+<span data-field="players">1<', host)
    assert "data-players-list" in host and 'data-players="1"' in host
    live_url, list_url = (f"/classroom/sessions/{session_id}/{end}" for end in ("live", "players"))
    first = teacher.get(live_url)
    late, _ = join(app, code, "Late")
    answer(ada, session_id, asked_id, question, "1902")
    # The poll's ETag moves with the count, so a conditional poll gets the new state.
    live = teacher.get(live_url, headers={"If-None-Match": first.headers["ETag"]})
    assert live.status_code == 200
    assert (live.json["phase"], live.json["players"], live.json["answered"]) == ("question", 2, 1)
    players = teacher.get(list_url).text
    assert 'data-field="players">2<' in players and '<span class="nickname">Late</span>' in players
    assert "Show results" not in players  # the list alone: the controls stay in place
    assert late.get(f"/play/{session_id}").status_code == 200
