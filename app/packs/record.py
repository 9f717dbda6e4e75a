"""One question, one shape: the typed record between pack-format dicts and question rows.

Every path that turns a question from one form into another goes through `QuestionRecord`: the
importer and upload generation (pack dict or generated question to row), the pack writer and
authoring's exports and schema check (row to pack dict), the API and versions (row to plain
values). A field added to the format is added here once. Plain code: a row is anything with
the question columns as attributes, so this module never imports the database.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from typing import Any

from app.generation.types import Question as GeneratedQuestion
from app.packs.format import _question_dict

# The content columns of a question row, beside its uid (ids, pack, position, review state and
# timestamps belong to the row, not to the question's content).
CONTENT_COLUMNS = (
    "fact", "group", "type", "kind", "title", "prompt", "answer", "choices", "accept", "items",
    "answers", "pairs", "single", "correction", "source_id", "quote_start", "quote_end",
    "quote_text", "explanation", "difficulty", "quality", "tags", "text_format", "category",
)  # fmt: skip
_LISTS = ("choices", "accept", "items", "answers", "pairs", "tags")


@dataclass(frozen=True)
class QuestionRecord:
    """A question's content, as the pack format and the `questions` table both hold it."""

    uid: str
    type: str
    kind: str
    prompt: str
    answer: str
    source_id: str
    quote_start: int
    quote_end: int
    quote_text: str
    explanation: str = ""
    fact: str = ""
    # The sibling group: questions from one sentence, which study keeps apart ("" for none).
    group: str = ""
    choices: list[str] = field(default_factory=list)
    accept: list[str] = field(default_factory=list)
    items: list[dict[str, Any]] = field(default_factory=list)
    answers: list[dict[str, Any]] = field(default_factory=list)
    pairs: list[dict[str, Any]] = field(default_factory=list)
    single: bool | None = None
    correction: str | None = None
    difficulty: float | None = None
    quality: float | None = None
    tags: list[str] = field(default_factory=list)
    title: str | None = None
    category: str | None = None
    text_format: str | None = None

    @classmethod
    def from_pack(cls, entry: Mapping[str, Any]) -> QuestionRecord:
        """A question of a (validated) pack dict."""
        quote = entry["quote"]
        return cls(
            uid=entry["id"],
            fact=entry.get("fact", ""),
            group=entry.get("group", ""),
            type=entry["type"],
            kind=entry["kind"],
            prompt=entry["prompt"],
            answer=entry["answer"],
            choices=list(entry.get("choices", [])),
            accept=list(entry.get("accept", [])),
            items=list(entry.get("items", [])),
            correction=entry.get("correction"),
            source_id=quote["source"],
            quote_start=quote["start"],
            quote_end=quote["end"],
            quote_text=quote["text"],
            explanation=entry["explanation"],
            difficulty=entry.get("difficulty"),
            quality=entry.get("quality"),
            tags=list(entry.get("tags", [])),
            # Fields of the formats Quire imports (GIFT, Moodle XML, CSV...).
            answers=list(entry.get("answers", [])),
            pairs=list(entry.get("pairs", [])),
            single=entry.get("single"),
            title=entry.get("title"),
            category=entry.get("category"),
            text_format=entry.get("text_format"),
        )

    @classmethod
    def from_generated(cls, question: GeneratedQuestion, uid: str | None = None) -> QuestionRecord:
        """A question the generator made (under `uid`, else its own id)."""
        entry = _question_dict(question)
        return cls.from_pack(entry | ({"id": uid} if uid else {}))

    @classmethod
    def from_row(cls, row: Any, uid: str | None = None) -> QuestionRecord:
        """A question row (or any object, or mapping, with the question columns)."""
        get = row.get if isinstance(row, Mapping) else lambda name: getattr(row, name, None)
        values: dict[str, Any] = {"uid": uid if uid is not None else get("uid")}
        for name in CONTENT_COLUMNS:
            value = get(name)
            if name in _LISTS:
                value = list(value or ())
            elif value is None and name in ("fact", "group", "explanation", "answer"):
                value = ""
            values[name] = value
        return cls(**values)

    def to_row(self) -> dict[str, Any]:
        """The row's column values: `Question(**record.to_row(), pack_id=..., position=...)`."""
        out = {item.name: getattr(self, item.name) for item in fields(self)}
        return out | {name: list(out[name]) for name in _LISTS}

    def to_pack(self) -> dict[str, Any]:
        """The question as a pack-format dict, in the schema's field order."""
        out: dict[str, Any] = {"id": self.uid}
        if self.fact:
            out["fact"] = self.fact
        if self.group:
            out["group"] = self.group
        out.update(type=self.type, kind=self.kind, prompt=self.prompt, answer=self.answer or "")
        for name in ("choices", "accept", "items"):
            if getattr(self, name):
                out[name] = list(getattr(self, name))
        if self.correction:
            out["correction"] = self.correction
        out["quote"] = {
            "source": self.source_id,
            "start": self.quote_start,
            "end": self.quote_end,
            "text": self.quote_text,
        }
        out["explanation"] = self.explanation or ""
        for name in ("difficulty", "quality"):
            if getattr(self, name) is not None:
                out[name] = round(float(getattr(self, name)), 4)
        if self.tags:
            out["tags"] = list(self.tags)
        for name in ("title", "category", "text_format"):
            if getattr(self, name):
                out[name] = getattr(self, name)
        if self.single is not None:
            out["single"] = bool(self.single)
        for name in ("answers", "pairs"):
            if getattr(self, name):
                out[name] = [dict(entry) for entry in getattr(self, name)]
        return out
