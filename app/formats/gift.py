"""GIFT import and export: Moodle's plain-text question format, every construct in its docs."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from app.formats.build import (
    choice_fields,
    matching_fields,
    numeric_fields,
    true_false_fields,
    typed_fields,
)
from app.formats.common import (
    DEFAULT_KIND,
    Losses,
    ParsedPack,
    Problems,
    answers_of,
    decode_text,
    empty_pack,
    file_source,
    finish,
    fmt_number,
    span_quote,
    unique_id,
    weight_of,
)
from app.formats.gift_parse import GiftQuestion, parse_block, split_blocks

_SPECIALS = re.compile(r"([\\~=#{}:])")
_BLANK = re.compile(r"_{3,}")
_FORMAT_TAG = re.compile(r"^\[(html|markdown|moodle|plain)\]", re.IGNORECASE)


def read(data: bytes | str, *, filename: str) -> ParsedPack:
    """Parse a GIFT file into a pack whose source is the file itself; FormatError lists problems."""
    text = decode_text(data, filename)
    problems = Problems(filename)
    blocks = split_blocks(text, problems)
    parsed = [(category, block, parse_block(block, problems)) for category, block in blocks]
    if not blocks and not problems.items:
        problems.add("(file)", "expected at least one question, got none")
    problems.raise_if_any()
    pack = empty_pack(filename)
    source = file_source(text, filename)
    pack["sources"].append(source)
    seen: set[str] = set()
    for number, (category, block, question) in enumerate(parsed, start=1):
        assert question is not None  # every block parsed, or problems were raised above
        entry = _question(question, problems)
        uid = unique_id(question.title, seen, number)
        entry = {"id": uid, **entry, "quote": span_quote(source, block.start, block.end)}
        if question.title and question.title != uid:
            entry["title"] = question.title[:255]
        if category:
            entry["category"] = category[:500]
        pack["questions"].append(entry)
    problems.raise_if_any()
    losses = Losses()
    for entry in pack["questions"]:
        losses.add(entry["id"], "GIFT has no kind, tags or quote: kind set to other, quote = entry")
    return finish(pack, filename, losses.notes())


def _question(q: GiftQuestion, problems: Problems) -> dict[str, Any]:
    out: dict[str, Any] = {"type": q.kind, "kind": DEFAULT_KIND, "prompt": q.prompt, "answer": ""}
    if q.kind in ("choice", "short", "numeric") and not any(weight_of(a) > 0 for a in q.answers):
        problems.add(q.line, "expected at least one right answer ('=' or a positive %weight%)")
        return out
    if q.kind == "truefalse":
        feedback = {a["text"]: a.get("feedback", "") for a in q.answers}
        out.update(true_false_fields(q.truth, feedback))
    elif q.kind == "choice":
        out.update(choice_fields(q.answers, single=q.truth == "single"))
    elif q.kind == "matching":
        pairs = [tuple(s.strip() for s in a["text"].split("->", 1)) for a in q.answers]
        out.update(matching_fields(pairs))
    elif q.kind == "short":
        out.update(typed_fields(q.answers, q.prompt))
    elif q.kind == "numeric":
        out.update(numeric_fields(q.answers))
    if q.text_format:
        out["text_format"] = q.text_format
    out["explanation"] = q.general
    return out


def escape(text: str) -> str:
    """Escape GIFT's special characters and line breaks in authored text."""
    return (
        _SPECIALS.sub(r"\\\1", text)
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
        .replace("\r", "\\n")
    )


def write(pack: Mapping[str, Any]) -> str:
    """The pack as a GIFT file."""
    return write_report(pack)[0]


def write_report(pack: Mapping[str, Any]) -> tuple[str, list]:
    """The pack as a GIFT file, and notes on what GIFT could not hold."""
    losses = Losses()
    lines = [f"// {line}" for line in str(pack.get("title", "")).splitlines()] + [""]
    category = None
    for question in pack["questions"]:
        if question.get("category") != category and question.get("category"):
            category = question["category"]
            lines += [f"$CATEGORY: {escape(category)}", ""]
        lines += [_write_question(question, losses), ""]
        _note_losses(question, losses)
    return "\n".join(lines), losses.notes()


def _write_question(q: Mapping[str, Any], losses: Losses) -> str:
    head = f"::{escape(q.get('title') or q['id'])}::"
    fmt = q.get("text_format")
    if fmt:
        head += f"[{fmt}]"
    elif _FORMAT_TAG.match(q["prompt"]):
        head += "[plain]"  # otherwise a prompt starting with "[html]" would read as a format tag
    qtype, prompt = q["type"], escape(q["prompt"])
    general = f"####{escape(q['explanation'])}" if q.get("explanation") else ""
    if qtype == "description":
        if q.get("explanation"):
            losses.add(q["id"], "GIFT descriptions have no feedback: explanation dropped")
        return head + prompt
    if qtype == "essay":
        body = ""
    elif qtype == "true_false":
        body = _true_false(q)
    elif qtype == "matching":
        body = " ".join(f"={escape(p['left'])} -> {escape(p['right'])}" for p in q["pairs"])
    elif qtype == "ordering":
        losses.add(q["id"], "GIFT has no ordering type: written as matching items to positions")
        body = " ".join(f"={escape(it['text'])} -> {n}" for n, it in enumerate(q["items"], 1))
    elif qtype == "numeric":
        body = "#" + " ".join(_numeric(a) for a in q["answers"])
    else:
        body = " ".join(_choice(q, a) for a in answers_of(q))
    return f"{head}{prompt} {{{body}{general}}}"


def _true_false(q: Mapping[str, Any]) -> str:
    feedback = {a["text"]: a.get("feedback", "") for a in q.get("answers", [])}
    truth = q["answer"]
    wrong = feedback.get("False" if truth == "True" else "True", "")
    right = feedback.get(truth, "")
    tail = (f"#{escape(wrong)}" + (f"#{escape(right)}" if right else "")) if wrong or right else ""
    return ("TRUE" if truth == "True" else "FALSE") + tail


def _choice(q: Mapping[str, Any], answer: Mapping[str, Any]) -> str:
    weight = weight_of(answer)
    single = q["type"] != "multiple_response" or q.get("single", False)
    if q["type"] in ("cloze", "short_answer"):
        marker = "=" if weight == 100 else f"=%{fmt_number(weight)}%"
    elif single and weight == 100:
        marker = "="
    else:
        marker = "~" if weight == 0 and single else f"~%{fmt_number(weight)}%"
    feedback = f"#{escape(answer['feedback'])}" if answer.get("feedback") else ""
    return marker + escape(answer["text"]) + feedback


def _numeric(answer: Mapping[str, Any]) -> str:
    weight = weight_of(answer)
    marker = "=" if weight == 100 else f"=%{fmt_number(weight)}%"
    if "min" in answer:
        value = f"{fmt_number(answer['min'])}..{fmt_number(answer['max'])}"
    else:
        value = escape(answer["text"])
        if answer.get("tolerance"):
            value += f":{fmt_number(answer['tolerance'])}"
    feedback = f"#{escape(answer['feedback'])}" if answer.get("feedback") else ""
    return marker + value + feedback


def _note_losses(q: Mapping[str, Any], losses: Losses) -> None:
    losses.add(q["id"], "GIFT has no quote, source, kind, tags, difficulty or quality")
    if q.get("correction"):
        losses.add(q["id"], "GIFT has no correction for false statements: dropped")
    if q.get("title") and q["title"] != q["id"]:
        losses.add(q["id"], "GIFT has one name per question: the title is kept, the id is not")
