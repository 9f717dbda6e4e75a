"""An answer's step is computed from rows read without locks; its writes check what it read.

SQLite has one write lock for the whole database: an answer that held it through its step made
every other learner's answer wait (issue 15's step ÷ floor). So nothing is written before the
step, and another answer landing between the read and the writes is either added to (the
question's shared difficulty) or makes the step run again on fresh rows (the learner's skill).
"""

from __future__ import annotations

import pytest
from sqlalchemy import text

from app.extensions import db
from app.study_models import ItemStat, LearnerSkill, ReviewLog
from app.study_service import answer_rows, recording

WRITES = ("INSERT", "UPDATE", "DELETE")


def _answer_twice(study, qids) -> None:
    # The learner's skill and the question's statistics rows exist from here on.
    for _ in range(2):
        assert study.answer(study.show(qids["q1"]), "1902").status_code == 303


def test_nothing_is_written_before_the_step(study, learner, qids, app, monkeypatch):
    _answer_twice(study, qids)
    statements: list[str] = []
    writes_before_step: list[int] = []
    step = recording.step

    def counted_step(*args, **kwargs):
        writes_before_step.append(sum(s.startswith(WRITES) for s in statements))
        return step(*args, **kwargs)

    def capture(_conn, _cursor, statement, *_args) -> None:
        statements.append(statement.lstrip().upper())

    monkeypatch.setattr(recording, "step", counted_step)
    with app.app_context():
        db.event.listen(db.engine, "before_cursor_execute", capture)
    try:
        assert study.answer(study.show(qids["q1"]), "1902").status_code == 303
    finally:
        with app.app_context():
            db.event.remove(db.engine, "before_cursor_execute", capture)
    assert writes_before_step == [0], statements


def _meddle_after_read(app, monkeypatch, sql: str) -> list[int]:
    """Run `sql` on another connection, committed, right after the answer's first read of its
    rows (as another learner's or tab's answer would); returns a list the reads are counted in."""
    reads: list[int] = []
    read = answer_rows.read_from

    def read_then_meddle(*args, **kwargs):
        found = read(*args, **kwargs)
        reads.append(1)
        if len(reads) == 1:
            with db.engine.begin() as other:
                other.execute(text(sql))
        return found

    monkeypatch.setattr(answer_rows, "read_from", read_then_meddle)
    return reads


def _noted_steps(monkeypatch) -> list:
    """The outcomes of the answer steps run from here on, in order."""
    outcomes: list = []
    step = recording.step

    def noted_step(*args, **kwargs):
        outcomes.append(step(*args, **kwargs))
        return outcomes[-1]

    monkeypatch.setattr(recording, "step", noted_step)
    return outcomes


def _rows(app, qid: int, user_id: int) -> tuple[ItemStat, LearnerSkill, int]:
    with app.app_context():
        db.session.expire_all()
        logs = db.session.query(ReviewLog).filter_by(user_id=user_id).count()
        return db.session.get(ItemStat, qid), db.session.get(LearnerSkill, user_id), logs


def test_another_learners_answer_between_read_and_write_keeps_its_share(
    study, learner, qids, app, monkeypatch
):
    _answer_twice(study, qids)
    # A question other learners have answered, this learner's first answer to it (only a
    # learner's first answer moves a question's difficulty).
    with app.app_context():
        db.session.add(ItemStat(question_id=qids["q2"], difficulty=0.0, answers=3))
        db.session.commit()
    before, answers = 0.0, 3
    reads = _meddle_after_read(
        app,
        monkeypatch,
        f"UPDATE item_stats SET difficulty = difficulty + 0.5, answers = answers + 1 "
        f"WHERE question_id = {qids['q2']}",
    )
    outcomes = _noted_steps(monkeypatch)
    study.answer(study.show(qids["q2"]), "anything")
    deltas = [outcome.undo.item_delta for outcome in outcomes]
    item, _, _ = _rows(app, qids["q2"], learner)
    # Both answers counted: the other's +0.5 is still there beside this answer's own change.
    assert len(reads) == 1 and len(deltas) == 1 and deltas[0] != 0
    assert item.answers == answers + 2
    assert item.difficulty == pytest.approx(before + 0.5 + deltas[0])


