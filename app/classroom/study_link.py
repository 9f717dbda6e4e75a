"""Where the classroom meets self-study: logged-in students' answers and missed questions.

Reads and writes the study records (Card, ReviewLog) through the study domain's pure scheduler,
the same way an answer in the adaptive quiz would, so the study pages need no classroom code.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select

from app.accounts_models import User
from app.classroom_models import ClassAnswer, ClassSession, Player
from app.clock import as_utc
from app.extensions import db
from app.models import Question
from app.study.answering import Answer, quiz_rating, thinking_ms
from app.study.scheduling import new_card
from app.study.selection import CHOICE, TYPED
from app.study_models import Card
from app.study_service.recording import StudyError, record, store_state


def history_token(answer_id: int) -> str:
    """The review log's client token for a class answer: one log row per answer."""
    return f"class-{answer_id}"


def record_in_history(
    answer: ClassAnswer,
    user_id: int,
    question_id: int,
    now: datetime,
    rng: random.Random | None = None,
) -> bool:
    """Log a logged-in student's class answer as a quiz answer, through the same answer service
    as self-study (so the same rating, schedule, skill and history); False if not logged (already
    logged, or the card is suspended)."""
    user = db.session.get(User, user_id)
    question = db.session.get(Question, question_id)
    if user is None or question is None:
        return False
    form = TYPED if answer.choice_index is None else CHOICE
    elapsed = None if answer.elapsed_ms is None else timedelta(milliseconds=answer.elapsed_ms)
    duration = None if elapsed is None else thinking_ms(elapsed)
    rating = quiz_rating(question, answer.correct, duration, form)
    try:
        stored = record(
            user,
            question,
            # The class chose the question, not the learner's plan: its prediction is made now.
            Answer("quiz", form, answer.correct, rating, None, duration),
            response=answer.response,
            client_token=history_token(answer.id),
            now=now,
            rng=rng or random.Random(),
            classroom_session=answer.session_id,
            question_version_id=answer.question_version_id,
        )
    except StudyError:
        # A suspended card stays out of study, and a crossing answer from the study page wins.
        return False
    return not stored.duplicate


@dataclass(frozen=True)
class Sent:
    """How many students had questions queued, and how many cards were made due."""

    students: int
    cards: int


def missed_by_player(session: ClassSession) -> dict[int, list[int]]:
    """For each logged-in, present player: the question ids they missed or left unanswered."""
    asked = [sq for sq in session.questions if session.mode == "assignment" or sq.opened_at]
    players = db.session.scalars(
        select(Player).where(
            Player.session_id == session.id,
            Player.removed_at.is_(None),
            Player.user_id.is_not(None),
        )
    ).all()
    right = set(
        db.session.execute(
            select(ClassAnswer.player_id, ClassAnswer.session_question_id).where(
                ClassAnswer.session_id == session.id, ClassAnswer.correct.is_(True)
            )
        ).all()
    )
    return {
        p.user_id: [sq.question_id for sq in asked if (p.id, sq.id) not in right] for p in players
    }


def send_missed_to_study(session: ClassSession, now: datetime) -> Sent:
    """Make each logged-in student's missed questions due now in their own study queue."""
    students = cards = 0
    for user_id, question_ids in missed_by_player(session).items():
        if not question_ids:
            continue
        students += 1
        existing = {
            c.question_id: c
            for c in db.session.scalars(
                select(Card).where(Card.user_id == user_id, Card.question_id.in_(question_ids))
            )
        }
        for question_id in question_ids:
            card = existing.get(question_id)
            if card is None:
                card = Card(user_id=user_id, question_id=question_id, exposures=0)
                store_state(card, new_card(now))
                db.session.add(card)
            elif card.suspended:
                continue
            elif as_utc(card.due) > now:
                card.due = now
            cards += 1
    session.sent_to_study_at = now
    db.session.commit()
    return Sent(students, cards)
