"""Small helpers for showing questions: plain values for templates, intervals as words."""

from __future__ import annotations

import random
from datetime import timedelta

from app.models import Question
from app.packs.record import QuestionRecord

RATING_NAMES = {1: "Again", 2: "Hard", 3: "Good", 4: "Easy"}


def question_record(question: Question) -> QuestionRecord:
    """A shown question's content as plain values, through the one mapping between rows and
    questions (what grading and the highlighter read)."""
    return QuestionRecord.from_row(question)


def shown_rights(question: Question, token: str) -> list[str]:
    """A matching question's right-hand answers (extra wrong ones too), shuffled per page."""
    rights = sorted({str(pair["right"]) for pair in question.pairs or ()})
    random.Random(token).shuffle(rights)
    return rights


def shown_items(question: Question, token: str) -> list[str]:
    """An ordering question's items in a shuffled starting order that is never the answer."""
    items = [str(item["text"]) for item in question.items or ()]
    answer = list(items)
    shuffler = random.Random(token)
    for _ in range(10):
        shuffler.shuffle(items)
        if items != answer or len(items) < 2:
            break
    return items


def moved(order: list[str], move: str | None) -> list[str]:
    """The order after a "move" button ("3:up" or "0:down"); unchanged if it makes no sense."""
    if not move or ":" not in move:
        return order
    raw_index, direction = move.split(":", 1)
    if not raw_index.isdigit():
        return order
    index = int(raw_index)
    other = index - 1 if direction == "up" else index + 1 if direction == "down" else -1
    if not (0 <= index < len(order) and 0 <= other < len(order)):
        return order
    order = list(order)
    order[index], order[other] = order[other], order[index]
    return order


def interval_label(interval: timedelta) -> str:
    """A short interval for a rating button: "<1m", "10m", "3h", "4d", "2.5mo", "1.2y"."""
    minutes = interval.total_seconds() / 60
    if minutes < 1:
        return "<1m"
    if minutes < 60:
        return f"{round(minutes)}m"
    hours = minutes / 60
    if hours < 24:
        return f"{round(hours)}h"
    days = hours / 24
    if days < 30:
        return f"{round(days)}d"
    if days < 365:
        return f"{days / 30:.1f}mo"
    return f"{days / 365:.1f}y"


def interval_words(interval: timedelta) -> str:
    """The same interval for screen readers: "in 10 minutes", "in 4 days"."""
    label = interval_label(interval)
    if label == "<1m":
        return "in less than a minute"
    units = {"m": "minute", "h": "hour", "d": "day", "mo": "month", "y": "year"}
    number = label.rstrip("mohdy")
    unit = units[label[len(number) :]]
    return f"in {number} {unit}{'' if number == '1' else 's'}"