def test_another_learners_review_between_read_and_write_keeps_its_forecast_share(
    study, learner, qids, app, monkeypatch
):
    # A review moves the question's forecast offset, shared by every learner, as a delta: the
    # other learner's change made after this answer read the row stays beside this answer's own.
    _answer_twice(study, qids)
    item, _, _ = _rows(app, qids["q1"], learner)
    offset, reviews = item.forecast_offset, item.forecast_answers
    _meddle_after_read(
        app,
        monkeypatch,
        "UPDATE item_stats SET forecast_offset = forecast_offset + 0.5, "
        f"forecast_answers = forecast_answers + 1 WHERE question_id = {qids['q1']}",
    )
    outcomes = _noted_steps(monkeypatch)
    study.answer(study.show(qids["q1"]), "1899")
    shares = [outcome.undo.item_offset for outcome in outcomes]
    item, _, _ = _rows(app, qids["q1"], learner)
    assert len(shares) == 1 and shares[0] < 0
    assert item.forecast_answers == reviews + 2
    assert item.forecast_offset == pytest.approx(offset + 0.5 + shares[0])


def test_a_skill_changed_between_read_and_write_makes_the_step_run_again(
    study, learner, qids, app, monkeypatch
):
    _answer_twice(study, qids)
    _, skill, logs = _rows(app, qids["q1"], learner)
    answered = skill.answered
    reads = _meddle_after_read(
        app,
        monkeypatch,
        f"UPDATE learner_skills SET answered = answered + 1 WHERE user_id = {learner}",
    )
    assert study.answer(study.show(qids["q1"]), "1902").status_code == 303
    _, skill, after = _rows(app, qids["q1"], learner)
    # The stale step was dropped, not written over the other answer: read again, counted once.
    assert len(reads) == 2
    assert skill.answered == answered + 2
    assert after == logs + 1


def test_a_new_learners_forecast_starts_from_earlier_learners_weights(
    study, learner, qids, app, make_user
):
    # Learners with enough answers pool their forecast weights into a newcomer's start; one
    # with few answers (weights learned from little) does not count.
    earlier = ((300, -0.6, 0.4), (250, -0.2, 0.8), (10, 3.0, -3.0))
    users = [make_user(f"earlier{k}@example.org") for k in range(len(earlier))]
    with app.app_context():
        for user_id, (answered, bias, last) in zip(users, earlier, strict=True):
            db.session.add(
                LearnerSkill(
                    user_id=user_id, answered=answered, forecast_bias=bias, forecast_last=last
                )
            )
        db.session.commit()
    assert study.answer(study.show(qids["q1"]), "1902").status_code == 303
    _, skill, _ = _rows(app, qids["q1"], learner)
    assert skill.answered == 1
    assert skill.forecast_bias == pytest.approx(-0.4)
    assert skill.forecast_last == pytest.approx(0.6)
    assert skill.forecast_slope == pytest.approx(1.0)


def test_a_new_learners_review_payoff_starts_from_earlier_learners(
    study, learner, qids, app, make_user
):
    # Issue 18: what a review bought earlier learners (their surplus per answer after a right
    # review) is a newcomer's prior; learners with few answers do not count, and the others
    # count by their answers after a right review (`payoff.pooled`).
    earlier = ((300, 40, 2.0), (250, 10, 0.0), (260, 0, 0.0), (10, 50, 25.0))
    users = [make_user(f"earlier{k}@example.org") for k in range(len(earlier))]
    with app.app_context():
        for user_id, (answered, answers, surplus) in zip(users, earlier, strict=True):
            db.session.add(
                LearnerSkill(
                    user_id=user_id,
                    answered=answered,
                    payoff_answers=answers,
                    payoff_surplus=surplus,
                )
            )
        db.session.commit()
    assert study.answer(study.show(qids["q1"]), "1902").status_code == 303
    _, skill, _ = _rows(app, qids["q1"], learner)
    # (0.15 x 20 prior answers + 2.0 + 0.0) / (20 + 40 + 10 + 0); the mean of the rates was 0.025.
    assert skill.payoff_prior == pytest.approx(5.0 / 70.0)
    assert (skill.payoff_answers, skill.payoff_surplus) == (0, 0.0)
