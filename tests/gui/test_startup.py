"""The window comes first: `vita` shows it before loading any command module, the store's library or numpy,
and the hidden modes `vita bench` uses to time the start (--exit-when-shown, --startup-floor) work through
the real entry point."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

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
    assert {m for m in modules if m.startswith("vita.gui.") and m != "vita.gui.bare"} == set()


def test_the_styled_floor_shows_a_screen_with_nothing_of_the_app_but_its_style_sheet(
    repo_root: Path, tmp_path: Path
) -> None:
    modules, out = start(repo_root, tmp_path, "--startup-floor", "styled", "--exit-when-shown")
    assert out.startswith("shown ")
    assert {m for m in modules if m.startswith("vita.gui.")} == {"vita.gui.bare", "vita.gui.typography"}


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
