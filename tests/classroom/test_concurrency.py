"""Many students answering the same question at the same moment, against a SQLite file.

Each thread is a separate test client with its own app context and database session, as
separate workers would be; the database (a file, WAL) is the only thing they share.
"""

from __future__ import annotations

from sqlalchemy import func, select

from app.classroom.play import cookie_name
from app.classroom_models import ClassAnswer, Player
from app.extensions import db
from tests.classroom.conftest import answer, control, current, join, new_quiz, session_row, start
from tests.support.concurrency import all_at_once

STUDENTS = 24


def test_simultaneous_answers_are_each_recorded_once(app, classroom_pack, teacher):
    session_id = start(teacher, new_quiz(teacher, classroom_pack, time_limit=60), speed_bonus=None)
    code = session_row(app, session_id).join_code
    students = [join(app, code, f"Student {i}")[0] for i in range(STUDENTS)]
    control(teacher, session_id, "next", app)
    asked_id, question = current(app, session_id)
    # Every third student answers wrong; the first student also double-submits from a second
    # client holding the same rejoin cookie (two tabs), at the same instant.
    twin = app.test_client()
    name = cookie_name(session_id)
    twin.set_cookie(name, students[0].get_cookie(name).value)
    picks = ["1899" if i % 3 == 0 else "1902" for i in range(STUDENTS)]
    jobs = [
        (lambda c=client, p=pick: answer(c, session_id, asked_id, question, p).status_code)
        for client, pick in zip(students, picks, strict=True)
    ]
    jobs.append(lambda: answer(twin, session_id, asked_id, question, "1902").status_code)
    results = all_at_once(jobs)
    assert results == [302] * (STUDENTS + 1), results

    with app.app_context():
        rows = db.session.execute(
            select(Player.nickname, func.count(ClassAnswer.id), func.sum(ClassAnswer.points))
            .join(ClassAnswer, ClassAnswer.player_id == Player.id)
            .group_by(Player.nickname)
        ).all()
        assert len(rows) == STUDENTS
        assert all(count == 1 for _, count, _ in rows)
        right = sum(1 for p in picks[1:] if p == "1902")
        # Student 0 answered wrong from one tab and right from the other: whichever came first
        # counts, alone.
        total = db.session.scalar(select(func.sum(ClassAnswer.points)))
        assert total in (right * 1000, (right + 1) * 1000)
    live = teacher.get(f"/classroom/sessions/{session_id}/live").get_json()
    assert live["answered"] == STUDENTS == live["players"]


def test_simultaneous_joins_with_one_nickname_make_one_player(app, classroom_pack, teacher):
    session_id = start(teacher, new_quiz(teacher, classroom_pack))
    code = session_row(app, session_id).join_code
    results = all_at_once([lambda: join(app, code, "Twin")[1].status_code for _ in range(8)])
    assert sorted(results) == [302] + [422] * 7
    with app.app_context():
        assert db.session.scalar(select(func.count(Player.id))) == 1
