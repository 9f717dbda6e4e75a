"""QTI 1.2 export as Canvas imports it, laid out the way text2qti writes its zip (write only)."""

from __future__ import annotations

import hashlib
import io
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Mapping
from typing import Any

from app.formats.common import Losses, LossNote, answers_of, fmt_number, weight_of
from app.formats.markup import as_html
from app.formats.moodle_media import without_media

QTI_NS = "http://www.imsglobal.org/xsd/ims_qtiasiv1p2"
CC_NS = "http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1"
META_NS = "http://canvas.instructure.com/xsd/cccv1p0"
CANVAS_TYPES = {
    "multiple_choice": "multiple_choice_question",
    "true_false": "true_false_question",
    "multiple_response": "multiple_answers_question",
    "cloze": "short_answer_question",
    "short_answer": "short_answer_question",
    "numeric": "numerical_question",
    "essay": "essay_question",
    "description": "text_only_question",
    "matching": "matching_question",
    "ordering": "matching_question",
}
_STAMP = (2020, 1, 1, 0, 0, 0)  # fixed zip dates: the same pack always gives the same bytes


def _ident(*parts: str) -> str:
    return "quire_" + hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:24]


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    node = ET.SubElement(parent, tag, attrs)
    if text is not None:
        node.text = text
    return node


def _material(parent: ET.Element, text: str, fmt: str | None) -> None:
    _sub(_sub(parent, "material"), "mattext", as_html(text, fmt), texttype="text/html")


def write(pack: Mapping[str, Any]) -> bytes:
    """The pack as a QTI 1.2 zip for Canvas."""
    return write_report(pack)[0]


def write_report(pack: Mapping[str, Any]) -> tuple[bytes, list[LossNote]]:
    """The pack as a QTI 1.2 zip for Canvas, and notes on what QTI could not hold."""
    losses = Losses()
    pack_id = str(pack.get("id") or pack["title"])
    aid, dep = _ident(pack_id, "assessment"), _ident(pack_id, "meta")
    root = ET.Element("questestinterop", xmlns=QTI_NS)
    assessment = _sub(root, "assessment", ident=aid, title=pack["title"])
    section = _sub(assessment, "section", ident="root_section")
    points = 0
    for question in pack["questions"]:
        question = without_media(question, losses, "this QTI export")
        points += _item(section, question, pack_id, losses)
        losses.add(question["id"], "QTI has no quote, source, kind, tags or difficulty")
    files = {
        "imsmanifest.xml": _manifest(pack, aid, dep),
        f"{aid}/assessment_meta.xml": _meta(pack, aid, points),
        f"{aid}/{aid}.xml": _xml(root),
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(zipfile.ZipInfo("non_cc_assessments/", _STAMP), b"")
        for name, data in files.items():
            info = zipfile.ZipInfo(name, _STAMP)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data)
    return buffer.getvalue(), losses.notes()


def _xml(root: ET.Element) -> bytes:
    ET.indent(root)
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="utf-8")


def _manifest(pack: Mapping[str, Any], aid: str, dep: str) -> bytes:
    root = ET.Element("manifest", identifier=_ident(str(pack.get("id")), "manifest"), xmlns=CC_NS)
    metadata = _sub(root, "metadata")
    _sub(metadata, "schema", "IMS Content")
    _sub(metadata, "schemaversion", "1.1.3")
    _sub(root, "organizations")
    resources = _sub(root, "resources")
    resource = _sub(resources, "resource", identifier=aid, type="imsqti_xmlv1p2")
    _sub(resource, "file", href=f"{aid}/{aid}.xml")
    _sub(resource, "dependency", identifierref=dep)
    kind = "associatedcontent/imscc_xmlv1p1/learning-application-resource"
    meta = _sub(resources, "resource", identifier=dep, type=kind, href=f"{aid}/assessment_meta.xml")
    _sub(meta, "file", href=f"{aid}/assessment_meta.xml")
    return _xml(root)


def _meta(pack: Mapping[str, Any], aid: str, points: int) -> bytes:
    root = ET.Element("quiz", identifier=aid, xmlns=META_NS)
    _sub(root, "title", pack["title"])
    _sub(root, "description", as_html(pack.get("description", ""), None))
    for tag, value in (
        ("shuffle_answers", "false"), ("scoring_policy", "keep_highest"),
        ("hide_results", ""), ("quiz_type", "assignment"), ("points_possible", f"{points}.0"),
        ("show_correct_answers", "true"), ("allowed_attempts", "1"),
    ):  # fmt: skip
        _sub(root, tag, value)
    return _xml(root)


def _item(section: ET.Element, q: Mapping[str, Any], pack_id: str, losses: Losses) -> int:
    qtype, fmt = q["type"], q.get("text_format")
    if fmt == "markdown" or fmt == "moodle":
        losses.add(q["id"], f"{fmt} text is written as plain text")
    canvas = CANVAS_TYPES[qtype]
    points = 0 if qtype == "description" else 1
    item = _sub(section, "item", ident=_ident(pack_id, q["id"]), title=q.get("title") or q["id"])
    fields = _sub(_sub(item, "itemmetadata"), "qtimetadata")
    for label, value in (("question_type", canvas), ("points_possible", str(points))):
        field = _sub(fields, "qtimetadatafield")
        _sub(field, "fieldlabel", label)
        _sub(field, "fieldentry", value)
    presentation = _sub(item, "presentation")
    _material(presentation, q["prompt"], fmt)
    if qtype == "description":
        return 0
    processing = _sub(item, "resprocessing")
    outcomes = _sub(processing, "outcomes")
    _sub(outcomes, "decvar", maxvalue="100", minvalue="0", varname="SCORE", vartype="Decimal")
    if q.get("explanation"):
        _feedback_link(processing)
    if qtype in ("multiple_choice", "true_false", "multiple_response"):
        _choices(presentation, processing, q, fmt, losses)
    elif qtype in ("cloze", "short_answer", "essay", "numeric"):
        decimal = {"fibtype": "Decimal"} if qtype == "numeric" else {}
        response = _sub(presentation, "response_str", ident="response1", rcardinality="Single")
        _sub(_sub(response, "render_fib", **decimal), "response_label", ident="answer1")
        if qtype != "essay":
            _typed(processing, q, losses)
        elif not q.get("explanation"):  # the DTD wants one condition: Canvas writes this one
            condition = _sub(processing, "respcondition", **{"continue": "No"})
            _sub(_sub(condition, "conditionvar"), "other")
    else:
        _matching(presentation, processing, q, fmt, losses)
    if q.get("explanation"):
        feedback = _sub(item, "itemfeedback", ident="general_fb")
        _material(_sub(feedback, "flow_mat"), q["explanation"], fmt)
    return points


