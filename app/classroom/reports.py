"""After a session: each student's and each question's results, item analysis, CSV rows."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import select

from app.classroom.charts import Bar
from app.classroom_models import ClassAnswer, ClassSession, Player, SessionQuestion
from app.extensions import db
from app.stats import ItemStatistics, QuizStatistics, quiz_statistics
from app.study.answers import normalise

MOST_MISSED = 5
TYPED_BARS = 4


@dataclass
class StudentResult:
    """One player's answers by session question id, and their totals."""

    player: Player
    answers: dict[int, ClassAnswer] = field(default_factory=dict)

    @property
    def score(self) -> int:
        """Total points."""
        return sum(a.points for a in self.answers.values())

    @property
    def correct(self) -> int:
        """How many answers were right."""
        return sum(a.correct for a in self.answers.values())


@dataclass
class QuestionResult:
    """One asked question: its answers, distribution bars and item statistics."""

    asked: SessionQuestion
    answers: list[ClassAnswer]
    bars: list[Bar]
    stats: ItemStatistics | None = None

    @property
    def correct(self) -> int:
        """How many answered it right."""
        return sum(a.correct for a in self.answers)


@dataclass
class Report:
    """A session's results for the report page and the CSV."""

    session: ClassSession
    students: list[StudentResult]
    questions: list[QuestionResult]
    stats: QuizStatistics

    @property
    def most_missed(self) -> list[QuestionResult]:
        """The questions fewest students got right (only those someone missed)."""
        missed = [q for q in self.questions if q.correct < len(self.students)]
        return sorted(missed, key=lambda q: (q.correct, q.asked.position))[:MOST_MISSED]


def distribution(asked: SessionQuestion, answers: list[ClassAnswer]) -> list[Bar]:
    """Bars for each choice in the question's own order; typed answers grouped by meaning."""
    question = asked.question
    choices = list(question.choices or ())
    if choices:
        counts = Counter(a.choice_index for a in answers)
        return [
            Bar(text, counts.get(i, 0), text == question.answer) for i, text in enumerate(choices)
        ]
    right = sum(a.correct for a in answers)
    wrong = Counter(normalise(a.response) or "(blank)" for a in answers if not a.correct)
    bars = [Bar(question.answer, right, True)]
    bars += [Bar(text, n, False) for text, n in wrong.most_common(TYPED_BARS)]
    others = sum(wrong.values()) - sum(n for _, n in wrong.most_common(TYPED_BARS))
    if others:
        bars.append(Bar("other answers", others, False))
    return bars


def asked_questions(session: ClassSession) -> list[SessionQuestion]:
    """The questions students could answer: all of an assignment's, the opened ones if live."""
    return [sq for sq in session.questions if session.mode == "assignment" or sq.opened_at]


def build_report(session: ClassSession) -> Report:
    """Gather every present player's answers and compute the item analysis (1 mark a question)."""
    players = db.session.scalars(
        select(Player)
        .where(Player.session_id == session.id, Player.removed_at.is_(None))
        .order_by(Player.joined_at, Player.id)
    ).all()
    students = {p.id: StudentResult(p) for p in players}
    by_question: dict[int, list[ClassAnswer]] = {}
    for answer in db.session.scalars(
        select(ClassAnswer).where(ClassAnswer.session_id == session.id)
    ):
        if answer.player_id in students:
            students[answer.player_id].answers[answer.session_question_id] = answer
            by_question.setdefault(answer.session_question_id, []).append(answer)
    asked = asked_questions(session)
    questions = [
        QuestionResult(sq, by_question.get(sq.id, []), distribution(sq, by_question.get(sq.id, [])))
        for sq in asked
    ]
    # Moodle's first option for missing answers: an unanswered question scores 0.
    marks = [
        [1.0 if (a := s.answers.get(sq.id)) is not None and a.correct else 0.0 for sq in asked]
        for s in students.values()
    ]
    stats = quiz_statistics(marks, [1.0] * len(asked))
    for result, item in zip(questions, stats.items, strict=True):
        result.stats = item
    ranked = sorted(students.values(), key=lambda s: (-s.score, s.player.nickname_key))
    return Report(session, ranked, questions, stats)


CSV_HEADER = (
    "nickname",
    "question",
    "prompt",
    "answer given",
    "correct",
    "points",
    "time (ms)",
    "answered at (UTC)",
    "right answer",
)


def csv_rows(report: Report) -> list[tuple[object, ...]]:
    """One row per student and asked question (blank answer cells when unanswered)."""
    rows: list[tuple[object, ...]] = []
    for student in report.students:
        for result in report.questions:
            answer = student.answers.get(result.asked.id)
            question = result.asked.question
            when: datetime | None = None if answer is None else answer.answered_at
            rows.append(
                (
                    student.player.nickname,
                    result.asked.position + 1,
                    question.prompt,
                    None if answer is None else answer.response,
                    None if answer is None else answer.correct,
                    0 if answer is None else answer.points,
                    None if answer is None else answer.elapsed_ms,
                    None if when is None else when.strftime("%Y-%m-%d %H:%M:%S"),
                    question.answer,
                )
            )
    return rows
