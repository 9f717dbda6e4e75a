"""An answer's writes on PostgreSQL as one statement: skill, statistics, card and log row.

On PostgreSQL each statement is a round trip to the server, and the scripted study step is
bound by them rather than by the server's work: the learner's skill, the question's statistics,
the card and the log row took four. Data-modifying WITH clauses run them as one, with the same
guards as `answer_rows` (the skill by its answer count, the card by when it was last seen): the
log row is selected from the rows the guarded writes return, so when either guard fails no log
row is stored and none comes back (RowsChanged; the caller rolls the whole answer back and
redoes its step). A unique constraint (a repeated page, a first answer crossing another) fails
the statement as it failed the separate writes. SQLite has no writes inside WITH, and keeps
`answer_rows`' statements.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from sqlalchemy import bindparam, exists, insert, select

from app.study.answering import Outcome
from app.study.learner import LearnerState
from app.study_models import Card, ItemStat, LearnerSkill, ReviewLog
from app.study_service import answer_rows
from app.study_service.answer_rows import Read, RowsChanged, item_share_values, show_stored
from app.study_service.rows import learner_columns


def store_answer(
    card: Card | None,
    before: Read | None,
    outcome: Outcome,
    card_values: dict[str, Any],
    log_values: dict[str, Any],
    connection: Any,
) -> tuple[int, int]:
    """Write the learner's skill and the question's share as the step's `outcome` has them
    (unless `before` is None: a cram answer changes neither), the card (`card_values`, inserted
    when `card` is None) and the log row (`log_values`, without its card id), in one statement
    on `connection`; returns the log row's id and card id. Raises RowsChanged when the skill or
    the card changed since read."""
    user_id, question_id = log_values["user_id"], log_values["question_id"]
    skill = None if before is None else before.has_skill
    params: dict[str, Any] = {f"log_{name}": value for name, value in log_values.items()}
    params |= {f"card_{name}": value for name, value in card_values.items()}
    params |= {"answer_user": user_id, "answer_question": question_id}
    if card is not None:
        params |= {"card_key": card.id, "seen_before": card.last_seen_at}
    if before is not None:
        learned = learner_columns(outcome.learner)
        params |= {f"skill_{name}": value for name, value in learned.items()}
        params |= {"answered_before": before.learner.answered}
        params |= item_share_values(before, outcome.item_difficulty, outcome.item_memory)
    statement = _statement(skill, card is not None, tuple(card_values), tuple(log_values))
    stored = connection.execute(statement, params).first()
    if stored is None:
        raise RowsChanged(user_id)
    if card is not None:
        show_stored(card, card_values)
    return stored.id, stored.card_id


@cache
def _statement(
    skill: bool | None,
    card_exists: bool,
    card_columns: tuple[str, ...],
    log_columns: tuple[str, ...],
) -> Any:
    # Built once per kind of answer (skill row or not, card or not, cram or not); every value
    # is a bound parameter named after its table, none after a column (an update would set
    # it).
    guards = []
    extra = []
    if skill is not None:
        learning = _skill_write(skill)
        guards.append(exists(select(learning.c.user_id)))
        extra.append(_item_share())
    card = _card_write(card_exists, card_columns)
    log = ReviewLog.__table__
    # Typed (psycopg's binds carry a cast), so that a NULL is not taken for text.
    values = [bindparam(f"log_{name}", type_=log.c[name].type).label(name) for name in log_columns]
    rows = select(*values, card.c.id.label("card_id")).select_from(card).where(*guards)
    write = insert(log).from_select([*log_columns, "card_id"], rows)
    if extra:
        write = write.add_cte(*extra)
    # The log row's id and card id back: none when a guard stopped the write.
    return write.returning(log.c.id, log.c.card_id)


def _skill_write(exists_already: bool) -> Any:
    values = {name: bindparam(f"skill_{name}") for name in _skill_columns()}
    if exists_already:
        write = answer_rows.guarded_skill_update().values(values)
    else:
        write = answer_rows.first_skill(True).values(user_id=bindparam("answer_user"), **values)
    return write.returning(LearnerSkill.__table__.c.user_id).cte("skill")


def _skill_columns() -> tuple[str, ...]:
    return tuple(learner_columns(LearnerState()))


def _item_share() -> Any:
    table = ItemStat.__table__
    return answer_rows.item_share(True).returning(table.c.question_id).cte("item")


def _card_write(card_exists: bool, columns: tuple[str, ...]) -> Any:
    table = Card.__table__
    values = {name: bindparam(f"card_{name}") for name in columns}
    if card_exists:
        write = answer_rows.guarded_card_update().values(values)
    else:
        write = insert(table).values(
            user_id=bindparam("answer_user"), question_id=bindparam("answer_question"), **values
        )
    return write.returning(table.c.id).cte("card")