def _feedback_link(processing: ET.Element) -> None:
    condition = _sub(processing, "respcondition", **{"continue": "Yes"})
    _sub(_sub(condition, "conditionvar"), "other")
    _sub(condition, "displayfeedback", feedbacktype="Response", linkrefid="general_fb")


def _note_weights(q: Mapping[str, Any], answers: list[dict[str, Any]], losses: Losses) -> None:
    """Canvas scores an answer right or wrong: partial credit and per-answer feedback are lost."""
    partial = [a for a in answers if weight_of(a) not in (0, 100)]
    if partial and q["type"] == "multiple_response":
        losses.add(q["id"], "answer weights dropped: Canvas splits credit among right answers")
    elif partial:
        shown = ", ".join(f"{a['text'][:30]} ({fmt_number(weight_of(a))}%)" for a in partial[:3])
        losses.add(q["id"], f"partial-credit answers dropped (QTI gives full or none): {shown}")
    if any(a.get("feedback") for a in answers):
        losses.add(q["id"], "per-answer feedback dropped (the export has general feedback only)")


def _choices(
    presentation: ET.Element, processing: ET.Element, q: Mapping[str, Any], fmt, losses: Losses
) -> None:
    multiple = q["type"] == "multiple_response"
    cardinality = "Multiple" if multiple else "Single"
    response = _sub(presentation, "response_lid", ident="response1", rcardinality=cardinality)
    render = _sub(response, "render_choice")
    answers = answers_of(q) or [{"text": c, "weight": 0} for c in q.get("choices", [])]
    _note_weights(q, answers, losses)
    right = []
    for n, answer in enumerate(answers):
        ident = f"choice_{n}"
        _material(_sub(render, "response_label", ident=ident), answer["text"], fmt)
        if weight_of(answer) > 0 if multiple else weight_of(answer) == 100:
            right.append(ident)
    condition = _sub(processing, "respcondition", **{"continue": "No"})
    test = _sub(condition, "conditionvar")
    if multiple:
        test = _sub(test, "and")
        for n in range(len(answers)):
            parent = test if f"choice_{n}" in right else _sub(test, "not")
            _sub(parent, "varequal", f"choice_{n}", respident="response1")
    else:
        _sub(test, "varequal", right[0] if right else "choice_0", respident="response1")
    _sub(condition, "setvar", "100", action="Set", varname="SCORE")


def _typed(processing: ET.Element, q: Mapping[str, Any], losses: Losses) -> None:
    condition = _sub(processing, "respcondition", **{"continue": "No"})
    test = _sub(condition, "conditionvar")
    if q["type"] == "numeric":
        answer = next((a for a in q["answers"] if weight_of(a) == 100), q["answers"][0])
        if len(q["answers"]) > 1:
            losses.add(q["id"], "only one numeric answer is kept (Canvas gives full credit)")
        try:
            low = answer.get("min", float(answer["text"]) - answer.get("tolerance", 0))
            high = answer.get("max", float(answer["text"]) + answer.get("tolerance", 0))
        except ValueError:  # a pack may hold a non-number; Canvas can still match it as text
            _sub(test, "varequal", answer["text"], respident="response1")
        else:
            _sub(test, "vargte", fmt_number(low), respident="response1")
            _sub(test, "varlte", fmt_number(high), respident="response1")
    else:
        _note_weights(q, answers_of(q), losses)
        for answer in answers_of(q):
            if weight_of(answer) == 100:
                _sub(test, "varequal", answer["text"], respident="response1")
    _sub(condition, "setvar", "100", action="Set", varname="SCORE")


def _matching(presentation, processing, q: Mapping[str, Any], fmt, losses: Losses) -> None:
    if q["type"] == "ordering":
        losses.add(q["id"], "QTI (Canvas) has no ordering type: written as matching to positions")
        pairs = [(item["text"], str(n)) for n, item in enumerate(q["items"], 1)]
    else:
        pairs = [(p["left"], p["right"]) for p in q["pairs"]]
    rights = list(dict.fromkeys(right for _, right in pairs))
    scored = [(n, left, right) for n, (left, right) in enumerate(pairs) if left]
    for n, left, _ in scored:
        response = _sub(presentation, "response_lid", ident=f"response_{n}")
        _material(response, left, fmt)
        render = _sub(response, "render_choice")
        for m, right in enumerate(rights):
            _material(_sub(render, "response_label", ident=f"match_{m}"), right, fmt)
    for n, _, right in scored:
        condition = _sub(processing, "respcondition")
        test = _sub(condition, "conditionvar")
        _sub(test, "varequal", f"match_{rights.index(right)}", respident=f"response_{n}")
        share = fmt_number(round(100 / len(scored), 4))
        _sub(condition, "setvar", share, varname="SCORE", action="Add")
