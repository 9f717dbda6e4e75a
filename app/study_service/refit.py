"""A learner's FSRS parameters refitted from their review log (`app.study.fitting`), as a job.

An answer only asks for a refit (`request_refit`, when `fitting.refit_due` says one is due:
every `fitting.REFIT_EVERY` answers once there are enough); the worker runs it (`run_refit`).
A fit reads the learner's whole review log, so inline its cost grew with the log and landed on
every hundredth answer; on the queue it costs the answer one guarded UPDATE and, when due, a
job row. The attempt is claimed when the job is queued, so the next `REFIT_EVERY` answers do
not ask again, and at most one refit per learner waits on the queue (a worker that is down or
behind leaves one job, not one per hundred answers). On a fit the cards' stability and
difficulty are recomputed from their histories under the new parameters, as Anki does after
optimizing; their due dates stay until their next answer.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from datetime import timedelta
from typing import Any

from flask import current_app
from sqlalchemy import bindparam, delete, or_, select, update

from app import jobs
from app.authoring_models import Job
from app.clock import utcnow
from app.extensions import db
from app.models import Question
from app.study import fitting
from app.study.learner import LearnerState
from app.study.selection import CHOICE
from app.study_models import Card, LearnerSkill, ReviewLog
from app.study_service.rows import aware_or_none, n_choices

KIND = "refit"
log = logging.getLogger(__name__)


def learner_log(user_id: int) -> dict[int, list[fitting.LoggedAnswer]]:
    """The learner's answers that scheduled a card (not undone, not look-ahead), by question."""
    rows = db.session.execute(
        select(
            ReviewLog.question_id,
            ReviewLog.reviewed_at,
            ReviewLog.rating,
            ReviewLog.mode,
            ReviewLog.form,
            ReviewLog.state_before,
            Question.type,
            Question.choices,
            Question.items,
        )
        .join(Question, Question.id == ReviewLog.question_id)
        .where(
            ReviewLog.user_id == user_id,
            ReviewLog.undone.is_(False),
            ReviewLog.mode != "cram",
            ReviewLog.rating.is_not(None),
        )
        .order_by(ReviewLog.reviewed_at, ReviewLog.id)
    )
    log: dict[int, list[fitting.LoggedAnswer]] = defaultdict(list)
    for question_id, when, rating, mode, form, before, kind, choices, items in rows:
        expected = (before or {}).get("expected") if mode == "quiz" else None
        # As `answering.step` scheduled it: the guess check only for quiz answers.
        guesses = n_choices(kind, choices, items) if form == CHOICE else 0
        log[question_id].append(
            fitting.LoggedAnswer(aware_or_none(when), rating, expected, guesses)
        )
    return log


def request_refit(user_id: int, learner: LearnerState) -> Job | None:
    """After an answer: queue a refit of the learner's parameters when one is due and none is
    waiting already; the job queued (None: not due, or one is pending)."""
    if not fitting.refit_due(learner.answered, learner.fsrs_attempted_on):
        return None
    # Claim the attempt in one guarded UPDATE: of two answers crossing here, one queues it.
    skill = LearnerSkill.__table__.c
    claimed = db.session.execute(
        update(LearnerSkill)
        .where(
            skill.user_id == user_id,
            or_(
                skill.fsrs_attempted_on.is_(None),
                skill.fsrs_attempted_on <= learner.answered - fitting.REFIT_EVERY,
            ),
        )
        .values(fsrs_attempted_on=learner.answered)
    ).rowcount
    wanted = claimed == 1 and not _pending(user_id)
    if wanted:
        _clear_finished(user_id)
    db.session.commit()
    return jobs.enqueue(KIND, owner_id=user_id, pack_id=None, payload={}) if wanted else None


def _clear_finished(user_id: int) -> None:
    # A learner asks for a refit every REFIT_EVERY answers for as long as they study: the
    # finished ones say nothing the parameters on their skill row do not, so only the latest
    # (and any that failed, for the operator) stays.
    db.session.execute(
        delete(Job).where(Job.kind == KIND, Job.owner_id == user_id, Job.status == "done")
    )


def _pending(user_id: int) -> bool:
    # A queued refit not yet taken by a worker; one queued longer than the queue's stale limit
    # was lost (its queue emptied) and no longer holds the place.
    since = utcnow() - timedelta(seconds=current_app.config["QUIRE_JOB_QUEUE_STALE_SECONDS"])
    found = db.session.scalar(
        select(Job.id)
        .where(
            Job.kind == KIND,
            Job.owner_id == user_id,
            Job.status == "queued",
            Job.created_at >= since,
        )
        .limit(1)
    )
    return found is not None


@jobs.handler(KIND)
def run_refit(job: Job, _progress: jobs.JobProgress) -> dict[str, Any]:
    """The worker's part: fit the learner's parameters; a kept fit is stored with the answer
    count it rests on and the cards' memory states are recomputed (a rejected fit leaves the
    parameters in force and their count; a failure rolls back)."""
    user_id = job.owner_id
    skill = None if user_id is None else db.session.get(LearnerSkill, user_id)
    if skill is None:
        return {"fitted": False}  # the learner's account was deleted since
    answered = skill.answered
    # Each card's marker of its last answer, read before the log: a card answered after this
    # (a later answer, in another request) keeps that answer's memory state.
    seen = dict(
        db.session.execute(
            select(Card.question_id, Card.last_seen_at).where(Card.user_id == user_id)
        ).all()
    )
    by_question = learner_log(user_id)
    parameters = fitting.fit(by_question.values())
    if parameters is None:
        db.session.commit()
        return {"fitted": False, "answers": answered}
    questions = list(by_question)
    states = fitting.memory_states(fitting.histories(by_question.values()), parameters)
    changes = [
        {"question": q, "seen": seen[q], "new_s": s[0], "new_d": s[1]}
        for q, s in zip(questions, states, strict=True)
        if s is not None and q in seen
    ]
    if changes:
        cards = Card.__table__
        db.session.connection().execute(
            update(cards)
            .where(
                cards.c.user_id == user_id,
                cards.c.question_id == bindparam("question"),
                cards.c.last_seen_at.is_not_distinct_from(bindparam("seen")),
                cards.c.stability.is_not(None),
            )
            .values(stability=bindparam("new_s"), difficulty=bindparam("new_d")),
            changes,
        )
    db.session.execute(
        update(LearnerSkill)
        .where(LearnerSkill.user_id == user_id)
        .values(fsrs_parameters=list(parameters), fsrs_fitted_on=answered)
    )
    db.session.commit()
    return {"fitted": True, "answers": answered}


def describe(user_id: int) -> str:
    """What the learner's scheduling rests on, for their settings page."""
    skill = db.session.get(LearnerSkill, user_id)
    if skill is None or skill.fsrs_parameters is None:
        return (
            "Scheduling uses FSRS's default parameters; they are fitted to your own answers "
            f"once you have about {fitting.MIN_REVIEWS} reviews."
        )
    return f"Scheduling fitted to your {skill.fsrs_fitted_on} answers."
