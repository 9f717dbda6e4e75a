"""Candidates come from indexed queries; choosing the next question never scans the review log."""

from __future__ import annotations

import random
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import event, update

from app.accounts_models import User
from app.extensions import db
from app.study_service import choosing
from app.study_service.candidates import Scope, answered_siblings, load_choice, load_pool
from tests.learn.conftest import START, put_card


def test_scope_narrows_by_source_kind_and_tag(app, imported, qids):
    with app.app_context():

        def ids(scope):
            return set(load_pool(None, scope, START).candidates)

        assert ids(Scope()) == set(qids.values())
        assert ids(Scope(kinds=("date", "person"))) == {qids["q1"], qids["q2"]}
        assert ids(Scope(tags=("treaties",))) == {qids["q1"]}
        # On PostgreSQL too, whose LIKE minds case.
        assert ids(Scope(tags=("Treaties",))) == {qids["q1"]}
        assert ids(Scope(tags=("treat",))) == set()  # whole tags only
        assert ids(Scope(source_ids=("elsewhere",))) == set()


def test_guesses_come_from_list_lengths_even_when_a_list_is_not_one(app, imported, qids):
    from app.models import Question

    with app.app_context():
        q1, q2 = db.session.get(Question, qids["q1"]), db.session.get(Question, qids["q2"])
        q1_choices = len(q1.choices)
        # A JSON null or object where a list belongs (old rows, hand-edited data) is no list.
        q2.choices, q2.items = None, {"not": "a list"}
        db.session.commit()
        pool = load_pool(None, Scope(), START)
        assert pool.candidates[qids["q1"]].n_choices == q1_choices > 0
        assert pool.candidates[qids["q2"]].n_choices == 0


def test_pool_has_due_new_and_recent_but_not_suspended(app, imported, qids, make_user):
    user = make_user()
    put_card(app, user, qids["q1"])  # due an hour ago
    put_card(app, user, qids["q3"], suspended=True)
    put_card(app, user, qids["q4"], due=START + timedelta(days=3), last_seen_at=START)
    with app.app_context():
        pool = load_pool(user, Scope(), START, ahead=True)
        assert pool.due == {qids["q1"]}
        assert set(pool.candidates) == {qids["q1"], qids["q2"], qids["q4"]}
        assert pool.candidates[qids["q2"]].card is None


@pytest.mark.parametrize(
    ("new_order", "expected"), [("pack order", ["q1", "q2"]), ("easiest first", ["q3", "q2"])]
)
def test_the_new_sample_follows_the_packs_new_order(
    app, imported, qids, make_user, monkeypatch, new_order, expected
):
    from app.models import Pack, Question
    from app.study_models import ItemStat
    from app.study_service import candidates

    user = make_user()
    with app.app_context():
        # Pack order q1..q4; difficulties learned from earlier learners for three of them, the
        # pack's prior (a share who fail) for q3, which no one has answered.
        for uid, prior in (("q1", 0.5), ("q2", 0.5), ("q3", 0.1), ("q4", 0.5)):
            db.session.get(Question, qids[uid]).difficulty = prior
        for uid, learned in (("q1", 2.0), ("q2", -1.0), ("q4", 0.5)):
            db.session.add(ItemStat(question_id=qids[uid], difficulty=learned, answers=9))
        pack = db.session.get(Pack, db.session.get(Question, qids["q1"]).pack_id)
        pack.new_order = new_order
        db.session.commit()
        monkeypatch.setattr(candidates, "NEW_SAMPLE", 2)
        candidates._pool_query.cache_clear()
        try:
            pool = load_pool(user, Scope(), START)
            reads = load_choice(user, Scope(), START, START - timedelta(hours=1))
        finally:
            candidates._pool_query.cache_clear()
        # q3's prior 0.1 is logit -2.2, easier than q2's learned -1.0; q1 (2.0) is the hardest.
        assert list(pool.candidates) == [qids[uid] for uid in expected]
        assert list(reads.pool.candidates) == [qids[uid] for uid in expected]
        assert choosing.summary(db.session.get(User, user), START).new_orders == (new_order,)


def test_each_pack_orders_its_own_new_questions(app, imported, qids, make_user, monkeypatch):
    from app.models import Pack, Question
    from app.study_models import ItemStat
    from app.study_service import candidates

    user = make_user()
    with app.app_context():
        first = db.session.get(Question, qids["q1"]).pack
        # A second pack, easiest first, after the first (pack order): q2 and q4 move into it.
        second = Pack(slug="second", title="Second", format_version=1, generator={})
        second.new_order = "easiest first"
        db.session.add(second)
        db.session.flush()
        for position, uid in enumerate(("q2", "q4")):
            question = db.session.get(Question, qids[uid])
            question.pack_id, question.position = second.id, position
        for uid, learned in (("q1", 2.0), ("q2", 1.0), ("q3", -2.0), ("q4", -1.0)):
            db.session.add(ItemStat(question_id=qids[uid], difficulty=learned, answers=9))
        assert first.new_order == "pack order" and first.id < second.id
        db.session.commit()
        monkeypatch.setattr(candidates, "NEW_SAMPLE", 4)
        candidates._pool_query.cache_clear()
        try:
            pool = load_pool(user, Scope(), START)
        finally:
            candidates._pool_query.cache_clear()
        # The first pack in its order (q1 before the easier q3), then the second's easiest (q4).
        assert list(pool.candidates) == [qids[uid] for uid in ("q1", "q3", "q4", "q2")]
        summary = choosing.summary(db.session.get(User, user), START)
        assert summary.new_orders == ("easiest first", "pack order")


