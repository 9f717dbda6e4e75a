"""Anki .apkg and .colpkg import through the official `anki` library (every Anki version's layout).

Each card becomes a question: a Basic card asks its front and expects its back (a reversed card
the other way round), a Cloze card becomes a Quire cloze question with its own deletion blank and
the note's other deletions filled in. Images and sounds of accepted types go with the question
as `media` (its HTML refers to them as @@PLUGINFILE@@/name); others get a loss note naming them.
"""

from __future__ import annotations

import re
import tempfile
import zipfile
from io import BytesIO
from pathlib import Path, PurePath
from typing import Any
from urllib.parse import quote

from app import media
from app.formats.common import (
    BLANK,
    DEFAULT_KIND,
    FormatError,
    Losses,
    ParsedPack,
    Problem,
    empty_pack,
    file_source,
    finish,
    span_quote,
    unique_id,
)
from app.formats.markup import clean_html, plain

MAX_UNPACKED = 512 * 1024 * 1024  # a package that unpacks to more is refused (zip bombs)
_FIELD = re.compile(r"\{\{(?:[^{}:#/^]+:)*([^{}:#/^]+)\}\}")
_CLOZE = re.compile(r"\{\{c(\d+)::(.*?)(?:::(.*?))?\}\}", re.DOTALL)
_SOUND = re.compile(r"\[sound:([^\]]+)\]")
_IMAGE = re.compile(r"<img\b[^>]*?src=[\"']([^\"']+)[\"'][^>]*>", re.IGNORECASE)


def read(data: bytes | str, *, filename: str) -> ParsedPack:
    """Read an Anki package (.apkg, or a whole collection .colpkg); FormatError if it is not one."""
    if isinstance(data, str) or not zipfile.is_zipfile(BytesIO(data)):
        raise FormatError(
            [Problem(filename, "(file)", "expected an Anki package (a zip), got text")]
        )
    with zipfile.ZipFile(BytesIO(data)) as archive:
        names = archive.namelist()
        unpacked = sum(info.file_size for info in archive.infolist())
    if not any(n.startswith("collection.anki") for n in names):
        message = "expected an Anki package holding collection.anki2/anki21/anki21b, got none"
        raise FormatError([Problem(filename, "(file)", message)])
    if unpacked > MAX_UNPACKED:
        message = f"expected a package under {MAX_UNPACKED >> 20} MiB unpacked, got {unpacked}"
        raise FormatError([Problem(filename, "(file)", message)])
    cards, files = _cards(data, PurePath(filename).suffix.lower() == ".colpkg", filename)
    return _pack(cards, files, filename)


def _cards(
    data: bytes, whole_collection: bool, filename: str
) -> tuple[list[dict[str, Any]], dict[str, bytes]]:
    """The package's cards, and the media files they name (name -> bytes)."""
    # Imported here: the library loads Anki's Rust backend, which only an Anki import needs.
    from anki._backend import RustBackend
    from anki.collection import Collection, ImportAnkiPackageRequest

    with tempfile.TemporaryDirectory() as folder:
        package, path = Path(folder) / "package", Path(folder) / "collection.anki2"
        package.write_bytes(data)
        try:
            if whole_collection:
                RustBackend().import_collection_package(
                    col_path=str(path), backup_path=str(package),
                    media_folder=str(Path(folder) / "media"), media_db=str(Path(folder) / "m.db"),
                )  # fmt: skip
                col = Collection(str(path))
            else:
                col = Collection(str(path))
                col.import_anki_package(ImportAnkiPackageRequest(package_path=str(package)))
        except Exception as exc:  # the backend raises its own error types for bad packages
            message = f"expected an Anki package Anki can open, got: {exc}"
            raise FormatError([Problem(filename, "(file)", message[:300])]) from exc
        try:
            cards = [col.get_card(cid) for cid in col.find_cards("")]
            cards.sort(key=lambda card: (card.nid, card.ord))  # note order, then card order
            out = [_card(col, card) for card in cards]
            folder_path = Path(col.media.dir()) if not whole_collection else Path(folder) / "media"
            return out, _files(out, folder_path)
        finally:
            col.close()


