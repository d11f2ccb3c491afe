"""The work-arounds for PySide6 (vita/gui/workarounds.py): the guard against its reference leak, and Python's own
import put back (the plan and the settings are tested in the core's tests)."""

from __future__ import annotations

import builtins
import subprocess
import sys

import pytest

from PySide6 import QtCore

from vita.gui.workarounds import SPARE_REFERENCES, feature_import_hook_installed, keep_none_alive, none_needs_guard


@pytest.mark.skipif(not none_needs_guard(), reason="None is immortal from Python 3.12 on")
def test_the_guard_gives_none_references_that_a_leak_cannot_use_up() -> None:
    keep_none_alive()
    assert sys.getrefcount(None) > SPARE_REFERENCES // 2


def test_the_installed_pyside6_does_not_leak_references_to_none() -> None:
    """PySide6 6.12.0 lost one reference to None per call of a method returning nothing (pyproject.toml pins
    below it). If this fails after an upgrade, that version has the leak: keep the pin."""
    holder = QtCore.QObject()
    before = sys.getrefcount(None)
    for _ in range(1000):
        holder.setObjectName("x")
    assert sys.getrefcount(None) - before > -10


def test_pyside6_still_replaces_python_import_with_its_feature_hook() -> None:
    """If this fails after an upgrade, PySide6 no longer scans every imported module: drop_feature_import_hook
    (and this test) can go."""
    probe = "import builtins, PySide6.QtCore; print(builtins.__import__ is builtins.__feature_import__)"
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60)
    assert result.stdout.strip() == "True", result.stderr


def test_the_app_package_puts_python_import_back() -> None:
    import vita.gui  # noqa: F401  (loaded by this test module already: the hook is gone for every later import)

    assert not feature_import_hook_installed()
    assert builtins.__import__ is builtins.__orig_import__  # type: ignore[attr-defined]
    import json  # an import statement still works, through Python's own import

    assert json.loads("[1]") == [1]
