"""First start: set the passphrase, saying what it protects and what is lost if it is forgotten.
Later starts, and after the auto-lock: ask for it. The store is opened on the GUI thread, which is the one
thread allowed to use it; the scrypt wait (about half a second) is announced before it starts."""

from __future__ import annotations

from PySide6 import QtCore, QtWidgets

from vita.store import StoreError

from vita.gui.context import AppContext
from vita.gui.texts import explain
from vita.gui.widgets import KeyButton, key_action, label, line_edit

FIRST_START_TEXT = (
    "VITA keeps the answers of every interview on this computer, encrypted with a passphrase that you choose now. "
    "Without it nobody can read them — not a thief, not another program, and not you: if the passphrase is "
    "forgotten, the stored interviews cannot be recovered by anyone. Records you have already exported are not "
    "affected. Choose a short sentence you will remember, of at least 8 characters, and keep it as you keep "
    "your work keys."
)
UNLOCK_TEXT = "The interviews on this computer are encrypted. Enter the passphrase to open them."
LOCKED_TEXT = "VITA locked itself after {minutes} without use. Nothing was lost. Enter the passphrase to go on."


class UnlockScreen(QtWidgets.QWidget):
    unlocked = QtCore.Signal(object)  # the opened Store

    def __init__(self, context: AppContext) -> None:
        super().__init__()
        self.context = context
        self.setAccessibleName("Unlock VITA")
        t = context.typography
        self.title = label("", t, "title", bold=True)
        self.explanation = label("", t, "info")
        self.passphrase = line_edit(t, "Passphrase")
        self.passphrase.setEchoMode(QtWidgets.QLineEdit.EchoMode.Password)
        self.repeat = line_edit(t, "Passphrase again")
        self.repeat.setEchoMode(QtWidgets.QLineEdit.EchoMode.Password)
        self.repeat_label = label("The same passphrase again:", t)
        self.status = label("", t, "error", name="Problem")
        self.status.setVisible(False)
        self.submit_action = key_action(self, "Unlock", "Return", self.submit, "Enter")
        self.submit_button = KeyButton(self.submit_action, t, primary=True)

        column = QtWidgets.QVBoxLayout()
        column.setSpacing(14)
        for widget in (self.title, self.explanation, label("Passphrase:", t), self.passphrase, self.repeat_label,
                       self.repeat, self.status, self.submit_button):  # fmt: skip
            column.addWidget(widget)
        column.addStretch(1)
        outer = QtWidgets.QHBoxLayout(self)
        outer.addStretch(1)
        outer.addLayout(column, 4)
        outer.addStretch(1)
        self.prepare()

    @property
    def creating(self) -> bool:
        return not self.context.paths.database.is_file()  # no import of the store before the window shows

    def prepare(self, locked_after_minutes: float | None = None) -> None:
        """Show the right form: first start, unlock, or unlock after the auto-lock."""
        creating = self.creating
        self.title.setText("Set a passphrase to protect the answers" if creating else "Enter the passphrase")
        if creating:
            self.explanation.setText(FIRST_START_TEXT)
        elif locked_after_minutes is not None:
            self.explanation.setText(LOCKED_TEXT.format(minutes=_minutes(locked_after_minutes)))
        else:
            self.explanation.setText(UNLOCK_TEXT)
        self.repeat.setVisible(creating)
        self.repeat_label.setVisible(creating)
        self.submit_action.setText("Set passphrase and start" if creating else "Unlock")
        self.passphrase.clear()
        self.repeat.clear()
        self._show_problem("")
        self.passphrase.setEnabled(True)
        self.passphrase.setFocus()

    def initial_focus(self) -> QtWidgets.QWidget:
        return self.passphrase

    def _show_problem(self, text: str) -> None:
        self.status.setText(text)
        self.status.setVisible(bool(text))

    def submit(self) -> None:
        """Enter: on first start, Enter in the first field moves on to the second."""
        passphrase = self.passphrase.text()
        if self.creating and self.passphrase.hasFocus() and not self.repeat.text():
            self.repeat.setFocus()
            return
        if self.creating:
            from vita.store import passphrase_problem  # the store loads after the window is on screen

            problem = passphrase_problem(passphrase)
            if problem:
                self._show_problem(f"Choose another passphrase: {problem}.")
                self.passphrase.setFocus()
                return
            if passphrase != self.repeat.text():
                self._show_problem("The two passphrases are not the same. Type them again.")
                self.repeat.clear()
                self.repeat.setFocus()
                return
        elif not passphrase:
            self._show_problem("Type the passphrase first.")
            return
        self._show_problem("")
        self.passphrase.setEnabled(False)
        self.submit_action.setEnabled(False)
        QtWidgets.QApplication.setOverrideCursor(QtCore.Qt.CursorShape.WaitCursor)
        # Let the "opening" state paint before the key derivation holds the thread for about half a second.
        QtCore.QTimer.singleShot(0, lambda: self._open(passphrase))

    def _open(self, passphrase: str) -> None:
        from vita.store import Store

        path = self.context.paths.database
        store: Store | None = None
        problem = ""
        try:
            if self.creating:
                cost = self.context.kdf_cost
                store = (
                    Store.create(path, passphrase) if cost is None else Store.create(path, passphrase, kdf_cost=cost)
                )
            else:
                store = Store.open(path, passphrase)
        except StoreError as error:
            problem = explain(error)
        finally:
            QtWidgets.QApplication.restoreOverrideCursor()
            self.submit_action.setEnabled(True)
            self.passphrase.setEnabled(True)
        if store is None:
            self._show_problem(problem)
            self.passphrase.selectAll()
            self.passphrase.setFocus()
            return
        self.passphrase.clear()
        self.repeat.clear()
        self.unlocked.emit(store)


def _minutes(value: float) -> str:
    if value < 1:
        return f"{round(value * 60)} seconds"
    whole = round(value)
    return "1 minute" if whole == 1 else f"{whole} minutes"