def _files(cards: list[dict[str, Any]], folder: Path) -> dict[str, bytes]:
    """The bytes of every media file a card names that the package holds."""
    texts = [str(v) for card in cards for v in card.values() if isinstance(v, str)]
    names = {n for text in texts for n in _SOUND.findall(text) + _IMAGE.findall(text)}
    out = {}
    for name in sorted(names):
        path = folder / name
        # Only plain names inside the media folder: a card cannot point the reader elsewhere.
        if "/" not in name and "\\" not in name and path.is_file():
            out[name] = path.read_bytes()
    return out


def _card(col: Any, card: Any) -> dict[str, Any]:
    note = card.note()
    model = note.note_type()
    fields = dict(zip([f["name"] for f in model["flds"]], note.fields, strict=False))
    out = {"note": note.id, "ord": card.ord, "tags": list(note.tags), "model": model["name"]}
    out["deck"] = col.decks.name(card.did)
    if model["type"] == 1:  # Anki's cloze note type: card n asks deletion c(n+1)
        names = [f["name"] for f in model["flds"]]
        out.update(cloze=fields.get("Text", note.fields[0]), extra=_extra(fields, names))
        return out
    template = model["tmpls"][min(card.ord, len(model["tmpls"]) - 1)]
    asked = _field_names(template["qfmt"])
    shown = [n for n in _field_names(template["afmt"]) if n not in asked and n != "FrontSide"]
    # The first field the front asks is the prompt (Basic's Front, a reversed card's Back).
    out["front"] = fields.get(asked[0], "") if asked else ""
    out["others"] = [n for n in asked[1:] if fields.get(n, "").strip()]
    out["back"] = fields.get(shown[0], "") if shown else ""
    return out


def _field_names(template: str) -> list[str]:
    return list(dict.fromkeys(m.strip() for m in _FIELD.findall(template)))


def _extra(fields: dict[str, str], names: list[str]) -> str:
    return "<br>".join(v for n, v in fields.items() if n != names[0] and v.strip())


def _pack(cards: list[dict[str, Any]], files: dict[str, bytes], filename: str) -> ParsedPack:
    losses, entries = Losses(), []
    for card in cards:
        entry = _question(card, files, losses)
        if entry is not None:
            entries.append(entry)
    if not entries:
        raise FormatError([Problem(filename, "(file)", "expected at least one card, got none")])
    # The package is binary: the source is each card's text, one paragraph a card.
    texts = [plain(e["prompt"]) + "\n" + plain(e["answer"] or e["explanation"]) for e in entries]
    text = "\n\n".join(t.strip() or "(empty)" for t in texts)
    pack, source = empty_pack(filename), file_source(text, filename)
    source["notes"] = "The cards these questions were imported from, one paragraph a card."
    pack["sources"].append(source)
    seen: set[str] = set()
    start = 0
    for number, (entry, chunk) in enumerate(zip(entries, texts, strict=True), start=1):
        length = len(chunk.strip() or "(empty)")
        entry["id"] = unique_id(entry.pop("uid"), seen, number)
        entry["quote"] = span_quote(source, start, start + length)
        start += length + 2
        pack["questions"].append(entry)
    for entry in pack["questions"]:
        losses.add(entry["id"], "Anki cards have no kind or quote: kind other, quote = the card")
    return finish(pack, filename, losses.notes())


def _question(
    card: dict[str, Any], files: dict[str, bytes], losses: Losses
) -> dict[str, Any] | None:
    where = f"note {card['note']} card {card['ord'] + 1}"
    kept: dict[str, dict[str, Any]] = {}
    question = _question_fields(card, where, _Media(files, kept, losses, where))
    if question is not None and kept:
        question["media"] = list(kept.values())
    return question


