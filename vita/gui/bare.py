"""The floors for start-up time, started through `vita` like the app (hidden option `vita --startup-floor`), so
`vita bench` can put the app's start beside what no Qt program can beat here, on the same machine and in the
same run, also inside a bundle:

- `bare`: an empty PySide6 window. Imports nothing of VITA's.
- `styled`: the least any real screen costs: VITA's style sheet, a label that shows its text as plain text, a
  field and a button (the first text drawn loads the font database). The app's own part is what it takes
  beyond this one.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6 import QtCore, QtWidgets

SHOW_TIMEOUT_S = 10.0


def wait_until_shown(app: QtWidgets.QApplication, window: QtWidgets.QWidget) -> None:
    """Run the event loop until the window is on screen (exposed), at most SHOW_TIMEOUT_S."""
    deadline = time.monotonic() + SHOW_TIMEOUT_S
    while time.monotonic() < deadline:
        handle = window.windowHandle()
        if handle is not None and handle.isExposed():
            return
        app.processEvents(QtCore.QEventLoop.ProcessEventsFlag.AllEvents, 20)


def report_shown() -> None:
    """What `vita --exit-when-shown` prints for the benchmark: the moment on the shared monotonic clock."""
    print(f"shown {time.perf_counter():.6f}", flush=True)


def run_bare_window(on_shown: Callable[[], object] = report_shown, styled: bool = False) -> int:
    app = QtWidgets.QApplication(["VITA"])
    window = QtWidgets.QWidget()
    window.setWindowTitle("VITA")
    window.resize(1024, 600)
    if styled:
        from vita.gui.qt_values import set_enum
        from vita.gui.typography import load_style_sheet

        app.setStyleSheet(load_style_sheet())
        label = QtWidgets.QLabel("Enter the passphrase to open the interviews on this computer.")
        set_enum(label, "textFormat", "PlainText")
        field = QtWidgets.QLineEdit()
        field.setEchoMode(QtWidgets.QLineEdit.EchoMode.Password)
        column = QtWidgets.QVBoxLayout(window)
        for widget in (label, field, QtWidgets.QPushButton("Unlock   [Enter]")):
            column.addWidget(widget)
    window.show()
    wait_until_shown(app, window)
    on_shown()
    return 0
