"""Schemathesis against a running Quire: every documented operation, as a visitor and as an
instructor, must answer without a server error and as app/api/openapi.json says."""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

from app.accounts_models import User
from app.extensions import db
from app.packs.format import load_pack
from app.packs.importer import import_pack
from tests.browser.conftest import LiveServer, production_like_app
from tests.conftest import TEST_PASSWORD, TEST_PASSWORD_HASH, make_pack

# Some of its apps take databases through app_settings: the PostgreSQL run runs it too.
pytestmark = pytest.mark.database

ROOT = Path(__file__).resolve().parents[1]
BUNDLED = ROOT / "questions" / "packs" / "russia-iran.json"
INSTRUCTOR = "teacher@example.org"
HOST_LIVE = "/classroom/sessions/{session_id}/live"
CHECKS = (
    "not_a_server_error,status_code_conformance,content_type_conformance,"
    "response_schema_conformance"
)
# Small enough for the whole file to finish in well under a minute on two shared cores.
MAX_EXAMPLES = 20
_CSRF = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')


def _seed() -> None:
    """The bundled pack (public), an instructor, and a private pack of theirs."""
    data, texts = load_pack(BUNDLED, base_dir=ROOT)
    import_pack(data, texts, filename=BUNDLED.name)
    teacher = User(
        email=INSTRUCTOR,
        role="instructor",
        display_name="Ida Instructor",
        password_hash=TEST_PASSWORD_HASH,
    )
    db.session.add(teacher)
    db.session.commit()
    import_pack(make_pack(), {}, filename="lisvale.json", owner_id=teacher.id, visibility="private")


@pytest.fixture
def live_api(tmp_path) -> Iterator[LiveServer]:
    """Quire on its own database with CSRF on, as in production, served on a free port."""
    app = production_like_app(tmp_path)
    with app.app_context():
        db.create_all()
        _seed()
    with LiveServer(app) as server:
        yield server
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


def _session_cookie(base_url: str) -> str:
    """Log in through the real form and return the session cookie as a Cookie header."""
    with requests.Session() as http:
        page = http.get(f"{base_url}/accounts/login", timeout=10)
        token = _CSRF.search(page.text)
        assert token, "the login page has no CSRF token"
        response = http.post(
            f"{base_url}/accounts/login",
            data={"email": INSTRUCTOR, "password": TEST_PASSWORD, "csrf_token": token.group(1)},
            allow_redirects=False,
            timeout=10,
        )
        assert response.status_code == 302, response.text
        return "; ".join(f"{name}={value}" for name, value in http.cookies.items())


def _schemathesis(base_url: str, workdir: Path, *options: str) -> subprocess.CompletedProcess[str]:
    command = [
        sys.executable,
        "-m",
        "schemathesis.cli",
        "--no-color",
        "run",
        f"{base_url}/api/v1/openapi.json",
        "--checks",
        CHECKS,
        "--max-examples",
        str(MAX_EXAMPLES),
        "--phases",
        "examples,coverage,fuzzing",
        "--seed",
        "20240601",
        "--workers",
        "1",
        # A redirect to the login page is itself the documented answer (302).
        "--max-redirects",
        "0",
        "--request-timeout",
        "10",
        "--suppress-health-check",
        "all",
        *options,
    ]
    # Run in the test's folder: schemathesis keeps a cache of crashes in .schemathesis/ there.
    return subprocess.run(
        command, cwd=workdir, capture_output=True, text=True, timeout=120, check=False
    )


def test_the_api_matches_its_openapi_document(live_api, tmp_path):
    """No 500s and no undocumented status, content type or body, logged out and logged in."""
    cookie = f"Cookie: {_session_cookie(live_api.url)}"
    runs = {
        "a visitor": _schemathesis(live_api.url, tmp_path),
        "an instructor": _schemathesis(live_api.url, tmp_path, "--header", cookie),
    }
    for who, run in runs.items():
        assert run.returncode == 0, f"schemathesis as {who}:\n{run.stdout}\n{run.stderr}"
        assert re.search(r"\d+ generated, \d+ passed", run.stdout), run.stdout


def test_host_live_state_of_an_impossible_session_is_not_found(client, make_user, auth):
    """Found by schemathesis: an id beyond the database's integers must be a 404, not a 500."""
    make_user(INSTRUCTOR, role="instructor")
    assert auth.login(INSTRUCTOR).status_code == 302
    for beyond in (2**31, 2**63):
        assert client.get(HOST_LIVE.format(session_id=beyond)).status_code == 404
        assert client.get(f"/play/{beyond}/state").status_code == 404
        assert client.get(f"/sources/{beyond}").status_code == 404
