"""The domain stands alone: importing it in a fresh interpreter loads no web or database code.

Each domain package is imported with every one of its modules in a new Python process (this
process has long since loaded Flask), and the modules that process then holds are listed.
"""

from __future__ import annotations

import ast
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


# The composition root: the factory registers every blueprint, the command line gathers their
# commands. Everything else reaches another area through a service module, never a blueprint.
COMPOSITION_ROOT = {"app.factory", "app.cli"}


def imported_modules(source: str, module: str) -> set[str]:
    """The `app...` modules a module's source imports, at any depth, one per import (relative
    imports resolved; `from app import x` read as app.x)."""
    found: set[str] = set()
    package = module.rsplit(".", 1)[0]
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*parts, base] if base else parts)
            if base == "app":
                found.update(f"app.{alias.name}" for alias in node.names)
            else:
                found.add(base)
    return {name for name in found if name == "app" or name.startswith("app.")}


def blueprint_of(module: str) -> str | None:
    """The blueprint package a module belongs to (None: not inside one)."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[1] in BLUEPRINTS else None


def crossings(module: str, source: str) -> list[str]:
    """The blueprints' modules this module imports that it may not: another blueprint's (from
    a blueprint), or any blueprint's (from a module outside them, bar the composition root)."""
    own = blueprint_of(module)
    if module in COMPOSITION_ROOT:
        return []
    bad = []
    for name in sorted(imported_modules(source, module)):
        theirs = blueprint_of(name)
        if theirs is not None and theirs != own:
            bad.append(f"{module} imports {name}")
    return bad


def app_modules() -> dict[str, Path]:
    """Every module of the app package by dotted name."""
    found = {}
    for path in sorted((ROOT / "app").rglob("*.py")):
        parts = path.relative_to(ROOT).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name] = path
    return found


def test_no_blueprint_imports_another_blueprint():
    bad = [
        crossing
        for name, path in app_modules().items()
        for crossing in crossings(name, path.read_text(encoding="utf-8"))
    ]
    assert bad == []


@pytest.mark.parametrize(
    ("module", "source", "expected"),
    [
        ("app.sources.routes", "from app.learn import services", ["app.learn"]),
        ("app.api.routes", "def f():\n    from app.learn.dashboard import build", ["app.learn"]),
        ("app.classroom.play", "import app.learn.context", ["app.learn"]),
        ("app.import_cli", "from app.authoring.cli import FORMAT_NAMES", ["app.authoring"]),
        ("app.learn.routes", "from . import pages\nfrom ..authoring import versions", ["app."]),
        ("app.people", "from app import learn", ["app.learn"]),
        ("app.learn.routes", "from app.learn import pages\nfrom app import clock", []),
        ("app.factory", "from app.learn import bp", []),
    ],
)
def test_the_layer_check_sees_each_way_of_importing(module, source, expected):
    found = crossings(module, source)
    assert len(found) == len(expected)
    assert all(prefix in line for prefix, line in zip(expected, found, strict=True))
