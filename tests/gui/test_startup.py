"""The window comes first: `vita` shows it before loading any command module, the store's library or numpy,
and the hidden modes `vita bench` uses to time the start (--exit-when-shown, --startup-floor) work through
the real entry point."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from PySide6 import QtCore, QtGui, QtWidgets

from vita.gui.qt_values import TEXT_SHOW_MNEMONIC, set_enum

from vita.cli.main import COMMAND_MODULES

# What the unlock screen does not need: loaded after the window is on screen, or by a command only. Beside the
# store's library: the content (checked against its schema), the interview, the record, the packs' cryptography,
# the script tables and the log's sockets.
NOT_BEFORE_THE_WINDOW = {
    *COMMAND_MODULES.values(),
    *("sqlite_utils", "numpy", "jsonschema", "vita.store.store", "vita.content.loader", "vita.content.model"),
    *("vita.interview.model", "vita.record.build", "vita.packs.signing", "cryptography", "fontTools"),
    *("logging.handlers", "polib"),
    # Each module is a moment more before the window (and PySide reads the source of every module imported after
    # it): the store's errors and thread, the words for errors, the safe writes, the PO checks, the thread pool,
    # and (a first start has no preferences file) the TOML reader load when they are first used.
    *("vita.store", "vita.store.owner", "vita.errors_text", "vita.safe_files", "vita.content.po"),
    *("concurrent.futures", "tomllib", "secrets", "datetime"),
    # The None guard's ctypes (run once the window is on screen) and importlib's resource readers (the installed
    # content is found beside the package).
    *("ctypes", "importlib.readers"),
}


def start(repo_root: Path, tmp_path: Path, *options: str) -> tuple[set[str], str]:
    """Run `python -X importtime -m vita OPTIONS` until its window is shown; the modules it imported by then."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", VITA_DATA=str(tmp_path / "data"))
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "vita", "--content", str(repo_root), *options],
        capture_output=True, text=True, env=env, timeout=120, cwd=repo_root,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-2000:]
    modules = {line.split("|")[-1].strip() for line in result.stderr.splitlines() if line.startswith("import time:")}
    return modules, result.stdout


def test_the_window_shows_before_any_command_module_or_the_store_library_is_imported(
    repo_root: Path, tmp_path: Path
) -> None:
    modules, out = start(repo_root, tmp_path, "--exit-when-shown")
    assert out.startswith("shown "), "the app reports the moment its window is on screen"
    assert "vita.gui.main_window" in modules, "the scan must see the app's own modules"
    assert NOT_BEFORE_THE_WINDOW & modules == set()
    assert not (tmp_path / "data" / "vita.db").exists(), "showing the window creates no store"


def test_the_bare_window_floor_imports_nothing_of_the_app(repo_root: Path, tmp_path: Path) -> None:
    modules, out = start(repo_root, tmp_path, "--startup-floor", "--exit-when-shown")
    assert out.startswith("shown ")
    assert "PySide6.QtWidgets" in modules
    # vita.gui's own work-arounds come with the package (vita/gui/__init__.py), in the floor as in the app
    assert {m for m in modules if m.startswith("vita.gui.")} == {"vita.gui.bare", "vita.gui.workarounds"}


def test_the_styled_floor_shows_a_screen_with_nothing_of_the_app_but_its_style_sheet(
    repo_root: Path, tmp_path: Path
) -> None:
    modules, out = start(repo_root, tmp_path, "--startup-floor", "styled", "--exit-when-shown")
    assert out.startswith("shown ")
    assert {m for m in modules if m.startswith("vita.gui.")} == {
        *("vita.gui.bare", "vita.gui.qt_values", "vita.gui.typography", "vita.gui.workarounds")
    }


