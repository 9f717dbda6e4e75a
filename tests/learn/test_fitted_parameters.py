"""FSRS parameters fitted to a learner's own answers: stored, used, and shown in the settings."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import timedelta

from sqlalchemy import select, update

from app import jobs, queue
from app.authoring_models import Job
from app.extensions import db
from app.study import fitting
from app.study.answering import Answer, Item, step
from app.study_models import Card, LearnerSkill
from app.study_service import choosing, refit
from app.study_service.rows import card_state
from tests.study.test_fitting import synthetic_log


def _answer_twice(study, qids) -> None:
    for _ in range(2):
        assert study.answer(study.show(qids["q1"]), "1902").status_code == 303


def _due_for_a_refit(app, user_id: int, answered=fitting.MIN_REVIEWS + fitting.REFIT_EVERY):
    """As if the learner had answered enough for their next answer to refit."""
    with app.app_context():
        db.session.execute(
            update(LearnerSkill).where(LearnerSkill.user_id == user_id).values(answered=answered)
        )
        db.session.commit()


def _skill(app, user_id: int) -> LearnerSkill:
    with app.app_context():
        db.session.expire_all()
        row = db.session.get(LearnerSkill, user_id)
        db.session.expunge(row)
        return row


def test_a_new_learner_keeps_the_default_parameters(study, learner, qids, app, client):
    _answer_twice(study, qids)
    skill = _skill(app, learner)
    assert (skill.fsrs_parameters, skill.fsrs_fitted_on) == (None, None)
    with app.app_context():
        assert choosing.learner_state(learner).fsrs_parameters is None
    assert "default parameters" in client.get("/accounts/settings").get_data(as_text=True)


def test_the_log_is_read_as_it_was_scheduled(study, learner, qids, app):
    _answer_twice(study, qids)
    with app.app_context():
        log = refit.learner_log(learner)
    assert list(log) == [qids["q1"]]
    first, second = log[qids["q1"]]
    assert first.when <= second.when and first.n_choices > 1
    assert first.expected is not None


def test_enough_answers_fit_parameters_that_change_the_next_interval(
    study, learner, qids, app, client, monkeypatch
):
    _answer_twice(study, qids)
    synthetic = synthetic_log(300)
    # The learner's log as the refit reads it: q1's card and 299 more (no rows to update).
    log = {qids["q1"]: synthetic[0]} | {-k: answers for k, answers in enumerate(synthetic[1:], 1)}
    monkeypatch.setattr(refit, "learner_log", lambda _user: log)
    _due_for_a_refit(app, learner)
    assert study.answer(study.show(qids["q1"]), "1902").status_code == 303

    skill = _skill(app, learner)
    assert skill.fsrs_fitted_on == fitting.MIN_REVIEWS + fitting.REFIT_EVERY + 1
    expected = fitting.fit(log.values())
    assert expected is not None and tuple(skill.fsrs_parameters) == expected
    with app.app_context():
        state = choosing.learner_state(learner)
        card = db.session.scalar(select(Card).where(Card.user_id == learner))
        before = card_state(card)
    # q1's memory state recomputed from its history under the fitted parameters.
    history = fitting.histories([synthetic[0]])
    ((stability, difficulty),) = fitting.memory_states(history, expected)
    assert (before.stability, before.difficulty) == (stability, difficulty)

    # The next answer to a card learned a while ago: scheduled further out by the defaults.
    learned = replace(before, stability=5.0, difficulty=5.0)
    item = Item(qids["q1"], "cloze", 0, 0.0, 10)
    answer = Answer("quiz", "typed", correct=True, rating=3, expected=0.9, duration_ms=None)
    now = before.last_review + timedelta(days=5)
    mine, default = (
        step(learned, None, who, item, answer, desired_retention=0.9, now=now, rng=random.Random(1))
        for who in (state, replace(state, fsrs_parameters=None))
    )
    assert mine.card.due < default.card.due
    page = client.get("/accounts/settings").get_data(as_text=True)
    assert f"fitted to your {fitting.MIN_REVIEWS + fitting.REFIT_EVERY + 1} answers" in page


def test_a_failed_refit_loses_no_answer_and_keeps_the_defaults(
    study, learner, qids, app, monkeypatch
):
    _answer_twice(study, qids)

    def broken(_user):
        raise RuntimeError("the log could not be read")

    monkeypatch.setattr(refit, "learner_log", broken)
    _due_for_a_refit(app, learner)
    # The learner gets the next question; the answer is stored once; the defaults stand.
    assert study.answer(study.show(qids["q1"]), "1902").status_code == 303
    skill = _skill(app, learner)
    assert skill.answered == fitting.MIN_REVIEWS + fitting.REFIT_EVERY + 1
    assert skill.fsrs_parameters is None


def _refit_jobs(app) -> list[tuple[str, int]]:
    with app.app_context():
        db.session.expire_all()
        found = db.session.scalars(select(Job).where(Job.kind == refit.KIND).order_by(Job.id))
        return [(job.status, job.owner_id) for job in found]


def test_an_answer_queues_the_refit_once_and_the_worker_fits(
    study, learner, qids, app, monkeypatch
):
    _answer_twice(study, qids)
    synthetic = synthetic_log(300)
    log = {qids["q1"]: synthetic[0]} | {-k: answers for k, answers in enumerate(synthetic[1:], 1)}
    monkeypatch.setattr(refit, "learner_log", lambda _user: log)
    submitted: list[int] = []
    # A worker that is not running: the job waits on the queue.
    monkeypatch.setattr(queue, "submit", submitted.append)
    fits = []
    real_fit = fitting.fit
    monkeypatch.setattr(fitting, "fit", lambda cards: fits.append(1) or real_fit(cards))
    _due_for_a_refit(app, learner)
    assert study.answer(study.show(qids["q1"]), "1902").status_code == 303
    # The answer read no log and fitted nothing: it queued one job for the learner.
    assert fits == [] and _refit_jobs(app) == [("queued", learner)] and len(submitted) == 1
    assert _skill(app, learner).fsrs_parameters is None

    # A hundred answers on, with the worker still down: no second job joins the first.
    _due_for_a_refit(app, learner, LearnerSkill.answered + fitting.REFIT_EVERY)
    assert study.answer(study.show(qids["q1"]), "1902").status_code == 303
    assert fits == [] and len(_refit_jobs(app)) == 1

    jobs.run_job(app, submitted[0])
    assert fits == [1] and _refit_jobs(app) == [("done", learner)]
    skill = _skill(app, learner)
    assert tuple(skill.fsrs_parameters) == real_fit(log.values())
    assert skill.fsrs_fitted_on == skill.answered


def test_a_card_answered_during_the_refit_keeps_that_answers_state(
    study, learner, qids, app, monkeypatch
):
    _answer_twice(study, qids)
    synthetic = synthetic_log(300)
    log = {qids["q1"]: synthetic[0]} | {-k: answers for k, answers in enumerate(synthetic[1:], 1)}
    with app.app_context():
        before = card_state(db.session.scalar(select(Card).where(Card.user_id == learner)))

    def answered_meanwhile(_user):
        # Another request answers q1 while the worker reads the log.
        with app.app_context():
            card = db.session.scalar(select(Card).where(Card.user_id == learner))
            card.last_seen_at += timedelta(seconds=1)
            db.session.commit()
        return log

    monkeypatch.setattr(refit, "learner_log", answered_meanwhile)
    _due_for_a_refit(app, learner)
    monkeypatch.setattr(queue, "submit", lambda job_id: jobs.run_job(app, job_id))
    with app.app_context():
        job = refit.request_refit(learner, choosing.learner_state(learner))
        job_id = job.id
    assert _refit_jobs(app) == [("done", learner)], job_id
    assert _skill(app, learner).fsrs_parameters is not None
    with app.app_context():
        card = card_state(db.session.scalar(select(Card).where(Card.user_id == learner)))
    assert (card.stability, card.difficulty) == (before.stability, before.difficulty)


def test_a_rejected_refit_keeps_the_count_the_kept_fit_rests_on(
    study, learner, qids, app, client, monkeypatch
):
    _answer_twice(study, qids)
    kept = fitting.MIN_REVIEWS + 12
    with app.app_context():
        db.session.execute(
            update(LearnerSkill)
            .where(LearnerSkill.user_id == learner)
            .values(fsrs_parameters=list(fitting.DEFAULTS), fsrs_fitted_on=kept)
        )
        db.session.commit()
    _due_for_a_refit(app, learner, kept + fitting.REFIT_EVERY - 1)
    # The next fit is no better than the defaults: the parameters in force stay.
    monkeypatch.setattr(fitting, "fit", lambda _cards: None)
    monkeypatch.setattr(refit, "learner_log", lambda _user: {})
    for _ in range(2):
        assert study.answer(study.show(qids["q1"]), "1902").status_code == 303
    page = client.get("/accounts/settings").get_data(as_text=True)
    assert f"Scheduling fitted to your {kept} answers." in page
    skill = _skill(app, learner)
    assert (skill.fsrs_fitted_on, skill.fsrs_attempted_on) == (kept, kept + fitting.REFIT_EVERY)
    # The second answer was not due: refits are paced by the attempt, kept or not.
    assert _refit_jobs(app) == [("done", learner)]


def test_a_new_refit_clears_the_learners_finished_ones(study, learner, qids, app, monkeypatch):
    # One job per hundred answers for as long as a learner studies: only the latest is kept.
    _answer_twice(study, qids)
    monkeypatch.setattr(refit, "learner_log", lambda _user: {})
    monkeypatch.setattr(queue, "submit", lambda job_id: jobs.run_job(app, job_id))
    for round_ in range(3):
        _due_for_a_refit(app, learner, fitting.MIN_REVIEWS + (round_ + 1) * fitting.REFIT_EVERY)
        with app.app_context():
            assert refit.request_refit(learner, choosing.learner_state(learner)) is not None
    assert _refit_jobs(app) == [("done", learner)]
