"""The domain stands alone: importing it in a fresh interpreter loads no web or database code.

Each domain package is imported with every one of its modules in a new Python process (this
process has long since loaded Flask), and the modules that process then holds are listed.
"""

from __future__ import annotations

import fnmatch
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# Plain modules: extraction, generation, study scheduling and selection, formats, the pack
# format, statistics, charts, the clock and the sanitiser.
DOMAIN = [
    "app.extraction",
    "app.generation",
    "app.study",
    "app.formats",
    "app.packs",
    "app.stats",
    "app.charts",
    "app.clock",
    "app.sanitize",
    "app.passages",
]
# The pack importer writes rows; it is the one database-bound module inside app.packs.
DATABASE_MODULES = {"app.packs.importer"}
BLUEPRINTS = ["accounts", "api", "authoring", "bank", "classroom", "errors", "learn", "ops"]
BLUEPRINTS += ["sources", "admin"]
FORBIDDEN_ROOTS = {"flask", "sqlalchemy", "werkzeug", "flask_sqlalchemy", "flask_migrate"}

PROBE = """
import importlib, json, pkgutil, sys
skip = set(sys.argv[2:])
package = importlib.import_module(sys.argv[1])
for info in pkgutil.walk_packages(getattr(package, "__path__", []), package.__name__ + "."):
    if info.name not in skip:
        importlib.import_module(info.name)
print(json.dumps(sorted(sys.modules)))
"""


def loaded_by(package: str) -> list[str]:
    """Every module a fresh interpreter holds after importing `package` and its modules."""
    result = subprocess.run(
        [sys.executable, "-c", PROBE, package, *sorted(DATABASE_MODULES)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout)


def offenders(modules: list[str]) -> list[str]:
    """The loaded modules a domain module must not pull in."""
    web_or_database = DATABASE_MODULES | {"app.extensions", "app.models", "app.factory"}
    web_or_database |= {f"app.{blueprint}" for blueprint in BLUEPRINTS}
    return [
        name
        for name in modules
        if name.split(".")[0] in FORBIDDEN_ROOTS
        or name.startswith("flask_")
        or name in web_or_database
        or name.rsplit(".", 1)[0] in web_or_database
        or any(name.startswith(f"app.{blueprint}.") for blueprint in BLUEPRINTS)
    ]


@pytest.mark.parametrize("package", DOMAIN)
def test_domain_package_imports_no_web_or_database_code(package):
    modules = loaded_by(package)
    assert package in modules
    assert offenders(modules) == []


def test_the_probe_sees_the_web_layer():
    # The check would pass vacuously if the probe could not see Flask being loaded.
    modules = loaded_by("app.access")
    bad = offenders(modules)
    assert "flask" in bad and "sqlalchemy" in bad and "app.extensions" in bad


def test_importing_the_package_loads_nothing():
    probe = "import json, sys, app; print(json.dumps(sorted(sys.modules)))"
    result = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True)
    modules = json.loads(result.stdout)
    assert [name for name in modules if name.startswith("app.")] == []
    assert offenders(modules) == []


def test_readme_maps_every_package_and_module_of_app():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("\n## What is here\n", 1)[1].split("\n## ", 1)[0]
    named = set(re.findall(r"`(app/[^`]*)`", section))
    missing = []
    for path in sorted((ROOT / "app").iterdir()):
        if path.name.startswith(("_", ".")) and path.name != "__init__.py":
            continue
        if path.is_dir() and not (path / "__init__.py").exists():
            continue
        if path.suffix not in (".py", "") or (path.is_file() and path.suffix != ".py"):
            continue
        shown = f"app/{path.name}/" if path.is_dir() else f"app/{path.name}"
        if not any(fnmatch.fnmatch(shown, pattern) for pattern in named):
            missing.append(shown)
    assert missing == []
