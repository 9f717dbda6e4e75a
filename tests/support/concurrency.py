"""Run jobs in threads released at the same instant, as separate workers would be."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any


def all_at_once(jobs: list[Callable[[], Any]]) -> list[Any]:
    """Each job's result (or the exception it raised), all started together behind a barrier."""
    barrier = threading.Barrier(len(jobs))
    results: list[Any] = [None] * len(jobs)

    def run(index: int, job: Callable[[], Any]) -> None:
        barrier.wait()
        try:
            results[index] = job()
        except Exception as error:  # returned, so a failing thread fails the calling test
            results[index] = error

    threads = [threading.Thread(target=run, args=(i, job)) for i, job in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results
