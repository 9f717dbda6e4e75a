"""The live cache never serves a row cached by a release that built rows of another shape."""

from __future__ import annotations

import json

from app.classroom.fanout import LiveCache


class DictRedis:
    """The three Redis calls LiveCache.row makes, over a dict."""

    def __init__(self) -> None:
        self.data: dict[str, bytes] = {}

    def mget(self, *keys: str) -> list[bytes | None]:
        return [self.data.get(k) for k in keys]

    def get(self, key: str) -> bytes | None:
        return self.data.get(key)

    def set(self, key: str, value: str, ex: int) -> None:
        self.data[key] = value.encode()


def test_a_row_the_previous_release_cached_is_not_served():
    client = DictRedis()
    # The key the release before the shared question builder wrote, with its row's fields.
    client.data["quire:live:7:row:abc:0:0"] = json.dumps({"status": "open"}).encode()
    cache = LiveCache(client, Exception)
    fresh = {"status": "open", "type": "multiple_choice", "seed": 3}
    assert cache.row(7, "abc", lambda: fresh) == fresh
    assert cache.row(7, "abc", lambda: None) == fresh  # and the new row is cached
