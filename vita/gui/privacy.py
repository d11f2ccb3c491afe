"""Quick-hide and auto-lock.

Quick-hide blanks the window at one key press (someone walks up to the desk) and brings it back at the same
key. The auto-lock watches the officer's input and, after the idle time set in the settings, closes the store
and asks for the passphrase again. Both are plain widgets and one single-shot timer; nothing polls.
"""

from __future__ import annotations

from PySide6 import QtCore, QtWidgets

from vita.gui.qt_values import set_enum
from vita.gui.typography import Typography
from vita.gui.widgets import plain_label

INPUT_EVENTS = {
    QtCore.QEvent.Type.KeyPress,
    QtCore.QEvent.Type.ShortcutOverride,  # a key that is a shortcut never arrives as a KeyPress
    QtCore.QEvent.Type.Shortcut,
    QtCore.QEvent.Type.MouseButtonPress,
    QtCore.QEvent.Type.MouseMove,
    QtCore.QEvent.Type.Wheel,
    QtCore.QEvent.Type.TouchBegin,
}


class IdleLock(QtCore.QObject):
    """Emits `idle` once when no key, click or mouse movement reached the app for the armed time.

    It watches the application's events only while armed: a filter on the whole application is called for every
    event of every widget, and before the first unlock (the window being put on screen) nothing needs watching."""

    idle = QtCore.Signal()

    def __init__(self, app: QtCore.QCoreApplication, parent: QtCore.QObject | None = None) -> None:
        super().__init__(parent)
        self._timer = QtCore.QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.idle.emit)
        self.minutes = 0.0
        self._app: QtCore.QCoreApplication | None = app

    def detach(self) -> None:
        """Stop watching for good. Called when the window closes: a filter left on the application would outlive
        its window, and Python may then free it on whatever thread collects garbage while Qt still calls it."""
        self.disarm()
        self._app = None

    @property
    def armed(self) -> bool:
        return self._timer.isActive()

    def arm(self, minutes: float) -> None:
        """Start watching; 0 or less turns the auto-lock off."""
        self.minutes = minutes
        if minutes <= 0 or self._app is None:
            self.disarm()
            return
        self._timer.start(max(1, int(minutes * 60_000)))
        self._app.installEventFilter(self)  # installed once however often it is armed (Qt moves it to the front)

    def disarm(self) -> None:
        self._timer.stop()
        if self._app is not None:
            self._app.removeEventFilter(self)  # ignored when it is not installed

    def eventFilter(self, watched: QtCore.QObject, event: QtCore.QEvent) -> bool:
        if self._timer.isActive() and event.type() in INPUT_EVENTS:
            self._timer.start()  # restart with the same interval
        return False


class BlankPanel(QtWidgets.QFrame):
    """What the window shows while hidden: a plain surface that says nothing about VITA's work (a frame, which
    paints the style sheet's background by itself)."""

    def __init__(self, typography: Typography, key: str) -> None:
        super().__init__()
        self.setObjectName("Blank")
        self.setAccessibleName("Hidden")
        hint = plain_label(f"[{key}]")
        hint.setAccessibleName(f"Press {key} to show the window again")
        typography.apply(hint, "small")
        set_enum(hint, "alignment", "AlignRight|AlignVCenter")
        layout = QtWidgets.QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(hint)
