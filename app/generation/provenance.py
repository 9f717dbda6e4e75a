"""A prompt that never names what its text is about, given the text's title.

A sentence of an article on Angola rarely says "Angola" ("From 1764 onwards, there was a gradual
change from a slave-based society ..."), a news story's sentence rarely names its story
("According to WHO, there were 3,248 cases ..."): shown alone, the prompt has lost what it
speaks of, the reason judges gave most often (tuning labels: "Angola is never named", "the
disease (plague) is never named"). Where the prompt shares no name with the text's title (a
common noun, "the telescope", "the economy", only points at what the title names), the
title is written into it as provenance ("Fill in the blank (from “Economy of Angola”): ...");
that states where the sentence comes from, not what it is about, so it is true whatever the
sentence's subject. Not where the title would print an answer of its text, nor for a title
that is a file's name or too long to read as one.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import replace

from spacy.lang.en.stop_words import STOP_WORDS

from app.generation.mentions import normalise
from app.generation.topic import title_name
from app.generation.types import CLOZE, INSTRUCTION, Question

MAX_TITLE_WORDS = 14
CLOZE_OPENING = "Fill in the blank:"
_FILE_NAME = re.compile(r"^\S+\.(?:txt|md|markdown|html?|pdf|docx?|rtf|odt)$", re.I)
_WORD = re.compile(r"[^\W_]+")
_STEM = 5  # "Angolan" names Angola: a word opening on its first five letters (or all four)


def title_label(title: str) -> str | None:
    """The title as a prompt may quote it; None for a file's name or one too long to read."""
    label = title_name(title).strip()
    words = label.split()
    if not words or len(words) > MAX_TITLE_WORDS or _FILE_NAME.match(label):
        return None
    if not any(c.isalpha() for c in label) or "“" in label or "”" in label:
        return None
    return label


def _content_words(text: str, names_only: bool = False) -> set[str]:
    return {
        w.lower()
        for w in _WORD.findall(text)
        if len(w) > 2 and w.lower() not in STOP_WORDS and (w[0].isupper() or not names_only)
    }


def names_its_text(prompt: str, label: str) -> bool:
    """Whether the prompt shares with the title a word it writes as a name ("Angolan",
    "Iranians" name Angola, Iran); a common noun only points at it ("the telescope" of
    "Gigantic Chinese telescope opens ...", "the economy" of "Economy of Angola")."""
    said = _content_words(prompt, names_only=True)
    for word in _content_words(label):
        stem = word[:_STEM]
        if word in said or (len(stem) >= 4 and any(w.startswith(stem) for w in said)):
            return True
    return False


def with_provenance(question: Question, label: str) -> Question:
    """The question with its text's title written into the prompt."""
    prompt = question.prompt
    if question.type == CLOZE and prompt.startswith(CLOZE_OPENING):
        rest = prompt[len(CLOZE_OPENING) :]
        return replace(question, prompt=f"Fill in the blank (from “{label}”):{rest}")
    return replace(question, prompt=f"From “{label}”: {prompt}")


def provenanced(questions: Iterable[Question], titles: Mapping[str, str]) -> list[Question]:
    """The questions, each whose prompt shares no word with its text's title given the title;
    none whose title prints an answer of a question from the same text."""
    questions = list(questions)
    answers: dict[str, set[str]] = defaultdict(set)
    for q in questions:
        answers[q.quote.source].add(normalise(q.answer))
    labels: dict[str, str] = {}
    for source, forms in answers.items():
        label = title_label(titles.get(source, ""))
        spoken = f" {normalise(label)} " if label else ""
        if label and not any(f" {a} " in spoken for a in forms if a):
            labels[source] = label
    out = []
    for q in questions:
        label = labels.get(q.quote.source)
        body = INSTRUCTION.sub("", q.prompt)
        out.append(with_provenance(q, label) if label and not names_its_text(body, label) else q)
    return out
