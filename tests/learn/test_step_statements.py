"""The scripted study step's SQL: a fixed, small number of statements, none of them repeated.

Each statement is a round trip and a trip through the ORM; the step once took 23. A change that
reads the pool in parts again, loads a row per candidate (N+1) or reads a day of answers shows
here as a higher count or a repeated statement.
"""

from __future__ import annotations

from collections import Counter

from sqlalchemy import event

from app.extensions import db
from tests.learn.conftest import page_of

JSON = {"Accept": "application/json"}
# users; the question with its version id, the learner's card and the rows the step reads
# (skill, item statistics, plan; without locks, missing ones as defaults); the skill's, the
# item's and the card's writes, the log row (on PostgreSQL one statement of the four:
# app/study_service/answer_statement.py); then the pool with today's counts and answered
# siblings, and the next question.
STEADY_STEP = {"sqlite": 8, "postgresql": 5}
# A question's first answer also stores the question's first version and the learner's plan.
FIRST_ANSWER = 17


def _steady(app) -> int:
    with app.app_context():
        return STEADY_STEP[db.engine.dialect.name]


def _statements(app, send) -> list[str]:
    seen: list[str] = []

    def capture(_conn, _cursor, statement, *_args) -> None:
        seen.append(" ".join(statement.split()))

    with app.app_context():
        event.listen(db.engine, "before_cursor_execute", capture)
    try:
        send()
    finally:
        with app.app_context():
            event.remove(db.engine, "before_cursor_execute", capture)
    return seen


def _answer(study, page):
    reply = study.client.post(
        "/learn/quiz", data={"ticket": page.ticket, "response": "1902"}, headers=JSON
    )
    assert reply.status_code == 200 and reply.get_json()["status"] == "answered"
    return reply


def test_an_answer_step_runs_a_fixed_few_statements(study, learner, qids, app):
    # The first answer creates the learner's rows and stores the question's first version.
    _answer(study, study.show(qids["q1"]))
    _answer(study, study.show(qids["q1"]))
    page = study.show(qids["q1"])
    reply = []
    seen = _statements(app, lambda: reply.append(_answer(study, page)))
    assert len(seen) == _steady(app), "\n".join(seen)
    repeated = [sql for sql, count in Counter(seen).items() if count > 1]
    assert repeated == [], repeated
    # The step did its whole work: the feedback, and the next question to show.
    body = reply[0].get_json()
    assert "Right" in body["feedback"] and page_of(_Fragment(body["next"])).ticket


def test_reads_stay_fixed_as_the_day_goes_on(study, learner, qids, app, clock):
    """The pool and today's siblings are one statement each, however many cards were seen."""
    counts = []
    for _ in range(6):
        page = study.quiz()
        if page.ticket is None:
            break
        counts.append(len(_statements(app, lambda page=page: _answer(study, page))))
        clock.advance(minutes=1)
    assert len(counts) >= 3
    assert max(counts[1:]) <= FIRST_ANSWER  # the very first also stores the learner's plan
    assert counts[-1] == _steady(app), counts  # a question answered before, late in the day


class _Fragment:
    def __init__(self, html: str) -> None:
        self.status_code, self.html = 200, html

    def get_data(self, as_text: bool = False) -> str:
        return self.html


def test_a_step_past_a_daily_limit_reads_the_pool_once(study, make_user, auth, qids, app):
    """Past today's new-card limit the pool is narrowed from the one read, not read again."""
    make_user(new_per_day=1)
    auth.login()
    _answer(study, study.show(qids["q1"]))  # today's one new card
    _answer(study, study.show(qids["q1"]))
    page = study.show(qids["q1"])
    seen = _statements(app, lambda: _answer(study, page))
    pools = [sql for sql in seen if sql.startswith("SELECT 0 AS part")]
    assert len(pools) == 1, "\n".join(seen)
    assert len(seen) <= _steady(app), "\n".join(seen)


def test_the_step_reads_its_next_question_outside_a_transaction(study, learner, qids, app):
    """A transaction costs PostgreSQL a BEGIN and the ROLLBACK that ends the request, two round
    trips: there the choice and the next question are read after the answer is committed,
    without one; the answer's own reads and writes, and the next request's, are in one."""
    _answer(study, study.show(qids["q1"]))
    for _ in range(2):
        page = study.show(qids["q1"])
        step: list[tuple[str, str | None]] = []

        def capture(conn, _cursor, statement, *_args, step=step) -> None:
            step.append((statement.split()[0], conn.get_execution_options().get("isolation_level")))

        with app.app_context():
            event.listen(db.engine, "before_cursor_execute", capture)
        try:
            _answer(study, page)
        finally:
            with app.app_context():
                event.remove(db.engine, "before_cursor_execute", capture)
        # The pool and the next question, after the answer's commit (SQLite's driver begins
        # no transaction for a read: nothing to spare there).
        assert len(step) == _steady(app), step
        after = "AUTOCOMMIT" if _steady(app) == STEADY_STEP["postgresql"] else None
        assert [mode for _, mode in step[-2:]] == [after, after], step
        assert all(mode != "AUTOCOMMIT" for _, mode in step[:-2]), step
