"""GIFT import and export: Moodle's plain-text question format, every construct in its docs."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from app.formats import gift_formats as formats
from app.formats.build import (
    choice_fields,
    matching_fields,
    numeric_fields,
    true_false_fields,
    typed_fields,
)
from app.formats.common import (
    DEFAULT_KIND,
    FormatError,
    Losses,
    LossNote,
    ParsedPack,
    Problem,
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
from app.formats.gift_blocks import split_blocks
from app.formats.gift_parse import GiftQuestion, parse_block
from app.formats.markup import sanitised
from app.formats.moodle_grades import invalid
from app.formats.moodle_media import without_media

_SPECIALS = re.compile(r"([\\~=#{}:])")
_BLANK = re.compile(r"_{3,}")
_FORMAT_TAG = re.compile(r"^\[(html|markdown|moodle|plain)\]", re.IGNORECASE)


def read(data: bytes | str, *, filename: str) -> ParsedPack:
    """Parse a GIFT file into a pack whose source is the file itself; FormatError lists problems."""
    text, notes = _decode(data, filename)
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
        uid = unique_id(question.idnumber or question.title, seen, number)
        entry = {"id": uid, **entry, "quote": span_quote(source, block.start, block.end)}
        if question.title and question.title != uid:
            entry["title"] = question.title[:255]
        if category:
            entry["category"] = category[:500]
        pack["questions"].append(entry)
    problems.raise_if_any()
    losses = Losses()
    for entry, (_, _, question) in zip(pack["questions"], parsed, strict=True):
        losses.add(entry["id"], "GIFT has no kind or quote: kind set to other, quote = entry")
        if question.idnumber and question.idnumber != entry["id"]:
            losses.add(entry["id"], "an [id:...] that is not a valid Quire id is kept as title")
            entry.setdefault("title", question.idnumber[:255])
        bad = invalid(entry.get("answers", []))
        if bad:
            losses.add(entry["id"], f"weights Moodle refuses ({', '.join(bad)}%) are kept")
    return finish(pack, filename, [*notes, *losses.notes()])


def _decode(data: bytes | str, filename: str) -> tuple[str, list[LossNote]]:
    """UTF-8, or Windows-1252 as Moodle reads older GIFT files when told (noted as a loss)."""
    try:
        return decode_text(data, filename), []
    except FormatError:
        if isinstance(data, str):
            raise
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            raise FormatError([Problem(filename, "(file)", "expected UTF-8 text")]) from None
        return text, [LossNote("(file)", "not UTF-8: read as Windows-1252; check accents")]


def _question(q: GiftQuestion, problems: Problems) -> dict[str, Any]:
    text_format = formats.resolve(q)
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
    if text_format:
        out["text_format"] = text_format
    out["explanation"] = q.general
    if q.tags:
        out["tags"] = list(dict.fromkeys(t[:64] for t in q.tags))
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
        question = without_media(question, losses, "GIFT")
        if question.get("category") != category and question.get("category"):
            category = question["category"]
            lines += [f"$CATEGORY: {escape(category)}", ""]
        lines += [_write_question(question, losses), ""]
        _note_losses(question, losses)
    return "\n".join(lines), losses.notes()


def _write_question(q: Mapping[str, Any], losses: Losses) -> str:
    fmt = q.get("text_format")
    if fmt == "html":  # LMSs run what they import: only what Quire itself shows goes out
        q = sanitised(q)
    head = _id_and_tags(q) + f"::{escape(q.get('title') or q['id'])}::"
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
    bad = invalid(q.get("answers", [])) if qtype not in ("matching", "ordering") else []
    if bad:
        losses.add(q["id"], f"weights Moodle refuses ({', '.join(bad)}%): Moodle stops the import")
    return f"{head}{prompt} {{{body}{general}}}"


def _id_and_tags(q: Mapping[str, Any]) -> str:
    """Moodle's comment line with the question's id and tags ("// [id:x] [tag:y]")."""
    bits = ["[id:" + q["id"].replace("]", "\\]") + "]"]
    bits += ["[tag:" + t.replace("]", "\\]") + "]" for t in q.get("tags", [])]
    return "// " + " ".join(bits) + "\n"


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
    feedback = f"#{escape(answer['feedback'])}" if answer.get("feedback") else ""
    if answer["text"] == "*" and "min" not in answer:  # Moodle writes its catch-all so
        return "~" + (feedback or "#")
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
    losses.add(q["id"], "GIFT has no quote, source, kind, difficulty or quality")
    if q.get("correction"):
        losses.add(q["id"], "GIFT has no correction for false statements: dropped")
