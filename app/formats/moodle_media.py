"""Moodle XML's embedded files (<file name encoding="base64">): read into a question's `media`,
written back beside the texts that refer to them through @@PLUGINFILE@@."""

from __future__ import annotations

import base64
import binascii
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Mapping
from typing import Any
from urllib.parse import unquote

from app import media
from app.formats.common import Losses, Problems

# Moodle's editor writes audio as a link its media filter turns into a player, or as
# <audio><source src=...></audio>; Quire keeps one form, <audio controls src=...>.
_LINK = re.compile(
    r"<a\b[^>]*\bhref=[\"']@@PLUGINFILE@@/([^\"']+)[\"'][^>]*>.*?</a>", re.IGNORECASE | re.DOTALL
)
_TAG = re.compile(r"<[^>]*>")
AUDIO_EXTENSIONS = (".mp3", ".ogg", ".oga", ".wav", ".m4a")


def read_files(
    element: ET.Element, where: str, problems: Problems, losses: Losses
) -> dict[str, dict[str, Any]]:
    """The question's embedded files of accepted types, as pack media entries by name."""
    out: dict[str, dict[str, Any]] = {}
    for node in element.iter("file"):
        name = (node.get("name") or "").strip()
        if name in out:
            continue
        if (node.get("encoding") or "base64") != "base64":
            problems.add(
                where, f'file {name!r}: expected encoding="base64", got {node.get("encoding")}'
            )
            continue
        try:
            data = base64.b64decode("".join((node.text or "").split()), validate=True)
        except (binascii.Error, ValueError):
            problems.add(where, f"file {name!r}: expected base64 data, got characters outside it")
            continue
        try:
            mime = media.check_file(name, data, media.TYPE_ONLY)
        except media.MediaError as exc:
            losses.add(where, f"embedded {exc}: not kept")
            continue
        out[name] = media.entry(name, data, mime)
    return out


def audio_players(html: str) -> str:
    """Moodle's audio links (text kept) and <audio><source> players as <audio controls src>."""

    def link(match: re.Match[str]) -> str:
        name = unquote(match.group(1))
        if not name.lower().endswith(AUDIO_EXTENSIONS):
            return match.group(0)
        return _TAG.sub("", match.group(0)).strip() + " " + media.player(name)

    def player(match: re.Match[str]) -> str:
        found = media.SRC.search(match.group(0))
        return media.player(unquote(found.group(1))) if found else match.group(0)

    return media.AUDIO.sub(player, _LINK.sub(link, html))


def rewrite(value: Any, kept: Mapping[str, Any]) -> Any:
    """Every string in a question's fields passed through `keep_only`."""
    if isinstance(value, str):
        return media.keep_only(value, kept) if "@@PLUGINFILE@@" in value else value
    if isinstance(value, list):
        return [rewrite(item, kept) for item in value]
    if isinstance(value, dict):
        return {key: rewrite(item, kept) for key, item in value.items()}
    return value


def attach(node: ET.Element, files: Iterable[Mapping[str, Any]]) -> list[str]:
    """Write each file as <file> inside every text element of `node` that refers to it (Moodle
    resolves @@PLUGINFILE@@ per text); files no text names go with the question text.
    Returns the names written."""
    by_name = {entry["name"]: entry for entry in files}
    placed: set[str] = set()
    for holder in list(node.iter()):
        text = holder.find("text")
        if text is None or not text.text:
            continue
        for name in media.referenced([text.text]):
            if name in by_name:
                _file(holder, by_name[name])
                placed.add(name)
    question_text = node.find("questiontext")
    for name, entry in by_name.items():
        if name not in placed and question_text is not None:
            _file(question_text, entry)
    return list(by_name)


def _file(holder: ET.Element, entry: Mapping[str, Any]) -> None:
    file = ET.SubElement(holder, "file", name=entry["name"], path="/", encoding="base64")
    file.text = entry["data"]


def without_media(q: Mapping[str, Any], losses: Losses, fmt: str) -> Mapping[str, Any]:
    """The question for a format that holds no files: each file named in a loss note, images
    as their alt text in brackets, players gone (no dead @@PLUGINFILE@@ links)."""
    if not q.get("media"):
        return q
    for item in q["media"]:
        losses.add(q["id"], f"media file {item['name']!r} not kept: {fmt} holds no files")
    out = {k: v if k in ("quote", "media") else rewrite(v, {}) for k, v in q.items()}
    del out["media"]
    return out
