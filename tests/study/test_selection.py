"""Choosing the next question: due first, then new near the target, recency, harder forms."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from app.study import scheduling as sch
from app.study.learner import LearnerState, calibrated_recall, observe, scheduling_retention
from app.study.scheduling import recall_given_right, scheduling_rating
from app.study.selection import (
    CHOICE,
    TYPED,
    Candidate,
    choose_next,
    form_for,
    predict,
    target_success,
)

NOW = datetime(2025, 3, 10, 12, 0, tzinfo=UTC)


def card(days_ago: float, good_reviews: int = 1, rating: int = sch.EASY):
    """A card first reviewed `days_ago`, then reviewed Good at its due dates."""
    when = NOW - timedelta(days=days_ago)
    state, _ = sch.review(sch.new_card(when), rating, when)
    for _ in range(good_reviews - 1):
        state, _ = sch.review(state, sch.GOOD, state.due)
    return state


def cand(
    qid,
    *,
    fact=None,
    difficulty=0.0,
    card_state=None,
    seen=None,
    exposures=0,
    typed=False,
    n_choices=4,
):
    return Candidate(
        qid,
        fact or f"f{qid}",
        "multiple_choice",
        n_choices,
        difficulty,
        card_state,
        seen,
        exposures,
        typed,
    )


def pick(candidates, learner=None, **kw):
    return choose_next(candidates, learner or LearnerState(), NOW, random.Random(0), **kw)


def test_empty_or_all_suspended_gives_none():
    assert pick([]) is None
    suspended = replace(card(30), suspended=True)
    assert pick([cand(1, card_state=suspended)]) is None


def test_faded_due_review_comes_before_a_question_the_learner_already_knows():
    due = card(30)
    assert due.due <= NOW
    known = [cand(1, difficulty=-5.0), cand(2, card_state=due, seen=due.last_review)]
    choice = pick([*known, cand(3, difficulty=-5.0)])
    assert (choice.question_id, choice.reason) == (2, "due review")


def test_unknown_new_question_comes_before_a_review_that_would_add_little():
    # Behaviour changed on purpose: a due card is no longer asked first whatever it would add.
    due = card(30)
    choice = pick([cand(1, difficulty=4.0), cand(2, card_state=due, seen=due.last_review)])
    assert choice.question_id == 1 and choice.reason.startswith("new question")


def test_the_forecasts_weights_change_no_choice_and_no_expected_chance():
    # The forecast decides nothing: the same candidates, learner and generator give the same
    # choices, forms and predicted chances whatever the learner's forecast weights.
    primed = LearnerState(
        forecast_bias=-2.0,
        forecast_slope=0.4,
        forecast_last=1.5,
        forecast_once=-1.0,
        forecast_twice=1.0,
        forecast_elapsed=-0.8,
        forecast_item=2.0,
    )
    for days in (1, 3, 8, 30, 90):
        due = card(days, good_reviews=2)
        candidates = [
            cand(1, difficulty=1.0),
            cand(2, card_state=due, seen=due.last_review, exposures=2),
            cand(3, card_state=card(days / 2), seen=NOW - timedelta(days=days / 2)),
        ]
        assert pick(candidates, primed) == pick(candidates)
        assert predict(candidates[1], primed, CHOICE, NOW) == predict(
            candidates[1], LearnerState(), CHOICE, NOW
        )


def test_a_learner_who_forgets_fast_is_asked_the_review_instead():
    due = card(30)
    candidates = [cand(1, difficulty=4.0), cand(2, card_state=due, seen=due.last_review)]
    assert pick(candidates, LearnerState(memory_bias=-3.0)).question_id == 2


def test_lowest_retrievability_due_card_first():
    older, newer = card(40), card(12)
    assert older.due <= NOW and newer.due <= NOW
    assert sch.retrievability(older, NOW) < sch.retrievability(newer, NOW)
    chosen = pick([cand(1, card_state=newer), cand(2, card_state=older)])
    assert chosen.question_id == 2


def test_new_question_near_the_target_is_preferred():
    learner = LearnerState(skill=0.0)
    # With 4 choices: difficulty -1.0 gives about 0.80, +3 about 0.29, -4 about 0.99.
    candidates = [cand(1, difficulty=3.0), cand(2, difficulty=-1.0), cand(3, difficulty=-4.0)]
    choice = pick(candidates, learner, target=0.8)
    assert choice.question_id == 2 and choice.reason.startswith("new question")
    assert choice.expected == pytest.approx(predict(candidates[1], learner, CHOICE, NOW))


def test_a_learner_doing_well_gets_harder_questions():
    strong = LearnerState(recent=[True] * 20)
    weak = LearnerState(recent=[False] * 10 + [True] * 10)
    assert target_success(strong) < target_success(LearnerState()) < target_success(weak)
    candidates = [cand(q, difficulty=d) for q, d in enumerate((-2.5, -1.0, 0.5, 2.0))]
    assert pick(candidates, strong).question_id > pick(candidates, weak).question_id


def test_recently_seen_question_and_its_sibling_are_skipped():
    recent = NOW - timedelta(minutes=3)
    ahead = card(0.1)
    candidates = [
        cand(1, fact="a", card_state=ahead, seen=recent),
        cand(2, fact="a", difficulty=-1.0),  # sibling of a question just seen
        cand(3, fact="b", difficulty=4.0),
    ]
    assert pick(candidates, target=0.8).question_id == 3
    assert pick(candidates, target=0.8, recency_minutes=1).question_id == 2


def test_due_card_is_held_back_by_a_sibling_seen_just_now():
    due = card(30)
    candidates = [
        cand(1, fact="a", card_state=card(0.01), seen=NOW - timedelta(minutes=2)),
        cand(2, fact="a", card_state=due, seen=due.last_review),
        cand(3, fact="b"),
    ]
    assert pick(candidates).question_id == 3


def test_when_everything_is_recent_the_oldest_other_than_the_last_is_asked():
    candidates = [
        cand(q, card_state=card(0.01), seen=NOW - timedelta(minutes=m))
        for q, m in ((1, 1), (2, 5), (3, 3))
    ]
    choice = pick(candidates)
    assert (choice.question_id, choice.reason) == (2, "everything was seen recently")
    assert pick(candidates[:1]) is None


def test_max_new_zero_reviews_ahead_instead():
    ahead = card(1, good_reviews=1)
    assert ahead.due > NOW
    candidates = [cand(1), cand(2, card_state=ahead, seen=ahead.last_review)]
    assert pick(candidates).question_id == 1
    choice = pick(candidates, max_new=0)
    assert choice.question_id == 2 and choice.reason.startswith("review ahead")
    assert pick(candidates[:1], max_new=0) is None


def test_exposure_penalty_breaks_a_tie():
    ahead = card(2)
    candidates = [cand(1, card_state=ahead, exposures=5), cand(2, card_state=ahead, exposures=0)]
    assert pick(candidates, max_new=0).question_id == 2


def test_harder_form_as_mastery_grows():
    fresh, _ = sch.review(sch.new_card(NOW), sch.GOOD, NOW)
    once_graduated, _ = sch.review(fresh, sch.GOOD, NOW + timedelta(minutes=10))
    assert form_for(cand(1, typed=True)) == CHOICE
    assert form_for(cand(1, typed=True, card_state=fresh)) == CHOICE
    assert form_for(cand(1, typed=True, card_state=once_graduated)) == TYPED
    assert form_for(cand(1, typed=False, card_state=once_graduated)) == CHOICE
    stable = replace(fresh, stability=30.0)
    assert form_for(cand(1, typed=True, card_state=stable)) == TYPED
    lapsed, _ = sch.review(once_graduated, sch.AGAIN, once_graduated.due)
    assert form_for(cand(1, typed=True, card_state=lapsed)) == CHOICE


def test_typed_form_has_no_guessing_floor():
    c = cand(1, difficulty=10.0, typed=True)
    learner = LearnerState()
    assert predict(c, learner, CHOICE, NOW) == pytest.approx(0.25, abs=1e-3)
    assert predict(c, learner, TYPED, NOW) == pytest.approx(0.0, abs=1e-3)


def test_same_seed_same_choice_and_ties_are_broken_by_the_rng():
    candidates = [cand(q, difficulty=(q % 7) / 3 - 1) for q in range(50)]
    first = choose_next(candidates, LearnerState(), NOW, random.Random(5))
    assert first == choose_next(candidates, LearnerState(), NOW, random.Random(5))
    twins = [cand(q) for q in range(20)]
    picks = {
        choose_next(twins, LearnerState(), NOW, random.Random(s)).question_id for s in range(10)
    }
    assert len(picks) > 1


def test_observe_updates_skill_recent_window_and_difficulty():
    learner = LearnerState(recent=[True] * 20)
    after, difficulty = observe(learner, 0.0, 0, False, 4)
    assert after.skill < 0 and difficulty > 0
    assert len(after.recent) == 20 and after.recent[-1] is False and after.answered == 1


def test_memory_bias_moves_with_review_surprises_and_shortens_intervals():
    learner = LearnerState()
    for _ in range(10):
        learner, difficulty = observe(learner, 0.3, 5, False, 4, recall_predicted=0.9)
    assert difficulty == 0.3 and learner.skill == 0.0
    assert learner.memory_bias < -0.5
    assert scheduling_retention(learner, 0.9) > 0.9
    assert scheduling_retention(LearnerState(), 0.9) == pytest.approx(0.9)


def test_observe_with_the_card_learns_the_whole_memory_model():
    when = datetime(2025, 3, 9, 12, 0, tzinfo=UTC)
    failed, _ = sch.review(sch.new_card(when), sch.AGAIN, when, steps=False)
    now = when + timedelta(days=1)
    learner = LearnerState()
    for _ in range(5):
        learner, _ = observe(learner, 0.0, 5, False, 4, recall_predicted=0.8, card=failed, now=now)
    assert learner.memory_bias < 0 and learner.memory_hardness < 0 and learner.memory_slope < 1
    # Its cards now fade faster, the hard ones most: FSRS is given a higher retention for them.
    easy = scheduling_retention(learner, 0.8, 2.0)
    assert scheduling_retention(learner, 0.8, failed.difficulty) > easy > 0.8


def test_a_faded_hard_card_is_reviewed_before_new_questions():
    when = datetime(2025, 3, 9, 18, 0, tzinfo=UTC)
    failed, _ = sch.review(sch.new_card(when), sch.AGAIN, when, steps=False)
    now = when + timedelta(days=1)
    hard_card = Candidate(1, "f1", "multiple_choice", 4, 0.0, failed, when, 1, False)
    new = Candidate(2, "f2", "multiple_choice", 4, 0.0, None, None, 0, False)
    forgets_hard = LearnerState(memory_hardness=-4.0)
    choice = choose_next([new, hard_card], forgets_hard, now, random.Random(1))
    assert choice.question_id == 1 and choice.reason == "due review"
    assert choice.expected < predict(hard_card, LearnerState(), CHOICE, now)


def test_a_right_choice_answer_that_was_likely_a_guess_is_scheduled_as_again():
    # Predicted 0.3 with four choices: recall 0.067, so 5 in 6 right answers are blind guesses.
    assert recall_given_right(0.3, 4) == pytest.approx((0.3 - 0.25) / (0.75 * 0.3))
    assert scheduling_rating(sch.GOOD, 0.3, 4) == sch.AGAIN
    # A reviewed card predicted right 0.8 of the time: a right answer is mostly recall.
    assert scheduling_rating(sch.GOOD, 0.8, 4) == sch.GOOD
    # Typed answers cannot be guessed; wrong answers stay wrong.
    assert recall_given_right(0.3, 0) == 1.0
    assert scheduling_rating(sch.EASY, 0.3, 0) == sch.EASY
    assert scheduling_rating(sch.AGAIN, 0.9, 4) == sch.AGAIN


def test_observe_learns_that_practised_cards_are_recalled_better_than_fsrs_says():
    when = datetime(2025, 3, 1, 12, 0, tzinfo=UTC)
    state = sch.new_card(when)
    for day in range(6):
        state, _ = sch.review(state, sch.GOOD, when + timedelta(days=day), steps=False)
    now = when + timedelta(days=20)
    learner = LearnerState()
    for _ in range(20):
        learner, _ = observe(learner, 0.0, 5, True, 0, recall_predicted=0.6, card=state, now=now)
    assert learner.memory_practice > 0.1 and learner.memory_lapse == 0.0
    # The same FSRS recall counts for more on a card reviewed often than on a new one.
    assert calibrated_recall(state, learner, now) > calibrated_recall(
        replace(state, reps=1), learner, now
    )
    # Scheduling at the card's own counts gives FSRS a lower retention (a longer interval).
    assert scheduling_retention(learner, 0.9, state.difficulty, reps=state.reps) < (
        scheduling_retention(learner, 0.9, state.difficulty, reps=1)
    )


def test_a_learner_who_forgets_new_facts_reviews_ahead_before_a_new_question():
    when = datetime(2025, 3, 1, 12, 0, tzinfo=UTC)
    state = sch.new_card(when)
    for day in (0, 2):
        state, _ = sch.review(state, sch.GOOD, when + timedelta(days=day), steps=False)
    now = when + timedelta(days=5)
    seen = Candidate(1, "f1", "multiple_choice", 4, 0.0, state, when + timedelta(days=2), 2, False)
    new = Candidate(2, "f2", "multiple_choice", 4, 0.0, None, None, 0, False)
    # FSRS's first stabilities: the new question is worth more than reviewing ahead.
    assert choose_next([seen, new], LearnerState(), now, random.Random(1)).question_id == 2
    # This learner's second exposures showed new facts fading within a day (first = -4).
    forgetful = LearnerState(memory_first=-4.0)
    choice = choose_next([seen, new], forgetful, now, random.Random(1))
    assert choice.question_id == 1 and choice.reason == "review ahead"


def test_a_given_recall_decides_which_card_is_due():
    # `due_recall` (the bench's `--ablate decide`: the forecast in place of the reference) is
    # what the due rule compares with its threshold, given each card and its reference recall.
    fresh = card(0.5)
    reviewed = cand(2, card_state=fresh, seen=fresh.last_review, exposures=1)
    new = cand(3, difficulty=-5.0)
    assert calibrated_recall(fresh, LearnerState(), NOW) > 0.7
    assert pick([reviewed, new]).reason != "due review"
    seen: list[tuple[int, float]] = []

    def faded(candidate, reference):
        seen.append((candidate.question_id, reference))
        return 0.2

    choice = pick([reviewed, new], due_recall=faded)
    assert (choice.question_id, choice.reason) == (2, "due review")
    assert seen == [(2, pytest.approx(calibrated_recall(fresh, LearnerState(), NOW)))]


def test_a_learner_whose_reviews_buy_no_more_than_priced_has_a_lower_due_threshold():
    # Issue 18: the due threshold is the learner's own (`learner.due_threshold`). A card at
    # corrected recall 0.63 is due at the old 0.7, asked before anything else; for a learner
    # whose answers after right reviews were no better than predicted the threshold is 0.4, so
    # it is not due and competes with a new question by expected gain (here it still wins, as
    # a review ahead).
    forgetful = LearnerState(memory_bias=-2.5)
    fading = card(3, rating=sch.EASY)
    assert fading.due > NOW
    assert 0.4 < calibrated_recall(fading, forgetful, NOW) < 0.7
    candidates = [cand(1, difficulty=2.0), cand(2, card_state=fading, seen=fading.last_review)]
    assert pick(candidates, forgetful).reason == "due review"
    # Before evidence of their own, or with a surplus like the exponential learners': 0.7.
    assert pick(candidates, replace(forgetful, payoff_prior=0.2)).reason == "due review"
    flat = replace(forgetful, payoff_answers=200, payoff_surplus=0.0, payoff_prior=0.2)
    assert pick(candidates, flat).reason == "review ahead"
    # The old rule for every learner, as the bench's `--ablate due70` runs it.
    assert pick(candidates, flat, review_recall=0.7).reason == "due review"


def test_observe_counts_answers_after_a_right_review_only():
    faded = card(10, rating=sch.AGAIN)
    learner = LearnerState()
    kw = {"recall_predicted": 0.4, "card": faded, "now": NOW}
    after_first, _ = observe(learner, 0.0, 5, True, 4, answers_before=1, last_right=True, **kw)
    assert after_first.payoff_answers == 0
    after_wrong, _ = observe(learner, 0.0, 5, True, 4, answers_before=3, last_right=False, **kw)
    assert after_wrong.payoff_answers == 0
    after_right, _ = observe(learner, 0.0, 5, False, 4, answers_before=3, last_right=True, **kw)
    assert after_right.payoff_answers == 1
    assert after_right.payoff_surplus == pytest.approx(-0.4)
