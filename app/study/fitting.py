"""FSRS parameters fitted to one learner's own answers, with the FSRS optimizer of `fsrs-rs`.

The optimizer is the Rust crate Anki itself runs (`fsrs-rs`), through its Python bindings
(`fsrs-rs-python`, published by the same open-spaced-repetition project as the `fsrs` package
that schedules here, and fitting the same 21-parameter FSRS-6 model): it needs no torch and fits
a few thousand reviews in milliseconds, where `fsrs[optimizer]` needs torch and seconds.

Input is plain data: per card, its answers in time order as the review log holds them. Each
answer becomes the rating FSRS was given for it (`fsrs_rating`: a right choice answer more likely
a lucky guess than recall counts as Again, as `answering.step` schedules it), and each card's
history becomes fsrs-rs items: one per review after the first, holding every review of the card
up to and including it, with the whole days since the previous one (0 for the first), counted
as the `fsrs` package counts them so the fitted curve is the one the scheduler applies.

Below `MIN_REVIEWS` repeated reviews (reviews of a card seen on an earlier day) the defaults
stand (None): a month of study at 40 questions a day holds about 700, and on fewer the fit
says little that Quire's online correction does not (bench/README.md, "FSRS fitted per learner,
in the policy", where fitted and default parameters came out level). A fit is kept only if its
parameters are finite and valid and it predicts the learner's own reviews at least as well as
the defaults (log loss from `FSRS.evaluate`).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from fsrs import Scheduler
from fsrs_rs_python import (
    DEFAULT_PARAMETERS,
    FSRS,
    FSRSItem,
    FSRSReview,
    check_and_fill_parameters,
)

from app.study.scheduling import RATINGS, scheduling_rating

# Reviews of a card seen on an earlier day (the ones a forgetting curve is fitted on) a learner
# needs before their own parameters replace the defaults (not varied on the bench: see above).
MIN_REVIEWS = 400
# New answers after which a learner's parameters are fitted again.
REFIT_EVERY = 100
N_PARAMETERS = 21
DEFAULTS = tuple(float(w) for w in DEFAULT_PARAMETERS)


@dataclass(frozen=True)
class LoggedAnswer:
    """One answer as the review log holds it: when, its rating (1 Again .. 4 Easy), and for a
    quiz answer the predicted chance of a right answer it was asked with and its choices (0
    typed); `expected` None for a flashcard rating, which the learner gave knowingly."""

    when: datetime
    rating: int
    expected: float | None = None
    n_choices: int = 0


def fsrs_rating(answer: LoggedAnswer) -> int:
    """The rating FSRS scheduled the answer with (a likely lucky guess counts as Again)."""
    if answer.expected is None:
        return answer.rating
    return scheduling_rating(answer.rating, answer.expected, answer.n_choices)


def _days(earlier: datetime, later: datetime) -> int:
    # Whole days elapsed, floored, as the `fsrs` package counts them when it schedules.
    return max(0, (later - earlier).days)


def card_history(answers: Sequence[LoggedAnswer]) -> list[tuple[int, int]]:
    """One card's (FSRS rating, whole days since the previous answer) in time order, first 0."""
    ordered = sorted(answers, key=lambda a: a.when)
    return [
        (fsrs_rating(a), 0 if k == 0 else _days(ordered[k - 1].when, a.when))
        for k, a in enumerate(ordered)
    ]


def histories(cards: Iterable[Sequence[LoggedAnswer]]) -> list[list[tuple[int, int]]]:
    """Every card's history; answers with a rating outside 1..4 or no time are dropped."""
    return [
        card_history([a for a in answers if a.rating in RATINGS and a.when is not None])
        for answers in cards
    ]


def items(history: Sequence[Sequence[tuple[int, int]]], long_term: bool = False) -> list[FSRSItem]:
    """fsrs-rs items: per card, its reviews up to each review after the first that follows a
    later-day one (fsrs-rs rejects a history all on one day; `long_term`: only those ending on a
    later day than the review before, which `FSRS.evaluate` requires)."""
    out = []
    for card in history:
        reviews = [FSRSReview(rating, delta) for rating, delta in card]
        spaced = False
        for k in range(1, len(reviews)):
            spaced = spaced or card[k][1] > 0
            if spaced and (not long_term or card[k][1] > 0):
                out.append(FSRSItem(reviews[: k + 1]))
    return out


def long_term_reviews(history: Sequence[Sequence[tuple[int, int]]]) -> int:
    """How many reviews came on a later day than the card's previous one (what is fitted)."""
    return sum(1 for card in history for k, (_, delta) in enumerate(card) if k and delta > 0)


def valid_parameters(parameters: Sequence[float]) -> bool:
    """21 finite numbers that fsrs-rs accepts as they are and the `fsrs` package schedules with."""
    if len(parameters) != N_PARAMETERS or not all(math.isfinite(w) for w in parameters):
        return False
    try:
        checked = check_and_fill_parameters(list(parameters))
        Scheduler(parameters=tuple(parameters))
    except Exception:
        return False
    return all(abs(a - b) < 1e-4 for a, b in zip(checked, parameters, strict=True))


def fit(
    cards: Iterable[Sequence[LoggedAnswer]], min_reviews: int = MIN_REVIEWS
) -> tuple[float, ...] | None:
    """The learner's FSRS parameters from their answers by card, or None to keep the defaults
    (too few reviews, a failed fit, or one no better than the defaults on the learner's log)."""
    history = histories(cards)
    if long_term_reviews(history) < max(1, min_reviews):
        return None
    data = items(history)
    try:
        fitted = FSRS(list(DEFAULTS)).compute_parameters(data)
        parameters = tuple(float(w) for w in fitted)
        if not valid_parameters(parameters) or parameters == DEFAULTS:
            return None
        judged = items(history, long_term=True)
        ours = FSRS(list(parameters)).evaluate(judged).log_loss
        theirs = FSRS(list(DEFAULTS)).evaluate(judged).log_loss
    except BaseException as error:
        # fsrs-rs reports odd data as a Rust panic (pyo3's PanicException, a BaseException):
        # the defaults stand; an interrupt or exit still propagates.
        if not isinstance(error, Exception) and type(error).__name__ != "PanicException":
            raise
        return None
    return parameters if ours <= theirs else None


def memory_states(
    history: Sequence[Sequence[tuple[int, int]]], parameters: Sequence[float]
) -> list[tuple[float, float] | None]:
    """Each card's FSRS (stability, difficulty) after its history under `parameters`, as Anki
    recomputes them after fitting (None for a card without answers)."""
    model = FSRS(list(parameters))
    out: list[tuple[float, float] | None] = []
    for card in history:
        if not card:
            out.append(None)
            continue
        state = model.memory_state(FSRSItem([FSRSReview(r, d) for r, d in card]))
        out.append((float(state.stability), float(state.difficulty)))
    return out


def refit_due(answered: int, attempted_on: int | None) -> bool:
    """Whether a learner with `answered` answers, whose last fit was tried at `attempted_on`
    (None: never; kept or not), is due a fit: enough answers to hold `MIN_REVIEWS` reviews,
    `REFIT_EVERY` since the last attempt."""
    return answered >= MIN_REVIEWS and answered - (attempted_on or 0) >= REFIT_EVERY
