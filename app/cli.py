"""The `quire` command: generate packs, import them, and run the demo server."""

from __future__ import annotations

import subprocess
import sys

import click
from flask import Flask
from flask.cli import (
    FlaskGroup,
    ScriptInfo,
    pass_script_info,
    routes_command,
    shell_command,
)
from werkzeug.serving import WSGIRequestHandler

from app import create_app
from app.accounts.cli import COMMANDS as ACCOUNT_COMMANDS
from app.authoring.cli import convert_command, export_command
from app.backup_cli import COMMANDS as BACKUP_COMMANDS
from app.generate_cli import generate_command
from app.import_cli import exit_with_errors, import_command, import_new_packs, project_root
from app.ops.request_log import request_logging_on
from app.packs.errors import PackValidationError


@click.command("run")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=5000, show_default=True, type=int)
@pass_script_info
def run_command(info: ScriptInfo, host: str, port: int) -> None:
    """Upgrade the database, import new packs from questions/packs, and serve Quire."""
    from flask_migrate import upgrade
    from werkzeug.serving import run_simple

    app: Flask = info.load_app()
    if app.config["QUIRE_SECURE_COOKIES"] is None:
        # This server speaks plain HTTP, where browsers drop Secure cookies and logins would fail.
        app.config.update(SESSION_COOKIE_SECURE=False, REMEMBER_COOKIE_SECURE=False)
    with app.app_context():
        upgrade()
        try:
            for slug in import_new_packs(project_root() / "questions" / "packs"):
                click.echo(f'Imported pack "{slug}".')
        except PackValidationError as exc:
            exit_with_errors(exc.errors, heading="A pack in questions/packs could not be imported:")
    # One command starts everything: the background worker runs beside the server, and stops
    # with it.
    worker = spawn_worker()
    try:
        # Flask.run refuses to start under a Flask CLI group, so serve with Werkzeug directly.
        run_simple(
            host,
            port,
            app,
            use_reloader=False,
            use_debugger=app.debug,
            threaded=True,
            request_handler=request_handler_for(app),
        )
    finally:
        worker.terminate()
        try:
            worker.wait(timeout=30)
        except subprocess.TimeoutExpired:
            worker.kill()


@click.command("worker")
@click.option("--workers", default=1, show_default=True, type=click.IntRange(1, 64))
@pass_script_info
def worker_command(info: ScriptInfo, workers: int) -> None:
    """Run background jobs (question generation, FSRS refits) from the queue until stopped."""
    import logging

    from app.queue import run_worker

    # The worker has no request log: huey's own lines (task started, finished, failed) on stderr.
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    run_worker(info.load_app(), workers)


def spawn_worker() -> subprocess.Popen:
    """`quire worker` as a child process, sharing this process's settings and queue."""
    # Its own interpreter, so spaCy is loaded there and never in the process serving pages.
    code = "from app.cli import main; main()"
    return subprocess.Popen([sys.executable, "-c", code, "worker"])


class _QuietRequestHandler(WSGIRequestHandler):
    """Werkzeug's handler without its own line per request (Quire's JSON line says it all)."""

    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        """Log nothing: the app's request log already has this request."""


def request_handler_for(app: Flask) -> type[WSGIRequestHandler]:
    """The development server's handler: quiet when the app logs each request itself."""
    return _QuietRequestHandler if request_logging_on(app) else WSGIRequestHandler


def register(app: Flask) -> None:
    """Add Quire's commands to `flask --app app ...` (`run` is `demo` there, as Flask has a run)."""
    app.cli.add_command(generate_command)
    app.cli.add_command(import_command)
    app.cli.add_command(export_command)
    app.cli.add_command(convert_command)
    app.cli.add_command(run_command, "demo")
    app.cli.add_command(worker_command)
    for command in (*ACCOUNT_COMMANDS, *BACKUP_COMMANDS):
        app.cli.add_command(command)


main = FlaskGroup(
    name="quire",
    help="Quire: generate question packs, import them, and serve the app.",
    create_app=create_app,
    add_default_commands=False,
)
main.add_command(generate_command)
main.add_command(import_command)
main.add_command(export_command)
main.add_command(convert_command)
main.add_command(run_command)
main.add_command(run_command, "demo")
main.add_command(worker_command)
main.add_command(shell_command)
main.add_command(routes_command)
for _command in (*ACCOUNT_COMMANDS, *BACKUP_COMMANDS):
    main.add_command(_command)
