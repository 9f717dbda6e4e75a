"""The pool's new sample costs the same in a pack of 200 questions as in one of 2,000.

A pack in pack order reads its first unseen questions through the (pack, position) index and
stops at the sample's size; before, every question of the pack was read and sorted, so a
choice took 5.8 ms at 1,000 questions and 23.7 ms at 10,000 (bench/README.md).
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import event, insert, select

from app.extensions import db
from app.models import Question
from app.study_service import candidates
from app.study_service.candidates import Scope, load_pool
from tests.learn.conftest import START


def _grow_pack(app, count: int) -> None:
    """Add `count` questions at the end of the sample pack (pack order)."""
    with app.app_context():
        model = db.session.scalars(select(Question).order_by(Question.position)).first()
        last = db.session.scalar(select(Question.position).order_by(Question.position.desc()))
        taken = db.session.scalar(select(db.func.count()).select_from(Question))
        columns = {
            column.key: getattr(model, column.key)
            for column in Question.__table__.columns
            if column.key not in {"id", "uid", "position"}
        }
        rows = [
            {**columns, "uid": f"grown{taken + n}", "position": last + 1 + n} for n in range(count)
        ]
        db.session.execute(insert(Question), rows)
        db.session.commit()


def _work_of_pool(app, user_id: int) -> int:
    """What reading the pool costs the database: SQLite's virtual-machine steps, or the rows
    PostgreSQL's plan reads from `questions` (EXPLAIN ANALYZE with fresh statistics, scans
    discouraged as on a large table)."""
    statements: list[tuple[str, Any]] = []

    def capture(_conn, _cursor, statement, parameters, *_args):
        statements.append((statement, parameters))

    with app.app_context():
        candidates._pool_query.cache_clear()
        event.listen(db.engine, "before_cursor_execute", capture)
        try:
            pool = load_pool(user_id, Scope(), START)
        finally:
            event.remove(db.engine, "before_cursor_execute", capture)
        assert len(pool.candidates) == candidates.NEW_SAMPLE
        (statement, parameters), *_ = statements
        raw = db.engine.raw_connection()
        try:
            if db.engine.dialect.name == "postgresql":
                cursor = raw.cursor()
                # Planner statistics, as autovacuum keeps them on a live database: without them
                # every table looks one row long and any plan will do.
                cursor.execute("ANALYZE")
                cursor.execute("SET enable_seqscan = off")
                cursor.execute("EXPLAIN (ANALYZE, FORMAT JSON) " + statement, parameters)
                return _rows_read(cursor.fetchone()[0], "questions")
            steps = [0]

            def count() -> int:
                steps[0] += 1
                return 0

            raw.driver_connection.set_progress_handler(count, 10)
            raw.cursor().execute(statement, parameters).fetchall()
            raw.driver_connection.set_progress_handler(None, 0)
            return steps[0]
        finally:
            raw.rollback()
            raw.close()


def _rows_read(plan: Any, table: str) -> int:
    """Rows PostgreSQL's nodes on `table` produced, over every loop, in an analysed plan."""
    if isinstance(plan, str):
        plan = json.loads(plan)
    if isinstance(plan, list):
        return sum(_rows_read(node, table) for node in plan)
    node = plan.get("Plan", plan)
    own = node.get("Actual Rows", 0) * node.get("Actual Loops", 1)
    rows = own if node.get("Relation Name") == table else 0
    return rows + sum(_rows_read(child, table) for child in node.get("Plans", []))


def test_the_new_sample_of_a_pack_in_pack_order_does_not_grow_with_the_pack(
    app, imported, make_user
):
    user_id = make_user()
    _grow_pack(app, 200)
    small = _work_of_pool(app, user_id)
    _grow_pack(app, 1800)
    large = _work_of_pool(app, user_id)
    assert large < 1.5 * small, (small, large)
