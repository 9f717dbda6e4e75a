"""Anki .apkg export with genanki: one note per question, the verbatim quote on the back."""

from __future__ import annotations

import hashlib
import io
import itertools
import json
import re
import sqlite3
import tempfile
import time
import zipfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import genanki

from app import media
from app.formats.common import Losses, LossNote, fmt_number, weight_of
from app.formats.markup import as_html

FIELDS = ("Prompt", "Choices", "Answer", "Explanation", "Quote", "Source", "QuestionId")
FRONT = "{{Prompt}}{{#Choices}}<div class=choices>{{Choices}}</div>{{/Choices}}"
BACK = (
    "{{FrontSide}}<hr id=answer><div class=answer>{{Answer}}</div>"
    "{{#Explanation}}<p class=explanation>{{Explanation}}</p>{{/Explanation}}"
    "{{#Quote}}<blockquote>{{Quote}}</blockquote>{{/Quote}}"
    "{{#Source}}<p class=source>{{Source}}</p>{{/Source}}"
)
CSS = ".card{font-family:sans-serif;font-size:20px;} blockquote{color:#444;} .source{color:#777;}"
# Quire's cloze questions as Anki's own Cloze note type: {{c1::answer}} where the blank was.
CLOZE_FIELDS = ("Text", "Back Extra", "Quote", "Source", "QuestionId")
CLOZE_BACK = (
    "{{cloze:Text}}{{#Back Extra}}<p class=explanation>{{Back Extra}}</p>{{/Back Extra}}"
    "{{#Quote}}<blockquote>{{Quote}}</blockquote>{{/Quote}}"
    "{{#Source}}<p class=source>{{Source}}</p>{{/Source}}"
)
_BLANK = re.compile(r"_{3,}")


def stable_id(*parts: str) -> int:
    """A 31-bit id from the parts, the same on every export (Anki matches models by id)."""
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8")).digest()
    return (1 << 30) | (int.from_bytes(digest[:4], "big") & ((1 << 30) - 1))


def _list(items: list[str], fmt: str | None, ordered: bool = True) -> str:
    tag = "ol type=A" if ordered else "ul"
    inner = "".join(f"<li>{as_html(item, fmt)}</li>" for item in items)
    return f"<{tag}>{inner}</{tag.split()[0]}>"


def card_fields(q: Mapping[str, Any], sources: Mapping[str, Mapping[str, Any]]) -> list[str]:
    """The note's fields for one question, as HTML (authored text escaped unless it is HTML)."""
    fmt, qtype = q.get("text_format"), q["type"]
    choices, answer = "", as_html(q.get("answer", ""), fmt)
    if qtype in ("multiple_choice", "multiple_response"):
        choices = _list(q["choices"], fmt)
    elif qtype == "true_false":
        choices = "True / False"
    elif qtype == "matching":
        lefts = [p["left"] for p in q["pairs"] if p["left"]]
        rights = sorted({p["right"] for p in q["pairs"]})
        choices = _list(lefts, fmt, ordered=False) + _list(rights, fmt)
        pairs = [f"{p['left']} → {p['right']}" for p in q["pairs"] if p["left"]]
        answer = _list(pairs, fmt, ordered=False)
    elif qtype == "ordering":
        choices = _list(sorted(item["text"] for item in q["items"]), fmt, ordered=False)
        steps = "".join(f"<li>{as_html(item['text'], fmt)}</li>" for item in q["items"])
        answer = f"<ol>{steps}</ol>"
    elif qtype == "numeric":
        best = next((a for a in q["answers"] if weight_of(a) == 100), q["answers"][0])
        spread = f" ± {fmt_number(best['tolerance'])}" if best.get("tolerance") else ""
        answer = as_html(best["text"] + spread, fmt)
    if q.get("accept"):
        answer += "<br>Also accepted: " + ", ".join(as_html(a, fmt) for a in q["accept"])
    quote = q.get("quote") or {}
    source = sources.get(quote.get("source", ""), {})
    origin = source.get("title", "")
    if source.get("author"):
        origin += f", {source['author']}"
    return [
        as_html(q["prompt"], fmt),
        choices,
        answer,
        as_html(q.get("explanation", ""), fmt),
        as_html(quote.get("text", ""), None),
        as_html(origin, None),
        as_html(q["id"], None),
    ]


def cloze_fields(q: Mapping[str, Any], fields: list[str], losses: Losses) -> list[str]:
    """A cloze question's Cloze note: the first blank becomes {{c1::answer}}."""
    answer = as_html(q["answer"], q.get("text_format"))
    if "}}" in answer or "::" in answer:  # Anki's cloze markup: keep it out of the answer
        answer = answer.replace("}}", "} }").replace("::", ": :")
        losses.add(q["id"], "'}}' or '::' in a cloze answer is spaced out for Anki")
    if q.get("accept"):
        losses.add(q["id"], "a Cloze note takes one answer: other accepted answers are shown")
    text = _BLANK.sub(lambda _: "{{c1::" + answer + "}}", fields[0], count=1)
    extra = fields[3]
    if q.get("accept"):
        also = ", ".join(as_html(a, q.get("text_format")) for a in q["accept"])
        extra = f"Also accepted: {also}" + (f"<br>{extra}" if extra else "")
    return [text, extra, fields[4], fields[5], fields[6]]


