"""How a question is shown to whoever answers it, in self-study and in class alike.

One builder for the prompt and the choices: the quiz page (`learn`), the student's class screen
and the class's live poll (`classroom`) all show a question through `shown_question`, so its
prompt, its choices, their order rule and their media are the same wherever it is answered.
Plain code: it reads the question's columns (or the values a cached row holds) and never the
database or the request.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from app.sanitize import authored

# A true/false question always offers these two, in this order (never shuffled).
TRUE_FALSE = ("True", "False")


@dataclass(frozen=True)
class ShownChoice:
    """One choice as shown: its place in the question's stored choices (what a class answer
    sends), its text (what a quiz answer sends and grading reads) and its HTML."""

    index: int
    text: str
    html: Markup


@dataclass(frozen=True)
class ShownQuestion:
    """A question as shown: its id, its prompt and its choices (in the order shown) as HTML."""

    id: int
    prompt_html: Markup
    choices: list[ShownChoice]

    def payload(self) -> dict[str, Any]:
        """The prompt and choices as JSON, from which a page's script builds the same form (the
        class's live poll)."""
        return {
            "prompt_html": str(self.prompt_html),
            "choices": [[choice.index, str(choice.html)] for choice in self.choices],
        }


def offered_choices(question_type: str, choices: Sequence[str] | None) -> list[str]:
    """The answers a question offers to choose from: its stored choices (True and False for a
    true/false question that stores none); a class answer's choice index points into these."""
    listed = list(choices or ())
    if question_type == "true_false" and not listed:
        return list(TRUE_FALSE)
    return listed


def choice_order(question_type: str, choices: Sequence[str], seed: str) -> list[tuple[int, str]]:
    """The choices in the order shown, each with its index in `choices`: shuffled by `seed`
    (the same seed gives the same order, in any process), True before False for true/false."""
    if question_type == "true_false":
        listed = list(choices)
        return [
            (listed.index(text) if text in listed else n, text) for n, text in enumerate(TRUE_FALSE)
        ]
    order = list(range(len(choices)))
    # A string seed is hashed with SHA-512 by random.Random, so it is stable across processes.
    random.Random(seed).shuffle(order)
    return [(index, choices[index]) for index in order]


def shown_question(
    question_id: int,
    question_type: str,
    prompt: str,
    choices: Sequence[str] | None,
    text_format: str | None,
    seed: str,
    *,
    with_choices: bool = True,
) -> ShownQuestion:
    """The question's prompt and choices as shown for this `seed` (`with_choices` False: asked
    to be typed, so no choices); authored text as sanitised HTML whose media files point at the
    question's served URLs."""

    def html(text: str) -> Markup:
        return authored(text, text_format, question_id)

    listed = offered_choices(question_type, choices) if with_choices else []
    ordered = choice_order(question_type, listed, seed)
    return ShownQuestion(
        question_id,
        html(prompt),
        [ShownChoice(index, text, html(text)) for index, text in ordered],
    )
