"""The person's window: only the current message in their script and the large answer symbols, so they can
read along or point. Nothing about the case is ever on it. Full screen on a second monitor when there is one;
on a single screen it covers the officer's window until the officer presses the same key again."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6 import QtCore, QtGui, QtWidgets

from vita.content.model import PERSON_ANSWERS, Answer

from vita.gui.person_frame import PersonFrame
from vita.gui.symbols import answer_pixmap
from vita.gui.typography import Typography
from vita.gui.widgets import FittingLabel, ScriptLabel, plain_label, refresh_style

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
        self.words: dict[Answer, ScriptLabel] = {}  # the answer's word in the person's language, under its symbol
        self._boxes: list[QtWidgets.QWidget] = []
        row = QtWidgets.QHBoxLayout()
        row.setSpacing(24)
        row.addStretch(1)
        for answer in PERSON_ANSWERS:  # "no reaction" is the officer's observation, not an answer to point at
            symbol = plain_label()
            symbol.setPixmap(answer_pixmap(answer, SYMBOL_SIZE, self.devicePixelRatioF()))
            symbol.setAccessibleName(answer.value.replace("_", " "))
            symbol.setAlignment(QtCore.Qt.AlignmentFlag.AlignCenter)
            symbol.setFixedSize(SYMBOL_SIZE + 24, SYMBOL_SIZE + 24)
            word = ScriptLabel(typography, "person-word", PERSON_ANSWERS[answer])
            word.setAlignment(QtCore.Qt.AlignmentFlag.AlignHCenter | QtCore.Qt.AlignmentFlag.AlignTop)
            word.setWordWrap(True)
            word.setFixedWidth(SYMBOL_SIZE + 24)
            box = QtWidgets.QWidget()
            column = QtWidgets.QVBoxLayout(box)
            column.setContentsMargins(0, 0, 0, 0)
            column.addWidget(symbol, 0, QtCore.Qt.AlignmentFlag.AlignHCenter)
            column.addWidget(word)
            self.symbols[answer] = symbol
            self.words[answer] = word
            self._boxes.append(box)
            row.addWidget(box)
        row.addStretch(1)
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(48, 36, 48, 36)
        layout.addWidget(self.message, 1)
        layout.addLayout(row)

    def show_frame(self, frame: PersonFrame) -> None:
        self.message.show_text(frame.text, frame.script, frame.is_rtl, align_center=True)
        for box in self._boxes:
            box.setVisible(frame.is_question)
        for answer, symbol in self.symbols.items():
            symbol.setProperty("chosen", "true" if frame.answer is answer else "false")
            refresh_style(symbol)
            # Content text is never markup: show_text sets it as plain text in the person's script.
            self.words[answer].show_text(frame.words.get(answer, PERSON_ANSWERS[answer]), frame.script, frame.is_rtl)

    def fit_symbols(self, screen_width: int) -> None:
        """Symbols as large as fit side by side on the screen (up to SYMBOL_SIZE): on a small or scaled screen
        (1366×768 at 150 % is 910 logical pixels wide) the last one must not fall off the edge."""
        count = len(self.symbols)
        room = screen_width - 2 * 48 - 24 * (count - 1)
        size = max(48, min(SYMBOL_SIZE, room // count - 24))
        for answer, symbol in self.symbols.items():
            symbol.setPixmap(answer_pixmap(answer, size, self.devicePixelRatioF()))
            symbol.setFixedSize(size + 24, size + 24)
            self.words[answer].setFixedWidth(size + 24)

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
