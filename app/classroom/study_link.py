"""Where the classroom meets self-study: logged-in students' answers and missed questions.

Reads and writes the study records (Card, ReviewLog) through the study domain's pure scheduler,
the same way an answer in the adaptive quiz would, so the study pages need no classroom code.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from app.accounts_models import User
from app.classroom_models import ClassAnswer, ClassSession, Player
from app.clock import as_utc
from app.extensions import db
from app.learn.candidates import card_state
from app.learn.recording import store_state
from app.study.scheduling import AGAIN, GOOD, new_card, review, state_to_dict
from app.study_models import Card, ReviewLog


def history_token(answer_id: int) -> str:
    """The review log's client token for a class answer: one log row per answer."""
    return f"class-{answer_id}"


def record_in_history(answer: ClassAnswer, user_id: int, question_id: int, now: datetime) -> bool:
    """Log a logged-in student's class answer as a quiz review; False if already logged."""
    token = history_token(answer.id)
    user = db.session.get(User, user_id)
    if user is None or db.session.scalar(
        select(ReviewLog.id).where(ReviewLog.user_id == user_id, ReviewLog.client_token == token)
    ):
        return False
    card = db.session.scalar(
        select(Card).where(Card.user_id == user_id, Card.question_id == question_id)
    )
    before = None if card is None else card_state(card)
    seen = (
        None
        if card is None
        else {
            "last_seen_at": None
            if card.last_seen_at is None
            else as_utc(card.last_seen_at).isoformat(),
            "exposures": card.exposures,
            "last_rating": card.last_rating,
        }
    )
    rating = GOOD if answer.correct else AGAIN
    if card is None:
        card = Card(user_id=user_id, question_id=question_id, exposures=0)
        db.session.add(card)
    if before is None or not before.suspended:
        after, _ = review(
            before or new_card(now),
            rating,
            now,
            desired_retention=user.desired_retention,
            duration_ms=answer.elapsed_ms,
            steps=False,
        )
        store_state(card, after)
    card.last_seen_at, card.exposures, card.last_rating = now, (card.exposures or 0) + 1, rating
    db.session.flush()
    db.session.add(
        ReviewLog(
            user_id=user_id,
            question_id=question_id,
            card_id=card.id,
            mode="quiz",
            form="typed" if answer.choice_index is None else "choice",
            response=answer.response,
            correct=answer.correct,
            rating=rating,
            duration_ms=answer.elapsed_ms,
            reviewed_at=now,
            card_state=None if before is None else before.state,
            state_before={
                "card": None if before is None else state_to_dict(before),
                "seen": seen,
                "classroom_session": answer.session_id,
            },
            client_token=token,
            undone=False,
        )
    )
    try:
        db.session.commit()
    except IntegrityError:
        # The student answered the same question on the study page at this very moment.
        db.session.rollback()
        return False
    return True


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