def _tag(text: str) -> str:
    return "_".join(text.split()) or "_"


def write(pack: Mapping[str, Any], *, now: float | None = None) -> bytes:
    """The pack as an Anki .apkg; `now` (epoch seconds) dates the notes, default the clock."""
    return write_report(pack, now=now)[0]


def write_report(
    pack: Mapping[str, Any], *, now: float | None = None
) -> tuple[bytes, list[LossNote]]:
    """The pack as an Anki .apkg, and notes on what the cards do not hold."""
    pack_id = str(pack.get("id") or pack["title"])
    model = genanki.Model(
        stable_id("quire-model", pack_id),
        f"Quire question ({pack_id})",
        fields=[{"name": name} for name in FIELDS],
        templates=[{"name": "Question", "qfmt": FRONT, "afmt": BACK}],
        css=CSS,
    )
    cloze_model = genanki.Model(
        stable_id("quire-cloze-model", pack_id),
        f"Quire cloze ({pack_id})",
        fields=[{"name": name} for name in CLOZE_FIELDS],
        templates=[{"name": "Cloze", "qfmt": "{{cloze:Text}}", "afmt": CLOZE_BACK}],
        css=CSS,
        model_type=genanki.Model.CLOZE,
    )
    deck = genanki.Deck(stable_id("quire-deck", pack_id), pack["title"])
    sources = {s["id"]: s for s in pack.get("sources", [])}
    losses, files = Losses(), {}
    for q in pack["questions"]:
        tags = [_tag(t) for t in q.get("tags", [])] + [_tag(f"quire::{q['type']}")]
        fields = [_anki_media(field, _deck_names(q, files)) for field in card_fields(q, sources)]
        note_model = model
        if q["type"] == "cloze" and _BLANK.search(fields[0]):
            note_model, fields = cloze_model, cloze_fields(q, fields, losses)
        deck.add_note(
            genanki.Note(
                model=note_model,
                fields=fields,
                tags=list(dict.fromkeys(tags)),
                guid=genanki.guid_for(pack_id, q["id"]),
            )
        )
        if q.get("answers"):
            losses.add(q["id"], "Anki cards show answers, not per-answer weights or feedback")
        if q.get("text_format") in ("markdown", "moodle"):
            losses.add(q["id"], f"{q['text_format']} text is shown as plain text")
    return _package(genanki.Package(deck), now, files), losses.notes()


_PLAYER = re.compile(r"<audio\b[^>]*\bsrc=\"@@PLUGINFILE@@/([^\"]+)\"[^>]*>\s*</audio>")


def _deck_names(q: Mapping[str, Any], files: dict[str, bytes]) -> dict[str, str]:
    """Each of the question's files under its name in the deck's one media folder (a name
    another question uses for other bytes gets its digest as a prefix); adds them to `files`."""
    names = {}
    for item in q.get("media", []):
        data = media.decode(item)
        name = item["name"]
        if files.get(name, data) != data:
            name = f"{media.sha256(data)[:12]}-{name}"
        files[name] = data
        names[item["name"]] = name
    return names


def _anki_media(html: str, names: Mapping[str, str]) -> str:
    """Question HTML as Anki shows media: <img src="name"> and [sound:name]."""
    if "@@PLUGINFILE@@" not in html:
        return html

    def name(value: str) -> str:
        real = unquote(value)
        return names.get(real, real)

    html = _PLAYER.sub(lambda m: f"[sound:{name(m.group(1))}]", html)
    return media.REFERENCE.sub(lambda m: name(m.group(1)), html)


def _package(
    package: genanki.Package, now: float | None, files: Mapping[str, bytes] | None = None
) -> bytes:
    # genanki's write_to_file leaves its temporary database behind; this cleans up after itself.
    stamp = time.time() if now is None else now
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "collection.anki2"
        connection = sqlite3.connect(path)
        try:
            package.write_to_db(connection.cursor(), stamp, itertools.count(int(stamp * 1000)))
            connection.commit()
        finally:
            connection.close()
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            archive.write(path, "collection.anki2")
            # Anki's media list: zip entry "0" holds the file named by key "0", and so on.
            listing = {str(number): name for number, name in enumerate(sorted(files or {}))}
            archive.writestr("media", json.dumps(listing))
            for number, name in listing.items():
                archive.writestr(number, (files or {})[name])
        return buffer.getvalue()
