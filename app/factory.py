"""The application factory: configuration, extensions, blueprints, hooks."""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from flask import Flask
from sqlalchemy import event
from sqlalchemy.engine import Engine

from app.config import (
    Config,
    default_database_url,
    from_environment,
    instance_secret_key,
    normalise_database_url,
    site_prefix,
)
from app.extensions import csrf, db, limiter, login_manager, migrate
from app.ops.hardening import apply_proxy_fix, init_security_headers
from app.ops.input_hygiene import init_input_hygiene
from app.ops.request_log import init_request_log
from app.queue import init_app as init_queue
from app.routing import DatabaseIdConverter

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def create_app(
    test_config: Mapping[str, Any] | type | None = None,
    *,
    environ: Mapping[str, str] | None = None,
) -> Flask:
    """Build a Quire application; `test_config` (a mapping or a class) overrides `Config`;
    `environ`, when given, stands for the process's environment (tests of the settings)."""
    app = Flask(
        # The package's name, not this module's: Flask derives the instance folder and the
        # logger from it, and `flask --app app` finds the factory by it.
        "app",
        instance_relative_config=True,
        template_folder=str(PROJECT_ROOT / "templates"),
        static_folder=str(PROJECT_ROOT / "static"),
    )
    app.config.from_object(Config)
    if environ is not None:
        app.config.from_mapping(from_environment(environ))
    if isinstance(test_config, type):
        app.config.from_object(test_config)
    elif test_config is not None:
        app.config.from_mapping(test_config)

    if not app.config.get("SQLALCHEMY_DATABASE_URI"):
        app.config["SQLALCHEMY_DATABASE_URI"] = default_database_url(app.instance_path)
    app.config["SQLALCHEMY_DATABASE_URI"] = normalise_database_url(
        app.config["SQLALCHEMY_DATABASE_URI"]
    )
    if not app.config.get("RATELIMIT_KEY_PREFIX"):
        app.config["RATELIMIT_KEY_PREFIX"] = site_prefix(app.config["SQLALCHEMY_DATABASE_URI"])
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = instance_secret_key(app.instance_path)
    # Secure cookies need HTTPS, which the debugger and the test client do not speak.
    for key in ("SESSION_COOKIE_SECURE", "REMEMBER_COOKIE_SECURE"):
        if app.config.get(key) is None:
            app.config[key] = not (app.debug or app.testing)

    # First, so the request clock starts before any other hook can answer (CSRF, limits).
    init_request_log(app)
    # Next, so no later hook (CSRF, login, limits) reads text the database cannot store.
    init_input_hygiene(app)
    db.init_app(app)
    migrate.init_app(app, db, directory=str(PROJECT_ROOT / "migrations"), render_as_batch=True)
    csrf.init_app(app)
    login_manager.init_app(app)
    # Flask-Limiter keeps the first app's key prefix for good; each app counts under its own.
    limiter._key_prefix = app.config["RATELIMIT_KEY_PREFIX"]
    limiter.init_app(app)
    init_queue(app)

    # Models register their tables on import; versions its hooks that stamp every answer.
    from app import cli, models, versions  # noqa: F401
    from app.accounts import bp as accounts_bp
    from app.admin import bp as admin_bp
    from app.api import bp as api_bp
    from app.authoring import bp as authoring_bp
    from app.bank import bp as bank_bp
    from app.classroom import bp as classroom_bp
    from app.classroom.fanout import init_app as init_live_cache
    from app.errors import bp as errors_bp
    from app.learn import bp as learn_bp
    from app.ops import bp as ops_bp
    from app.sources import bp as sources_bp

    # Before any blueprint adds its routes, so every `<int:...>` is bounded.
    app.url_map.converters["int"] = DatabaseIdConverter
    app.register_blueprint(errors_bp)
    app.register_blueprint(sources_bp)
    app.register_blueprint(bank_bp)
    app.register_blueprint(accounts_bp)
    app.register_blueprint(admin_bp)
    app.register_blueprint(classroom_bp)
    init_live_cache(app)
    app.register_blueprint(learn_bp)
    app.register_blueprint(authoring_bp)
    app.register_blueprint(ops_bp)
    app.register_blueprint(api_bp)
    init_security_headers(app)
    apply_proxy_fix(app)
    cli.register(app)
    return app


@event.listens_for(Engine, "connect")
def _configure_sqlite(dbapi_connection: Any, _record: Any) -> None:
    # SQLite leaves foreign keys off by default; WAL lets the reader pages run beside an import.
    if isinstance(dbapi_connection, sqlite3.Connection):
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.close()
