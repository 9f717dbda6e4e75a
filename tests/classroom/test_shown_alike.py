"""A question looks the same in class as in self-study: one builder (`app.shown`) for both."""

from __future__ import annotations

import re
from html import unescape

from app.clock import request_now
from app.extensions import db
from app.learn import tickets
from app.models import Question
from tests.classroom.conftest import control, current, join, new_quiz, session_row, start

PROMPT = re.compile(r'<h1[^>]*class="prompt"[^>]*>(.*?)</h1>', re.S)
QUIZ_CHOICE = re.compile(
    r'name="response" value="[^"]*"[^>]*>\s*<kbd[^>]*>\d+</kbd> (.*?)</button>'
)
CLASS_CHOICE = re.compile(r'name="choice" value="(\d+)"[^>]*>(.*?)</button>')
# An image the question's HTML refers to as Moodle does; pages must show its served URL.
MAP = '<img src="@@PLUGINFILE@@/harbour%20map.png" alt="the harbour">'


def _with_media(app, uid: str) -> None:
    with app.app_context():
        question = db.session.scalar(db.select(Question).where(Question.uid == uid))
        question.text_format = "html"
        question.prompt = f"<p>Where was the Harbour Compact signed? {MAP}</p>"
        question.choices = ["Ostrov", "<em>Lisvale</em>", f"Quell {MAP}"]
        db.session.commit()


def _self_study(app, question_id: int) -> str:
    """The quiz page of a visitor shown this question with choices (as after an undo)."""
    with app.test_request_context():
        raw = tickets.issue(question_id, "quiz", "choice", 0.5, request_now())
    response = app.test_client().get("/learn/quiz", query_string={"ticket": raw})
    assert response.status_code == 200
    return response.text


def test_class_and_self_study_show_each_question_alike(app, classroom_pack, teacher):
    _with_media(app, "q6")
    session_id = start(teacher, new_quiz(teacher, classroom_pack), speed_bonus=None)
    code = session_row(app, session_id).join_code
    # Several students, each with an order of their own.
    student, *others = (join(app, code, name)[0] for name in ("Ada", "Bo", "Cy", "Di", "Ed", "Flo"))
    seen = set()
    while True:
        control(teacher, session_id, "next", app)
        if session_row(app, session_id).phase != "question":
            break
        _, question = current(app, session_id)
        in_class = student.get(f"/play/{session_id}").text
        poll = student.get(f"/play/{session_id}/state").get_json()["question"]
        alone = _self_study(app, question.id)
        # The same prompt, as HTML, in the class page, its poll and the quiz page.
        prompt = PROMPT.search(in_class)[1]
        assert prompt == PROMPT.search(alone)[1] == poll["prompt_html"]
        # The same choices (each in its own shuffled order), and the poll's as the page's.
        class_choices = [(int(index), html) for index, html in CLASS_CHOICE.findall(in_class)]
        assert [[index, html] for index, html in class_choices] == poll["choices"]
        quiz_choices = QUIZ_CHOICE.findall(alone)
        assert sorted(html for _, html in class_choices) == sorted(quiz_choices)
        if question.type == "true_false":
            # True before False for every student, as in self-study (the class once shuffled them).
            assert quiz_choices == ["True", "False"]
            for other in (student, *others):
                page = other.get(f"/play/{session_id}").text
                assert [html for _, html in CLASS_CHOICE.findall(page)] == quiz_choices
        if question.uid == "q6":
            shown = [prompt, *quiz_choices, *(html for _, html in class_choices)]
            assert prompt.count('src="/media/') == 1 and quiz_choices.count(
                f'Quell <img src="/media/{question.id}/harbour%20map.png" alt="the harbour">'
            )
            assert not any("@@PLUGINFILE@@" in html for html in shown)
            assert "<em>Lisvale</em>" in quiz_choices and len(quiz_choices) == 3
            # A class answer's index still names the choice it showed.
            assert {unescape(html) for index, html in class_choices if index == 1} == {
                "<em>Lisvale</em>"
            }
        seen.add(question.type)
        control(teacher, session_id, "reveal", app)
    assert {"multiple_choice", "true_false", "cloze"} <= seen
