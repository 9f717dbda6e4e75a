"""Bounds on a web import: the file's size, its questions, and the parse's time and memory.

The probe's 100,000-question GIFT file held a web worker for 161 s. Size and question count are
checked before parsing, from the bytes (answer blocks, `<question>` elements, lines), so such a
file is refused in milliseconds; files past `isolate_bytes` are then parsed in a child process
with a deadline and a memory cap, which is killed, not waited for, when it overruns.
"""

from __future__ import annotations

import functools
import multiprocessing
import multiprocessing.context
import re
import resource
from collections.abc import Callable, Mapping
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import Any

MB = 1024 * 1024
_XML_QUESTION = re.compile(rb"<question[\s>/]")


@dataclass(frozen=True)
class ImportLimits:
    """What one import may cost."""

    max_bytes: int = 8 * MB
    max_questions: int = 2000
    max_seconds: float = 8.0
    max_memory: int = 256 * MB
    isolate_bytes: int = 64 * 1024

    @classmethod
    def from_config(cls, config: Mapping[str, Any]) -> ImportLimits:
        """The limits set in the app's configuration (QUIRE_IMPORT_*)."""
        return cls(
            max_bytes=int(config["QUIRE_IMPORT_MAX_BYTES"]),
            max_questions=int(config["QUIRE_IMPORT_MAX_QUESTIONS"]),
            max_seconds=float(config["QUIRE_IMPORT_MAX_SECONDS"]),
            max_memory=int(config["QUIRE_IMPORT_MAX_MEMORY"]),
            isolate_bytes=int(config["QUIRE_IMPORT_ISOLATE_BYTES"]),
        )


class ImportTooBig(Exception):
    """The import is past a limit; the message says which and what to do."""


def estimate_questions(data: bytes, fmt: str) -> int:
    """About how many questions the file holds, read from its bytes without parsing it."""
    if fmt == "gift":
        return data.count(b"{") - data.count(b"\\{")
    if fmt == "moodle-xml":
        return len(_XML_QUESTION.findall(data))
    if fmt == "json":
        return data.count(b'"prompt"')
    if fmt in ("csv", "tsv", "quizlet"):
        return sum(1 for line in data.splitlines() if line.strip())
    return 0


def check_before_parsing(data: bytes, fmt: str, limits: ImportLimits) -> None:
    """Refuse a file too large, or with too many questions, before any parser reads it."""
    if len(data) > limits.max_bytes:
        raise ImportTooBig(
            f"The file is {len(data) / MB:.1f} MB; imports may be up to "
            f"{limits.max_bytes / MB:.0f} MB. Split it into smaller files."
        )
    check_count(estimate_questions(data, fmt), limits, about=True)


def check_count(count: int, limits: ImportLimits, *, about: bool = False) -> None:
    """Refuse more questions than one import may bring."""
    if count > limits.max_questions:
        what = "about " if about else ""
        raise ImportTooBig(
            f"The file has {what}{count:,} questions; one import may bring at most "
            f"{limits.max_questions:,}. Split it into smaller files."
        )


@dataclass(frozen=True)
class _Failed:
    module: str
    name: str
    args: tuple[Any, ...]
    problems: Any

    def rebuild(self) -> Exception:
        """The parser's exception again, in this process."""
        from app.formats.common import FormatError

        if self.problems is not None:
            return FormatError(self.problems)
        return ImportTooBig(f"The file could not be read ({self.name}: {self.args[:1]}).")


@dataclass(frozen=True)
class _OutOfMemory:
    """The child's parse hit its memory cap (sent back as data: see `_bounded`)."""


@functools.cache
def _context() -> multiprocessing.context.BaseContext:
    # A fork server: started once (a fresh, single-threaded interpreter that imports the
    # parsers), then each parse is a quick fork of it, never a fork of a threaded web worker.
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["app.formats"])
    return context


def _bounded(memory: int, read: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    # In the child: its address space may grow `memory` past what it has mapped now, so a
    # parse that balloons fails with MemoryError instead of taking the machine's memory.
    with open("/proc/self/statm", encoding="ascii") as statm:
        mapped = int(statm.read().split()[0]) * resource.getpagesize()
    _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    cap = mapped + memory if hard == resource.RLIM_INFINITY else min(hard, mapped + memory)
    resource.setrlimit(resource.RLIMIT_AS, (cap, hard))
    try:
        return read(*args, **kwargs)
    except MemoryError:
        # Before the catch-all below, which would report it as an unreadable file. Returned,
        # not raised: a raised error travels back with its traceback, whose frames still hold
        # the memory that ran out.
        return _OutOfMemory()
    except Exception as error:
        # The parsers' own errors carry the file's problems; sent back as plain data, since
        # an exception that cannot be pickled would only say the child broke.
        return _Failed(error.__class__.__module__, error.__class__.__qualname__, error.args,
                       getattr(error, "problems", None))  # fmt: skip


def _out_of_memory(limits: ImportLimits) -> ImportTooBig:
    return ImportTooBig(
        f"Reading the file needed more than {limits.max_memory / MB:.0f} MB, so it was "
        "stopped. Split it into smaller files."
    )


def run_parser(
    data: bytes, limits: ImportLimits, read: Callable[..., Any], *args: Any, **kwargs: Any
) -> Any:
    """`read(*args, **kwargs)`; in a child process with a deadline and a memory cap when the
    file is past `isolate_bytes` (small files parse in milliseconds, faster than a child starts).
    """
    if len(data) <= limits.isolate_bytes:
        return read(*args, **kwargs)
    pool = ProcessPoolExecutor(max_workers=1, mp_context=_context())
    try:
        future = pool.submit(_bounded, limits.max_memory, read, *args, **kwargs)
        result = future.result(timeout=limits.max_seconds)
    except FutureTimeout:
        raise ImportTooBig(
            f"Reading the file took longer than {limits.max_seconds:g} s, so it was stopped. "
            "Split it into smaller files."
        ) from None
    except MemoryError:
        # Past the cap outside the parser (sending its result back): raised in the child, and
        # so here.
        raise _out_of_memory(limits) from None
    except BrokenProcessPool:
        raise ImportTooBig(
            "The file's reader stopped before it finished (too large a file?), so nothing was "
            "imported. Split it into smaller files."
        ) from None
    else:
        if isinstance(result, _OutOfMemory):
            raise _out_of_memory(limits)
        if isinstance(result, _Failed):
            raise result.rebuild()
        return result
    finally:
        for process in list(getattr(pool, "_processes", {}).values()):
            process.kill()
        pool.shutdown(wait=False, cancel_futures=True)
