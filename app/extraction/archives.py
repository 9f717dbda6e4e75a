"""Zip archives (.docx, .apkg, QTI) checked by what their members really inflate to.

A zip's headers state each member's size, and they can lie: a member that claims 1 KB may
inflate to gigabytes, and zipfile's one-shot read inflates all of it before noticing. So every
member is inflated here as a stream, in small steps, counting the bytes and stopping at the cap,
before any other code opens the archive.
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from dataclasses import dataclass

from app.extraction.errors import MB, ExtractError

_LOCAL_HEADER = struct.Struct("<4s22xHH")  # signature, then name and extra-field lengths
_STEP = 64 * 1024


@dataclass(frozen=True)
class ZipLimits:
    """Bounds on an archive: entries, bytes really inflated, and compression ratio."""

    entries: int = 2000
    total_bytes: int = 100 * MB
    ratio: int = 100  # inflated / compressed, per entry and overall


def _raw_member(data: bytes, info: zipfile.ZipInfo, what: str) -> memoryview:
    """The member's compressed bytes, found through its local header."""
    offset = info.header_offset
    header = data[offset : offset + _LOCAL_HEADER.size]
    if len(header) < _LOCAL_HEADER.size or header[:4] != b"PK\x03\x04":
        raise ExtractError(f"The {what}'s entry {info.filename} has no valid header; refused.")
    _, name_length, extra_length = _LOCAL_HEADER.unpack(header)
    start = offset + _LOCAL_HEADER.size + name_length + extra_length
    return memoryview(data)[start : start + info.compress_size]


def inflated_size(raw: memoryview | bytes, cap: int, wbits: int = -zlib.MAX_WBITS) -> int:
    """Bytes a deflate stream really inflates to, counted in 64 KB steps, stopping past cap.

    Memory stays bounded whatever the stream claims; a result over `cap` means "too big".
    zlib.error propagates for data that is not deflate at all.
    """
    inflater = zlib.decompressobj(wbits)
    size, pending = 0, memoryview(raw)
    while pending or inflater.unconsumed_tail:
        chunk = inflater.unconsumed_tail or pending[:_STEP]
        if not inflater.unconsumed_tail:
            pending = pending[_STEP:]
        size += len(inflater.decompress(chunk, _STEP))
        if size > cap or inflater.eof:
            return size
    return size + len(inflater.flush())


def _member_size(raw: memoryview, info: zipfile.ZipInfo, cap: int, what: str) -> int:
    """Bytes the member really inflates to; over `cap` it is refused."""
    if info.flag_bits & 0x1:
        raise ExtractError(f"The {what}'s entry {info.filename} is encrypted; refused.")
    if info.compress_type == zipfile.ZIP_STORED:
        size = len(raw)
    elif info.compress_type == zipfile.ZIP_DEFLATED:
        try:
            size = inflated_size(raw, cap)
        except zlib.error as exc:
            raise ExtractError(f"The {what}'s entry {info.filename} is corrupt ({exc}).") from exc
    else:
        raise ExtractError(
            f"The {what}'s entry {info.filename} uses compression method "
            f"{info.compress_type}, which Quire does not read; save it again as a plain zip."
        )
    if size > cap:
        raise ExtractError(
            f"The {what} inflates to more than {cap / MB:.0f} MB (its entry {info.filename} "
            f"alone claims {info.file_size:,} bytes); it was refused."
        )
    return size


def check_zip(data: bytes, limits: ZipLimits = ZipLimits(), what: str = "archive") -> None:
    """Refuse an archive with too many entries, too much real content, or a bomb's ratio."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, EOFError) as exc:
        raise ExtractError(f"The {what} is not a readable zip file ({exc}).") from exc
    with archive:
        infos = archive.infolist()
    if len(infos) > limits.entries:
        raise ExtractError(
            f"The {what} has {len(infos):,} entries; the limit is {limits.entries:,}."
        )
    declared = sum(info.file_size for info in infos)
    if declared > limits.total_bytes:
        raise ExtractError(
            f"The {what} unpacks to {declared / MB:.0f} MB; the limit is "
            f"{limits.total_bytes / MB:.0f} MB."
        )
    total = packed = 0
    for info in infos:
        raw = _raw_member(data, info, what)
        size = _member_size(raw, info, limits.total_bytes - total, what)
        if size != info.file_size:
            raise ExtractError(
                f"The {what}'s entry {info.filename} inflates to {size:,} bytes but its header "
                f"says {info.file_size:,}; an archive that misstates its size is refused."
            )
        if size > 1 * MB and size > limits.ratio * max(len(raw), 1):
            raise ExtractError(
                f"The {what}'s entry {info.filename} is compressed suspiciously well "
                f"({size:,} bytes from {len(raw):,}); it was refused."
            )
        total += size
        packed += len(raw)
    if total > 1 * MB and total > limits.ratio * max(packed, 1):
        raise ExtractError(f"The {what} is compressed suspiciously well; it was refused.")
