"""A class quiz takes one question per sentence unless the teacher asks for siblings too."""

from __future__ import annotations

from app.classroom_models import Quiz
from app.extensions import db
from tests.classroom.conftest import new_quiz


def _uids(app, quiz_id: int) -> list[str]:
    with app.app_context():
        quiz = db.session.get(Quiz, quiz_id)
        return [item.question.uid for item in quiz.items]


def test_a_new_quiz_takes_one_question_per_sentence(app, classroom_pack, teacher):
    # q1, q2 and q6 quote the Compact's sentence, q3 and q5 the fleet's: a class would meet
    # each fact two or three times.
    one_each = _uids(app, new_quiz(teacher, classroom_pack, count=20, siblings=""))
    assert one_each == ["q1", "q3"]
    every = _uids(app, new_quiz(teacher, classroom_pack, count=20, siblings="y"))
    assert sorted(every) == ["q1", "q2", "q3", "q5", "q6"]
