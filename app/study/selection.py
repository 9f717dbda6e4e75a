"""Which question to ask next: due reviews first, then new or early ones at the right difficulty.

One pass over the candidates (the caller narrows them with indexed queries), no clock and no
hidden randomness: `now` and `rng` come from the caller, so a seeded `rng` gives one answer.

Order of business:
1. A due card in a learning or relearning step (they are minutes apart): the earliest due.
2. A reviewed card whose recall, under FSRS corrected by the learner's memory model, has fallen
   to the learner's due threshold (`learner.due_threshold`: `REVIEW_RECALL` while a review buys
   them more than the model prices, down to `payoff.LOW_RECALL` when it does not, so new
   questions are not starved by late reviews that mostly fail): the lowest first (as Leitner
   asks a failed card again soonest).
3. Otherwise the question whose asking now adds the most expected recall over the next few days
   (`policy.review_gain`, `policy.new_gain`) under the same corrected model: the best new
   question (expected success nearest a target that moves against the learner's recent success
   rate) or a review ahead. A small penalty per past exposure breaks ties.
   A question, or another question on the same fact, seen within `recency_minutes` is skipped;
   a due card is only held back by a sibling, since its own timing is the scheduler's.
   A question quoting the same sentence as one answered today waits for the next day, due or not
   (`siblings`), as Anki buries siblings.
4. When everything is recent, the least recently seen question other than the last one.

Scheduling (`scheduling.scheduling_rating`): a right answer to a choice question that was more
likely a blind guess than recall is given to FSRS as Again, so a lucky guess on a question never
learned does not schedule it as known.

The form hardens with mastery: a question that can be answered by typing is asked that way once
its card has graduated after at least two reviews (so the learner recalled it with choices) or
its stability reaches `TYPED_STABILITY_DAYS`; a lapse sends it back to choices.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from app.study import elo, pacing, payoff, policy
from app.study.learner import LearnerState, calibrated_recall, due_threshold, memory_model
from app.study.scheduling import LEARNING, RELEARNING, REVIEW, CardState
from app.study.siblings import kept_out

CHOICE, TYPED = "choice", "typed"
TARGET = 0.775
TARGET_RANGE = (0.65, 0.9)
# How strongly the target leans against the recent success rate (1 would mirror it fully).
TARGET_GAIN = 0.6
MIN_RECENT = 5
TYPED_STABILITY_DAYS = 7.0
EXPOSURE_WEIGHT = 0.03
# Random jitter breaks ties between near-equal questions without favouring list order.
JITTER = 0.01
# The same on the scale of a gain in mean recall (a few hundredths separate good choices).
GAIN_EXPOSURE_WEIGHT = 0.002
GAIN_JITTER = 0.001
# A reviewed card is due once its corrected recall falls to this (the low end of FSRS's usual
# 0.7-0.97), chosen on benchmark 1: 0.5-0.7 did as well, 0.8-0.9 starved new cards. It is the
# threshold of a learner whose reviews pay beyond the model (`learner.due_threshold`).
REVIEW_RECALL = payoff.HIGH_RECALL
# Every datetime in Quire is UTC-aware, so "never" must be too to compare with them.
_NEVER = datetime.min.replace(tzinfo=UTC)


@dataclass(frozen=True)
class Candidate:
    """A question the learner could be asked, with what is known about it for this learner."""

    question_id: int
    fact: str
    type: str
    n_choices: int
    difficulty: float
    card: CardState | None
    last_seen: datetime | None
    exposures: int
    typed_available: bool
    # Questions quoting the same sentence share this key (`siblings.sibling_key`; "" none).
    sibling: str = ""


@dataclass(frozen=True)
class Choice:
    """The question to ask, in which form, why, and the predicted chance of a right answer."""

    question_id: int
    form: str
    reason: str
    expected: float


def target_success(learner: LearnerState, base: float = TARGET) -> float:
    """The success probability to aim at: lower when the learner is doing better than `base`."""
    if len(learner.recent) < MIN_RECENT:
        return base
    rate = sum(learner.recent) / len(learner.recent)
    low, high = TARGET_RANGE
    return min(high, max(low, base - TARGET_GAIN * (rate - base)))


def form_for(candidate: Candidate) -> str:
    """Typed once the card shows the learner recalls it with choices; choices before that."""
    card = candidate.card
    if not candidate.typed_available or card is None:
        return CHOICE
    graduated = card.state == REVIEW and card.reps >= 2
    stable = card.stability is not None and card.stability >= TYPED_STABILITY_DAYS
    return TYPED if graduated or stable else CHOICE


def predict(candidate: Candidate, learner: LearnerState, form: str, now: datetime) -> float:
    """The chance of a right answer: corrected FSRS recall for a reviewed card, else Elo."""
    n_choices = 0 if form == TYPED else candidate.n_choices
    card = candidate.card
    if card is None or card.last_review is None:
        return elo.expected_success(learner.skill, candidate.difficulty, n_choices)
    floor = elo.guess_floor(n_choices)
    return floor + (1.0 - floor) * calibrated_recall(card, learner, now)


def new_score(cand: Candidate, learner: LearnerState, aim: float, now: datetime) -> float:
    """How far a new question is from the one to ask (lower is better): its predicted success
    against the target, plus a penalty per earlier exposure."""
    return abs(predict(cand, learner, CHOICE, now) - aim) + EXPOSURE_WEIGHT * cand.exposures


def choose_next(
    candidates: Sequence[Candidate],
    learner: LearnerState,
    now: datetime,
    rng: random.Random,
    *,
    target: float | None = None,
    max_new: int | None = None,
    recency_minutes: float = 10,
    horizon_days: int | None = None,
    review_recall: float | None = None,
    answered_siblings: Mapping[str, frozenset[int]] | None = None,
    questions_left: int | None = None,
    due_recall: Callable[[Candidate, float], float] | None = None,
    price: Callable[[Candidate, int], float] | None = None,
) -> Choice | None:
    """The next question to ask, or None when nothing may be asked (all suspended, or empty;
    `answered_siblings`: the question ids answered today by sibling key, whose siblings wait
    for the next day; `questions_left`: how many more the learner will likely answer today,
    `pacing.questions_left`, None if unknown; `review_recall`: the due threshold (None: the
    learner's own, `learner.due_threshold`, as the app runs); `due_recall`: the recall the due
    rule compares with that threshold, given a reviewed card and its reference recall (None:
    the reference, as the app runs; the bench's `--ablate decide` passes the forecast); `price`:
    the mean gain over the horizon of asking a candidate, new or reviewed (None: the reference's
    `policy.review_gain` and `policy.new_gain`, as the app runs; the bench's `--ablate
    priced-forecast` passes the forecast's))."""
    recent_cutoff = now - timedelta(minutes=recency_minutes)
    siblings = _latest_by_fact(candidates)
    last_id = _last_shown(candidates)
    aim = target_success(learner) if target is None else target
    due_at = due_threshold(learner) if review_recall is None else review_recall
    allow_new = max_new is None or max_new > 0
    horizon = policy.HORIZON_DAYS if horizon_days is None else horizon_days
    model = memory_model(learner)
    recall = policy.fsrs_corrected(model)

    def review_price(cand: Candidate) -> float:
        if price is not None:
            return price(cand, horizon)
        return policy.review_gain(cand.card, now, recall, horizon, model.w)[0]

    stepping, stepping_due = None, None
    best_new, best_new_score = None, math.inf
    best_seen, best_seen_gain = None, -math.inf
    best_due, best_due_score = None, math.inf
    due_cards: list[Candidate] = []
    oldest, oldest_seen = None, None
    for cand in candidates:
        card = cand.card
        if card is not None and card.suspended:
            continue
        if answered_siblings and kept_out(cand.sibling, cand.question_id, answered_siblings):
            continue
        if card is None and not allow_new:
            continue
        sibling_recent = _sibling_seen(siblings, cand) > recent_cutoff
        own_recent = cand.last_seen is not None and cand.last_seen > recent_cutoff
        due = card is not None and card.due <= now
        if due and sibling_recent:
            continue
        if due and card.state in (LEARNING, RELEARNING) and card.last_review is not None:
            # Learning steps are minutes apart: their timing is the scheduler's, not ours.
            if stepping_due is None or card.due < stepping_due:
                stepping, stepping_due = cand, card.due
            continue
        if not due and (sibling_recent or own_recent):
            if cand.question_id != last_id:
                seen = cand.last_seen or _NEVER
                if oldest_seen is None or seen < oldest_seen:
                    oldest, oldest_seen = cand, seen
            continue
        if card is None or card.last_review is None:
            score = new_score(cand, learner, aim, now) + JITTER * rng.random()
            if score < best_new_score:
                best_new, best_new_score = cand, score
            continue
        recall_now = recall(
            card.stability,
            card.difficulty,
            policy.elapsed_days(card, now),
            card.reps,
            card.lapses,
        )
        if due_recall is not None:
            recall_now = due_recall(cand, recall_now)
        if recall_now <= due_at:
            due_cards.append(cand)
            score = recall_now + GAIN_JITTER * rng.random()
            if score < best_due_score:
                best_due, best_due_score = cand, score
            continue
        gain = review_price(cand)
        gain -= GAIN_EXPOSURE_WEIGHT * cand.exposures + GAIN_JITTER * rng.random()
        if gain > best_seen_gain:
            best_seen, best_seen_gain = cand, gain

    if stepping is not None:
        return _choice(stepping, learner, now, "due review")
    if best_due is not None and (
        questions_left is None or len(due_cards) <= max(1, questions_left)
    ):
        # Every due card fits in today's budget (or there is none, as in the app): no gain of a
        # new question is weighed against them, so none is computed.
        return _choice(best_due, learner, now, "due review")
    new_gain = -math.inf
    if best_new is not None:
        known = elo.logistic(learner.skill - best_new.difficulty)
        new_gain = (
            policy.new_gain(known, recall, horizon, model.w)
            if price is None
            else price(best_new, horizon)
        )
    new_reason = f"new question near target {aim:.2f}"
    if best_due is not None:
        # More due than today's budget holds: spend it on the largest expected gains.
        gains = [review_price(c) for c in due_cards]
        if best_new is not None and pacing.pace_new(new_gain, gains, questions_left):
            return _choice(best_new, learner, now, new_reason + ", worth more than a late review")
        best = max(range(len(gains)), key=gains.__getitem__)
        return _choice(due_cards[best], learner, now, "due review")
    if best_new is not None and (best_seen is None or new_gain >= best_seen_gain):
        return _choice(best_new, learner, now, new_reason)
    if best_seen is not None:
        reason = "due review" if best_seen.card.due <= now else "review ahead"
        return _choice(best_seen, learner, now, reason)
    if oldest is not None:
        return _choice(oldest, learner, now, "everything was seen recently")
    return None


def _choice(cand: Candidate, learner: LearnerState, now: datetime, reason: str) -> Choice:
    form = form_for(cand)
    return Choice(cand.question_id, form, reason, predict(cand, learner, form, now))


def _latest_by_fact(candidates: Sequence[Candidate]) -> dict[str, list]:
    """Per fact, the two latest (last_seen, question_id) pairs, so siblings are found in O(1)."""
    latest: dict[str, list] = {}
    for cand in candidates:
        if cand.last_seen is None:
            continue
        top = latest.setdefault(cand.fact, [])
        top.append((cand.last_seen, cand.question_id))
        top.sort(reverse=True)
        del top[2:]
    return latest


def _sibling_seen(latest: dict[str, list], cand: Candidate) -> datetime:
    for seen, question_id in latest.get(cand.fact, ()):
        if question_id != cand.question_id:
            return seen
    return _NEVER


def _last_shown(candidates: Sequence[Candidate]) -> int | None:
    last_id, last_seen = None, None
    for cand in candidates:
        if cand.last_seen is not None and (last_seen is None or cand.last_seen > last_seen):
            last_id, last_seen = cand.question_id, cand.last_seen
    return last_id
