"""Live-session fan-out through Redis: polls answered from a cache all app servers share.

Without REDIS_URL every poll reads the database (one small query), which is right for one host.
With it, a poll first looks in Redis. Cached rows are keyed by two generation counters, one per
session (bumped when the host opens, reveals or ends a question, or removes a player) and one per
player (bumped when they answer). Writers bump a counter after their commit, and readers read
the counters before the database, so a row cached from an older read sits under an older
generation and is never served again. Redis is only a cache: when it fails, polls go to the
database and nothing is lost.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from typing import Any

from flask import Flask, current_app

log = logging.getLogger(__name__)
EXTENSION = "quire_live_cache"
# Long enough to outlast a question, short enough that a lost invalidation heals by itself.
ROW_TTL_S = 30
COUNTER_TTL_S = 24 * 3600
# The cached row's fields: raise it when they change, so that rows an older release cached
# (still live for ROW_TTL_S after a deploy) are not served to code that reads other fields.
ROW_SHAPE = 2


class LiveCache:
    """Players' poll rows in Redis, invalidated by generation counters."""

    def __init__(self, client: Any, errors: type[Exception], prefix: str = "quire:live") -> None:
        self.client = client
        # What a failing Redis raises (redis.RedisError), caught so polls fall back.
        self.errors = errors
        self.prefix = prefix

    def _session_key(self, session_id: int) -> str:
        return f"{self.prefix}:{session_id}:gen"

    def _player_key(self, session_id: int, token_hash: str) -> str:
        return f"{self.prefix}:{session_id}:player:{token_hash}:gen"

    def row(self, session_id: int, token_hash: str, load: Callable[[], dict | None]) -> dict | None:
        """The cached row for this player, or `load()`'s, stored for the next poll."""
        counters = self.client.mget(
            self._session_key(session_id), self._player_key(session_id, token_hash)
        )
        generation = ":".join(value.decode() if value else "0" for value in counters)
        key = f"{self.prefix}:{session_id}:row{ROW_SHAPE}:{token_hash}:{generation}"
        cached = self.client.get(key)
        if cached is not None:
            return json.loads(cached)
        row = load()
        if row is not None:
            self.client.set(key, json.dumps(row), ex=ROW_TTL_S)
        return row

    def session_changed(self, session_id: int) -> None:
        """Every player's cached row for this session is out of date."""
        self._bump(self._session_key(session_id))

    def player_changed(self, session_id: int, token_hash: str) -> None:
        """This player's cached row is out of date."""
        self._bump(self._player_key(session_id, token_hash))

    def _bump(self, key: str) -> None:
        pipe = self.client.pipeline()
        pipe.incr(key)
        pipe.expire(key, COUNTER_TTL_S)
        pipe.execute()


def init_app(app: Flask) -> None:
    """Attach a LiveCache when REDIS_URL is configured."""
    url = app.config["REDIS_URL"]
    if url:
        import redis  # only needed when configured: the `redis` extra

        client = redis.Redis.from_url(url, socket_timeout=0.5, socket_connect_timeout=0.5)
        prefix = app.config["QUIRE_LIVE_CACHE_PREFIX"]
        app.extensions[EXTENSION] = LiveCache(client, redis.RedisError, prefix)


def _cache() -> LiveCache | None:
    return current_app.extensions.get(EXTENSION)


def cached_row(session_id: int, token_hash: str, load: Callable[[], dict | None]) -> dict | None:
    """A player's poll row through the cache when there is one, else straight from `load`."""
    cache = _cache()
    if cache is None:
        return load()
    try:
        return cache.row(session_id, token_hash, load)
    except cache.errors:
        log.warning("live cache unavailable; polling the database", exc_info=True)
        return load()


def announce_session(session_id: int) -> None:
    """Tell every app server that this session's state changed (after the commit)."""
    _announce(lambda cache: cache.session_changed(session_id))


def announce_player(session_id: int, token_hash: str) -> None:
    """Tell every app server that this player's state changed (after the commit)."""
    _announce(lambda cache: cache.player_changed(session_id, token_hash))


def _announce(change: Callable[[LiveCache], None]) -> None:
    cache = _cache()
    if cache is None:
        return
    try:
        change(cache)
    except cache.errors:
        # Unannounced, a cached row still expires within ROW_TTL_S.
        log.warning("could not invalidate the live cache", exc_info=True)