def test_help_still_lists_every_command(repo_root: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "vita", "--help"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0
    for command in COMMAND_MODULES:
        assert command in result.stdout


def test_every_command_module_is_named_in_the_lazy_table(repo_root: Path) -> None:
    """A command module left out of COMMAND_MODULES would be missing from `vita --help` and unusable."""
    registering = {
        f"vita.cli.{path.stem}"
        for path in (repo_root / "vita" / "cli").glob("*.py")
        if "\ndef register(" in path.read_text(encoding="utf-8")
    }
    assert registering and registering == set(COMMAND_MODULES.values())


# Runs `vita --exit-when-shown` (the real entry point, as the benchmark does), and at the moment the window is on
# screen says whether PySide has built Python's enums of Qt's namespace, and whether it does so at a first use.
NAMESPACE_PROBE = """
import sys
from PySide6 import QtCore
import vita.gui.app as app
from vita.cli.main import main

def shown():
    before = "Qt" in vars(QtCore)
    QtCore.Qt.AlignmentFlag
    print("built before the window:", before, "after a use:", "Qt" in vars(QtCore), flush=True)

app.report_shown = shown
sys.exit(main(sys.argv[1:]))
"""


def test_the_first_window_is_on_screen_before_pyside_builds_the_enums_of_qts_namespace(
    repo_root: Path, tmp_path: Path
) -> None:
    """Building them takes 15–25 ms (vita/gui/qt_values.py): the first window sets Qt's values by name."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", VITA_DATA=str(tmp_path / "data"))
    result = subprocess.run(
        [sys.executable, "-c", NAMESPACE_PROBE, "--content", str(repo_root), "--exit-when-shown"],
        capture_output=True, text=True, env=env, timeout=120, cwd=repo_root,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip() == "built before the window: False after a use: True"


def test_the_numbers_and_names_the_first_window_gives_qt_are_qts_own(qapp: QtWidgets.QApplication) -> None:
    assert QtCore.Qt.TextFlag.TextShowMnemonic.value == TEXT_SHOW_MNEMONIC
    label = QtWidgets.QLabel()
    set_enum(label, "textFormat", "PlainText")
    set_enum(label, "alignment", "AlignRight|AlignVCenter")
    assert label.textFormat() == QtCore.Qt.TextFormat.PlainText
    assert label.alignment() == QtCore.Qt.AlignmentFlag.AlignRight | QtCore.Qt.AlignmentFlag.AlignVCenter
    action = QtGui.QAction("x", label)
    set_enum(action, "shortcutContext", "WindowShortcut")
    assert action.shortcutContext() == QtCore.Qt.ShortcutContext.WindowShortcut
    refused = [("textFormat", "Plaintext"), ("textformat", "PlainText"), ("text", "PlainText"),
               ("textFormat", "PlainText|RichText"), ("textFormat", "1"), ("textFormat", "Qt::RichText"),
               ("alignment", "AlignRight|AlignRihgt"), ("alignment", "130")]  # fmt: skip
    for name, key in refused:  # one key of an enum (several of flags), by name: Qt would take these
        with pytest.raises(ValueError, match="no enum property"):
            set_enum(label, name, key)
    assert label.textFormat() == QtCore.Qt.TextFormat.PlainText, "a refused key changes nothing"


class WindowsShown(QtCore.QObject):
    """Every widget that is shown as a window of its own (an event filter on the whole application)."""

    def __init__(self) -> None:
        super().__init__()
        self.shown: list[str] = []

    def eventFilter(self, watched: QtCore.QObject, event: QtCore.QEvent) -> bool:
        if event.type() == QtCore.QEvent.Type.Show and isinstance(watched, QtWidgets.QWidget) and watched.isWindow():
            self.shown.append(type(watched).__name__)
        return False


def test_no_part_of_a_screen_flashes_up_as_a_window_of_its_own(
    make_window, qapp: QtWidgets.QApplication, qtbot
) -> None:
    """A widget shown before it is placed in a layout becomes a top-level window for a moment (a flash on the
    officer's screen, and a native window made and thrown away): only the main window may appear."""
    watcher = WindowsShown()
    qapp.installEventFilter(watcher)
    try:
        window = make_window()
        qtbot.waitUntil(lambda: window.ready, timeout=30_000)  # every screen built
    finally:
        qapp.removeEventFilter(watcher)
    assert watcher.shown == ["MainWindow"]
