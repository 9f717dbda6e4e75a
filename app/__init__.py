"""Quire: quizzes and flashcards generated from source texts.

The package itself imports nothing: `import app.study.elo` must not load Flask, the database or
any blueprint. `create_app` lives in `app.factory` and is fetched from there on first use.
"""

from __future__ import annotations

from typing import Any

__all__ = ["create_app"]


def __getattr__(name: str) -> Any:
    # Lazy, so `from app import create_app` works without every pure subpackage paying for it.
    if name == "create_app":
        from app.factory import create_app

        return create_app
    raise AttributeError(f"module 'app' has no attribute {name!r}")
