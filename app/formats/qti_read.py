"""QTI 1.2 import: the zip Canvas exports (Classic and New Quizzes), parsed with defusedxml.

Each assessment XML named in imsmanifest.xml (or, without a manifest, each XML file holding a
<questestinterop>) becomes a pack source, and each <item> a question quoting its own XML.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
import zipfile
from io import BytesIO
from typing import Any
from urllib.parse import unquote

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from app import media
from app.formats.build import choice_fields, matching_fields, numeric_fields, typed_fields
from app.formats.common import (
    DEFAULT_KIND,
    FormatError,
    Losses,
    ParsedPack,
    Problem,
    Problems,
    empty_pack,
    file_source,
    finish,
    fmt_number,
    span_quote,
    unique_id,
)
from app.formats.markup import clean_html, plain

MAX_UNPACKED = 256 * 1024 * 1024
_ITEM = re.compile(r"<item\b.*?</item>", re.DOTALL)
SKIPPED = (
    "file_upload_question", "categorization_question", "calculated_question",
    "fill_in_multiple_blanks_question", "multiple_dropdowns_question", "ordering_question",
    "hot_spot_question", "formula_question",
)  # fmt: skip


def read(data: bytes | str, *, filename: str) -> ParsedPack:
    """Read a QTI 1.2 zip (Canvas's export); FormatError lists every problem found."""
    if isinstance(data, str) or not zipfile.is_zipfile(BytesIO(data)):
        raise FormatError([Problem(filename, "(file)", "expected a QTI zip, got text")])
    problems, losses = Problems(filename), Losses()
    with zipfile.ZipFile(BytesIO(data)) as archive:
        if sum(info.file_size for info in archive.infolist()) > MAX_UNPACKED:
            message = f"expected a zip under {MAX_UNPACKED >> 20} MiB unpacked"
            raise FormatError([Problem(filename, "(file)", message)])
        files = {name: archive.read(name) for name in _assessments(archive, problems)}
    pack = empty_pack(filename)
    seen: set[str] = set()
    for name, raw in files.items():
        text = raw.decode("utf-8", errors="replace").removeprefix("\ufeff")
        root = _parse(raw, f"{filename}/{name}", problems)
        if root is None:
            continue
        source = file_source(text, name)
        spans = [m.span() for m in _ITEM.finditer(text)]
        items = [e for e in root.iter() if _tag(e) == "item"]
        assessment = next((e for e in root.iter() if _tag(e) == "assessment"), None)
        category = assessment.get("title") if assessment is not None else None
        if category and pack["title"] == empty_pack(filename)["title"]:
            pack["title"] = category[:200]
        used = False
        for number, (item, span) in enumerate(zip(items, spans, strict=False), start=1):
            where = f"{name} item {number} ({item.get('title', '')})"
            fields = _question(item, where, problems, losses)
            if fields is None:
                continue
            uid = unique_id(item.get("ident"), seen, len(pack["questions"]) + 1)
            entry = {"id": uid, "kind": DEFAULT_KIND, **fields}
            entry["quote"] = span_quote(source, *span)
            if item.get("title") and item.get("title") != uid:
                entry["title"] = item.get("title")[:255]
            if category and len(files) > 1:
                entry["category"] = category[:500]
            pack["questions"].append(entry)
            used = True
        if used:
            pack["sources"].append(source)
    if not pack["questions"] and not problems.items:
        skipped = "; ".join(n.message for n in losses.notes() if "not supported" in n.message)
        problems.add("(file)", f"expected at least one supported QTI item, got {skipped or 'none'}")
    problems.raise_if_any()
    for entry in pack["questions"]:
        losses.add(entry["id"], "QTI has no kind or quote: kind other, quote = the item's XML")
    return finish(pack, filename, losses.notes())


def _assessments(archive: zipfile.ZipFile, problems: Problems) -> list[str]:
    names = archive.namelist()
    if "imsmanifest.xml" in names:
        manifest = _parse(archive.read("imsmanifest.xml"), "imsmanifest.xml", problems)
        if manifest is not None:
            found = [
                f.get("href", "")
                for r in manifest.iter()
                if _tag(r) == "resource" and "qti" in r.get("type", "")
                for f in r
                if _tag(f) == "file"
            ]
            found = [n for n in found if n in names]
            if found:
                return found
    return [
        n for n in names
        if n.endswith(".xml") and b"questestinterop" in archive.read(n)[:2000]
    ]  # fmt: skip


def _parse(raw: bytes, name: str, problems: Problems) -> ET.Element | None:
    try:
        return fromstring(raw, forbid_dtd=True)
    except DefusedXmlException:
        problems.add(name, "expected XML without DTDs, entities or external references")
    except ET.ParseError as exc:
        problems.add(name, f"expected well-formed XML, got {exc}")
    return None


def _tag(element: ET.Element) -> str:
    return element.tag.rsplit("}", 1)[-1]


def _kids(element: ET.Element | None, tag: str) -> list[ET.Element]:
    return [e for e in element.iter() if _tag(e) == tag] if element is not None else []


def _first(element: ET.Element | None, tag: str) -> ET.Element | None:
    found = _kids(element, tag)
    return found[0] if found else None


def _material(element: ET.Element | None) -> tuple[str, bool]:
    """The text of the first <mattext> under element, and whether it is HTML."""
    node = _first(element, "mattext")
    if node is None:
        return "", False
    return (node.text or "").strip(), "html" in (node.get("texttype") or "")


def _metadata(item: ET.Element) -> dict[str, str]:
    out = {}
    for field in _kids(item, "qtimetadatafield"):
        label, entry = _first(field, "fieldlabel"), _first(field, "fieldentry")
        if label is not None and entry is not None:
            out[(label.text or "").strip()] = (entry.text or "").strip()
    return out


def _feedback(item: ET.Element) -> dict[str, str]:
    out = {}
    for node in _kids(item, "itemfeedback"):
        text, is_html = _material(node)
        out[node.get("ident", "")] = clean_html(text) if is_html else text
    return out


def _right(item: ET.Element) -> list[tuple[str, str]]:
    """(response ident, value) pairs that score: varequal in a condition that sets a score,
    leaving out those under <not>."""
    out = []
    for condition in _kids(item, "respcondition"):
        setvar = _first(condition, "setvar")
        if setvar is None or float((setvar.text or "0").strip() or 0) <= 0:
            continue
        negated = {id(e) for n in _kids(condition, "not") for e in n.iter()}
        for equal in _kids(condition, "varequal"):
            if id(equal) not in negated:
                out.append((equal.get("respident", ""), (equal.text or "").strip()))
    return out


def _question(
    item: ET.Element, where: str, problems: Problems, losses: Losses
) -> dict[str, Any] | None:
    qtype = _metadata(item).get("question_type", "")
    presentation = _first(item, "presentation")
    material = (
        next((e for e in presentation if _tag(e) == "material"), None) if presentation else None
    )
    prompt, is_html = _material(material)
    if is_html:
        prompt = _IMAGE.sub(lambda m: _image_loss(m, where, losses), prompt)
    prompt = clean_html(prompt) if is_html else prompt
    feedback = _feedback(item)
    out: dict[str, Any] = {"prompt": prompt or "(no text)", "answer": ""}
    if is_html:
        out["text_format"] = "html"
    out["explanation"] = feedback.get("general_fb", "")
    if feedback.get("correct_fb") or feedback.get("general_incorrect_fb"):
        losses.add(where, "right/wrong feedback kept only as the general feedback's absence")
    if qtype in SKIPPED or not qtype:
        losses.add(where, f"question type {qtype or 'unknown'!r} is not supported: skipped")
        return None
    if qtype in ("essay_question", "text_only_question"):
        return out | {"type": "essay" if qtype == "essay_question" else "description"}
    right = _right(item)
    if qtype in ("multiple_choice_question", "true_false_question", "multiple_answers_question"):
        labels = [
            (label.get("ident", ""), _choice_text(label, is_html))
            for label in _kids(presentation, "response_label")
        ]
        good = {value for _, value in right}
        if not good & {ident for ident, _ in labels}:
            problems.add(where, "expected a right choice in the scoring, got none")
            return None
        multiple = qtype == "multiple_answers_question"
        share = 100 / len(good) if multiple else 100
        answers = [
            {"text": text, "weight": share if ident in good else 0,
             **({"feedback": feedback[f"{ident}_fb"]} if feedback.get(f"{ident}_fb") else {})}
            for ident, text in labels
        ]  # fmt: skip
        texts = [plain(a["text"]) for a in answers]
        if qtype == "true_false_question" and sorted(texts) == ["False", "True"]:
            truth = texts[next(i for i, a in enumerate(answers) if a["weight"] == 100)]
            return out | {"type": "true_false", "answer": truth, "choices": ["True", "False"]}
        return out | choice_fields(answers, single=not multiple)
    if qtype == "short_answer_question":
        answers = [{"text": value, "weight": 100} for _, value in right if value]
        if not answers:
            problems.add(where, "expected at least one accepted answer, got none")
            return None
        return out | typed_fields(answers, prompt)
    if qtype == "numerical_question":
        return _numerical(item, out, where, problems)
    if qtype == "matching_question":
        return _matching(presentation, right, out, where, problems)
    losses.add(where, f"question type {qtype!r} is not supported: skipped")
    return None


_IMAGE = re.compile(r"<img\b[^>]*?src=[\"']([^\"']+)[\"'][^>]*>", re.IGNORECASE)


def _image_loss(match: re.Match[str], where: str, losses: Losses) -> str:
    """An image of the item's text named in a loss note; its alt text stays in brackets."""
    name = unquote(match.group(1).rsplit("/", 1)[-1].split("?")[0])
    losses.add(where, f"image {name!r} not kept: files of QTI packages are not read")
    alt = media.ALT.search(match.group(0))
    return f"[{(alt.group(1) if alt else '') or name}]"


def _choice_text(label: ET.Element, question_html: bool) -> str:
    text, is_html = _material(label)
    if is_html and not question_html:
        return plain(text)
    return clean_html(text) if is_html else text


def _numerical(
    item: ET.Element, out: dict[str, Any], where: str, problems: Problems
) -> dict[str, Any] | None:
    answers = []
    for condition in _kids(item, "respcondition"):
        setvar = _first(condition, "setvar")
        if setvar is None or (setvar.text or "").strip() in ("", "0"):
            continue
        low, high = _first(condition, "vargte"), _first(condition, "varlte")
        equal = _first(condition, "varequal")
        try:
            if low is not None and high is not None:
                lo, hi = float(low.text or ""), float(high.text or "")
                answer = {"text": f"{fmt_number(lo)}..{fmt_number(hi)}", "min": lo, "max": hi}
            elif equal is not None:
                answer = {"text": fmt_number(float(equal.text or ""))}
            else:
                continue
        except ValueError:
            problems.add(where, "expected numbers in the numeric answer's bounds")
            return None
        answers.append(answer | {"weight": 100})
    if not answers:
        problems.add(where, "expected a numeric answer, got none")
        return None
    return out | numeric_fields(answers)


def _matching(presentation, right, out, where: str, problems: Problems) -> dict[str, Any] | None:
    chosen = dict(right)
    pairs, rights_used = [], set()
    labels: dict[str, str] = {}
    for response in _kids(presentation, "response_lid"):
        left, _ = _material(next((e for e in response if _tag(e) == "material"), None))
        for label in _kids(response, "response_label"):
            labels[label.get("ident", "")] = plain(_material(label)[0])
        match = chosen.get(response.get("ident", ""))
        if match is None or match not in labels:
            problems.add(where, f"expected a right match for {left[:40]!r}, got none")
            return None
        pairs.append((plain(left), labels[match]))
        rights_used.add(match)
    pairs += [("", text) for ident, text in labels.items() if ident not in rights_used]
    return out | matching_fields(pairs)