def _question_fields(card: dict[str, Any], where: str, files: _Media) -> dict[str, Any] | None:
    losses = files.losses
    base: dict[str, Any] = {
        "uid": f"n{card['note']}-{card['ord'] + 1}",
        "kind": DEFAULT_KIND, "text_format": "html", "explanation": "",
        "title": f"{card['model']} {card['note']}/{card['ord'] + 1}"[:255],
    }  # fmt: skip
    if card["tags"]:
        base["tags"] = list(dict.fromkeys(t[:64] for t in card["tags"]))
    if card["deck"] and card["deck"] != "Default":
        base["category"] = card["deck"].replace("::", "/")[:500]
    if "cloze" in card:
        text = files.html(card["cloze"])
        number, answers = str(card["ord"] + 1), []

        def swap(match: re.Match[str]) -> str:
            if match.group(1) != number:
                return match.group(2)
            answers.append(plain(match.group(2)))
            return BLANK + (f" ({match.group(3)})" if match.group(3) else "")

        prompt = clean_html(_CLOZE.sub(swap, text))
        if not answers:
            losses.add(where, "a cloze card with no deletion of its own number: skipped")
            return None
        if len(answers) > 1:
            losses.add(where, "several deletions with one number: one answer, written with ' … '")
        extra = clean_html(files.html(card["extra"]))[:5000]
        fields = {"type": "cloze", "prompt": prompt, "answer": " … ".join(answers)[:1000]}
        return base | fields | {"explanation": extra}
    if card["others"]:
        losses.add(where, f"front fields after the first not kept: {', '.join(card['others'])}")
    prompt = clean_html(files.html(card["front"]))
    answer = plain(files.plain(card["back"]))
    if not plain(prompt) or not answer:
        losses.add(where, "a card with an empty side: skipped")
        return None
    if len(answer) > 1000:
        losses.add(where, "a back longer than 1000 characters is cut")
    return base | {"type": "short_answer", "prompt": prompt[:2000], "answer": answer[:1000]}


class _Media:
    """A card's media: files of accepted types kept for the question, others named in losses."""

    def __init__(
        self, files: dict[str, bytes], kept: dict[str, Any], losses: Losses, where: str
    ) -> None:
        self.files, self.kept, self.losses, self.where = files, kept, losses, where

    def _keep(self, name: str) -> bool:
        if name in self.kept:
            return True
        if name not in self.files:
            self.losses.add(self.where, f"media file {name!r} not kept: not in the package")
            return False
        try:
            mime = media.check_file(name, self.files[name], media.TYPE_ONLY)
        except media.MediaError as exc:
            self.losses.add(self.where, f"media {exc}: not kept")
            return False
        self.kept[name] = media.entry(name, self.files[name], mime)
        return True

    def html(self, text: str) -> str:
        """Card HTML with kept images and sounds referring to the question's files."""

        def sound(match: re.Match[str]) -> str:
            name = match.group(1)
            if not self._keep(name):
                return ""
            return media.player(name)

        def image(match: re.Match[str]) -> str:
            name = match.group(1)
            if not self._keep(name):
                return f"[{name}]"
            whole, start, end = match.group(0), match.start(1), match.end(1)
            at, to = start - match.start(0), end - match.start(0)
            return whole[:at] + media.PLACEHOLDER + quote(name) + whole[to:]

        return _IMAGE.sub(image, _SOUND.sub(sound, text))

    def plain(self, text: str) -> str:
        """A typed answer holds no media: each file named in a loss note."""
        for name in _SOUND.findall(text) + _IMAGE.findall(text):
            self.losses.add(self.where, f"media file {name!r} not kept: a typed answer holds none")
        return _IMAGE.sub(lambda m: f"[{m.group(1)}]", _SOUND.sub("", text))
