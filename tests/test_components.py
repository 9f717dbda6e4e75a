"""The skip-or-fail rule for tests that need a component."""

import pytest

from tests.support import components


def test_available_component_neither_skips_nor_fails():
    components.require_component(True, "a thing", "install it")


def test_missing_component_skips_locally(monkeypatch):
    monkeypatch.delenv(components.REQUIRE_ENV, raising=False)
    with pytest.raises(pytest.skip.Exception, match="requires chromium: apt-get install"):
        components.require_component(False, "chromium", "apt-get install chromium")


def test_missing_component_fails_when_required(monkeypatch):
    monkeypatch.setenv(components.REQUIRE_ENV, "1")
    with pytest.raises(pytest.fail.Exception, match="cannot be skipped"):
        components.require_component(False, "chromium", "apt-get install chromium")
