"""Question media (images and audio): what is accepted, and how question HTML refers to it.

Plain code, no Flask or database. Stored question HTML keeps Moodle's placeholder
`@@PLUGINFILE@@/<name>`, so a question exports as it came; pages rewrite it to the served URL
`/media/<question id>/<name>` when they show the question.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote, unquote

PLACEHOLDER = "@@PLUGINFILE@@/"
# Defaults of Config's QUIRE_MEDIA_MAX_FILE_BYTES and QUIRE_MEDIA_MAX_QUESTION_BYTES.
MAX_FILE_BYTES = 2 * 1024 * 1024
MAX_QUESTION_BYTES = 8 * 1024 * 1024
NAME = re.compile(r"^[^/\\\x00-\x1f\x7f]{1,255}$")
IMAGE_TYPES = ("image/png", "image/jpeg", "image/gif", "image/webp")
AUDIO_TYPES = ("audio/mpeg", "audio/ogg", "audio/wav", "audio/mp4")
TYPES = IMAGE_TYPES + AUDIO_TYPES
# A src pointing at a stored file, as question HTML holds it: @@PLUGINFILE@@/name (URL-encoded).
REFERENCE = re.compile(r"@@PLUGINFILE@@/([^\"'<>?#\s]+)")
IMG = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
SRC = re.compile(r"\bsrc=[\"']@@PLUGINFILE@@/([^\"']+)[\"']", re.IGNORECASE)
ALT = re.compile(r"\balt=[\"']([^\"']*)[\"']", re.IGNORECASE)
AUDIO = re.compile(r"<audio\b[^>]*>.*?</audio>", re.IGNORECASE | re.DOTALL)


def player(name: str) -> str:
    """An audio player for a stored file, as question HTML holds it."""
    return f'<audio controls src="{PLACEHOLDER}{quote(name)}"></audio>'


class MediaError(ValueError):
    """A file that cannot be stored: the message says which file and why."""


@dataclass(frozen=True)
class Limits:
    """Byte limits: one file, and all of one question's files together."""

    file_bytes: int = MAX_FILE_BYTES
    question_bytes: int = MAX_QUESTION_BYTES


# For format readers, which check types only: the importer applies the site's byte limits.
TYPE_ONLY = Limits(file_bytes=1 << 62, question_bytes=1 << 62)


def sniff(data: bytes) -> str | None:
    """The MIME type the bytes' magic numbers show (accepted types only), else None."""
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if data.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if data[:6] in (b"GIF87a", b"GIF89a"):
        return "image/gif"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    if data[:4] == b"RIFF" and data[8:12] == b"WAVE":
        return "audio/wav"
    if data.startswith(b"OggS"):
        return "audio/ogg"
    if data.startswith(b"ID3") or (len(data) > 1 and data[0] == 0xFF and data[1] & 0xE0 == 0xE0):
        return "audio/mpeg"
    if data[4:8] == b"ftyp" and data[8:11] in (b"M4A", b"M4B", b"mp4", b"iso"):
        return "audio/mp4"
    return None


def _what(data: bytes) -> str:
    head = data[:512].lstrip().lower()
    if head.startswith(b"<svg") or (head.startswith(b"<?xml") and b"<svg" in head):
        return "an SVG image (refused: SVG can carry script)"
    if head.startswith((b"<!doctype", b"<html", b"<script", b"<")):
        return "HTML or XML text"
    return "no image or audio type Quire accepts"


def check_file(name: str, data: bytes, limits: Limits) -> str:
    """The file's MIME type (from its content, not its name), or MediaError saying why not."""
    if not NAME.match(name) or name in (".", ".."):
        raise MediaError(
            f"file {name[:80]!r}: expected a file name without / or control characters"
        )
    if len(data) > limits.file_bytes:
        raise MediaError(
            f"file {name!r}: {len(data)} bytes, over the limit of {limits.file_bytes} bytes "
            "per file (QUIRE_MEDIA_MAX_FILE_BYTES)"
        )
    mime = sniff(data)
    if mime is None:
        raise MediaError(
            f"file {name!r}: expected a PNG, JPEG, GIF or WebP image or MP3, Ogg, WAV or M4A "
            f"audio, got {_what(data)}"
        )
    return mime


def check_total(where: str, sizes: Iterable[int], limits: Limits) -> None:
    """MediaError when one question's files together pass the per-question limit."""
    total = sum(sizes)
    if total > limits.question_bytes:
        raise MediaError(
            f"{where}: media of {total} bytes, over the limit of {limits.question_bytes} bytes "
            "per question (QUIRE_MEDIA_MAX_QUESTION_BYTES)"
        )


def decode(entry: Mapping[str, Any]) -> bytes:
    """A pack media entry's bytes (its base64 `data`), or MediaError."""
    try:
        return base64.b64decode(str(entry.get("data", "")), validate=True)
    except (binascii.Error, ValueError) as exc:
        raise MediaError(f"file {entry.get('name')!r}: expected base64 data ({exc})") from None


def entry(name: str, data: bytes, mime: str) -> dict[str, Any]:
    """A pack media entry: name, MIME type and base64 bytes."""
    return {"name": name, "mime": mime, "data": base64.b64encode(data).decode("ascii")}


def sha256(data: bytes) -> str:
    """The bytes' SHA-256, hex."""
    return hashlib.sha256(data).hexdigest()


def referenced(texts: Iterable[str]) -> list[str]:
    """File names the texts refer to through @@PLUGINFILE@@, in order, once each."""
    names = [unquote(m.group(1)) for text in texts for m in REFERENCE.finditer(text or "")]
    return list(dict.fromkeys(names))


SERVED_AT = "/media"


def url(question_id: int, name: str, base: str = SERVED_AT) -> str:
    """Where a question's file is served (under `base`: a share link serves its own)."""
    return f"{base}/{question_id}/{quote(name, safe='')}"


def to_urls(html: str, question_id: int, base: str = SERVED_AT) -> str:
    """Question HTML with its @@PLUGINFILE@@ references pointing at the served URLs."""
    return REFERENCE.sub(lambda m: url(question_id, unquote(m.group(1)), base), html)


def is_media_url(value: str) -> bool:
    """Whether a src is one of Quire's served media URLs (the only ones pages may show)."""
    return re.fullmatch(r"/media/\d+/[^/?#\"'<>\s]+", value) is not None


def image_text(match: re.Match[str]) -> str:
    """An <img> as its alt text (else its file name) in brackets."""
    alt = ALT.search(match.group(0))
    src = SRC.search(match.group(0))
    return f"[{(alt.group(1) if alt else '') or (unquote(src.group(1)) if src else 'image')}]"


def keep_only(html: str, kept: Mapping[str, Any]) -> str:
    """HTML whose references name only kept files: an image of another file becomes its alt
    text, a player of another file goes."""

    def player(match: re.Match[str]) -> str:
        found = SRC.search(match.group(0))
        return match.group(0) if found and unquote(found.group(1)) in kept else ""

    def image(match: re.Match[str]) -> str:
        found = SRC.search(match.group(0))
        if found and unquote(found.group(1)) in kept:
            return match.group(0)
        return image_text(match) if found else match.group(0)

    return IMG.sub(image, AUDIO.sub(player, html))