def query_plan(statement: str, parameters: Any = ()) -> str:
    """The database's plan for `statement` (SQLite's or PostgreSQL's), as text.

    PostgreSQL plans a sequential scan of tables this small whatever the indexes; with scans
    discouraged it shows the index it would use on a large table, and a scan only if none fits.
    """
    raw = db.engine.raw_connection()
    try:
        cursor = raw.cursor()
        if db.engine.dialect.name == "postgresql":
            cursor.execute("SET enable_seqscan = off")
            cursor.execute("EXPLAIN " + statement, parameters or None)
        else:
            cursor.execute("EXPLAIN QUERY PLAN " + statement, parameters)
        return str(cursor.fetchall())
    finally:
        raw.rollback()
        raw.close()


def uses_log_index(plan: str) -> bool:
    """The plan reads review_logs through the (user_id, reviewed_at) index.

    With a handful of rows PostgreSQL's estimates cannot tell that index from the other one
    leading with user_id, so there either is accepted; both avoid a scan of the whole log.
    """
    if "ix_review_logs_user_id_reviewed_at" in plan:
        return True
    return db.engine.dialect.name == "postgresql" and "ix_review_logs_user_id_question_id" in plan


def test_choosing_reads_the_log_only_through_its_index(app, imported, qids, make_user):
    user_id = make_user()
    put_card(app, user_id, qids["q1"])
    statements: list[tuple[str, Any]] = []

    def capture(_conn, _cursor, statement, parameters, *_args):
        statements.append((statement, parameters))

    with app.app_context():
        user = db.session.get(User, user_id)
        event.listen(db.engine, "before_cursor_execute", capture)
        try:
            choice = choosing.choose_quiz(user, Scope(), START, random.Random(1))
        finally:
            event.remove(db.engine, "before_cursor_execute", capture)
        assert choice is not None
        on_log = [(s, p) for s, p in statements if "review_logs" in s]
        assert len(on_log) == 1  # today's counts
        plan = query_plan(*on_log[0])
        assert uses_log_index(plan)
        assert "SCAN review_logs" not in plan and "Seq Scan on review_logs" not in plan


def test_log_queries_use_indexes(app, imported):
    with app.app_context():
        sql = query_plan(
            "SELECT count(*) FROM review_logs "
            "WHERE user_id = 1 AND reviewed_at >= '2026-01-01' AND undone = false"
        )
        assert uses_log_index(sql)
        due = query_plan(
            "SELECT * FROM cards WHERE user_id = 1 AND due <= '2026-01-01' ORDER BY due LIMIT 5"
        )
        assert "ix_cards_user_id_due" in due


def _day_of_answers(app, user_id: int, qids: dict[str, int]) -> None:
    """Cards due, ahead and learning; a sibling of a question seen today; today's answers of
    every kind that counts or does not (undone, cram, yesterday's)."""
    from app.models import Question
    from app.study_models import ReviewLog

    put_card(app, user_id, qids["q1"])  # a due review, seen days ago
    put_card(app, user_id, qids["q2"], state=1, due=START - timedelta(minutes=5))
    put_card(
        app,
        user_id,
        qids["q3"],
        due=START + timedelta(days=3),
        last_seen_at=START - timedelta(minutes=30),
    )
    with app.app_context():
        q3, q4 = db.session.get(Question, qids["q3"]), db.session.get(Question, qids["q4"])
        q4.source_id, q4.quote_start, q4.quote_end = q3.source_id, q3.quote_start, q3.quote_end
        kinds = [(None, "quiz", False), (2, "quiz", False), (2, "flashcard", False)]
        kinds += [(2, "quiz", True), (2, "cram", False), (None, "quiz", False)]
        for n, (state, mode, undone) in enumerate(kinds):
            yesterday = n == len(kinds) - 1
            db.session.add(
                ReviewLog(
                    user_id=user_id,
                    question_id=qids["q3"],
                    mode=mode,
                    form="choice",
                    correct=True,
                    reviewed_at=START - timedelta(days=1 if yesterday else 0, minutes=20 + n),
                    card_state=state,
                    client_token=f"t{n}",
                    undone=undone,
                )
            )
        db.session.commit()


