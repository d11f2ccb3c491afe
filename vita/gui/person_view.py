"""The person's window: only the current message in their script and the large answer symbols, so they can
read along or point. Nothing about the case is ever on it. Full screen on a second monitor when there is one;
on a single screen it covers the officer's window until the officer presses the same key again."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6 import QtCore, QtGui, QtWidgets

from vita.content.model import Answer

from vita.gui.screens.interview import PersonFrame
from vita.gui.symbols import answer_pixmap
from vita.gui.typography import Typography
from vita.gui.widgets import FittingLabel, refresh_style

SYMBOL_SIZE = 150


class PersonView(QtWidgets.QWidget):
    def __init__(self, typography: Typography, actions: Iterable[QtGui.QAction]) -> None:
        super().__init__(None, QtCore.Qt.WindowType.Window)
        self.setObjectName("PersonView")
        self.setWindowTitle("VITA")
        self.setAccessibleName("Message for the person")
        # The officer's keys keep working while this window is in front.
        self.addActions(list(actions))
        self.message = FittingLabel(typography, "person-message", "The message", largest=6.0)
        self.symbols: dict[Answer, QtWidgets.QLabel] = {}
        row = QtWidgets.QHBoxLayout()
        row.setSpacing(24)
        row.addStretch(1)
        for answer in Answer:
            if answer is Answer.NO_ANSWER:  # "no reaction" is the officer's observation, not an answer to point at
                continue
            symbol = QtWidgets.QLabel()
            symbol.setPixmap(answer_pixmap(answer, SYMBOL_SIZE, self.devicePixelRatioF()))
            symbol.setAccessibleName(answer.value.replace("_", " "))
            symbol.setAlignment(QtCore.Qt.AlignmentFlag.AlignCenter)
            symbol.setFixedSize(SYMBOL_SIZE + 24, SYMBOL_SIZE + 24)
            self.symbols[answer] = symbol
            row.addWidget(symbol)
        row.addStretch(1)
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(48, 36, 48, 36)
        layout.addWidget(self.message, 1)
        layout.addLayout(row)

    def show_frame(self, frame: PersonFrame) -> None:
        self.message.show_text(frame.text, frame.script, frame.is_rtl, align_center=True)
        for answer, symbol in self.symbols.items():
            symbol.setVisible(frame.is_question)
            symbol.setProperty("chosen", "true" if frame.answer is answer else "false")
            refresh_style(symbol)

    def fit_symbols(self, screen_width: int) -> None:
        """Symbols as large as fit side by side on the screen (up to SYMBOL_SIZE): on a small or scaled screen
        (1366×768 at 150 % is 910 logical pixels wide) the last one must not fall off the edge."""
        count = len(self.symbols)
        room = screen_width - 2 * 48 - 24 * (count - 1)
        size = max(48, min(SYMBOL_SIZE, room // count - 24))
        for answer, symbol in self.symbols.items():
            symbol.setPixmap(answer_pixmap(answer, size, self.devicePixelRatioF()))
            symbol.setFixedSize(size + 24, size + 24)

    def present(self, screens: list[QtGui.QScreen], officer_screen: QtGui.QScreen | None) -> None:
        """Full screen on another monitor if there is one, else over the officer's window."""
        others = [s for s in screens if s is not officer_screen]
        target = others[0] if others else officer_screen
        if target is not None:
            self.setScreen(target)
            self.setGeometry(target.geometry())
            self.fit_symbols(target.geometry().width())
        self.showFullScreen()
        if not others:
            self.raise_()
            self.activateWindow()
