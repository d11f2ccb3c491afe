"""The window's frame around the screens: a strip at the top (the screen's name, the case on screen, the hide
key), a notice when there is no sound, the screens themselves, and the blank panel that quick-hide shows."""

from __future__ import annotations

from PySide6 import QtCore, QtGui, QtWidgets

from vita.gui.privacy import BlankPanel
from vita.gui.typography import Typography
from vita.gui.widgets import CurrentPageStack, KeyButton, label


class WindowFrame(QtWidgets.QStackedWidget):
    """Page 0: the bar, the notice and the screens; page 1: the blank panel."""

    def __init__(self, typography: Typography, hide_action: QtGui.QAction, hide_key: str) -> None:
        super().__init__()
        t = typography
        self.title = label("VITA", t, "title", bold=True)
        self.title.setWordWrap(False)
        self.context_line = label("", t, name="Interview")
        bar = QtWidgets.QFrame()
        bar.setObjectName("TopBar")
        bar_layout = QtWidgets.QHBoxLayout(bar)
        bar_layout.setContentsMargins(14, 6, 14, 6)
        bar_layout.addWidget(self.title)
        bar_layout.addSpacing(20)
        bar_layout.addWidget(self.context_line, 1)
        self.busy = label("", t, "notice", name="Working")
        self.busy.setWordWrap(False)
        self.busy.setVisible(False)
        self._busy_cursor = False
        bar_layout.addWidget(self.busy)
        bar_layout.addWidget(KeyButton(hide_action, t))
        self.sound_notice = label("", t, "notice", name="Sound")
        self.sound_notice.setVisible(False)
        self.screens = CurrentPageStack()
        # A screen larger than the window (a small screen, 150 % scaling) scrolls instead of falling off it.
        self.scroller = QtWidgets.QScrollArea()
        self.scroller.setWidgetResizable(True)
        self.scroller.setFrameShape(QtWidgets.QFrame.Shape.NoFrame)
        self.scroller.setAccessibleName("Screen")
        self.scroller.setWidget(self.screens)

        page = QtWidgets.QWidget()
        column = QtWidgets.QVBoxLayout(page)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(bar)
        column.addWidget(self.sound_notice)
        column.addWidget(self.scroller, 1)
        self.blank = BlankPanel(t, hide_key)
        self.blank.addAction(hide_action)
        self.addWidget(page)
        self.addWidget(self.blank)

    def show_busy(self, text: str) -> None:
        """Say what runs in the background (a wait cursor too); "" when nothing does."""
        self.busy.setText(text)
        self.busy.setVisible(bool(text))
        if bool(text) != self._busy_cursor:
            self._busy_cursor = bool(text)
            if text:
                QtWidgets.QApplication.setOverrideCursor(QtCore.Qt.CursorShape.BusyCursor)
            else:
                QtWidgets.QApplication.restoreOverrideCursor()

    @property
    def hidden(self) -> bool:
        return self.currentWidget() is self.blank

    def blank_out(self) -> None:
        self.setCurrentWidget(self.blank)
        self.blank.setFocus()

    def reveal(self) -> None:
        self.setCurrentIndex(0)