def test_one_statement_reads_what_the_pool_counts_and_siblings_read(app, imported, qids, make_user):
    """The quiz's choice reads the pool, today's counts and today's siblings in one statement:
    the same candidates in the same order, the same counts and siblings as three reads."""
    user_id = make_user()
    _day_of_answers(app, user_id, qids)
    with app.app_context():
        user = db.session.get(User, user_id)
        start, _ = choosing.day_bounds(START, choosing.local_zone(user))
        reads = load_choice(user_id, Scope(), START, start)
        pool = load_pool(user_id, Scope(), START, ahead=True)
        assert list(reads.pool.candidates.items()) == list(pool.candidates.items())
        assert len(pool.candidates) == 4 and reads.pool.due == pool.due == {qids["q1"], qids["q2"]}
        limits = choosing.today(user, START)
        assert (reads.new_done, reads.reviews_done) == (limits.new_done, limits.reviews_done)
        assert (limits.new_done, limits.reviews_done) == (1, 2)
        siblings = answered_siblings(user_id, start)
        assert reads.answered_siblings == siblings and qids["q3"] in next(iter(siblings.values()))


def test_a_quiz_past_todays_review_limit_offers_no_review(app, imported, qids, make_user):
    """With the day's reviews used up (and no new questions allowed), the due review waits,
    though the pool read with every part holds it: only a card seen recently may come back."""
    from app.study_models import Card

    user_id = make_user(reviews_per_day=2, new_per_day=0)
    _day_of_answers(app, user_id, qids)
    with app.app_context():
        db.session.execute(update(Card).values(state=2))  # no learning card left
        user = db.session.get(User, user_id)
        db.session.commit()
        choice = choosing.choose_quiz(user, Scope(), START, random.Random(1))
        assert choice is not None and choice.question_id == qids["q3"], choice
        user.reviews_per_day = 3
        db.session.commit()
        choice = choosing.choose_quiz(user, Scope(), START, random.Random(1))
        assert choice is not None and choice.question_id == qids["q1"], choice


def _more_questions(app, qids: dict[str, int], count: int) -> list[int]:
    """The sample pack with `count` more questions, copies of q1 after it in pack order."""
    from sqlalchemy import inspect

    from app.models import Question

    with app.app_context():
        first = db.session.get(Question, qids["q1"])
        columns = [c.key for c in inspect(Question).column_attrs if c.key not in ("id",)]
        added = []
        for n in range(count):
            values = {key: getattr(first, key) for key in columns}
            values |= {"uid": f"extra{n}", "fact": f"extra{n}", "position": 10 + n}
            added.append(Question(**values))
        db.session.add_all(added)
        db.session.commit()
        return [question.id for question in added]


def test_a_random_order_is_each_learners_own_and_stays_put(
    app, imported, qids, make_user, monkeypatch
):
    from app.models import Pack, Question
    from app.packs.new_order import shuffle_rank
    from app.study_service import candidates

    extra = _more_questions(app, qids, 16)
    in_pack_order = [qids[uid] for uid in ("q1", "q2", "q3", "q4")] + extra
    learners = [make_user(f"r{n}@example.org") for n in range(3)]
    with app.app_context():
        db.session.get(Question, qids["q1"]).pack.new_order = "random"
        db.session.commit()
        monkeypatch.setattr(candidates, "NEW_SAMPLE", len(in_pack_order))
        candidates._pool_query.cache_clear()
        try:
            orders = [list(load_pool(user, Scope(), START).candidates) for user in learners]
            again = [list(load_pool(user, Scope(), START).candidates) for user in learners]
            reads = load_choice(learners[0], Scope(), START, START - timedelta(hours=1))
        finally:
            candidates._pool_query.cache_clear()
        assert again == orders and list(reads.pool.candidates) == orders[0]
        for user, order in zip(learners, orders, strict=True):
            # The database sorts by the same rank as the Python function.
            assert order == sorted(in_pack_order, key=lambda q, user=user: shuffle_rank(user, q))
            assert sorted(order) == sorted(in_pack_order) and order != in_pack_order
        assert len({tuple(order) for order in orders}) == len(learners)
        assert choosing.summary(db.session.get(User, learners[0]), START).new_orders == ("random",)
        assert db.session.scalars(db.select(Pack.new_order)).all() == ["random"]


def test_the_random_rank_is_fixed_per_pair_and_mixes_learners():
    from app.packs.new_order import SHUFFLE_MODULUS, shuffle_rank

    questions = range(1, 201)
    first = sorted(questions, key=lambda q: shuffle_rank(7, q))
    assert first == sorted(questions, key=lambda q: shuffle_rank(7, q))
    assert first != list(questions)
    # Not one order shifted: another learner's order is not a rotation of the first.
    second = sorted(questions, key=lambda q: shuffle_rank(8, q))
    start = second.index(first[0])
    assert second[start:] + second[:start] != first
    assert all(0 <= shuffle_rank(u, q) < SHUFFLE_MODULUS for u in (1, 10**9) for q in questions)
