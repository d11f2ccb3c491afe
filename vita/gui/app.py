"""Start the officer's app: `vita` with no command calls `run_app`, the `vita-gui` script calls `main`.

`launch` shows the window (the unlock screen) first; the content and the audio manifest are then read in the
background while the window takes the passphrase, and the sound and the other screens are set up on the GUI
thread when they arrive. Tests and the benchmark call `launch` with a fake sound output and a cheap key
derivation.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Collection
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6 import QtCore, QtGui, QtWidgets

from vita.audio import default_backend
from vita.audio.errors import AudioError
from vita.clock import utc_now
from vita.content.errors import ContentError
from vita.content.officer import SOURCE_LANGUAGE, load_officer_text
from vita.paths import ContentNotFound, Paths
from vita.preferences import load_preferences

from vita.gui.audio_bridge import AudioBridge, BackendFactory, read_library
from vita.gui.bare import report_shown, wait_until_shown
from vita.gui.context import AppContext
from vita.gui.main_window import MainWindow
from vita.gui.qt_values import build_namespace, set_direction
from vita.gui.runner import Runner
from vita.gui.typography import Typography, load_style_sheet
from vita.gui.widgets import tell
from vita.gui.workarounds import keep_none_alive
from vita.printing.fonts import family_for, register_bundled_fonts

if TYPE_CHECKING:
    import datetime as dt

    from vita.audio.cache import ClipLibrary
    from vita.content.model import Content

APP_NAME = "VITA"


def application(argv: list[str] | None = None) -> QtWidgets.QApplication:
    """The running QApplication, or a new one set up with VITA's name and style sheet."""
    existing = QtWidgets.QApplication.instance()
    app = existing if isinstance(existing, QtWidgets.QApplication) else QtWidgets.QApplication(argv or [APP_NAME])
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_NAME)
    app.setStyleSheet(load_style_sheet())
    return app


def typography_for(app: QtWidgets.QApplication, first: Collection[str]) -> Typography:
    """Register the bundled fonts of the scripts a first window needs (`first`) and pick a family for each.

    The others are registered when a text needs them (Typography.cover), and the rest once `launch` has the
    window on screen; the content's scripts VITA bundles no font for get one then (Typography.add_scripts)."""
    bundled = register_bundled_fonts(scripts=first)
    families = {script: family_for(script, bundled) for script in {*bundled, "Latn"}}
    typography = Typography(families, app.font().pointSizeF(), lambda wanted: register_bundled_fonts(scripts=wanted))
    app.setFont(typography.font("body"))
    return typography


def launch(
    paths: Paths,
    *,
    backend_factory: BackendFactory = default_backend,
    kdf_cost: int | None = None,
    setting_overrides: dict[str, Any] | None = None,
    clock: Callable[[], dt.datetime] = utc_now,
    open_file: Callable[[Path], bool] | None = None,
    maximized: bool = False,
    on_shown: Callable[[], object] | None = None,
) -> MainWindow:
    """Show the main window (locked), then load everything else. Raises ContentError for broken content."""
    app = application()
    chosen = load_preferences(paths.data_dir).interface_language
    tr = load_officer_text(paths.content_root, chosen or SOURCE_LANGUAGE)
    set_direction(app, tr.is_rtl)
    typography = typography_for(app, {"Latn"})  # the unlock screen asks for the others it shows
    typography.cover([tr.native_name])  # the interface language's own script
    context = AppContext(
        tr=tr,
        paths=paths,
        typography=typography,
        audio=AudioBridge(),
        runner=Runner(),
        clock=clock,
        kdf_cost=kdf_cost,
        setting_overrides=dict(setting_overrides or {}),
        open_file=open_file or open_with_system,
    )
    window = MainWindow(context)
    if maximized:
        window.showMaximized()
    else:
        window.show()
    wait_until_shown(app, window)
    if on_shown is not None:
        on_shown()
    keep_none_alive()
    build_namespace()  # Qt's enums, which the first window did without (vita/gui/qt_values.py)
    from vita.applog import open_app_log

    open_app_log(paths.data_dir)  # sound problems and the like go there, once each, never to the terminal
    context.typography.add_families(register_bundled_fonts())  # the other scripts, before the other screens
    loaded: list[tuple[Content, ClipLibrary | AudioError]] = []
    failed: list[BaseException] = []
    context.runner.run(lambda: _read_content(paths), loaded.append, failed.append)
    context.runner.wait()
    if failed:
        window.close()
        raise failed[0]
    content, library = loaded[0]
    # a deployment's language in a script VITA bundles no font for: the font its pack brought, else an installed one
    context.typography.add_scripts({language.script for language in content.languages}, paths.overlay)
    context.loaded_content = content
    context.audio.audio_source = paths.content  # where the record reads clip provenance if the library failed
    context.audio.use_library(library, backend_factory)
    window.build_screens()
    return window


def _read_content(paths: Paths) -> tuple[Content, ClipLibrary | AudioError]:
    """The content (ContentError if it cannot be used) and the clip library, or why there is none."""
    from vita.content.loader import load_content  # its schema validator loads after the window is shown

    content = load_content(paths.content)
    try:
        library: ClipLibrary | AudioError = read_library(paths.content)
    except AudioError as error:
        library = error
    return content, library


def open_with_system(path: Path) -> bool:
    return QtGui.QDesktopServices.openUrl(QtCore.QUrl.fromLocalFile(str(path)))


def missing_display() -> str | None:
    """Why no window can open here, in plain words; None when a screen is there (or Qt is told what to use).

    Qt aborts the whole process when it finds no display, so this is checked before Qt starts."""
    if not sys.platform.startswith("linux") or os.environ.get("QT_QPA_PLATFORM"):
        return None
    if os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"):
        return None
    return (
        "VITA needs a screen, and this session has none (neither DISPLAY nor WAYLAND_DISPLAY is set). "
        "Start it from the desktop. The command-line tasks work without one: see `vita --help`."
    )


def run_app(paths: Paths, exit_when_shown: bool = False) -> int:
    """Show the window and run until it is closed. Returns the exit status.

    `exit_when_shown` (`vita --exit-when-shown`, for `vita bench`) prints when the window is on screen and exits."""
    reason = missing_display()
    if reason is not None:
        print(reason, file=sys.stderr)
        return 2
    app = application(sys.argv[:1])
    try:
        window = launch(paths, maximized=True, on_shown=_report_and_exit if exit_when_shown else None)
    except ContentError as error:
        from vita.errors_text import explain

        tell(None, explain(error), critical=True)
        return 1
    window.raise_()
    return int(app.exec())


def _report_and_exit() -> None:
    report_shown()
    os._exit(0)  # nothing was written yet: the store is still locked


def main() -> None:
    """The `vita-gui` script: the app with the default content and data folders."""
    try:
        paths = Paths.default()
    except ContentNotFound as error:
        from vita.errors_text import explain

        print(explain(error), file=sys.stderr)
        if missing_display() is None:
            application(sys.argv[:1])
            QtWidgets.QMessageBox.critical(None, APP_NAME, explain(error))
        sys.exit(1)
    sys.exit(run_app(paths))
