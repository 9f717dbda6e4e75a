"""A learner's FSRS parameters refitted from their review log (`app.study.fitting`).

Run at the end of an answer when `fitting.refit_due` says so (every `fitting.REFIT_EVERY`
answers once there are enough): the fit takes milliseconds for a few thousand answers (0.3 s
for 12,000; bench/README.md, "FSRS fitted per learner, in the policy"), so no background job.
On a fit the cards' stability and difficulty are recomputed from their histories under the new
parameters, as Anki does after optimizing; their due dates stay until their next answer.
"""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import bindparam, select, update

from app.extensions import db
from app.models import Question
from app.study import fitting
from app.study.learner import LearnerState
from app.study.selection import CHOICE
from app.study_models import Card, LearnerSkill, ReviewLog
from app.study_service.rows import aware_or_none, n_choices


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


def refit_if_due(user_id: int, learner: LearnerState) -> tuple[float, ...] | None:
    """Fit the learner's parameters when due, store them with the answer count they rest on
    and recompute their cards' memory states; the parameters now in force (None: defaults)."""
    if not fitting.refit_due(learner.answered, learner.fsrs_fitted_on):
        return learner.fsrs_parameters
    log = learner_log(user_id)
    parameters = fitting.fit(log.values())
    values: dict[str, object] = {"fsrs_fitted_on": learner.answered}
    if parameters is not None:
        values["fsrs_parameters"] = list(parameters)
        questions = list(log)
        states = fitting.memory_states(fitting.histories(log.values()), parameters)
        changes = [
            {"question": q, "new_s": s[0], "new_d": s[1]}
            for q, s in zip(questions, states, strict=True)
            if s is not None
        ]
        if changes:
            cards = Card.__table__
            db.session.connection().execute(
                update(cards)
                .where(
                    cards.c.user_id == user_id,
                    cards.c.question_id == bindparam("question"),
                    cards.c.stability.is_not(None),
                )
                .values(stability=bindparam("new_s"), difficulty=bindparam("new_d")),
                changes,
            )
    db.session.execute(update(LearnerSkill).where(LearnerSkill.user_id == user_id).values(**values))
    db.session.commit()
    return learner.fsrs_parameters if parameters is None else parameters


def describe(user_id: int) -> str:
    """What the learner's scheduling rests on, for their settings page."""
    skill = db.session.get(LearnerSkill, user_id)
    if skill is None or skill.fsrs_parameters is None:
        return (
            "Scheduling uses FSRS's default parameters; they are fitted to your own answers "
            f"once you have about {fitting.MIN_REVIEWS} reviews."
        )
    return f"Scheduling fitted to your {skill.fsrs_fitted_on} answers."
